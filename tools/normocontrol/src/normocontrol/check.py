"""Runs every rule over one document."""

from __future__ import annotations

from pathlib import Path

from .language import detect, normalize_language
from .model import Source, load
from .report import Report
from .rules_content import check_content
from .rules_headings import check_chapters, check_order, check_structural
from .rules_objects import check_formulas, check_tables, check_toc
from .rules_page import check_page_numbers, check_page_setup
from .rules_render import check_contents_pages, check_subsection_pages, rendered_outline
from .rules_sources import check_citations, check_sources
from .rules_text import check_text
from .structure import Context, analyse


def check_docx(path_or_bytes: Source, *, language: str | None = None, render: bool = False) -> Report:
    """Check a DOCX (path, bytes or binary stream) against GOST 7.32-2017 as applied to a referat; with
        `render`, also lay it out with LibreOffice: the contents' page numbers against that layout, and the
    subsections of every chapter of two pages or more."""
    data = _bytes(path_or_bytes) if render else None
    model = load(data if data is not None else path_or_bytes)
    lang = normalize_language(language)
    if language is not None and lang is None:
        raise ValueError(f"unsupported language {language!r}; expected ru, en or ky")
    if lang is None:
        lang = detect(p.text for p in model.paras if p.text.strip())
    ctx = Context(model, lang, analyse(model, lang))
    check_page_setup(ctx)
    check_page_numbers(ctx)
    check_order(ctx)
    check_structural(ctx)
    check_chapters(ctx)
    check_toc(ctx)
    check_text(ctx)
    check_tables(ctx)
    check_formulas(ctx)
    check_citations(ctx, check_sources(ctx))
    check_content(ctx)
    if data is not None:
        outline = rendered_outline(data)
        check_contents_pages(ctx, outline)
        check_subsection_pages(ctx, outline)
    return Report(language=lang, violations=ctx.violations)


def _bytes(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()
