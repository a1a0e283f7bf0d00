"""What the API lists per chapter and subsection, and what the usage is estimated to cost."""

from __future__ import annotations

from typing import Any

from gateway.essays.domain.listing import chapter_content, subsection_content
from gateway.essays.domain.pricing import Price, total_cost, unit_cost


def _unit(chapter: int, sub: int | None, part: int = 1, *, title: str = "", lead: str = "", text: str = "т",
          written: bool = True) -> dict[str, Any]:  # fmt: skip
    return {
        "chapter_number": chapter,
        "subsection_number": sub,
        "part": part,
        "title": title,
        "lead_in": lead,
        "content": text,
        "written_chars": 100 if written else None,
    }


UNITS = [
    _unit(1, None, text="Первая глава целиком."),
    _unit(2, 1, title="Караваны", lead="Глава о торговле.", text="О караванах."),
    _unit(2, 2, title="Города", text="О городах, часть 1."),
    _unit(2, 2, 2, title="Города", text="Часть 2."),
]


def test_a_divided_chapter_reads_as_its_opening_and_numbered_subsections() -> None:
    assert chapter_content(UNITS, 1) == "Первая глава целиком."
    assert chapter_content(UNITS, 2) == (
        "Глава о торговле.\n\n2.1 Караваны\n\nО караванах.\n\n2.2 Города\n\nО городах, часть 1.\n\nЧасть 2."
    )
    assert subsection_content(UNITS, 2, 2) == "О городах, часть 1.\n\nЧасть 2."
    assert subsection_content(UNITS, 2, 1) == "О караванах."


def test_texts_are_null_until_every_unit_of_them_is_written() -> None:
    pending = [*UNITS[:3], _unit(2, 2, 2, title="Города", written=False)]
    assert chapter_content(pending, 2) is None and subsection_content(pending, 2, 2) is None
    assert subsection_content(pending, 2, 1) == "О караванах."
    assert chapter_content(UNITS, 3) is None  # no manifest yet


def test_cost_is_priced_by_model_per_million_tokens() -> None:
    prices = {"gpt-4o-mini": Price(input=0.15, output=0.6)}
    assert unit_cost(prices, "gpt-4o-mini", 2_000, 1_000) == 0.0009
    assert unit_cost(prices, "unknown", 2_000, 1_000) is None
    assert total_cost([0.0009, None, 0.0001]) == 0.001
    assert total_cost([None, None]) is None
