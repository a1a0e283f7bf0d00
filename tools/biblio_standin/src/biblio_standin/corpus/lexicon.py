"""What records in one language are made of: title templates, venues, publishers, people's names.

Every venue, publisher and institution in the lexicons is invented; titles are the query's words set in
templates. Placeholders: {T} the topic with a capital letter, {t} the topic as typed, {F} a facet, {P} a
place, {Y} a period, {S} a kind of material.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Word pools of one language."""

    code: str
    article_titles: tuple[str, ...]
    book_titles: tuple[str, ...]
    book_subtitles: tuple[str, ...]
    facets: tuple[str, ...]
    places: tuple[str, ...]
    periods: tuple[str, ...]
    materials: tuple[str, ...]
    abstract_openers: tuple[str, ...]
    abstract_middles: tuple[str, ...]
    abstract_closers: tuple[str, ...]
    abstract_heading: str
    clauses: tuple[str, ...]  # optional endings of article titles, e.g. " (на материалах {S})"
    journals: tuple[str, ...]
    conferences: tuple[str, ...]
    repositories: tuple[str, ...]
    publishers: tuple[tuple[str, str], ...]  # (name, city)
    institutions: tuple[tuple[str, str], ...]  # (name, ISO 3166 country code)
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]
    surnames: tuple[str, ...]  # masculine forms; feminine ones are derived
    patronymics: tuple[tuple[str, str], ...] = ()  # (masculine, feminine); empty: middle initials instead
    clan_names: tuple[str, ...] = ()  # Kyrgyz "Асан уулу" / "Асан кызы" family names
    initials: str = "ABCDEFGHJKLMNPRSTW"  # middle initials where there are no patronymics
    gendered_surnames: bool = False  # women's surnames take the feminine form (Иванова, Ivanova)


def feminine(surname: str) -> str:
    """The feminine form of a Russian-style surname, in either script (Иванов → Иванова, Ivanov → Ivanova,
    Ковалевский → Ковалевская, Kovalevskiy → Kovalevskaya)."""
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын", "ov", "ev", "in", "yn")):
        return surname + ("а" if surname[-1] in "вн" else "a")
    for masculine, feminine_ in (("ский", "ская"), ("цкий", "цкая"), ("skiy", "skaya")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine_
    return surname
