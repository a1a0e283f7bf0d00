"""The works a search finds: a deterministic function of the normalised query and the seed."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import lru_cache

from biblio_standin.corpus.lexicon import Lexicon, feminine
from biblio_standin.corpus.lexicon_en import EN
from biblio_standin.corpus.lexicon_ky import KY
from biblio_standin.corpus.lexicon_ru import RU
from biblio_standin.corpus.text import capitalised, digest, issn, script, seed_of, transliterate
from biblio_standin.corpus.work import Institution, Kind, Person, Venue, Work

MIN_TOTAL, MAX_TOTAL = 20, 300
FIRST_YEAR, LAST_YEAR = 1995, 2025
# Of a query's works, the share in the other of ru/en than the query's own script.
SECONDARY_SHARE = 0.12
KINDS: tuple[Kind, ...] = ("article", "chapter", "book", "proceedings", "preprint")
KIND_WEIGHTS = (64, 12, 10, 9, 5)
# Works known only by a landing page, per language: Russian and Kyrgyz works often lack a DOI.
NO_DOI_SHARE = {"ru": 0.2, "ky": 0.4, "en": 0.08}
ABSTRACT_SHARE = 0.55
DEFAULT_TOPIC = "research"
CLAUSE_SHARE = 0.25  # article titles ending in " (на материалах …)", " (based on …)"
# A title already in the query's results is drawn again this often before it gets a clause appended.
TITLE_DRAWS = 8


def _transliterated(source: Lexicon) -> Lexicon:
    """English-language records of Russian journals: the English templates with transliterated names."""

    def latin(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(transliterate(name) for name in names)

    return replace(
        EN,
        journals=latin(source.journals),
        publishers=tuple((transliterate(n), transliterate(c)) for n, c in source.publishers),
        institutions=tuple((transliterate(n), c) for n, c in source.institutions),
        male_given=latin(source.male_given),
        female_given=latin(source.female_given),
        surnames=latin(source.surnames),
        initials="ABDEGIKLMNOPSTVY",
        gendered_surnames=True,
    )


LEXICONS = {"ru": RU, "en": EN, "ky": KY}
EN_FROM_RU = _transliterated(RU)


@lru_cache(maxsize=512)
def corpus(topic: str, seed: int = 0) -> tuple[Work, ...]:
    """Every work a search for the normalised `topic` finds, best first: 20–300 of them, mostly in the query's
    own script, 0–3 in Kyrgyz (1–3 for a Kyrgyz query), as scarce as Kyrgyz works are in reality."""
    rng = random.Random(seed_of(seed, "corpus", topic))
    total = rng.randint(MIN_TOTAL, MAX_TOTAL)
    found = script(topic)
    primary = "en" if found == "en" else "ru"
    secondary = "ru" if primary == "en" else "en"
    kyrgyz = set(
        rng.sample(range(total), rng.randint(1, 3) if found == "ky" else rng.choice((0, 0, 1, 1, 2, 3)))
    )
    # Works in the other language match the query's words less well: rarer near the top, the same share overall.
    languages = [
        "ky" if i in kyrgyz else secondary if rng.random() < SECONDARY_SHARE * 2 * i / total else primary
        for i in range(total)
    ]
    top = rng.uniform(600.0, 2500.0)
    titles: set[str] = set()
    return tuple(_work(topic, seed, rank, language, top, titles) for rank, language in enumerate(languages))


def _lexicon(language: str, topic: str) -> Lexicon:
    if language == "en" and script(topic) != "en":
        return EN_FROM_RU
    return LEXICONS[language]


def _shown_topic(topic: str, lexicon: Lexicon, rng: random.Random) -> str:
    words = (topic or DEFAULT_TOPIC).split()
    roll = rng.random()
    if len(words) >= 3 and roll < 0.15:
        words = words[:2]
    elif len(words) >= 3 and roll < 0.3:
        words = words[-2:]
    shown = " ".join(words)
    return transliterate(shown) if lexicon.code == "en" and script(shown) != "en" else shown


def _fill(template: str, topic: str, lexicon: Lexicon, rng: random.Random) -> str:
    # A facet the topic already names would read "Higher education and higher education".
    facets = [f for f in lexicon.facets if f.lower() not in topic.lower()] or list(lexicon.facets)
    return template.format(
        T=capitalised(topic),
        t=topic,
        F=rng.choice(facets),
        P=rng.choice(lexicon.places),
        Y=rng.choice(lexicon.periods),
        S=rng.choice(lexicon.materials),
    )


def _person(lexicon: Lexicon, rng: random.Random) -> Person:
    female = rng.random() < 0.5
    first = rng.choice(lexicon.female_given if female else lexicon.male_given)
    affiliation = Institution(*rng.choice(lexicon.institutions)) if rng.random() < 0.8 else None
    if lexicon.clan_names and rng.random() < 0.2:
        clan = f"{rng.choice(lexicon.clan_names)} {'кызы' if female else 'уулу'}"
        return Person(clan, first, first, affiliation)
    family = rng.choice(lexicon.surnames)
    if female and lexicon.gendered_surnames:
        family = feminine(family)
    if lexicon.patronymics:
        given = f"{first} {rng.choice(lexicon.patronymics)[1 if female else 0]}"
    elif rng.random() < 0.5:
        given = f"{first} {rng.choice(lexicon.initials)}."
    else:
        given = first
    return Person(family, given, first, affiliation)


def _date(kind: Kind, rng: random.Random) -> tuple[int, ...]:
    year = round(rng.triangular(FIRST_YEAR, LAST_YEAR, 2021))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.random()
    if (kind == "book" and precision < 0.7) or precision < 0.1:
        return (year,)
    return (year, month) if precision < 0.4 else (year, month, day)


def _abstract(topic: str, lexicon: Lexicon, rng: random.Random) -> str:
    middles = rng.sample(lexicon.abstract_middles, rng.randint(1, min(3, len(lexicon.abstract_middles))))
    sentences = [rng.choice(lexicon.abstract_openers), *middles, rng.choice(lexicon.abstract_closers)]
    return " ".join(_fill(sentence, topic, lexicon, rng) for sentence in sentences)


def _title(
    templates: tuple[str, ...], topic: str, lexicon: Lexicon, rng: random.Random, titles: set[str]
) -> str:
    """A title not yet among the query's results (real result lists rarely repeat one)."""
    for _ in range(TITLE_DRAWS):
        title = _fill(rng.choice(templates), topic, lexicon, rng)
        if rng.random() < CLAUSE_SHARE and templates is lexicon.article_titles:
            title += _fill(rng.choice(lexicon.clauses), topic, lexicon, rng)
        if title not in titles:
            break
    else:
        for _ in range(TITLE_DRAWS * 4):
            title = _fill(rng.choice(lexicon.article_titles), topic, lexicon, rng)
            title += _fill(rng.choice(lexicon.clauses), topic, lexicon, rng)
            if title not in titles:
                break
    titles.add(title)
    return title


def _pages(rng: random.Random) -> tuple[str, str]:
    first = rng.randint(3, 240)
    return str(first), str(first + rng.randint(5, 22))


def _work(topic: str, seed: int, rank: int, language: str, top: float, titles: set[str]) -> Work:
    rng = random.Random(seed_of(seed, "work", topic, rank))
    key = digest(seed, "key", topic, rank).hex()[:16]
    lexicon = _lexicon(language, topic)
    shown = _shown_topic(topic, lexicon, rng)
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    authors = tuple(_person(lexicon, rng) for _ in range(rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]))
    editors: tuple[Person, ...] = ()
    subtitle = None
    volume = issue = first_page = last_page = None
    title = _title(lexicon.article_titles, shown, lexicon, rng, titles)
    publisher, city = rng.choice(lexicon.publishers)
    if kind == "article":
        container = rng.choice(lexicon.journals)
        publisher, city = lexicon.publishers[seed_of(container) % len(lexicon.publishers)]
        venue = Venue(container, "journal", issn(container), publisher, city)
        volume = str(rng.randint(1, 40)) if rng.random() < 0.7 else None
        issue = str(rng.randint(1, 12))
        first_page, last_page = _pages(rng)
    elif kind == "proceedings":
        container = rng.choice(lexicon.conferences)
        venue = Venue(container, "conference", None, publisher, city)
        first_page, last_page = _pages(rng)
    elif kind == "chapter":
        container = _fill(rng.choice(lexicon.book_titles), shown, lexicon, rng)
        editors = tuple(_person(lexicon, rng) for _ in range(rng.randint(1, 2)))
        venue = Venue(container, "book series", None, publisher, city)
        first_page, last_page = _pages(rng)
    elif kind == "book":
        titles.discard(title)
        title = _title(lexicon.book_titles, shown, lexicon, rng, titles)
        subtitle = rng.choice(lexicon.book_subtitles) if rng.random() < 0.5 else None
        authors = authors[:2]
        container = None
        venue = Venue(publisher, "book series", None, publisher, city)
    else:
        container = rng.choice(lexicon.repositories)
        publisher, city = container, ""
        venue = Venue(container, "repository", None, container, "")
    date = _date(kind, rng)
    has_abstract = rng.random() < (0.3 if kind == "book" else ABSTRACT_SHARE)
    return Work(
        key=key,
        number=9_000_000_000 + int(key[:8], 16) % 1_000_000_000,
        language=language,
        kind=kind,
        title=title,
        subtitle=subtitle,
        authors=authors,
        editors=editors,
        date=date,
        venue=venue,
        container=container,
        publisher=publisher,
        city=city,
        volume=volume,
        issue=issue,
        first_page=first_page,
        last_page=last_page,
        has_doi=kind == "preprint" or rng.random() >= NO_DOI_SHARE[language],
        abstract=_abstract(shown, lexicon, rng) if has_abstract else None,
        abstract_heading=lexicon.abstract_heading if rng.random() < 0.5 else None,
        cited_by=rng.randint(0, max(0, (LAST_YEAR + 1 - date[0]) * rng.randint(1, 8))),
        rank=rank,
        relevance=round(top * 0.985**rank, 6),
        is_oa=rng.random() < 0.5,
        crossref_language=rng.random() < 0.6,
    )
