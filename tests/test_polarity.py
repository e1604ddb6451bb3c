"""The rule-based stance scorer on sentences written for these tests (not from the seeds)."""

from __future__ import annotations

import pytest

from stance.errors import LexiconError
from stance.measure.polarity import MENTION_COLUMNS, build_scorer, score_article

from ._stance_fixtures import article, lexicons, score


def test_negated_escape_from_dependence_is_low_potency():
    result = score("美国无法摆脱依赖。")
    assert result["us"].potency == -1.0
    assert score("美国正在摆脱依赖。")["us"].potency == 1.0


def test_dependence_on_a_target_is_leverage_for_it():
    result = score("美国仍然无法摆脱对中国的依赖。")
    assert (result["us"].potency, result["china"].potency) == (-1.0, 0.5)
    direct = score("澳大利亚依赖中国市场。")
    assert (direct["australia"].potency, direct["china"].potency) == (-1.0, 0.5)


def test_denied_failure_is_not_failure():
    assert score("日本的改革失败了。")["japan"].potency == -1.0
    denied = score("日本的改革并非失败。")["japan"].potency
    assert 0.0 <= denied < 0.5


def test_later_clause_of_a_contrast_weighs_more():
    assert score("印度技术领先,但印度资金短缺。")["india"].potency == -0.5
    assert score("印度资金短缺,但印度技术领先。")["india"].potency == 0.5


def test_comparison_moves_the_two_parties_apart():
    result = score("日本的产量远低于澳大利亚。")
    assert (result["japan"].potency, result["australia"].potency) == (-0.8, 0.8)


def test_comparison_of_a_cost_is_reversed():
    result = score("日本的成本远高于澳大利亚。")
    assert (result["japan"].potency, result["australia"].potency) == (-0.8, 0.8)


def test_more_than_a_quantity_is_not_a_comparison():
    # 超过七成 is a share, not a comparison between parties: the share alone speaks (implicit
    # potency), and no comparison cue is read.
    result = score("全球超过七成的专利在中国手中。")["china"]
    assert (result.potency, result.cues) == (0.8, ("超过七成(share) potency +0.80",))


def test_reported_speech_records_the_speaker():
    result = score("欧盟委员会发言人表示,俄罗斯的做法是胁迫。")
    assert result["russia"].evaluation == -1.0
    assert result["russia"].speaker == "欧盟委员会发言人"
    assert result["eu"].speaker == "author"


def test_target_in_the_speakers_title_and_in_the_speech_is_the_speakers():
    assert score("日本官员表示,日本将重新审视协议。")["japan"].speaker == "日本官员"
    assert score("中国外交部表示,会谈将于下周恢复。")["china"].speaker == "author"


def test_a_speaker_does_not_blame_itself_for_a_fault_it_names():
    # 胁迫 is nobody's here: not the speaker's, whose voice it is.
    assert score("美国表示,胁迫行不通。")["us"].evaluation == 0.0
    assert score("美方传递的信号很明确:霸凌行不通。")["us"].evaluation == 0.0
    # named, the fault's author is blamed, in the speaker's voice
    result = score("美国表示,中国的胁迫行不通。")["china"]
    assert (result.evaluation, result.speaker) == (-1.0, "美国")


def test_a_word_of_saying_after_a_possessive_is_a_noun_unless_cited():
    assert score("白宫的声明充满谎言。")["us"].speaker == "author"
    assert score("根据新华社的报道,中国已完成谈判。")["china"].speaker == "新华社"


def test_a_correction_ends_the_claim_it_reports():
    result = score("白宫声称加征关税是为了保护工人,实际上是保护主义。")["us"]
    assert result.evaluation < 0
    assert "保护主义 evaluation -1.00" in result.cues


def test_an_oblique_alias_is_not_coordinated_with_the_name_before_it():
    result = score("美国对华施压取得了成效。")
    assert result["china"].evaluation == 0.0
    assert result["china"].potency < 0 < result["us"].potency


def test_pronoun_speaker_is_the_previous_speaker():
    rows = score_article(
        article("印度总理莫迪表示,印度不会屈服。", "他还说,俄罗斯是可靠的伙伴。"), lexicons()
    )
    speakers = {(r.sentence_index, r.target): r.speaker for r in rows}
    assert speakers[(0, "india")] == "印度总理莫迪"
    assert speakers[(1, "russia")] == "印度总理莫迪"


def test_one_sentence_two_targets_opposite_cues():
    result = score("美国霸凌邻国,中国则信守承诺。")
    assert result["us"].evaluation == -1.0
    assert result["china"].evaluation == 1.0


def test_joint_form_gives_every_named_target_the_cue():
    result = score("美日澳主导新的供应链。")
    assert {t: r.potency for t, r in result.items()} == {"us": 1.0, "japan": 1.0, "australia": 1.0}
    assert result["japan"].alias == "美日澳"


def test_an_attempt_is_not_a_success():
    assert score("俄罗斯主导市场。")["russia"].potency == 1.0
    assert score("俄罗斯试图主导市场。")["russia"].potency == pytest.approx(0.05)
    # a possible success is not a success either: 可能 (0.5) damps by 0.5 and by 0.5 x 0.2
    assert score("俄罗斯可能主导市场。")["russia"].potency == pytest.approx(0.05)
    # trying to leave a bad state presupposes being in it
    assert score("俄罗斯试图摆脱困境。")["russia"].potency == -0.5


def test_firm_counts_half_for_its_country():
    assert score("华为取得突破。")["china"].potency == 0.5


def test_passive_control_makes_the_subject_the_patient():
    result = score("日本被美国压制。")
    assert (result["japan"].potency, result["us"].potency) == (-1.0, 1.0)


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("美国仍然无法摆脱对中国的依赖。", "美國仍然無法擺脫對中國的依賴。"),
        ("虽然台湾技术领先,但台湾能源短缺。", "雖然臺灣技術領先,但臺灣能源短缺。"),
        ("俄罗斯发言人称,欧盟的制裁是霸凌。", "俄羅斯發言人稱,歐盟的制裁是霸凌。"),
    ],
)
def test_traditional_script_scores_like_simplified(simplified, traditional):
    a, b = score(simplified), score(traditional)
    assert sorted(a) == sorted(b)
    for target in a:
        assert (a[target].evaluation, a[target].potency, a[target].cues) == (
            b[target].evaluation,
            b[target].potency,
            b[target].cues,
        )


def test_anaphoric_sentence_inherits_the_previous_topic():
    rows = score_article(article("美国依赖进口稀土。", "这种依赖令其十分被动。", "天气很好。"), lexicons())
    second = [r for r in rows if r.sentence_index == 1]
    assert [(r.target, r.inherited, r.potency) for r in second] == [("us", True, -1.0)]
    assert [r for r in rows if r.sentence_index == 2] == []


def test_english_dependence():
    result = score("The US remains heavily dependent on China.")
    assert (result["us"].potency, result["china"].potency) == (-1.0, 0.75)


def test_score_text_for_one_target_accepts_an_alias_and_scores_zero_when_absent():
    result = score("日本的产量远低于澳大利亚。", "日本")
    assert list(result) == ["japan"]
    absent = score("日本的产量远低于澳大利亚。", "us")["us"]
    assert (absent.evaluation, absent.potency, absent.alias) == (0.0, 0.0, "")


def test_rows_have_the_mentions_columns_and_readable_cues():
    row = score_article(article("美国仍然无法摆脱对中国的依赖。"), lexicons())[1]
    assert tuple(row.as_row()) == MENTION_COLUMNS
    assert row.as_row()["cues"] == "无法+摆脱+依赖 potency -1.00"


def test_furniture_is_not_scored():
    art = article("美国失败了。")
    furniture = art.sentences[0].__class__(**{**art.sentences[0].__dict__, "kind": "furniture"})
    assert score_article(art.__class__(**{**art.__dict__, "sentences": (furniture,)}), lexicons()) == []


def test_missing_cue_lexicon_is_an_error():
    with pytest.raises(LexiconError, match="no 'stance_cues' lexicon"):
        build_scorer({"targets": lexicons()["targets"]})


def test_speech_before_a_closing_attribution_verb_is_reported():
    assert score("China's curbs are illegal, the minister said.")["china"].speaker == "minister"
    assert score("China's curbs are illegal, said Mr Smith.")["china"].speaker == "Mr Smith"
    assert score("日本的做法是胁迫,俄罗斯外交部表示。")["japan"].speaker == "俄罗斯外交部"


def test_english_possessive_is_a_mention():
    result = score("Beijing's lawful measures were welcomed.")
    assert set(result) == {"china"} and result["china"].evaluation > 0


def test_scare_quotes_reverse_the_quoted_praise():
    assert score("日本所谓的“公平竞争”。")["japan"].evaluation == -0.8
    assert score("日本的“公平竞争”。")["japan"].evaluation == 0.8
    # a label with a target inside (所谓的“俄罗斯威胁”) is rejected whole: the target is no
    # mention and the fault asserts nothing, of anyone
    assert "russia" not in score("所谓的“俄罗斯威胁”。")
    assert score("日本所谓的“俄罗斯威胁”。")["japan"].evaluation < 0
    # the marker reaches only into its quotation
    assert score("日本所谓的“合作”实为胁迫。")["japan"].evaluation == -1.0


def test_negation_of_an_embedded_event_keeps_the_evaluation():
    result = score("绝不能让印度的阴谋得逞。")["india"]
    assert (result.evaluation, result.potency) == (-1.0, -1.0)
    assert score("印度的阴谋无法得逞。")["india"].evaluation == -1.0


def test_certainty_adverb_is_not_praise():
    assert score("日本肯定会输。")["japan"].evaluation == 0.0
    assert score("日本肯定会输。")["japan"].potency < 0
    assert score("俄罗斯肯定了日本的努力。")["japan"].evaluation > 0


def test_rhetorical_question_asserts_the_opposite():
    assert score("难道日本的做法合法吗?")["japan"].evaluation < 0


def test_partisan_name_is_a_weak_author_signal():
    assert score("中共宣布了新的措施。")["china"].evaluation == -0.15
    assert score("中国宣布了新的措施。")["china"].evaluation == 0.0
    assert score("川普宣布了新的措施。")["us"].evaluation == 0.0  # a regional transliteration


def test_a_limited_small_share_is_weakness_and_dependence_is_not_a_share():
    assert score("日本仅占全球产量的3%。")["japan"].potency == -0.5
    assert score("日本占全球产量的3%。")["japan"].potency == 0.0
    assert score("日本九成的稀土依赖中国。")["japan"].potency == -1.0


def test_rhetorical_question_reverses_what_follows_its_marker():
    assert score("难道日本的做法合法吗?")["japan"].evaluation == -1.0
    assert score("日本何曾威胁过邻国?")["japan"].evaluation > 0
    # no marker: a plain yes/no question asks whether, and asserts almost nothing
    assert score("日本的做法合法吗?")["japan"].evaluation == pytest.approx(0.08)  # 合法 is 1.0
    assert score("难道日本的做法合法。")["japan"].evaluation == 1.0  # no question mark


def test_passive_agent_takes_the_cue_and_the_patient_loses():
    result = score("日本的封锁被俄罗斯成功突破。")
    assert result["russia"].potency > 0 > result["japan"].potency


def test_shares_in_words_and_negligible_shares():
    assert score("日本的镓产量几乎为零。")["japan"].potency == -0.5
    assert score("全球三分之二的电池由日本生产。")["japan"].potency == 0.8
    assert score("一成左右的产量来自日本。")["japan"].potency == 0.0  # 左右 after a number is "about"


def test_english_prepositions_mark_the_object():
    result = score("The Japanese sanctions on Russia failed.")
    assert result["japan"].potency < 0  # the sanctions failed, not Russia
    assert score("Russia depends on the Japanese market.")["japan"].potency == 0.5
    both = score("The deal is mutually beneficial for Japan and Australia.")
    assert both["japan"].evaluation == both["australia"].evaluation == 1.0


def test_english_passive_and_appraisal_without_an_appraised_target():
    assert score("Russian firms were crushed.")["russia"].potency < 0
    assert score("Russian firms were sanctioned.")["russia"].potency == 0.0  # merely reported
    assert score("Japan was bullied.")["japan"].evaluation == 0.0  # the bully is judged, not Japan
    assert score("India condemned the move.")["india"].evaluation == 0.0
    assert score("日本广受称赞。")["japan"].evaluation > 0  # receiving praise


def test_according_to_names_the_speaker():
    assert score("According to Reuters, Japan's curbs are illegal.")["japan"].speaker == "Reuters"
    assert score("Japan's curbs are illegal, according to officials.")["japan"].speaker == "officials"


def test_speech_ends_where_the_author_resumes_after_a_contrast():
    rows = score_article(article("日本宣称其关税合法，但多国批评此举违反规则。"), lexicons())
    assert [r.speaker for r in rows if r.target == "japan"] == ["author"]


def test_a_sea_is_not_a_country():
    assert "china" not in score("The Japanese navy patrols the South China Sea.")


def test_causative_credits_the_causee_or_the_causer_of_others_weakness():
    assert score("日本的管制让各国束手无策。")["japan"].potency > 0
    result = score("日本的制裁使俄罗斯更加强大。")
    assert result["russia"].potency > 0
    assert score("日本的政策让自己陷入困境。")["japan"].potency < 0


def test_exhortation_speaks_of_the_party_urged_only():
    assert score("日本呼吁各方保持克制。")["japan"].evaluation == 0.0
    assert score("日本敦促俄罗斯停止霸凌行径。")["russia"].evaluation == -0.75
    assert score("Japan urged Russia to respect the rules.")["russia"].evaluation < 0


def test_negated_hiding_keeps_what_is_hidden():
    assert score("俄罗斯无法掩饰其扩张野心。")["russia"].evaluation < 0


def test_a_moral_charge_counts_more_than_the_power_it_implies():
    result = score("日本胁迫邻国。")["japan"]
    assert result.evaluation + 0.5 * result.potency < 0


def test_claims_undercut_by_a_contrast_count_little():
    assert score("日本声称尊重盟友，却强迫对方让步。")["japan"].evaluation < 0


def test_english_scare_quotes_and_counts_out_of_a_ranking():
    assert score('Japan\'s "peaceful rise" came with a military build-up.')["japan"].evaluation < 0
    assert score('Japan\'s "peaceful rise" was praised, officials said.')["japan"].evaluation > 0
    assert score("Seven of the world's ten largest ports are in Japan.")["japan"].potency == 0.8
    assert score("Japan builds less than one percent of the world's ships.")["japan"].potency == -0.5
    assert score("全球最大的十个港口中有七个在日本。")["japan"].potency == 0.8


def test_an_active_appraisal_is_the_appraisers_voice():
    result = score("俄罗斯官员批评日本的做法。")["japan"]
    assert (result.evaluation, result.speaker) == (-1.0, "俄罗斯官员")
    assert score("日本遭到外界批评。")["japan"].speaker == "author"  # received, reported by the author


def test_a_struck_fault_that_wanes_scores_without_error():
    # 冲击 with an object is the striker's fault (an evaluation the cue itself does not carry);
    # a decline word after it then weighs that fault, not a strength, and a waning fault is
    # no virtue: it scores nothing (this once raised KeyError)
    waning = score("日本的过剩产能冲击市场的势头有所减弱。").get("japan")
    assert waning is None or (waning.evaluation, waning.potency) == (0.0, 0.0)
    # the first clause's strike is a fault still; the second's waning one is none
    assert score("日本产品冲击韩国市场，但冲击正在减弱。")["japan"].evaluation < 0
    assert score("日本的过剩产能正冲击东南亚市场。")["japan"].evaluation < 0
