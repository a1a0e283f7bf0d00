"""The generated records themselves: deterministic, plausible, honest about being the stand-in's."""

from __future__ import annotations

from collections import Counter

import pytest

from biblio_standin.corpus.generate import corpus
from biblio_standin.corpus.lexicon_ru import RU
from biblio_standin.corpus.text import normalise, script, transliterate

TOPICS = ("цифровая трансформация образования", "machine learning in higher education", "история", "x")


@pytest.mark.parametrize("topic", TOPICS)
def test_records_are_plausible_and_marked(topic: str) -> None:
    works = corpus(topic)
    assert 20 <= len(works) <= 300
    assert len({w.key for w in works}) == len(works) == len({w.number for w in works})
    assert len({w.title for w in works}) == len(works)  # result lists rarely repeat a title
    for work in works:
        assert 1995 <= work.year <= 2025 and work.authors
        assert work.doi is None or work.doi == f"10.5555/standin.{work.key}"
        assert work.openalex_id.startswith("W9") and len(work.openalex_id) == 11
        assert "example.org" in work.landing_page or work.landing_page == f"https://doi.org/{work.doi}"
        if work.kind in ("article", "proceedings", "chapter"):
            assert work.container and work.first_page and int(work.last_page or 0) > int(work.first_page)
    kinds = Counter(w.kind for w in works)
    assert kinds["article"] > len(works) / 2 and kinds["book"] and kinds["chapter"]
    assert 0 < sum(w.doi is None for w in works) < len(works) / 3
    assert 0.3 < sum(w.abstract is not None for w in works) / len(works) < 0.7
    relevance = [w.relevance for w in works]
    assert relevance == sorted(relevance, reverse=True)


def test_titles_use_the_query_words_in_its_script() -> None:
    works = corpus("цифровая трансформация образования")
    russian = [w for w in works if w.language == "ru"]
    english = [w for w in works if w.language == "en"]
    assert len(russian) > 5 * len(english) > 0
    assert all("трансформация" in w.title.lower() or "цифровая" in w.title.lower() for w in russian)
    # English records of Russian journals: transliterated, as their English metadata is.
    assert all(script(w.title) == "en" for w in english)
    assert all("transformatsiya" in w.title.lower() or "tsifrovaya" in w.title.lower() for w in english)


def test_russian_names_agree_in_gender() -> None:
    female_given = set(RU.female_given)
    people = [p for w in corpus("история") if w.language == "ru" for p in (*w.authors, *w.editors)]
    assert len(people) > 50
    for person in people:
        first, patronymic = person.given.split(" ")
        if first in female_given:
            assert patronymic.endswith("вна")
            assert person.family.endswith(("а", "ая")) or person.family in ("Шевченко", "Ким"), person
        else:
            assert patronymic.endswith("ич") and not person.family.endswith(("ова", "ева", "ина", "ая"))
        assert person.display_name == f"{first} {person.family}"


def test_kyrgyz_records_are_scarce() -> None:
    kyrgyz = [sum(w.language == "ky" for w in corpus(f"тема {n}")) for n in range(40)]
    assert max(kyrgyz) <= 3 and 0 in kyrgyz and any(kyrgyz)
    assert all(1 <= sum(w.language == "ky" for w in corpus(t)) <= 3 for t in ("өнөр жай", "билим берүү"))


def test_normalise_and_seed() -> None:
    assert normalise(' "Digital  economy" AND growth?! ') == "digital economy growth"
    assert normalise("ИИ в образовании") == "ИИ в образовании"
    assert normalise(" ".join(f"w{i}" for i in range(12))).split() == [f"w{i}" for i in range(8)]
    assert transliterate("Щукина Юлия") == "Shchukina Yuliya"
    assert corpus("x", seed=1) != corpus("x", seed=0)
    assert corpus("x", seed=1) == corpus("x", seed=1)
