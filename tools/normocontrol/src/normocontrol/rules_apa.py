"""APA 7 (essays in English): an unnumbered, alphabetical list with a hanging indent, and author–date
citations in the text ("(Smith, 2020)", "(Doe & Lee, 2021; Brown et al., 2019, p. 12)")."""

from __future__ import annotations

import re

from .bibliography import LITERAL_NUMBER, strip_invisible
from .model import Para
from .structure import Context

HANGING_MIN_TWIPS = 567  # APA asks for 0.5 in (1.27 cm); 1 cm and more passes
_ENTRY_HEAD = re.compile(r"^(?P<who>.+?)\.?\s\((?P<year>(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)")
_PARENTHESIS = re.compile(r"\(([^()]{2,400})\)")
_WORK = re.compile(r"^(?P<who>.+?),\s*(?P<year>(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)(?:,\s*(?:pp?|para)\..*)?$")
_NARRATIVE = re.compile(
    r"(?P<who>\b[A-Z][\w'’-]+(?:\s(?:&|and)\s[A-Z][\w'’-]+|\set al\.)?)\s\((?P<year>(?:1[5-9]|20)\d\d[a-z]?|n\.d\.)\)"
)
_ANY_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_NUMERIC = re.compile(r"\[\s*\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*(?:,\s*[^\]]{1,20})?\s*\]")


def _key(who: str, year: str) -> tuple[str, str]:
    first = re.split(r"[\s,&]", strip_invisible(who).strip(), maxsplit=1)[0]
    return first.casefold().strip(".…"), year


def _entry_text(p: Para) -> str:
    text = " ".join(strip_invisible(p.text).split())
    number = LITERAL_NUMBER.match(text)
    return text[number.end() :] if number else text


def entry_key(p: Para) -> tuple[str, str] | None:
    """(first author's surname or the title's first word, year) of an APA entry; leniently for an entry
    of the wrong shape (sources.format says what is wrong with it)."""
    text = _entry_text(p)
    match = _ENTRY_HEAD.match(text)
    if match:
        return _key(match.group("who"), match.group("year"))
    year = _ANY_YEAR.search(text)
    return _key(text, year.group(0)) if year and text else None


def check_apa_list(ctx: Context, entries: list[Para]) -> None:
    """Not numbered, alphabetical, hanging indent."""
    for p in entries:
        if ctx.styles.numbering(p.el) is not None or LITERAL_NUMBER.match(p.text):
            ctx.add("sources.numbering", f"{p.where()}: an APA 7 reference list is not numbered")
        hanging = ctx.styles.ppr_attrs(p.el, "ind", ("hanging",)).get("hanging", "0")
        if not (hanging.isdigit() and int(hanging) >= HANGING_MIN_TWIPS):
            ctx.add(
                "sources.indent", f"{p.where()}: an APA 7 entry needs a hanging indent of 0.5 in (1.27 cm)"
            )
    texts = [_entry_text(p).casefold() for p in entries]
    if texts != sorted(texts):
        ctx.add("sources.order", "the APA 7 reference list is not in alphabetical order of the first author")


def check_apa_citations(ctx: Context, entries: list[Para], paras: list[Para]) -> None:
    """Every author–date citation names an entry; numeric markers do not belong; uncited entries warn."""
    keys = {key: p for p in entries if (key := entry_key(p)) is not None}
    cited: set[tuple[str, str]] = set()
    for p in paras:
        if _NUMERIC.search(p.text):
            ctx.add(
                "citation.style", f"{p.where()}: a numeric citation in an APA 7 essay (expected author–date)"
            )
        works = [
            (work.group("who"), work.group("year"))
            for group in _PARENTHESIS.finditer(p.text)
            for part in group.group(1).split(";")
            if (work := _WORK.match(part.strip()))
        ]
        works += [(m.group("who"), m.group("year")) for m in _NARRATIVE.finditer(p.text)]
        for who, year in works:
            key = _key(who, year)
            cited.add(key)
            if key not in keys:
                ctx.add(
                    "citation.range", f"{p.where()}: ({who}, {year}) names no entry of the reference list"
                )
    for key, p in keys.items():
        if key not in cited:
            ctx.add("citation.uncited", f"{p.where()}: this work is never cited", "warning")
