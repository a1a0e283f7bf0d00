"""GOST R 7.0.100-2018 entries for the ru and ky lists: books, journal articles, chapters of books, web pages.

The forms follow the standard's examples as university library guides quote them: a part of a work is
"Part / Authors. – Текст : электронный // Host / под редакцией …. – City : Publisher, Year. – С. 18–29."
(the content type before "//" when the part is read online); a work described as a whole ends with
"– URL: … (дата обращения: …). – Текст : электронный."; four authors go after the slash only, five and more
as the first three "[и др.]"; a site's type is supplied in brackets: "Site : [сайт]".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from contracts.blocks import SourceEntry
from printer.domain.labels import LATIN_MARKS, Labels
from printer.domain.sources_names import Name, genitive, names_of
from printer.domain.sources_text import (
    CYRILLIC,
    DASH,
    NBSP,
    Segment,
    access_date,
    doi_of,
    dotted,
    is_range,
    no_dot,
    number,
    page_range,
    script_marks,
    tidy,
    title_of,
    url_of,
)

_NAMES_ITS_TYPE = re.compile(r"сайт|портал|site|portal", re.IGNORECASE)


def _person(name: Name, surname: str | None = None) -> str:
    """A name as the statement of responsibility gives it, initials first, with non-breaking spaces."""
    return NBSP.join([*name.initials, surname or name.surname])


def _heading(names: Sequence[Name], more: bool) -> str:
    """The first author ahead of the title ("Иванов, И. И. "), for a work of one to three persons."""
    persons = [n for n in names if not n.corporate]
    if not 1 <= len(persons) <= 3 or more:
        return ""
    first = persons[0]
    return dotted(f"{first.surname}, {NBSP.join(first.initials)}".rstrip(", ")) + " "


def _responsibility(names: Sequence[Name], more: bool, marks: Labels) -> str:
    """The statement of responsibility: up to four persons, else three "[и др.]"; then " ; " organisations."""
    persons = [n for n in names if not n.corporate]
    shown = persons[:3] if len(persons) > 4 else persons
    people = ", ".join(_person(n) for n in shown)
    if people and (more or len(persons) > 4):
        people += f" {marks.et_al}"
    groups = ", ".join(n.surname for n in names if n.corporate)
    return " ; ".join(p for p in (people, groups) if p)


def _edited(editors: Sequence[str], marks: Labels, labels: Labels) -> str:
    """The editors' statement: "под редакцией А. А. Петрова" (genitive), or "ed. by J. Smith"."""
    names, _ = names_of(editors)
    if not names:
        return ""
    russian = marks is labels
    shown = ", ".join(
        n.surname
        if n.corporate
        else _person(n, genitive(n.surname) if russian and CYRILLIC.search(n.surname) else None)
        for n in names
    )
    return marks.edited.format(shown)


def _imprint(entry: SourceEntry, latin: bool = False) -> str:
    """The imprint, "Москва : Наука, 2020"; a place or publisher the record lacks is said to be unknown, as
    GOST R 7.0.100-2018 has it: "[Б. м.] : Наука, 2020", "[Б. м. : б. и.], 2020" ("[S. l.]", "[s. n.]")."""
    city, publisher = no_dot(tidy(entry.city)), no_dot(tidy(entry.publisher))
    if not city and entry.kind != "web":  # a site has no place of publication
        city = (
            ("[S. l.]" if latin else "[Б. м.]")
            if publisher
            else ("[S. l. : s. n.]" if latin else "[Б. м. : б. и.]")
        )
    place = " : ".join(p for p in (city, publisher) if p)
    return ", ".join(p for p in (place, str(entry.year) if entry.year else "") if p)


def _journal_numbers(entry: SourceEntry, marks: Labels) -> list[str]:
    volume, issue, pages = number(entry.volume), number(entry.issue), number(entry.pages)
    numbering = ", ".join(
        p
        for p in (marks.volume.format(volume) if volume else "", marks.issue.format(issue) if issue else "")
        if p
    )
    return [
        str(entry.year) if entry.year else "",
        numbering,
        marks.pages_range.format(page_range(pages)) if pages else "",
    ]


def _host(entry: SourceEntry) -> str:
    """The work a part is in: the journal of an article, the book of a chapter, the site of a web page."""
    if entry.kind == "article":
        return no_dot(tidy(entry.journal))
    if entry.kind == "chapter":
        return title_of(entry.book_title)
    if entry.kind == "web":
        return no_dot(tidy(entry.journal) or tidy(entry.publisher))
    return ""


def gost(entry: SourceEntry, labels: Labels, default_access: date) -> list[Segment]:
    """One entry in GOST R 7.0.100-2018 form (see the module's docstring for the shapes)."""
    title = title_of(entry.title) or "—"
    marks = script_marks(title, labels)
    names, more = names_of(entry.authors)
    host = _host(entry)
    doi, url = doi_of(entry), url_of(entry)
    online = entry.kind == "web" or bool(url)
    text = _heading(names, more) + title
    if entry.kind == "web" and not host:
        text += f" : {labels.site}"  # the page described as a whole
    statements = [_responsibility(names, more, marks)]
    if not host and entry.kind not in ("article", "web"):
        statements.append(_edited(entry.editors, marks, labels))
    statements = [s for s in statements if s]
    if statements:
        text += " / " + " ; ".join(statements)
    areas: list[str] = []
    if host:
        # A part read online names its content type before "//": it is the part that is electronic.
        if online:
            text = dotted(text) + DASH + labels.electronic
        text += f" // {host}"
        host_marks = script_marks(host, labels)
        if entry.kind == "web" and not _NAMES_ITS_TYPE.search(host):
            text += f" : {labels.site}"
        if entry.kind == "chapter":
            edited = _edited(entry.editors, host_marks, labels)
            text += f" / {edited}" if edited else ""
            pages = number(entry.pages)
            areas += [
                _imprint(entry, host_marks is LATIN_MARKS),
                host_marks.pages_range.format(page_range(pages)) if pages else "",
            ]
        elif entry.kind == "article":
            areas += _journal_numbers(entry, marks)
        else:
            areas.append(str(entry.year) if entry.year else "")
    else:
        pages = number(entry.pages)
        extent = ""
        if pages:
            spans = is_range(pages)
            extent = (marks.pages_range if spans else marks.pages_total).format(page_range(pages))
        areas += [_imprint(entry, marks is LATIN_MARKS), extent]
    # A work with a DOI is identified by it, whatever carrier it was read on; its landing page would only
    # repeat what the DOI resolves to, so the URL and its access date are printed for works without one.
    if doi:
        areas.append(f"DOI {doi}")
    if url:
        accessed = access_date(entry, default_access).strftime("%d.%m.%Y")
        areas.append(f"URL: {url} " + labels.accessed.format(accessed))
    if online and not host:
        areas.append(labels.electronic)  # a work described as a whole closes with its content type
    for area in areas:
        if area:
            text = dotted(text) + DASH + area
    return [(dotted(text), False)]
