"""Words a reader understands for the ids the tables use: targets, frames, dimensions, and a
source's position on a claim.

Unknown ids are shown readably all the same (``south_korea`` as "South Korea", a frame id with
its underscores as spaces), so a lexicon with new targets or frames needs no change here.

>>> target_name("us"), target_name("us+japan"), target_name("new_caledonia")
('the US', 'the US and Japan', 'New Caledonia')
>>> frame_label("alliance_cooperation"), frame_label("alliance_cooperation", "zh")
('Alliances and cooperation', '联盟与合作')
>>> position_words("us", "potency", "negative")
'shows the US as weak or failing'
>>> short_source("Epoch Times (大紀元)"), short_source("(unnamed)")
('Epoch Times', '(unnamed)')
>>> reveal_labels(chinese=True)["stance"]["show"], reveal_labels(chinese=True)["stance"]["hide_zh"]
('Show the scores and the stance map', '隐藏分数和立场图')
"""

from __future__ import annotations

import re

TARGET_NAMES = {
    "us": "the US",
    "china": "China",
    "japan": "Japan",
    "australia": "Australia",
    "pakistan": "Pakistan",
    "eu": "the EU",
    "russia": "Russia",
    "taiwan": "Taiwan",
    "uk": "the UK",
    "india": "India",
    "south_korea": "South Korea",
    "vietnam": "Vietnam",
    "philippines": "the Philippines",
}

# (English, Chinese) of the frames of the bundled lexicons.
FRAME_LABELS = {
    "economic": ("Economy", "经济"),
    "capacity_resources": ("Capacity and resources", "能力与资源"),
    "morality": ("Morality", "道德"),
    "fairness_equality": ("Fairness and equality", "公平与平等"),
    "legality": ("Law and legality", "法律与合法性"),
    "policy_prescription": ("Policy measures", "政策措施"),
    "crime_punishment": ("Crime and punishment", "犯罪与惩罚"),
    "security_defense": ("Security and defence", "安全与国防"),
    "health_safety": ("Health and safety", "健康与安全"),
    "quality_of_life": ("Quality of life", "生活质量"),
    "cultural_identity": ("Cultural identity", "文化认同"),
    "public_opinion": ("Public opinion", "公众舆论"),
    "political": ("Politics", "政治"),
    "external_regulation_reputation": ("International standing", "国际形象与规制"),
    "other": ("Other", "其他"),
    "dependency_vulnerability": ("Dependence and vulnerability", "依赖与脆弱"),
    "alliance_cooperation": ("Alliances and cooperation", "联盟与合作"),
    "competition_conflict": ("Competition and conflict", "竞争与冲突"),
    "control_dominance": ("Control and dominance", "控制与主导"),
    "technology_gap": ("Technology gap", "技术差距"),
    "feasibility_failure": ("Feasibility and failure", "可行性与失败"),
    "export_control_legitimacy": ("Legitimacy of export controls", "出口管制的正当性"),
}

# The quantities of the bundled figures lexicon, as a sentence names them.
QUANTITY_NAMES = {
    "share_output": "share of world output",
    "share_mining": "share of world mining",
    "share_refining": "share of world refining",
    "market_share": "market share",
    "import_dependence": "dependence on imports",
    "export_volume": "exports",
    "investment": "investment",
    "loan": "loans",
    "deal_value": "deal value",
    "tariff_rate": "tariff rate",
    "reserves": "reserves",
    "demand": "demand",
    "price": "price",
    "purity": "purity",
    "patent_share": "share of patents",
    "capacity_share": "share of capacity",
    "time_to_self_sufficiency": "time to self-sufficiency",
    "change": "change",
}

# Per dimension: what a positive and a negative position say, and what the dimension asks.
_POSITIONS = {
    "potency": ("shows {t} as strong, in control", "shows {t} as weak or failing"),
    "evaluation": ("portrays {t} favourably", "portrays {t} unfavourably"),
}
_SIDE_HEADINGS = {
    "potency": ("{T} is strong, in control", "{T} is weak or failing"),
    "evaluation": ("{T} comes off well", "{T} comes off badly"),
}
DIMENSION_QUESTIONS = {"potency": "how strong {t} is shown", "evaluation": "how favourably {t} is described"}
DIMENSION_NAMES = {"potency": "strength (potency)", "evaluation": "favourability (evaluation)"}


def _readable(identifier: str) -> str:
    words = identifier.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else identifier


def target_name(target: str) -> str:
    """A target id as a reader names it; joint targets (``us+japan``) joined with "and"."""
    parts = [TARGET_NAMES.get(p) or p.replace("_", " ").strip().title() for p in str(target).split("+") if p]
    if not parts:
        return str(target)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def quantity_name(quantity: str) -> str:
    """A figure's quantity id as words."""
    return QUANTITY_NAMES.get(quantity) or str(quantity).replace("_", " ")


def possessive(name: str) -> str:
    """``China's``, ``the US's``."""
    return f"{name}'" if name.endswith("s") and not name.endswith("US") else f"{name}'s"


def sentences(n: int) -> str:
    """``1 sentence``, ``2 sentences``.

    >>> sentences(1), sentences(0), sentences(12)
    ('1 sentence', '0 sentences', '12 sentences')
    """
    return f"{n} sentence" if n == 1 else f"{n} sentences"


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-case ("the US" -> "The US")."""
    return text[:1].upper() + text[1:]


def frame_label(frame: str, language: str = "en") -> str:
    """A frame id as a readable label, in English (``en``) or Chinese (``zh``; the English
    label when there is no Chinese one)."""
    english, chinese = FRAME_LABELS.get(frame, (_readable(frame), ""))
    return chinese if language == "zh" and chinese else english


def position_words(target: str, dimension: str, side: str) -> str:
    """What a source on ``side`` ("positive" or "negative") of a claim says of the target."""
    positive, negative = _POSITIONS.get(dimension, ("places {t} above zero", "places {t} below zero"))
    return (positive if side == "positive" else negative).format(t=target_name(target))


def side_heading(target: str, dimension: str, side: str) -> str:
    """The heading of a side's column on a claim card."""
    positive, negative = _SIDE_HEADINGS.get(dimension, ("{T}: above zero", "{T}: below zero"))
    return (positive if side == "positive" else negative).format(T=capitalised(target_name(target)))


# The parts a classroom copy (``stance report --classroom``) folds away, each under a "Show ..."
# control: (English, Chinese) of what the control shows.
REVEAL_PARTS = {
    "summary": ("the summary", "摘要"),
    "stance": ("the scores and the stance map", "分数和立场图"),
    "frames": ("the frame shares", "框架比例"),
    "card": ("the two sides", "双方立场"),
    "figures": ("the figures", "各方数字"),
    "keyness": ("the distinctive terms", "特色词"),
    "sentence_scores": ("each sentence's scores", "每句的分数"),
}
CLASSROOM_NOTE = (
    "Classroom copy: the summary, the scores, the stance map, the frame shares, the two sides of each "
    "claim, the figures and the distinctive terms are folded away so that you can guess first. Read the "
    "articles, write down your guess, then open a “Show” button to compare.",
    "课堂版：摘要、分数、立场图、框架比例、每个分歧的双方立场、各方数字和特色词都已折叠，请先猜再看。"
    "先读文章，写下你的判断，再点“显示”按钮对照。",
)
# What printing a classroom copy of report.html does (report.md leaves that to its viewer).
CLASSROOM_PRINT_NOTE = (
    "On paper the folded parts stay folded: open the ones to print before printing.",
    "打印时折叠的部分不会印出；要印的部分请先展开。",
)
TIP_SCORES_HIDDEN = (
    "Scores hidden: tick “Show each sentence's scores” above.",
    "分数已隐藏：勾选上方的“显示每句的分数”。",
)


def reveal_labels(*, chinese: bool) -> dict[str, dict[str, str]]:
    """Per folded part of a classroom copy: ``show`` and ``hide`` (the control's label while the
    part is folded and while it is open), and ``show_zh`` and ``hide_zh`` in Chinese, empty when
    ``chinese`` is false (a corpus with no Chinese article)."""
    return {
        part: {
            "show": f"Show {english}",
            "hide": f"Hide {english}",
            "show_zh": f"显示{zh}" if chinese else "",
            "hide_zh": f"隐藏{zh}" if chinese else "",
        }
        for part, (english, zh) in REVEAL_PARTS.items()
    }


_PARENTHESIS = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def short_source(source: str) -> str:
    """A source's name without a trailing parenthesis (the outlet's platform or original name),
    for sentences; the full name when nothing would be left."""
    short = _PARENTHESIS.sub("", str(source)).strip()
    return short or str(source)


def default_title(corpus_label: str) -> str:
    """The report's title when none is given: from the corpus's folder (or file) name.

    >>> default_title("rare-earths"), default_title("")
    ('How the sources compare: rare-earths', 'How the sources compare')
    """
    return f"How the sources compare: {corpus_label}" if corpus_label else "How the sources compare"
