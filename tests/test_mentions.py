"""Target mentions: token-sequence matching of aliases, joint forms, scripts and English."""

from __future__ import annotations

import pytest

from stance.errors import LexiconError
from stance.measure.mentions import TargetIndex, TermMatcher, find_mentions
from stance.text.normalise import normalise_text

from ._stance_fixtures import lexicons, segmenter


def mentions(text: str):
    index = TargetIndex.from_lexicons(lexicons())
    norm = normalise_text(text)
    return [(m.alias, m.targets) for m in find_mentions(text, norm, segmenter().cut(norm), index)]


def test_alias_is_reported_as_written_in_traditional_script():
    assert mentions("美國與中方的談判陷入僵局") == [("美國", ("us",)), ("中方", ("china",))]


def test_no_mention_inside_a_longer_word():
    index = TargetIndex.from_lexicons(lexicons())
    tokens = ("中国人", "喜欢", "北京市", "的", "公园")
    assert find_mentions("中国人喜欢北京市的公园", "中国人喜欢北京市的公园", tokens, index) == []


def test_joint_form_names_every_target_in_order():
    assert mentions("美日澳三国签署协议") == [("美日澳", ("us", "japan", "australia"))]
    assert mentions("中美关系出现缓和") == [("中美关系", ("china", "us"))]


def test_longest_alias_wins():
    assert mentions("美国国防部宣布新预算") == [("美国国防部", ("us",))]


def test_regional_transliteration_is_its_own_alias():
    index = TargetIndex.from_lexicons(lexicons())
    assert index.aliases["川普"].targets == ("us",)
    assert index.aliases["川普"].register == "regional_transliteration"
    assert index.aliases["中共"].register == "partisan"


def test_english_aliases_match_lower_cased_but_capitals_only_as_written():
    assert mentions("The United States and China met in Geneva.") == [
        ("United States", ("us",)),
        ("China", ("china",)),
    ]
    assert mentions("The US said so.") == [("US", ("us",))]
    assert mentions("They told us the plan worked.") == []


def test_firm_alias_carries_half_weight():
    index = TargetIndex.from_lexicons(lexicons())
    assert index.aliases["华为"].weight == 0.5
    assert index.aliases["华为"].alias_kind == "firm"


def test_resolve_accepts_ids_and_aliases_in_either_script():
    index = TargetIndex.from_lexicons(lexicons())
    assert index.resolve("us") == ("us",)
    assert index.resolve("美國") == ("us",)
    assert index.resolve("China") == ("china",)
    assert index.resolve("火星") == ()


def test_split_token_made_of_known_terms_only():
    matcher = TermMatcher({"摆脱", "困境", "中国"})
    units = matcher.units("摆脱困境中国人", ("摆脱困境", "中国人"))
    assert [u.text for u in units] == ["摆脱", "困境", "中国人"]


def test_no_targets_lexicon_is_an_error():
    with pytest.raises(LexiconError, match="no lexicon of kind 'targets'"):
        TargetIndex.from_lexicons({})
