"""Render settings: everything about the document that is a choice rather than a GOST rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

SourceOrder = Literal["alphabetical", "first_citation"]


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """How to render an essay; the defaults follow GOST 7.32-2017 as universities apply it."""

    chars_per_page: int = 1820
    """Characters with spaces of 27 full lines at 14 pt (the contents' page estimates count each paragraph's
    lines from it); LibreOffice sets 67.4 characters on a full line of Russian text (`python -m refgen_demo.accuracy --calibrate`)."""
    source_order: SourceOrder = "alphabetical"
    """"alphabetical" (Cyrillic before Latin) or "first_citation" (order of first reference in the text)."""
    year: int | None = None
    """Year shown on the title page instead of manifest.title_page.year."""
    access_date: date | None = None
    """Access date for web sources that carry none; defaults to the date of the references section."""
    table_font_pt: float = 12.0
    """Font size of ordinary tables (GOST allows a smaller size than the body)."""

    def __post_init__(self) -> None:
        if self.chars_per_page < 100:
            raise ValueError("chars_per_page must be at least 100")
        if self.source_order not in ("alphabetical", "first_citation"):
            raise ValueError(f"unknown source_order {self.source_order!r}")
        if not 6.0 <= self.table_font_pt <= 14.0:
            raise ValueError("table_font_pt must be between 6 and 14")
