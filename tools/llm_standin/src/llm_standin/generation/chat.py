"""`LLM_STANDIN_STYLE=chat`: prose dressed the way real chat models answer (GPT-4o, Claude, Gemini, Qwen,
YandexGPT, GigaChat): chatter before and after, "###" or setext subheadings, inline and bracketed math,
footnotes, a caption under its table, cited pages, <sup>, a code listing, lettered lists, a wrapping
```markdown fence. Every choice comes from the request's own random generator, so answers stay reproducible.
"""

from __future__ import annotations

import random
import re

_OPENING = {
    "ru": ("Конечно! Вот текст раздела:", "Разумеется. Ниже представлен текст в академическом стиле:",
           "Отлично, вот вариант текста:"),
    "en": ("Sure! Here's the section:", "Certainly. Here is the text in an academic register:",
           "Of course — here is a draft of the section:"),
    "ky": ("Албетте! Мына бөлүмдүн тексти:", "Макул, төмөндө текст берилди:"),
}  # fmt: skip
_CLOSING = {
    "ru": ("Надеюсь, это поможет!", "Если нужно, могу расширить раздел или добавить примеры.",
           "Хотите, чтобы я добавил таблицу или сократил текст?"),
    "en": ("I hope this helps!", "Would you like me to expand any part of it?",
           "Let me know if you'd like a shorter version."),
    "ky": ("Бул жардам берет деп үмүттөнөм!", "Дагы эмне кошуу керек болсо, айтыңыз."),
}  # fmt: skip
_INLINE_MATH = {
    "ru": "Условная величина {m} приведена здесь только как пример заглушки.",
    "en": "The placeholder quantity {m} stands here only as an example.",
    "ky": "Шарттуу {m} чоңдугу бул жерде мисал катары гана берилди.",
}
_FOOTNOTE = {
    "ru": "Примечание заглушки: сноска без реального источника.",
    "en": "Stand-in note: a footnote with no real source.",
    "ky": "Убактылуу сервердин эскертүүсү: булагы жок шилтеме.",
}
_SUP = {
    "ru": "Порядок величины составляет около 10<sup>3</sup> условных единиц.",
    "en": "The order of magnitude is about 10<sup>3</sup> placeholder units.",
    "ky": "Чоңдуктун тартиби болжол менен 10<sup>3</sup> шарттуу бирдик.",
}
_PAGE = {"ru": "с.", "en": "p.", "ky": "б."}
_LETTERS = {"ru": "абвгдежзик", "ky": "абвгдежзик", "en": "abcdefghij"}
_CODE = "```python\nvalues = [1, 2, 3]  # placeholder listing\nprint(sum(values))\n```"
_HEADING = re.compile(r"^## (.+)$", re.M)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_CITATION = re.compile(r"\[(\d{1,2})\]")
_TABLE = re.compile(r"^(?P<caption>(?:Таблица|Table) \d+[^\n]*)\n\n(?P<table>(?:\|[^\n]*\n?)+)", re.M)
_BULLETS = re.compile(r"(?:^- [^\n]+\n?){2,}", re.M)


def dress(text: str, language: str, rng: random.Random, *, continuation: bool = False) -> str:
    """The answer as a chat model would wrap and mark it up."""
    lang = language if language in _OPENING else "ru"
    paragraphs = text.split("\n\n")
    if rng.random() < 0.6:
        _insert(paragraphs, _INLINE_MATH[lang].format(m=rng.choice(("$x_i$", r"\(x_i\)"))), rng)
    if rng.random() < 0.3:
        _insert(paragraphs, _SUP[lang], rng)
    if rng.random() < 0.15:
        _insert(paragraphs, _CODE, rng)
    text = "\n\n".join(paragraphs)
    text = _headings(text, rng)
    text = _display_math(text, rng)
    text = _CITATION.sub(lambda m: f"[{m.group(1)}, {_PAGE[lang]} {rng.randint(5, 240)}]", text, count=1)
    text = _captions_below(text, rng)
    if rng.random() < 0.3:
        text = _BULLETS.sub(lambda m: _lettered(m.group(0), _LETTERS[lang]), text, count=1)
    if rng.random() < 0.4:
        text = re.sub(r"\.(\s)", r".[^1]\1", text, count=1) + f"\n\n[^1]: {_FOOTNOTE[lang]}"
    if rng.random() < 0.15:
        text = f"```markdown\n{text}\n```"
    if not continuation and rng.random() < 0.85:
        text = rng.choice(_OPENING[lang]) + ("\n\n---\n\n" if rng.random() < 0.4 else "\n\n") + text
    if rng.random() < 0.75:
        text += ("\n\n---\n\n" if rng.random() < 0.4 else "\n\n") + rng.choice(_CLOSING[lang])
    return text


def _insert(paragraphs: list[str], extra: str, rng: random.Random) -> None:
    """Put `extra` between two paragraphs of prose (never between a formula and its «где»)."""
    places = [
        i
        for i in range(1, len(paragraphs))
        if paragraphs[i - 1][:1].isalpha()
        and paragraphs[i][:1].isalpha()
        and "$$" not in paragraphs[i - 1]
        and not paragraphs[i].startswith(("Таблица", "Table"))  # a caption stays with its table
    ]
    if places:
        paragraphs.insert(rng.choice(places), extra)


def _headings(text: str, rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.45:
        return _HEADING.sub(r"### \1", text)
    if choice < 0.65:
        return _HEADING.sub(lambda m: f"{m.group(1)}\n{'-' * max(3, len(m.group(1)))}", text)
    return text


def _display_math(text: str, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        latex = match.group(1).strip()
        choice = rng.random()
        if choice < 0.35:
            return f"\\[\n{latex} \\tag{{{rng.randint(1, 3)}}}\n\\]"
        if choice < 0.55 and "=" in latex:
            left, _, right = latex.partition("=")
            return f"$$\n\\begin{{aligned}}\n{left.strip()} &= {right.strip()}\n\\end{{aligned}}\n$$"
        return match.group(0)

    return _DISPLAY.sub(one, text)


def _captions_below(text: str, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        caption, table = match.group("caption"), match.group("table").rstrip("\n")
        choice = rng.random()
        if choice < 0.35:
            return f"{table}\n\n*{caption}*\n"
        if choice < 0.5:
            bare = caption.split("–")[0].strip()
            return f"{bare}\n\n{table}\n\n{caption}\n"
        return match.group(0)

    return _TABLE.sub(one, text)


def _lettered(block: str, letters: str) -> str:
    items = [line[2:] for line in block.strip("\n").split("\n")]
    return "\n".join(f"{letters[i % len(letters)]}) {item}" for i, item in enumerate(items)) + "\n"
