"""APA 7 entries for the en list, and their author–date citations.

Forms as the APA Style reference examples give them: "Author, A. A. (2020). Title. Publisher." (title in
italics), "… Title. Journal, 5(2), 10–20. https://doi.org/…" (journal and volume in italics),
"… Chapter title. In E. E. Editor (Ed.), Book title (pp. 15–27). Publisher." (book title in italics),
"Organisation. (2023). Page title. Site Name. URL" (page title in italics, the site left out when it is the
author).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from contracts.blocks import SourceEntry
from printer.domain.sources_names import Name, names_of
from printer.domain.sources_text import (
    Segment,
    access_date,
    doi_of,
    dotted,
    is_range,
    no_dot,
    number,
    page_range,
    tidy,
    url_of,
)

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def _listed(names: Sequence[str]) -> str:
    """Names in reading order: "A", "A & B", "A, B, & C"."""
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _authors(names: Sequence[Name]) -> str:
    """Authors inverted ("Smith, J. A."): up to 20, else the first 19, an ellipsis and the last."""
    shown = [f"{n.surname}, {' '.join(n.initials)}".rstrip(", ") for n in names]
    if len(shown) > 20:
        return ", ".join(shown[:19]) + ", . . . " + shown[-1]
    # inverted names carry commas of their own, so even two authors take one before "&"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + ", & " + shown[-1]


def _editors(names: Sequence[Name]) -> str:
    """Editors of a book a chapter is in, initials first: "E. E. Editor (Ed.)", "A. Doe & B. Lee (Eds.)"."""
    shown = [n.surname if n.corporate else " ".join([*n.initials, n.surname]) for n in names]
    return _listed(shown) + (" (Ed.)" if len(shown) == 1 else " (Eds.)")


def author_date(entry: SourceEntry) -> str:
    """The entry's APA 7 in-text citation: "Smith, 2020", "Doe & Lee, 2021", "Brown et al., 2019"."""
    people = [n.surname for n in names_of(entry.authors)[0]]
    if not people and entry.kind in ("book", "other"):  # a whole edited book: its editors, as in the list
        people = [n.surname for n in names_of(entry.editors)[0]]
    if not people:  # else the title stands in the author's place
        title = no_dot(tidy(entry.title)) or "Untitled"
        words = title.split()
        who = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
    elif len(people) == 1:
        who = people[0]
    elif len(people) == 2:
        who = f"{people[0]} & {people[1]}"
    else:
        who = f"{people[0]} et al."
    return f"{who}, {entry.year if entry.year else 'n.d.'}"


def _pages(pages: str) -> str:
    return ("pp. " if is_range(pages) else "p. ") + page_range(pages)


def _container(entry: SourceEntry, author: str) -> list[Segment]:
    """What follows the title: the journal and its numbers, the edited book, or the publisher or site."""
    journal = no_dot(tidy(entry.journal))
    if entry.kind == "article" and journal:
        volume, issue, pages = number(entry.volume), number(entry.issue), page_range(number(entry.pages))
        segs: list[Segment] = [(journal, True)]
        if volume or issue:
            segs.append((", ", False))  # with no volume the issue still stands apart: "Journal, (3), 5–9"
        if volume:
            segs.append((volume, True))
        segs.append(((f"({issue})" if issue else "") + (f", {pages}" if pages else "") + ". ", False))
        return segs
    publisher = no_dot(tidy(entry.publisher))
    book = no_dot(tidy(entry.book_title))
    if entry.kind == "chapter" and book:
        editors, _ = names_of(entry.editors)
        pages = number(entry.pages)
        segs = [("In " + (_editors(editors) + ", " if editors else ""), False), (book, True)]
        segs.append(((f" ({_pages(pages)})" if pages else "") + ". ", False))
        return [*segs, (publisher + ". " if publisher else "", False)]
    if entry.kind == "web":
        site = no_dot(tidy(entry.journal) or tidy(entry.publisher))
        return [(site + ". " if site and site.casefold() != author.casefold() else "", False)]
    # A group author that published its own work is not repeated as the publisher.
    return [(publisher + ". " if publisher and publisher.casefold() != author.casefold() else "", False)]


def apa(entry: SourceEntry, default_access: date | None = None) -> list[Segment]:
    """One entry in APA 7 form; `default_access` dates the retrieval of an undated web page."""
    title = no_dot(tidy(entry.title)) or "Untitled"
    names, _ = names_of(entry.authors)
    year = f"({entry.year})." if entry.year else "(n.d.)."
    journal = no_dot(tidy(entry.journal))
    # Titles of works that stand alone are italic; an article's or a chapter's is not, its container's is.
    part = (entry.kind == "article" and bool(journal)) or (
        entry.kind == "chapter" and bool(tidy(entry.book_title))
    )
    title_end = " " if title[-1] in "?!…" else ". "
    author = ""
    if names:
        author = _authors(names)
    elif entry.kind in ("book", "other"):
        editors, _ = names_of(entry.editors)
        if editors:  # a whole edited book: its editors stand in the author's place
            author = _authors(editors) + (" (Ed.)" if len(editors) == 1 else " (Eds.)")
    segs: list[Segment] = []
    if author:
        segs += [(dotted(author) + f" {year} ", False), (title, not part), (title_end, False)]
    else:
        segs += [(title, not part), (title_end.rstrip() + f" {year} ", False)]
    segs += _container(entry, author)
    doi, url = doi_of(entry), url_of(entry)
    if doi:
        segs.append(("https://doi.org/" + doi, False))
    elif url:
        # APA 7 asks for a retrieval date only for unarchived pages designed to change; an undated web
        # page is that kind (its text has no fixed version), a dated one is not.
        if entry.kind == "web" and not entry.year:
            day = access_date(entry, default_access or date.min)
            if day != date.min:  # neither the record nor the caller knows the day: no retrieval date
                segs.append((f"Retrieved {_MONTHS[day.month - 1]} {day.day}, {day.year}, from ", False))
        segs.append((url, False))
    segs = [(t, i) for t, i in segs if t]
    last_text, last_italic = segs[-1]
    segs[-1] = (last_text.rstrip(), last_italic)
    return segs
