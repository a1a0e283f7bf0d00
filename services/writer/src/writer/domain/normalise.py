"""What real chat models wrap around a section, removed before the markdown becomes blocks.

GPT-4o, Claude, Gemini, Qwen, YandexGPT and GigaChat open with chatter ("Конечно! Вот текст главы:"), close
with offers ("Надеюсь, это поможет!"), wrap the answer in a ```markdown fence, add footnotes, code listings,
setext headings and a list of literature nobody asked for. Prompts reduce this; they never remove it.
"""

from __future__ import annotations

import re

# Chatter is short and opens or closes the answer; real text of an essay never starts this way.
_OPENING = re.compile(
    r"^\s*[*_]*(?:конечно|разумеется|безусловно|хорошо|отлично|с удовольствием|давайте|вот\b|ниже\s+(?:представлен|приведен|приведён)"
    r"|sure|certainly|of course|absolutely|great|okay|ok\b|here(?:'s| is| are)|below is|i(?:'ve| have) written"
    r"|албетте|макул|мына|төмөндө)",
    re.I,
)
_CLOSING = re.compile(
    r"^\s*[*_]*(?:надеюсь|если\s+(?:нужно|хотите|потребуется|необходимо|понадобится)|могу\s+(?:также|помочь|расширить|добавить)"
    r"|хотите|дайте знать|обращайтесь|примечание|обратите внимание|я (?:постарал|использовал|могу)"
    r"|would you like|let me know|i hope|hope this|feel free|if you(?:'d| would| need| want)|a (?:couple of |few )?notes?\b"
    r"|note:|i can also|i've|i have (?:used|kept|assumed)|do you want|shall i"
    r"|үмүттөнөм|дагы\s|керек болсо|эгер\s+(?:керек|кааласаңыз)|бул\s.{0,80}ишенем)",
    re.I,
)
MAX_CHATTER_CHARS = 400
_CITATION = re.compile(r"\[\d")
_META = re.compile(
    r"текст|раздел|глав|введени|заключени|реферат|section|chapter|introduction|conclusion|essay|draft|бөлүм|киришүү|корутунду",
    re.I,
)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$")
_MATH_FENCE = frozenset({"math", "latex", "tex", "katex"})
_FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}(?:\[\^[^\]\s]{1,20}\]:|\^\d{1,2}\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s)")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]{1,20}\]")
# "слово^1" or "слово¹" after a word or closing punctuation; never inside $…$ (handled by the caller)
_CARET_MARK = re.compile(r"(?<=[^\W\d_]|[.,;:)»\"])\^\d{1,2}\b|(?<=[^\W\d_]|[.,;:)»\"])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_INLINE_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_OR_BLOCK = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.)]\s|[а-яa-z]\)\s|#|\||>|\$\$|\\\[)", re.I)
_LITERATURE = re.compile(
    r"^\s{0,3}(?:#{1,6}\s*)?(?:\*\*)?\s*(?:список\s+(?:использованн\w+\s+)?(?:литературы|источников)|литература|источники"
    r"|references|bibliography|sources|works cited|колдонулган\s+адабият\w*|адабияттар(?:\s+тизмеси)?)\s*:?\s*(?:\*\*)?\s*:?\s*$",
    re.I,
)


def normalise(text: str) -> str:
    """The answer without chatter, outer fences, code listings, footnotes, setext headings and an
    appended list of literature; everything else is left for the markdown parser."""
    lines = _unwrap(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines = _drop_code(lines)
    lines = _drop_footnotes(lines)
    lines = _atx_headings(lines)
    lines = _drop_literature(lines)
    paragraphs = _paragraphs(lines)
    while paragraphs and _is_chatter(paragraphs[0], _OPENING):
        paragraphs.pop(0)
    while paragraphs and _is_chatter(paragraphs[-1], _CLOSING):
        paragraphs.pop()
    return "\n\n".join("\n".join(p) for p in paragraphs)


def _unwrap(lines: list[str]) -> list[str]:
    """An answer wrapped whole in a ```markdown fence (or a bare one opening it), perhaps after a line of
    chatter, loses the fence."""
    openings = [i for i, line in enumerate(lines) if line.strip()][:3]
    for rank, opening in enumerate(openings):
        start = _FENCE.match(lines[opening])
        if start is None:
            continue
        language = start.group(2).lower()
        if language not in ("markdown", "md") and (language or rank > 0):
            return lines
        closing = next((i for i in range(len(lines) - 1, opening, -1) if _FENCE.match(lines[i])), None)
        inner = lines[opening + 1 : closing] if closing is not None else []
        if not any(line.strip() for line in inner):
            return lines
        if not language and any(_FENCE.match(line) for line in inner):
            return lines  # a bare fence that is one of several code listings, not a wrapper
        assert closing is not None
        return [*lines[:opening], "", *inner, "", *lines[closing + 1 :]]
    return lines


def _drop_code(lines: list[str]) -> list[str]:
    """Code listings go (GOST would want them as "Листинг N"; a referat has no use for them); a ```math
    fence becomes a display formula."""
    out: list[str] = []
    fence: str | None = None
    body: list[str] = []
    language = ""
    for line in lines:
        match = _FENCE.match(line)
        if fence is None and match:
            fence, language, body = match.group(1)[0], match.group(2).lower(), []
        elif fence is not None and match and match.group(1)[0] == fence and not match.group(2):
            if language in _MATH_FENCE and any(part.strip() for part in body):
                out += ["", "$$", *body, "$$", ""]
            fence = None
        elif fence is not None:
            body.append(line)
        else:
            out.append(line)
    # an unclosed fence (an answer cut at max_tokens) keeps its lines: losing text costs more than a listing
    return out if fence is None else out + body


def _drop_footnotes(lines: list[str]) -> list[str]:
    """Footnote definitions (with their indented continuation lines) and every footnote mark go;
    display formulas spread over lines are left alone (x^2 there is no footnote)."""
    out: list[str] = []
    in_definition = in_formula = False
    for line in lines:
        if _FOOTNOTE_DEFINITION.match(line):
            in_definition = True
            continue
        if in_definition and line.startswith(("    ", "\t")) and line.strip():
            continue
        in_definition = False
        delimiters = len(re.findall(r"\$\$|\\\[|\\\]|\\begin\{|\\end\{", line))
        out.append(line if in_formula or delimiters else _without_marks(line))
        if delimiters % 2:
            in_formula = not in_formula
    return out


# The essay has no figures: a pointer to one ("(см. рисунок 2)", "(Figure 1)") points at nothing.
_FIGURE_POINTER = re.compile(
    r"\s*\((?:(?:см\.\s*|see\s+)?(?:рис\.|рисун\w*|figure|fig\.|сүрөт\w*)\s*\d+|\d+-сүрөт\w*)[^()]{0,40}\)",
    re.I,
)


def _without_marks(line: str) -> str:
    pieces: list[str] = []
    position = 0
    for math in _INLINE_MATH.finditer(line):
        pieces.append(_marks_out(line[position : math.start()]) + math.group(0))
        position = math.end()
    pieces.append(_marks_out(line[position:]))
    return "".join(pieces)


def _marks_out(text: str) -> str:
    return _FIGURE_POINTER.sub("", _CARET_MARK.sub("", _FOOTNOTE_MARK.sub("", text)))


def _atx_headings(lines: list[str]) -> list[str]:
    """Setext headings ("Title" over "====" or "----") become "#" and "##" headings."""
    out: list[str] = []
    for line in lines:
        underline = _SETEXT.match(line)
        previous = out[-1] if out else ""
        if underline and previous.strip() and not _LIST_OR_BLOCK.match(previous) and len(previous) <= 200:
            out[-1] = ("# " if underline.group(1)[0] == "=" else "## ") + previous.strip()
        else:
            out.append(line)
    return out


def _drop_literature(lines: list[str]) -> list[str]:
    """A list of literature the model appended goes: the essay's own list is built from sources."""
    for index, line in enumerate(lines):
        if _LITERATURE.match(line) and index > 0:
            return lines[:index]
    return lines


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _is_chatter(paragraph: list[str], pattern: re.Pattern[str]) -> bool:
    text = " ".join(line.strip() for line in paragraph)
    if _SETEXT.match(text) or re.fullmatch(r"[-*_\s]{3,}", text):
        return True  # the rule that separates chatter from the text
    if len(text) > MAX_CHATTER_CHARS or pattern.match(text) is None:
        return False
    if pattern is _OPENING and _CITATION.search(text):
        return False  # a cited sentence is the essay's own
    # "Вот почему…" may open real text; chatter announces the text or ends in ":" or "!"
    return pattern is _CLOSING or text.rstrip("* ").endswith((":", "!")) or _META.search(text) is not None
