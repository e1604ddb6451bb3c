"""Every instruction, question and note of a worksheet, in Chinese and English: one catalogue, so
the wording lives in one place and both languages stay side by side.

:func:`say` fills a catalogue entry's slots; a slot given as a :class:`Wording` is filled in
each language with that language's text.

>>> say("stance.title", target=target_label("us")).en
'How do the outlets portray the US?'
>>> say("stance.title", target=target_label("us")).zh
'各媒体怎样描写美国?'
"""

from __future__ import annotations

from collections.abc import Iterable

from stance.classroom.records import Wording

# (zh, en) of each target the bundled lexicon knows; others show their id.
TARGETS = {
    "us": ("美国", "the US"),
    "china": ("中国", "China"),
    "japan": ("日本", "Japan"),
    "australia": ("澳大利亚", "Australia"),
    "pakistan": ("巴基斯坦", "Pakistan"),
    "eu": ("欧盟", "the EU"),
    "russia": ("俄罗斯", "Russia"),
    "taiwan": ("台湾", "Taiwan"),
    "uk": ("英国", "the UK"),
    "india": ("印度", "India"),
    "south_korea": ("韩国", "South Korea"),
    "vietnam": ("越南", "Vietnam"),
    "philippines": ("菲律宾", "the Philippines"),
}
FRAMES = {
    "economic": ("经济", "economy"),
    "capacity_resources": ("能力与资源", "capacity and resources"),
    "morality": ("道德", "morality"),
    "fairness_equality": ("公平与平等", "fairness and equality"),
    "legality": ("法律与合法性", "law and legality"),
    "policy_prescription": ("政策主张与评估", "policy proposals"),
    "crime_punishment": ("犯罪与惩罚", "crime and punishment"),
    "security_defense": ("安全与防务", "security and defence"),
    "health_safety": ("健康与安全", "health and safety"),
    "quality_of_life": ("生活质量", "quality of life"),
    "cultural_identity": ("文化认同", "cultural identity"),
    "public_opinion": ("民意", "public opinion"),
    "political": ("政治", "politics"),
    "external_regulation_reputation": ("对外关系与声誉", "foreign relations and reputation"),
    "other": ("其他", "other"),
    "dependency_vulnerability": ("依赖与脆弱", "dependence and vulnerability"),
    "alliance_cooperation": ("结盟与合作", "alliances and cooperation"),
    "competition_conflict": ("竞争与冲突", "competition and conflict"),
    "control_dominance": ("控制与主导", "control and dominance"),
    "technology_gap": ("技术差距", "technology gap"),
    "feasibility_failure": ("可行与失败", "feasibility and failure"),
    "export_control_legitimacy": ("出口管制是否正当", "legitimacy of export controls"),
}
QUANTITIES = {
    "share_output": ("全球产量份额", "share of world output"),
    "share_mining": ("全球开采份额", "share of world mining"),
    "share_refining": ("全球精炼加工份额", "share of world refining"),
    "market_share": ("市场份额", "market share"),
    "import_dependence": ("进口依赖度", "dependence on imports"),
    "export_volume": ("出口量", "exports"),
    "investment": ("投资额", "investment"),
    "loan": ("贷款额", "loan"),
    "deal_value": ("协议金额", "value of the deal"),
    "tariff_rate": ("关税税率", "tariff rate"),
    "reserves": ("储量", "reserves"),
    "demand": ("需求", "demand"),
    "price": ("价格", "price"),
    "purity": ("纯度", "purity"),
    "patent_share": ("专利份额", "share of patents"),
    "capacity_share": ("产能份额", "share of capacity"),
    "time_to_self_sufficiency": ("实现自给所需时间", "time to self-sufficiency"),
}
REGISTERS = {
    "partisan": (
        "带立场的称呼:用这个名字本身就表明一种政治立场或距离",
        "a partisan label: using this name signals a political position or distance",
    ),
    "regional_transliteration": (
        "地区性的名称或译名:这种写法与某一华语地区(如台湾、香港)的用法相连",
        "a regional name or transliteration, tied to the usage of one Chinese-speaking region "
        "(such as Taiwan or Hong Kong)",
    ),
    "regional": (
        "地区性的用词:这种说法与某一华语地区(如台湾、香港)的用法相连",
        "a regional word, tied to the usage of one Chinese-speaking region (such as Taiwan or Hong Kong)",
    ),
    "colloquial": ("口语化的称呼", "a colloquial name"),
    "formal": ("正式的称呼或头衔", "a formal name or title"),
    "neutral": ("中性的称呼", "a neutral name"),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    # -- the worksheet --
    "sheet.title": ("媒体素养练习", "Media-literacy worksheet"),
    "key.title": ("答案与教师说明", "Answer key and teacher's notes"),
    "sheet.level.intro": ("入门", "introductory"),
    "sheet.level.advanced": ("进阶", "advanced"),
    "sheet.level": ("难度:{level}", "Level: {level}"),
    "sheet.name": ("姓名", "Name"),
    "sheet.class": ("班级", "Class"),
    "sheet.date": ("日期", "Date"),
    "sheet.instructions": (
        "先读下面的文章。每个句子前都有编号;每道练习会告诉你读哪几句(例如 B 12 指文章 B 的第 12 句)。"
        "只根据文章里的文字回答:不需要任何分数或统计数字。",
        "Read the articles below first. Every sentence has a number; each exercise tells you which "
        "sentences to read (B 12 means sentence 12 of article B). Answer from the text alone: you "
        "need no scores or statistics.",
    ),
    "sheet.original": (
        "文章以原文的字体(简体或繁体)和语言呈现。灰色小字的句子是网页杂项或重复段落,分析时已略去。",
        "The articles are printed as written, in their original script (simplified or traditional) "
        "and language. Small grey sentences are page furniture or repeated paragraphs, which the "
        "analysis leaves out.",
    ),
    "sheet.outlets": ("文章与媒体", "Articles and outlets"),
    "sheet.articles": ("文章", "The articles"),
    "sheet.exercises": ("练习", "Exercises"),
    "sheet.exercise": ("练习 {n}", "Exercise {n}"),
    "sheet.none": (
        "分析在这组文章里没有找到可以出题的发现(没有称呼差异、数字冲突、对立说法……)。请换几篇立场不同的文章。",
        "The analysis found nothing in these articles to build an exercise on (no naming difference, "
        "figure conflict, opposing claims...). Try articles from outlets that disagree.",
    ),
    "sheet.choices": ("可选的框架:", "Frames to choose from:"),
    "sheet.your_answer": ("你的回答:", "Your answer:"),
    "sheet.simplified": ("简体字对照本", "Simplified-script copies"),
    "sheet.simplified_note": (
        "以下是繁体文章的简体字对照本(OpenCC 逐字转换,用词不变),仅供阅读;引用时请用原文的句子编号。",
        "Simplified-script copies of the traditional-script articles (converted character by "
        "character with OpenCC; the words are the outlet's own), for reading only; cite the "
        "sentence numbers of the original.",
    ),
    "script.simplified": ("简体", "simplified"),
    "script.traditional": ("繁体", "traditional"),
    "col.outlet": ("媒体", "Outlet"),
    "col.article": ("文章", "Article"),
    "col.key": ("代号", "Key"),
    "col.title": ("标题", "Title"),
    "col.date": ("日期", "Date"),
    "col.script": ("字体", "Script"),
    "col.sentences": ("要读的句子", "Sentences to read"),
    "col.sentence": ("句子", "Sentence"),
    # -- the key --
    "key.intro": (
        "每道题给出:预期答案和支持它的句子;工具的数字(括号里是 95% 置信区间,n 是所依据的句子数);"
        "以及工具可能出错的地方,可以和学生一起讨论机器的读法。",
        "For each exercise: the expected answer and the sentences that back it; the tool's numbers "
        "(95% intervals in brackets, n = the sentences they rest on); and where the tool may be "
        "wrong, to discuss the machine's reading with the class.",
    ),
    "key.small_n": (
        "small_n 表示依据的句子太少(少于 {min} 句),这个数字说明不了什么。",
        "small_n marks a number resting on too few sentences (fewer than {min}): it says little.",
    ),
    "key.expected": ("预期答案", "Expected answer"),
    "key.evidence": ("依据的句子", "Evidence sentences"),
    "key.scores": ("工具的数字", "The tool's numbers"),
    "key.caveats": ("工具可能出错的地方", "Where the tool may be wrong"),
    "key.value": ("数值", "value"),
    "key.interval": ("95% 区间", "95% interval"),
    "key.n": ("句数", "sentences"),
    "key.flag": ("标记", "flag"),
    "key.shows": ("说明什么", "shows"),
    "key.method": (
        "与 `stance report` 相同的分析:随机种子 {seed};少于 {min} 句标记为 small_n;词表 {lexicons}。",
        "The same analysis as `stance report`: seed {seed}; fewer than {min} sentences flagged "
        "small_n; lexicons {lexicons}.",
    ),
    # -- naming --
    "naming.title": ("称呼:谁怎样称呼{referent}?", "Naming: what do the outlets call {referent}?"),
    "naming.prompt": (
        "{referent}有不同的称呼,例如「{marked}」和「{common}」。读下表列出的句子:哪家媒体用哪个称呼?"
        "这个选择说明了什么?",
        "There is more than one name for {referent}, for example 「{marked}」 and 「{common}」. Read "
        "the sentences listed below: which outlet uses which name? What does the choice tell you?",
    ),
    "naming.advanced": (
        "同一家媒体是否两种称呼都用?在什么情况下用哪一个?",
        "Does one outlet use both names? When does it use which?",
    ),
    "naming.col.names": ("用的称呼", "Name(s) used"),
    "naming.outlet": ("{key}({source}):{uses}", "{key} ({source}): {uses}"),
    "naming.uses": ("「{variant}」{count} 次", "「{variant}」 {count}×"),
    "naming.never": ("没有用「{variant}」", "never 「{variant}」"),
    "naming.register": ("「{variant}」是{gloss}。", "「{variant}」 is {gloss}."),
    "naming.count": ("{key} 用「{variant}」的次数", "{key}: uses of 「{variant}」"),
    "naming.quoted": (
        "{key} {index} 里的称呼出自被引述的人({speaker})之口,未必是媒体自己的选择。",
        "In {key} {index} the name is in the words of a quoted speaker ({speaker}), not "
        "necessarily the outlet's own choice.",
    ),
    "naming.limit": (
        "工具只认得词表里的名字,只数正文句子;引语中的称呼也算在媒体头上。",
        "The tool knows only the names in its word list and counts them in content sentences; a "
        "name inside a quotation counts for the outlet too.",
    ),
    # -- figures --
    "figures.title": ("数字:{quantity}", "Figures: {quantity}"),
    "figures.subject": ("{subject}的{quantity}", "{quantity} of {subject}"),
    "figures.object": ("{what}(涉及{object})", "{what} (involving {object})"),
    "figures.prompt": (
        "几家媒体给出的{what}不一样。读下表列出的句子,写下每个数字和给出它的媒体。这些数字能都对吗?"
        "你会怎样查证哪一个是对的?",
        "The outlets give different figures for the {what}. Read the sentences listed below and "
        "write down each figure and the outlet that gives it. Can they all be right? How would you "
        "check which one is?",
    ),
    "figures.advanced": (
        "它们量的是同一样东西吗(同一年份、同一环节、同一范围)?",
        "Do they measure the same thing (the same year, the same stage, the same scope)?",
    ),
    "figures.col.figure": ("给出的数字", "Figure given"),
    "figures.col.measures": ("量的是什么", "What it measures"),
    "figures.claim": (
        "{key} {index}:「{match}」({quantity})",
        "{key} {index}: 「{match}」 ({quantity})",
    ),
    "figures.check": (
        "查证:找原始统计来源(如政府或国际机构的年度数据),核对年份和统计口径。",
        "To check: go to the original statistics (a government or international agency's yearly "
        "figures) and compare the year and what exactly is counted.",
    ),
    "figures.mixed": (
        "工具把不同的量归为一组:{quantities}。一部分「冲突」其实是统计口径不同。",
        "The tool grouped different quantities together: {quantities}. Part of the 'conflict' is a "
        "difference of what is measured.",
    ),
    "figures.rule": (
        "工具用规则从句子里读出数字;相差 2.5 个百分点以上(金额相差 5% 以上)就算冲突。年份和范围它读不出来。",
        "The tool reads figures from the sentences with patterns; figures more than 2.5 "
        "percentage points apart (5% for amounts) count as a conflict. It cannot read the year or "
        "the scope a figure refers to.",
    ),
    # -- framing --
    "framing.title": ("框架:各媒体从什么角度讲这件事?", "Framing: which angle does each outlet take?"),
    "framing.prompt": (
        "每家媒体最常用哪个框架(讲故事的角度)?从下面的选项中选一个,并在列出的句子里划出两个能说明它的词。",
        "Which frame (angle on the story) does each outlet lean on most? Choose one from the list "
        "and underline two words in the listed sentences that show it.",
    ),
    "framing.advanced": (
        "再找一个这家媒体几乎不用、而别家常用的框架。",
        "Also find a frame this outlet hardly uses while others do.",
    ),
    "framing.col.frame": ("主要框架", "Main frame"),
    "framing.col.words": ("两个词(句号)", "Two words (sentence)"),
    "framing.answer": (
        "{key}({source}):{frame},例如 {terms}",
        "{key} ({source}): {frame}, e.g. {terms}",
    ),
    "framing.score": ("{key}:{frame}占框架词的比例", "{key}: share of frame words that are {frame}"),
    "framing.diff": (
        "{key}:每句{frame}词比其他媒体多(差值)",
        "{key}: {frame} words per sentence, minus the other outlets'",
    ),
    "framing.close": (
        "{key} 的第二个框架{frame}几乎一样多:两个答案都可以接受。",
        "{key}'s second frame, {frame}, is almost as frequent: accept either.",
    ),
    "framing.thin": (
        "{key} 的框架词很少({hits} 个),结论不可靠。",
        "{key} has few frame words ({hits}): the answer is uncertain.",
    ),
    "framing.limit": (
        "框架按词表计数:一个词无论在上下文里是什么意思都算,例如标题里的「协议」。",
        "Frames are counted from word lists: a word counts wherever it appears, whatever it means "
        "in context (a headline's 'agreement', say).",
    ),
    # -- words --
    "words.title": ("用词:各媒体关注什么?", "Word choice: what does each outlet focus on?"),
    "words.prompt": (
        "每家媒体都有一些比别家用得多得多的词。读下表中这些词所在的句子:每家媒体关注了什么、别家没有谈?",
        "Each outlet uses some words far more often than the others do. Read the sentences where "
        "the words below appear: what does each outlet talk about that the others leave out?",
    ),
    "words.advanced": (
        "这些词里有没有带感情色彩或立场的词?",
        "Are any of these words loaded, carrying a judgement or a position?",
    ),
    "words.col.words": ("词(句子)", "Words (sentence)"),
    "words.col.focus": ("关注什么", "What it focuses on"),
    "words.answer": ("{key}({source}):{words}", "{key} ({source}): {words}"),
    "words.score": (
        "{key}:「{term}」的 z 值(其他媒体共用 {rest} 次)",
        "{key}: z of 「{term}」 (the other outlets use it {rest} times)",
    ),
    "words.chance": (
        "在这么小的语料里,这些差别多数可能出于偶然(q 值大于 0.05,见 keyness.csv)。",
        "In a corpus this small most of these differences could be chance (q above 0.05, see keyness.csv).",
    ),
    "words.limit": (
        "词是分词后逐个计数的:人名可能被切开,同一个意思的不同说法分开计。",
        "Words are counted after segmentation: a name may be cut in pieces, and two ways of saying "
        "the same thing count apart.",
    ),
    # -- stance --
    "stance.title": ("各媒体怎样描写{target}?", "How do the outlets portray {target}?"),
    "stance.prompt": (
        "读下表中关于{target}的句子。把每家媒体的代号标在方格上:它对{target}的评价是正面还是负面(左右)?"
        "它把{target}写得强大还是弱小(上下)?",
        "Read the sentences about {target} listed below. Place each outlet's letter on the grid: "
        "how favourable is it to {target} (left to right)? How strong does it make {target} look "
        "(bottom to top)?",
    ),
    "stance.advanced": (
        "哪一句最能决定你放的位置?有没有一句把这家媒体往相反方向拉?",
        "Which sentence decided your placing most? Does any sentence pull the outlet the other way?",
    ),
    "stance.favourable": ("正面", "favourable"),
    "stance.unfavourable": ("负面", "unfavourable"),
    "stance.strong": ("强大", "strong"),
    "stance.weak": ("弱小", "weak"),
    "stance.place": (
        "{key}({source}):{evaluation},{potency}",
        "{key} ({source}): {evaluation}, {potency}",
    ),
    "stance.eval.pos": ("评价偏正面", "favourable"),
    "stance.eval.neg": ("评价偏负面", "unfavourable"),
    "stance.eval.none": ("评价没有明显倾向", "no clear lean on favourability"),
    "stance.pot.pos": ("写得强大", "portrayed as strong"),
    "stance.pot.neg": ("写得弱小", "portrayed as weak"),
    "stance.pot.none": ("强弱没有明显倾向", "no clear lean on strength"),
    "stance.score.evaluation": ("{key}:评价", "{key}: evaluation (favourability)"),
    "stance.score.potency": ("{key}:强弱", "{key}: potency (strength)"),
    "stance.left_out": (
        "{keys} 关于{target}的句子太少,没有放进方格。",
        "{keys} left off the grid: too few sentences about {target}.",
    ),
    "stance.limit": (
        "分数来自目标附近的评价词,否定、转折和引语都有规则处理(引语按一半计),但反讽、暗示和整篇的论证都读不出来。",
        "Scores come from cue words near the target, with rules for negation, contrast and quotes "
        "(reported speech counts half), but irony, insinuation and the argument of a whole article "
        "escape it.",
    ),
    # -- claims --
    "claims.title": ("对立的说法:{target}", "Opposing claims: {target}"),
    "claims.prompt": (
        "{a} 和 {b} 都谈到{target}({terms}),但说法相反。读下表列出的句子:各自怎样描写{target}——{dimension}?"
        "各自拿出了什么证据?",
        "{a} and {b} both write about {target} ({terms}) but disagree. Read the sentences listed "
        "below: how does each describe {target}, {dimension}? What evidence does each give?",
    ),
    "claims.advanced": (
        "这两种说法能同时成立吗?还需要什么信息才能判断?",
        "Can both claims be true at once? What else would you need to know to judge?",
    ),
    "claims.dim.potency": ("强大还是弱小、成功还是失败", "as strong or weak, succeeding or failing"),
    "claims.dim.evaluation": ("正面还是负面", "favourably or unfavourably"),
    "claims.col.says": ("怎样描写", "How it describes it"),
    "claims.col.evidence": ("给出的证据", "Evidence it gives"),
    "claims.side.potency.pos": (
        "{key}({source})把{target}写得强大、成功",
        "{key} ({source}) portrays {target} as strong or succeeding",
    ),
    "claims.side.potency.neg": (
        "{key}({source})把{target}写得弱小、失败",
        "{key} ({source}) portrays {target} as weak or failing",
    ),
    "claims.side.evaluation.pos": (
        "{key}({source})对{target}评价正面",
        "{key} ({source}) portrays {target} favourably",
    ),
    "claims.side.evaluation.neg": (
        "{key}({source})对{target}评价负面",
        "{key} ({source}) portrays {target} unfavourably",
    ),
    "claims.score.mean": ("{key}:该话题句子的平均分", "{key}: mean score of its sentences on this topic"),
    "claims.score.sentence": ("{key} {index}", "{key} {index}"),
    "claims.quoted": (
        "{key} {index} 是引语({speaker}),不是作者自己的说法。",
        "{key} {index} is reported speech ({speaker}), not the author's own claim.",
    ),
    "claims.limit": (
        "工具按共同的词把句子归到同一话题,再按评价词判断方向;请确认两边说的真是同一件事。",
        "The tool puts sentences on one topic by the words they share and reads their direction "
        "from cue words: check that both sides really talk about the same thing.",
    ),
    # -- voice --
    "voice.title": ("谁在说话?", "Whose words are these?"),
    "voice.prompt": (
        "下面每一句是作者自己的话,还是引述别人的话?如果是引述,说话的是谁?哪些词告诉你?",
        "Is each sentence below the author's own statement, or someone else's words reported? If "
        "reported, who speaks? Which words tell you?",
    ),
    "voice.advanced": (
        "媒体为什么选这个人的话?它和作者自己的立场一样吗?",
        "Why might the outlet quote this person? Does the quote agree with the author's own voice?",
    ),
    "voice.col.who": ("作者还是引述?", "Author or quoted?"),
    "voice.col.speaker": ("谁说的?哪些词?", "Who? Which words?"),
    "voice.author": ("{key} {index}:作者自己的话", "{key} {index}: the author's own words"),
    "voice.quoted": (
        "{key} {index}:引述,说话人是{speaker}",
        "{key} {index}: reported, the speaker is {speaker}",
    ),
    "voice.score": ("{key} {index}:{target}的{dimension}", "{key} {index}: {target}, {dimension}"),
    "voice.weight": (
        "引语在媒体的总分里按一半计;只看作者的分数可用 `stance report --voices author`。",
        "Reported speech counts at half weight in an outlet's scores; `stance report --voices "
        "author` drops it.",
    ),
    "voice.limit": (
        "说话人是从「表示」「指出」「said」等引述词读出的;没有引述词的转述会被当成作者的话,"
        "被当成说话人的词也可能不是人名。",
        "The speaker is read from attribution words (表示, 指出, said); a paraphrase without one "
        "passes for the author's words, and the word taken as the speaker may not be a person.",
    ),
    "dimension.evaluation": ("评价", "evaluation"),
    "dimension.potency": ("强弱", "potency"),
}


def say(entry: str, /, **slots: object) -> Wording:
    """The catalogue ``entry`` with its ``{slots}`` filled (a Wording slot per language)."""
    zh, en = CATALOGUE[entry]
    return Wording(
        zh.format(**{k: v.zh if isinstance(v, Wording) else v for k, v in slots.items()}),
        en.format(**{k: v.en if isinstance(v, Wording) else v for k, v in slots.items()}),
    )


def _label(table: dict[str, tuple[str, str]], key: str) -> Wording:
    if key in table:
        return Wording(*table[key])
    plain = key.replace("_", " ")
    return Wording(plain, plain)


def target_label(target: str) -> Wording:
    """A target, or a joint referent (china+us), in words."""
    parts = [_label(TARGETS, t) for t in target.split("+")]
    return Wording("、".join(p.zh for p in parts), " and ".join(p.en for p in parts))


def frame_label(frame: str) -> Wording:
    return _label(FRAMES, frame)


def quantity_label(quantity: str) -> Wording:
    """A figure's quantity; ``<quantity>_change`` is a change in it."""
    if quantity.endswith("_change"):
        base = quantity_label(quantity.removesuffix("_change"))
        return Wording(f"{base.zh}的变化", f"change in {base.en}")
    return _label(QUANTITIES, quantity) if quantity else Wording("数字", "figure")


def register_gloss(register: str) -> Wording:
    return _label(REGISTERS, register)


def join(items: Iterable[Wording | str], *, zh: str = "、", en: str = ", ") -> Wording:
    """Wordings (or plain strings, the same in both languages) joined into one."""
    parts = [i if isinstance(i, Wording) else Wording(str(i), str(i)) for i in items]
    return Wording(zh.join(p.zh for p in parts), en.join(p.en for p in parts))
