"""heading.sub.required: in a laid-out essay, every chapter of two pages or more has two to four subsections.

The layout (the PDF outline LibreOffice exports: every heading's title and page) is given here by hand, so the
rule is checked without LibreOffice; tests/integration/test_contents_render.py runs it on a real render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from normocontrol import check_docx
from normocontrol.language import normalize_language
from normocontrol.model import load
from normocontrol.rules_render import Outline, check_subsection_pages, heading_pages
from normocontrol.structure import Context, analyse

from .mutation_steps import remove, retext
from .refdoc import RefDoc, build

# Where each top-level heading of the reference essay falls; subsections fall on their chapter's page.
TWO_PAGES_EACH = {"intro": 3, "chapter1": 4, "chapter2": 6, "conclusion": 8, "sources": 9}
ONE_PAGE_EACH = {"intro": 3, "chapter1": 4, "chapter2": 5, "conclusion": 6, "sources": 7}


def layout(ref: RefDoc, starts: Mapping[str, int]) -> Outline:
    """The outline a layout with these top-level pages gives: (title, page) of every heading, in order."""
    names = {id(p._p): name for name, p in ref.at.items() if hasattr(p, "_p")}
    outline: Outline = []
    page = 1
    for paragraph in ref.doc.paragraphs:
        if not paragraph.style.name.startswith("Heading") or not paragraph.text.strip():
            continue
        page = starts.get(names.get(id(paragraph._p), ""), page)
        outline.append((paragraph.text, page))
    return outline


def rules(ref: RefDoc, starts: Mapping[str, int]) -> set[str]:
    """Rules broken: every rule that needs no layout, and the subsection rule over the given layout."""
    outline = layout(ref, starts)
    data = ref.to_bytes()
    model = load(data)
    language = normalize_language(ref.language) or "ru"
    ctx = Context(model, language, analyse(model, language))
    check_subsection_pages(ctx, outline)
    return check_docx(data, language=ref.language).rules() | {v.rule for v in ctx.violations}


def _unsectioned(number: int) -> Callable[[RefDoc], None]:
    def mutate(ref: RefDoc) -> None:
        for k in (1, 2):
            remove(ref.at[f"sub{number}.{k}"])

    return mutate


def _one_subsection(ref: RefDoc) -> None:
    remove(ref.at["sub2.2"])


def _sub_as_text(ref: RefDoc) -> None:
    """The subsection headings of chapter 2 left as bold lines of text, not Heading 2."""
    for k in (1, 2):
        ref.at[f"sub2.{k}"].style = ref.doc.styles["Normal"]


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_reference_essay_passes_with_chapters_of_two_pages(language: str) -> None:
    assert rules(build(language), TWO_PAGES_EACH) == set()


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_unsectioned(2), {"heading.sub.required"}),
        (_one_subsection, {"heading.sub.required", "heading.sub.single"}),
        (_sub_as_text, {"heading.sub.required"}),
    ],
    ids=["no subsections", "one subsection", "subsections not on Heading 2"],
)
def test_a_chapter_of_two_pages_without_two_subsections_is_caught(
    language: str, mutate: Callable[[RefDoc], None], expected: set[str]
) -> None:
    ref = build(language)
    mutate(ref)
    assert rules(ref, TWO_PAGES_EACH) == expected


def test_a_chapter_of_one_page_needs_no_subsections() -> None:
    ref = build("ru")
    _unsectioned(1)(ref)
    _unsectioned(2)(ref)
    assert rules(ref, ONE_PAGE_EACH) == set()
    # a chapter reaching onto the page the next one runs on from is still one page long
    assert rules(ref, {**ONE_PAGE_EACH, "chapter2": 5, "conclusion": 6}) == set()


def test_the_message_names_the_chapter_and_its_pages() -> None:
    ref = build("ru")
    _unsectioned(1)(ref)
    outline = layout(ref, {**TWO_PAGES_EACH, "chapter2": 7, "conclusion": 9, "sources": 10})
    model = load(ref.to_bytes())
    ctx = Context(model, "ru", analyse(model, "ru"))
    check_subsection_pages(ctx, outline)
    (violation,) = ctx.violations
    assert violation.severity == "error"
    assert "a chapter of 3 pages has 0 subsection(s), expected 2 to 4" in violation.message
    assert ref.at["chapter1"].text[:20] in violation.message


def test_headings_are_matched_to_the_outline_by_their_text() -> None:
    ref = build("ru")
    retext(ref.at["sub1.1"], ref.at["sub1.1"].text + "\u200b")  # invisible characters do not count
    outline = layout(ref, TWO_PAGES_EACH)
    model = load(ref.to_bytes())
    ctx = Context(model, "ru", analyse(model, "ru"))
    found = heading_pages(ctx, [(title.replace("\u200b", ""), page) for title, page in outline])
    assert len(found) == len(outline)
    # without a layout (LibreOffice missing) the rule stays silent: toc.pages already warns
    check_subsection_pages(ctx, None)
    assert ctx.violations == []
