"""Markdown → typed blocks: the shapes LLMs write, and anything at all without raising."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.blocks import (
    Block,
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    ListBlock,
    MathRun,
    ParagraphBlock,
    TableBlock,
    TextRun,
)
from contracts.writing import SectionWritten
from writer.domain import markdown
from writer.domain.inline import parse_inline, plain_text
from writer.domain.markdown import parse_markdown


def dump(blocks: tuple[Block, ...]) -> list[dict[str, object]]:
    return [b.model_dump(exclude_defaults=True) for b in blocks]


def test_emphasis_and_citations() -> None:
    runs = parse_inline("Это **важно** и *тонко* [1], см. [2, 3] и [4-6]; также [7, с. 45].")
    assert runs == (
        TextRun(text="Это "),
        TextRun(text="важно", bold=True),
        TextRun(text=" и "),
        TextRun(text="тонко", italic=True),
        TextRun(text=" "),
        CitationRun(numbers=(1,)),
        TextRun(text=", см. "),
        CitationRun(numbers=(2, 3)),
        TextRun(text=" и "),
        CitationRun(numbers=(4, 5, 6)),
        TextRun(text="; также "),
        CitationRun(numbers=(7,), page="с. 45"),  # the page cited is kept
        TextRun(text="."),
    )


def test_inline_math_and_scripts() -> None:
    runs = parse_inline(r"Энергия $E = mc^2$ и \(x_i\), вода H<sub>2</sub>O, 10<sup>3</sup> Па; $5 и $10.")
    assert runs == (
        TextRun(text="Энергия "),
        MathRun(latex="E = mc^2"),
        TextRun(text=" и "),
        MathRun(latex="x_i"),
        TextRun(text=", вода H"),
        TextRun(text="2", script="sub"),
        TextRun(text="O, 10"),
        TextRun(text="3", script="super"),
        TextRun(text=" Па; $5 и $10."),
    )


def test_bold_italic_nesting_and_underscores() -> None:
    assert parse_inline("***всё*** и __тоже__ и _это_") == (
        TextRun(text="всё", bold=True, italic=True),
        TextRun(text=" и "),
        TextRun(text="тоже", bold=True),
        TextRun(text=" и "),
        TextRun(text="это", italic=True),
    )
    assert parse_inline("snake_case_name и 2 * 3 * 4") == (TextRun(text="snake_case_name и 2 * 3 * 4"),)


def test_unbalanced_markers_stay_literal() -> None:
    assert plain_text(parse_inline("Незакрытый **жирный и *курсив")) == "Незакрытый **жирный и *курсив"
    assert parse_inline("**") == (TextRun(text="**"),)


def test_not_citations() -> None:
    assert parse_inline("[0] и [a] и [1-1000] и [примечание]") == (
        TextRun(text="[0] и [a] и "),
        CitationRun(numbers=(1, 1000)),
        TextRun(text=" и [примечание]"),
    )


def test_links_tags_code_and_escapes() -> None:
    assert plain_text(parse_inline("[сайт](http://x.ru) <b>жир</b> `код` \\*звезда\\* a<br>b")) == (
        "сайт жир код *звезда* a b"
    )


def test_headings_title_and_numbering() -> None:
    blocks = parse_markdown(
        "# Глава 1. Основы блокчейна\n\n## 1.1 Понятие\n\nТекст.\n\n### 1.1.1. Детали\n\n#### Ещё\n\n# Другое",
        "Основы блокчейна",
    )
    assert blocks == (
        HeadingBlock(level=2, text="Понятие"),
        ParagraphBlock(runs=(TextRun(text="Текст."),)),
        HeadingBlock(level=3, text="Детали"),
        HeadingBlock(level=3, text="Ещё"),
        HeadingBlock(level=2, text="Другое"),
    )


def test_subsections_written_with_three_hashes_are_subsections() -> None:
    blocks = parse_markdown("## Глава 1. Основы\n\n### Понятие\n\nТекст.\n\n#### Детали\n\nЕщё.", "Основы")
    assert [(b.level, b.text) for b in blocks if isinstance(b, HeadingBlock)] == [
        (2, "Понятие"),
        (3, "Детали"),
    ]


def test_bold_title_line_at_the_start_is_dropped() -> None:
    assert parse_markdown("**Введение**\n\nТекст введения.", "Введение") == (
        ParagraphBlock(runs=(TextRun(text="Текст введения."),)),
    )


def test_paragraphs_join_soft_wrapped_lines() -> None:
    (block,) = parse_markdown("первая строка\nвторая строка\n> цитата")
    assert block == ParagraphBlock(runs=(TextRun(text="первая строка вторая строка цитата"),))


def test_nested_lists_and_kinds() -> None:
    blocks = parse_markdown(
        "- один\n  продолжение\n  - вложенный\n    - глубже\n- два\n\n1. раз\n2) два\n\nа) буква"
    )
    assert dump(blocks) == [
        {
            "items": (
                {
                    "runs": ({"text": "один продолжение"},),
                    "children": {
                        "items": (
                            {
                                "runs": ({"text": "вложенный"},),
                                "children": {"items": ({"runs": ({"text": "глубже"},)},)},
                            },
                        )
                    },
                },
                {"runs": ({"text": "два"},)},
            )
        },
        # a blank line between items of one kind keeps the list going
        {
            "ordered": True,
            "items": (
                {"runs": ({"text": "раз"},)},
                {"runs": ({"text": "два"},)},
                {"runs": ({"text": "буква"},)},
            ),
        },
    ]


def test_list_depth_is_capped() -> None:
    (block,) = parse_markdown("- a\n  - b\n    - c\n      - d\n        - e")
    assert isinstance(block, ListBlock)
    depth, node = 1, block.items[-1].children
    while node is not None:
        depth += 1
        node = node.items[-1].children
    assert depth == 3


def test_table_with_caption_and_ragged_rows() -> None:
    blocks = parse_markdown(
        "Таблица 1 – Сравнение технологий\n\n| Технология | Скорость |\n|---|:---:|\n| Bitcoin | 7 tps |\n"
        "| **Visa** | 24000 tps | лишнее |\n| | |\n| одна |"
    )
    assert blocks == (
        TableBlock(
            caption="Сравнение технологий",
            header=("Технология", "Скорость", ""),
            rows=(("Bitcoin", "7 tps", ""), ("Visa", "24000 tps", "лишнее"), ("одна", "", "")),
        ),
    )


def test_table_caption_from_bold_line_and_english() -> None:
    (table,) = parse_markdown("**Key figures**\n| a | b |\n| 1 | 2 |")
    assert table == TableBlock(caption="Key figures", rows=(("a", "b"), ("1", "2")))
    (table,) = parse_markdown("Table 2. Results\na | b\n--- | ---\n1 | 2")
    assert table == TableBlock(caption="Results", header=("a", "b"), rows=(("1", "2"),))


def test_formulas() -> None:
    blocks = parse_markdown(
        "Известно:\n$$E = mc^2 \\tag{1}$$\n(1)\n\nгде \\[a^2+b^2=c^2\\] и\n$$\n\\frac{a}{b}\n$$\n$$ $$"
    )
    assert blocks == (
        ParagraphBlock(runs=(TextRun(text="Известно:"),)),
        FormulaBlock(latex="E = mc^2"),
        ParagraphBlock(runs=(TextRun(text="где"),)),
        FormulaBlock(latex="a^2+b^2=c^2"),
        ParagraphBlock(runs=(TextRun(text="и"),)),
        FormulaBlock(latex="\\frac{a}{b}"),
    )


def test_unclosed_formula_is_text() -> None:
    (block,) = parse_markdown("начало $$x + y без конца")
    assert plain_text(block.runs) == "начало x + y без конца"  # type: ignore[union-attr]


def test_garbage_and_control_characters() -> None:
    assert parse_markdown("") == ()
    assert parse_markdown("\n\n---\n```\n\x00\ufeff\n#\n|\n") == (ParagraphBlock(runs=(TextRun(text="|"),)),)


def test_fallback_when_the_parser_breaks(monkeypatch: object) -> None:
    def boom(text: str, title: str) -> tuple[Block, ...]:
        raise RuntimeError("bug")

    monkeypatch.setattr(markdown, "_parse", boom)  # type: ignore[attr-defined]
    assert parse_markdown("a\n\nb") == (
        ParagraphBlock(runs=(TextRun(text="a"),)),
        ParagraphBlock(runs=(TextRun(text="b"),)),
    )


TOKENS = [
    *"ab Я1*_[]()|-#$\\`>.:,\n\t",
    "**",
    "$$",
    "\\[",
    "\\]",
    "| --- |",
    "1. ",
    "- ",
    "  ",
    "[1-3]",
    "Таблица 1 – ",
]
MARKDOWNISH = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


def _valid(blocks: tuple[Block, ...]) -> None:
    event = SectionWritten(
        essay_id=1,
        correlation_id="00000000-0000-0000-0000-000000000001",
        generation=1,
        section_index=0,
        blocks=blocks,
        written_chars=0,
    )
    json.loads(event.model_dump_json())  # serialisable, so publishable
    for block in blocks:
        if isinstance(block, ParagraphBlock):
            assert block.runs and all(r.text for r in block.runs if isinstance(r, TextRun))
        if isinstance(block, HeadingBlock):
            assert block.text.strip()


@settings(max_examples=400, deadline=None, database=None)
@given(MARKDOWNISH, st.text(max_size=20))
def test_markdownish_never_raises(text: str, title: str) -> None:
    _valid(markdown._parse(text, title))


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=400))
def test_any_text_never_raises(text: str) -> None:
    _valid(markdown._parse(text, "Введение"))


def test_a_caption_under_its_table_is_taken_and_never_doubled() -> None:
    table = "| a | b |\n|---|---|\n| 1 | 2 |"
    below = parse_markdown(f"Текст.\n\n{table}\n\n*Таблица 1 – Показатели*\n\nДалее.")
    assert [getattr(b, "caption", None) for b in below] == [None, "Показатели", None]
    both = parse_markdown(f"Таблица 1\n\n{table}\n\nТаблица 1 – Показатели\n\nДалее.")
    assert [getattr(b, "caption", None) for b in both] == ["Показатели", None]
    texts = [plain_text(b.runs) for b in both if isinstance(b, ParagraphBlock)]
    assert texts == ["Далее."]


def test_lettered_lists_stay_lettered() -> None:
    (block,) = parse_markdown("а) первое;\nб) второе.")
    assert isinstance(block, ListBlock) and block.ordered and block.lettered
    (numbered,) = parse_markdown("1. первое;\n2. второе.")
    assert isinstance(numbered, ListBlock) and numbered.ordered and not numbered.lettered
