"""The texts the API lists per chapter and subsection, put together from the written units."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Unit = Mapping[str, Any]


def chapter_content(units: Sequence[Unit], chapter: int) -> str | None:
    """A chapter's text: its opening lines, each subsection under its numbered title, in order; None until
    every unit of it is written."""
    mine = [u for u in units if u["chapter_number"] == chapter]
    if not _all_written(mine):
        return None
    parts: list[str] = []
    for unit in mine:
        if unit["lead_in"]:
            parts.append(unit["lead_in"])
        if unit["subsection_number"] and unit["part"] == 1:
            parts.append(f"{chapter}.{unit['subsection_number']} {unit['title']}")
        parts.append(unit["content"])
    return "\n\n".join(part for part in parts if part)


def subsection_content(units: Sequence[Unit], chapter: int, subsection: int) -> str | None:
    """A subsection's text (its parts joined); None until all of it is written."""
    mine = [u for u in units if u["chapter_number"] == chapter and u["subsection_number"] == subsection]
    if not _all_written(mine):
        return None
    return "\n\n".join(u["content"] for u in mine if u["content"])


def _all_written(units: Sequence[Unit]) -> bool:
    return bool(units) and all(u["written_chars"] is not None for u in units)
