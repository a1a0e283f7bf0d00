"""Render settings: everything about the document that is a choice rather than a GOST rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

SourceOrder = Literal["alphabetical", "first_citation"]


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How to render an essay; the defaults follow GOST 7.32-2017 as universities apply it."""

    source_order: SourceOrder = "alphabetical"
    """"alphabetical" (Cyrillic before Latin) or "first_citation" (order of first reference in the text)."""
    year: int | None = None
    """Year shown on the title page instead of manifest.title_page.year."""
    access_date: date | None = None
    """Access date for web sources that carry none; defaults to the date of the references section."""
    table_font_pt: float = 12.0
    """Font size of ordinary tables (GOST allows a smaller size than the body)."""

    def __post_init__(self) -> None:
        if self.source_order not in ("alphabetical", "first_citation"):
            raise ValueError(f"unknown source_order {self.source_order!r}")
        if not 6.0 <= self.table_font_pt <= 14.0:
            raise ValueError("table_font_pt must be between 6 and 14")
