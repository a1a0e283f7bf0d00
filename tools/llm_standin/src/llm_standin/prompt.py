"""What a chat prompt asks for: language, length, continuation, topic, sources, counts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

Language = Literal["ru", "en", "ky"]
Unit = Literal["chars", "words"]

_F = re.IGNORECASE | re.MULTILINE

_LANG_CODES: dict[str, Language] = {
    "ru": "ru", "rus": "ru", "russian": "ru", "русский": "ru", "орусча": "ru",
    "en": "en", "eng": "en", "english": "en", "английский": "en", "англисче": "en",
    "ky": "ky", "kg": "ky", "kir": "ky", "kyrgyz": "ky", "kirghiz": "ky",
    "кыргызский": "ky", "киргизский": "ky", "кыргызча": "ky",
}  # fmt: skip
_LANG_TAG = re.compile(
    r"(?:language|lang|язык|тил|тили)\s*[:=]\s*[\"'«]?(" + "|".join(_LANG_CODES) + r")\b", _F
)
_LANG_PHRASES: tuple[tuple[re.Pattern[str], Language], ...] = (
    (re.compile(r"\bin russian\b|на русском языке|орус тилинде", _F), "ru"),
    (re.compile(r"\bin english\b|на английском языке|англис тилинде", _F), "en"),
    (re.compile(r"\bin kyrgyz\b|на (?:кыргызском|киргизском) языке|кыргыз тилинде", _F), "ky"),
)
_KY_LETTERS = re.compile(r"[ңөүҢӨҮ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")

_NUM = r"(\d{1,3}(?:[ \u00a0\u202f,]\d{3})+|\d+)"
_CHARS = r"(characters?|chars?|symbols?|символ\w*|знак\w*|белги\w*)"
_WORDS = r"(words?|слов\w*|сөз\w*)"
_UNIT = rf"(?:{_CHARS}|{_WORDS})"
_APPROX = r"(?:~|≈|about|around|approximately|roughly|около|примерно|приблизительно|болжол менен)?"
_LENGTH_KEY = (
    r"(?:target length|target size|length|size|volume|целев\w* (?:объ[её]м|длин)\w*|объ[её]м\w*|длин\w*|"
    r"размер\w*|максаттуу көлөм\w*|көлөм\w*|узундуг\w*)"
)
_TARGET_KEYED = re.compile(rf"{_LENGTH_KEY}\s*[:=—–-]?\s*{_APPROX}\s*{_NUM}\s*{_UNIT}", _F)
_TARGET_ANY = re.compile(rf"{_NUM}\s*(?:more\s+|additional\s+|further\s+)?{_UNIT}", _F)

_CONTINUE = re.compile(
    r"\b(?:continue|go on|keep writing|keep going|write more)\b|продолж\w*|допиши|дополни|"
    r"улант\w*|андан ары",
    _F,
)
_TOPIC_LINE = re.compile(
    r"^\s*(?:topic|essay topic|тема(?: реферата| работы| эссе)?|реферат\w* темасы|темасы)\s*[:：]\s*(.+?)\s*$",
    _F,
)
_TOPIC_QUOTED = re.compile(
    r"(?:on the topic|на тему)\s*[\"«“']([^\"»”'\n]{2,200})|[«\"“]([^\"»”\n]{2,200})[»\"”]\s*темасы", _F
)

_SOURCES = (
    r"list of (?:used )?(?:sources|references|literature)|references|bibliography|works cited|"
    r"список (?:использованн\w+ )?(?:источников|литературы)|библиограф\w*|"
    r"(?:булактардын|адабияттардын) тизмес\w*|колдонулган (?:булак|адабият)\w*"
)
_SOURCES_RE = re.compile(_SOURCES, _F)
_SOURCES_KIND = re.compile(
    rf"^\s*(?:section kind|section|kind|type|раздел|тип раздела|бөлүм|түрү)\s*[:=]\s*(?:sources|{_SOURCES})",
    _F,
)
_REQUEST_VERB = re.compile(
    r"\b(?:write|compile|make|create|generate|produce|give|prepare|provide|list)\b|"
    r"состав\w*|напиш\w*|сформир\w*|привед\w*|подбер\w*|дай\w*|подготов\w*|"
    r"түз\w*|жаз\w*|келтир\w*|даярда\w*",
    _F,
)
_CITING = re.compile(r"\bcit\w*|ссыл\w*|цитир\w*|шилтем\w*|маркер\w*|marker|\[\d+\]|\[n\]", _F)

_CHAPTER_COUNT = (
    re.compile(
        r"(?:number of chapters|chapters|количество глав|число глав|бөлүмдөрдүн саны)\s*[:=]\s*(\d+)", _F
    ),
    re.compile(r"(\d+)\s*(?:chapters?|глав\w*|бөлүм\w*)", _F),
)
_SOURCE_COUNT = (
    re.compile(
        r"(?:number of (?:sources|references)|количество источников|булактардын саны)\s*[:=]\s*(\d+)", _F
    ),
    re.compile(r"(\d+)\s*(?:sources|references|entries|источник\w*|наименован\w*|позици\w*|булак\w*)", _F),
)
_SUBSECTION_COUNTS = re.compile(r"^\s*subsections per chapter\s*[:=]\s*(\d+(?:\s*,\s*\d+)*)", _F)
_CITE_RANGE = re.compile(
    r"(?:\[|\b)1\]?\s*(?:to|до|по|-|–|—|\.\.)\s*\[?(\d+)\]|(?:from|от|с)\s+1\s+(?:to|до|по)\s+(\d+)", _F
)
_NO_HEADINGS = re.compile(
    r"(?:do not|don't|never) use (?:any )?(?:sub)?headings|\bno (?:sub)?headings|"
    r"без (?:под)?заголовков|не (?:используй|используйте|пиши|пишите) (?:никаких )?(?:под)?заголов\w*|"
    r"(?:баш|аталыш)\w* колдонбо\w*",
    _F,
)
_MAX_HEADINGS = re.compile(
    r"headings?\b[^.\n]{0,40}?\b(?:at most|no more than|up to) (\d+)|"
    r"(?:не более|максимум|до) (\d+) (?:под)?заголов\w*",
    _F,
)


@dataclass(frozen=True)
class LengthTarget:
    """A length the prompt asks for."""

    amount: int
    unit: Unit


@dataclass(frozen=True)
class Message:
    """A chat message reduced to its role and text."""

    role: str
    text: str


@dataclass(frozen=True)
class PromptInfo:
    """Everything the generators need to know about a conversation."""

    language: Language
    target: LengthTarget | None
    original_target: LengthTarget | None
    continuation: bool
    produced: str
    topic: str | None
    wants_sources: bool
    chapter_count: int | None
    source_count: int | None
    cite_max: int | None
    max_headings: int | None  # None: no limit asked; 0: no headings
    fingerprint: str
    lead_heading: str | None = None  # "…then the line `## Title`": a few opening lines, then that heading
    subsection_counts: tuple[int, ...] = ()  # an outline's subsections, chapter by chapter
    cite_numbers: tuple[int, ...] = ()  # the numbers of the sources the prompt lists as "[n] …" lines


def detect_language(texts: list[str]) -> Language:
    """Explicit `Language: xx` (or a phrase like "in Russian") first, else the script of the texts."""
    for text in texts:
        tags = _LANG_TAG.findall(text)
        if tags:
            return _LANG_CODES[tags[-1].lower()]
        for pattern, lang in _LANG_PHRASES:
            if pattern.search(text):
                return lang
    joined = "\n".join(texts)
    if len(_CYRILLIC.findall(joined)) > len(_LATIN.findall(joined)):
        return "ky" if _KY_LETTERS.search(joined) else "ru"
    return "en"


def _to_int(raw: str) -> int:
    return int(re.sub(r"[ \u00a0\u202f,]", "", raw))


def find_target(text: str, *, keyed_only: bool = False) -> LengthTarget | None:
    """The length asked for in `text`: a keyed phrase first, else any "N characters/words"."""
    patterns = (_TARGET_KEYED,) if keyed_only else (_TARGET_KEYED, _TARGET_ANY)
    for pattern in patterns:
        matches = list(pattern.finditer(text))
        if matches:
            number, chars, words = matches[-1].groups()
            amount = _to_int(number)
            if amount > 0 and (chars or words):
                return LengthTarget(amount, "chars" if chars else "words")
    return None


def find_topic(text: str) -> str | None:
    """The essay topic from a `Topic: ...` line or an "on the topic «...»" phrase."""
    match = _TOPIC_LINE.search(text) or _TOPIC_QUOTED.search(text)
    if not match:
        return None
    topic = next(g for g in match.groups() if g).strip().strip("\"'«»“”").strip()
    return topic[:120] or None


def wants_sources(text: str) -> bool:
    """Whether `text` asks to write a list of sources (not merely to cite them)."""
    if _SOURCES_KIND.search(text):
        return True
    for line in text.splitlines():
        if _SOURCES_RE.search(line) and _REQUEST_VERB.search(line) and not _CITING.search(line):
            return True
    return False


def _first_count(patterns: tuple[re.Pattern[str], ...], texts: list[str]) -> int | None:
    for pattern in patterns:
        for text in texts:
            match = pattern.search(text)
            if match and 0 < int(match.group(1)) <= 500:
                return int(match.group(1))
    return None


_LISTED_SOURCE = re.compile(r"^\[(\d{1,4})\] \S", re.MULTILINE)


def find_cite_numbers(texts: list[str]) -> tuple[int, ...]:
    """The numbers of sources a prompt lists for citing, one "[n] Author. Title." line each."""
    for text in texts:
        found = sorted({int(n) for n in _LISTED_SOURCE.findall(text)})
        if found:
            return tuple(found)
    return ()


def find_cite_max(texts: list[str]) -> int | None:
    """The highest citation number allowed by a phrase like "from 1 to 12" or "[1]–[12]"."""
    for text in texts:
        for match in _CITE_RANGE.finditer(text):
            value = int(match.group(1) or match.group(2))
            if 1 <= value <= 500:
                return value
    return None


_LEAD_HEADING = re.compile(r"then (?:the|a) line `(#{1,3} [^`\n]+)`", _F)


def find_lead_heading(texts: list[str]) -> str | None:
    """The heading line the prompt wants after a few opening lines, if it asks for one."""
    return next((match.group(1) for text in texts if (match := _LEAD_HEADING.search(text))), None)


def find_max_headings(texts: list[str]) -> int | None:
    """How many subheadings the prompt allows: 0 when it forbids them, None when it does not say."""
    if any(_NO_HEADINGS.search(text) for text in texts):
        return 0
    for text in texts:
        match = _MAX_HEADINGS.search(text)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def find_subsection_counts(texts: list[str]) -> tuple[int, ...]:
    """How many subsections each chapter of an outline gets, from a "Subsections per chapter: 3, 2" line."""
    for text in texts:
        match = _SUBSECTION_COUNTS.search(text)
        if match:
            return tuple(min(int(n), 50) for n in match.group(1).split(","))
    return ()


def analyse(messages: list[Message]) -> PromptInfo:
    """Read a conversation the way the generators need it."""
    users = [m.text for m in messages if m.role == "user"]
    systems = [m.text for m in messages if m.role in ("system", "developer")]
    last_user = users[-1] if users else ""
    last_user_at = max((i for i, m in enumerate(messages) if m.role == "user"), default=-1)
    earlier_assistant = [m.text for m in messages[:last_user_at] if m.role == "assistant"]
    continuation = bool(earlier_assistant) and bool(_CONTINUE.search(last_user))

    target = find_target(last_user)
    if target is None and not continuation:
        target = next((t for s in systems if (t := find_target(s, keyed_only=True))), None)
    original = next((t for u in users[:-1] if (t := find_target(u))), None)
    if original is None:
        original = next((t for s in systems if (t := find_target(s, keyed_only=True))), None)

    search_order = [last_user, *systems, *reversed(users[:-1])]
    topic = next((found for text in search_order if (found := find_topic(text))), None)
    fingerprint = json.dumps([[m.role, m.text] for m in messages], ensure_ascii=False)
    return PromptInfo(
        language=detect_language([last_user, *systems, *users[:-1]]),
        target=target,
        original_target=original,
        continuation=continuation,
        produced="\n\n".join(earlier_assistant),
        topic=topic,
        wants_sources=wants_sources(last_user),
        chapter_count=_first_count(_CHAPTER_COUNT, search_order),
        source_count=_first_count(_SOURCE_COUNT, search_order),
        cite_max=find_cite_max([last_user, *systems]),
        max_headings=find_max_headings([last_user, *systems]),
        fingerprint=fingerprint,
        lead_heading=None if continuation else find_lead_heading([last_user]),
        subsection_counts=find_subsection_counts(search_order),
        cite_numbers=find_cite_numbers(search_order),
    )
