"""Plausible placeholder bibliography entries, structured and formatted (GOST-like for ru/ky, APA for en)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from llm_standin.generation.lexicon import Lexicon

KINDS = ("book", "book", "article", "article", "web")


@dataclass(frozen=True)
class Person:
    """An author: surname and two initials."""

    surname: str
    first: str
    middle: str

    def inverted(self) -> str:
        """ "Surname, I. O."."""
        return f"{self.surname}, {self.first}. {self.middle}."

    def direct(self) -> str:
        """ "I. O. Surname"."""
        return f"{self.first}. {self.middle}. {self.surname}"


@dataclass(frozen=True)
class SourceRecord:
    """One fabricated source; every field is placeholder data."""

    number: int
    kind: str
    authors: tuple[Person, ...]
    title: str
    year: int
    publisher: str
    city: str
    journal: str
    volume: int
    issue: int
    first_page: int
    last_page: int
    total_pages: int
    url: str
    doi: str
    accessed: str

    @property
    def pages(self) -> str:
        """Page range of an article."""
        return f"{self.first_page}–{self.last_page}"


def make_person(lex: Lexicon, rng: random.Random) -> Person:
    """A placeholder author."""
    return Person(rng.choice(lex.surnames), rng.choice(lex.initials), rng.choice(lex.initials))


def make_authors(lex: Lexicon, rng: random.Random, count: int) -> tuple[Person, ...]:
    """`count` co-authors with different surnames."""
    surnames = rng.sample(list(lex.surnames), min(count, len(lex.surnames)))
    return tuple(Person(name, rng.choice(lex.initials), rng.choice(lex.initials)) for name in surnames)


def make_sources(lex: Lexicon, rng: random.Random, count: int, topic: str | None) -> list[SourceRecord]:
    """`count` distinct placeholder sources."""
    titles = list(lex.source_titles)
    rng.shuffle(titles)
    if topic:
        titles.insert(rng.randint(0, min(2, len(titles))), lex.topic_source_title.format(topic=topic))
    records = []
    for n in range(1, count + 1):
        base = titles[(n - 1) % len(titles)]
        title = base if n <= len(titles) else f"{base} ({(n - 1) // len(titles) + 1})"
        kind = "web" if n == count and count > 3 else rng.choice(KINDS)
        first = rng.randint(5, 180)
        records.append(
            SourceRecord(
                number=n,
                kind=kind,
                authors=make_authors(lex, rng, rng.choice((1, 1, 2, 3))),
                title=title,
                year=rng.randint(2012, 2024),
                publisher=rng.choice(lex.publishers),
                city=rng.choice(lex.cities),
                journal=rng.choice(lex.journals),
                volume=rng.randint(1, 40),
                issue=rng.randint(1, 12),
                first_page=first,
                last_page=first + rng.randint(6, 24),
                total_pages=rng.randint(120, 480),
                url=f"https://example.org/llm-standin/{lex.code}/source-{n}",
                doi=f"10.5555/llm-standin.{rng.randint(1000, 9999)}",
                accessed=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            )
        )
    return records


def _gost(lex: Lexicon, s: SourceRecord) -> str:
    ky = lex.code == "ky"
    head = s.authors[0].inverted()
    others = ", ".join(a.direct() for a in s.authors)
    title = f"{s.title} {lex.source_mark}"
    day = ".".join(reversed(s.accessed.split("-")))
    if s.kind == "web":
        accessed = "кайрылуу күнү" if ky else "дата обращения"
        site = "веб-сайт" if ky else "сайт"
        return f"{title} : [{site}]. – URL: {s.url} ({accessed}: {day})."
    if s.kind == "article":
        pages = "Б." if ky else "С."
        return f"{head} {title} / {others} // {s.journal}. – {s.year}. – № {s.issue}. – {pages} {s.pages}."
    genre = "окуу куралы" if ky else "учебное пособие"
    unit = "б." if ky else "с."
    return (
        f"{head} {title} : {genre} / {others}. – {s.city} : {s.publisher}, {s.year}. – {s.total_pages} {unit}"
    )


def _apa(lex: Lexicon, s: SourceRecord) -> str:
    names = [a.inverted() for a in s.authors]
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    if s.kind == "web":
        return f"{lex.web_sites[s.number % len(lex.web_sites)]}. ({s.year}). *{s.title}* {lex.source_mark}. {s.url}"
    if s.kind == "article":
        return (
            f"{authors} ({s.year}). {s.title} {lex.source_mark}. *{s.journal}*, *{s.volume}*({s.issue}), "
            f"{s.pages}. https://doi.org/{s.doi}"
        )
    return f"{authors} ({s.year}). *{s.title}* {lex.source_mark}. {s.publisher}."


def format_source(lex: Lexicon, source: SourceRecord) -> str:
    """One entry as a reference-list line (without its number)."""
    return _apa(lex, source) if lex.code == "en" else _gost(lex, source)


def source_list(lex: Lexicon, sources: list[SourceRecord]) -> str:
    """A numbered markdown list of sources, introduced by the placeholder marker."""
    lines = [f"{s.number}. {format_source(lex, s)}" for s in sources]
    return lex.marker + "\n\n" + "\n".join(lines)
