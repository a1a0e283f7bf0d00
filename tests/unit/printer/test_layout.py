"""Page, styles, headings, contents and page numbers as GOST 7.32-2017 wants them."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from contracts.blocks import HeadingBlock
from printer.domain.document import _SETTINGS_ORDER_AFTER_UPDATE_FIELDS
from printer.domain.headings import heading_text
from tests.unit.printer.helpers import NS, TITLE, W, essay, para, render, texts

FONT = "Times New Roman"


def _mm(length: int | None) -> float:
    assert length is not None
    return length / 36000


def test_page_is_a4_with_gost_margins() -> None:
    _, document = render(*essay())
    section = document.sections[0]
    assert round(_mm(section.page_width)) == 210
    assert round(_mm(section.page_height)) == 297
    assert abs(_mm(section.left_margin) - 30) < 0.1
    assert abs(_mm(section.right_margin) - 15) < 0.1
    assert abs(_mm(section.top_margin) - 20) < 0.1
    assert abs(_mm(section.bottom_margin) - 20) < 0.1


def test_fonts_are_times_new_roman_14_in_every_script_slot() -> None:
    _, document = render(*essay())
    styles = document.styles.element
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    normal = styles.find("w:style[@w:styleId='Normal']/w:rPr/w:rFonts", NS)
    for fonts in (defaults, normal):
        assert fonts is not None
        for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
            assert fonts.get(f"{{{W}}}{slot}") == FONT
        assert not any("Theme" in name for name in fonts.attrib)
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS).get(f"{{{W}}}val") == "28"
    assert not styles.xpath(".//w:rFonts[@w:asciiTheme or @w:hAnsiTheme or @w:cstheme]")
    assert document.styles["Normal"].font.size == Pt(14)
    assert document.styles["Normal"].font.name == FONT


def test_normal_is_justified_one_and_a_half_spaced_with_indent_and_no_spacing() -> None:
    _, document = render(*essay())
    fmt = document.styles["Normal"].paragraph_format
    assert fmt.line_spacing == 1.5
    assert fmt.first_line_indent is not None and abs(_mm(fmt.first_line_indent) - 12.5) < 0.1
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.space_before == 0 and fmt.space_after == 0
    body = next(p for p in document.paragraphs if p.text == "Текст главы.")
    assert body.style.name == "Normal"
    assert body.paragraph_format.alignment is None  # nothing overrides the style


def test_headings_text_order_and_styles() -> None:
    chapters = [
        (
            para("a"),
            HeadingBlock(level=2, text="Первый раздел."),
            para("b"),
            HeadingBlock(level=3, text="Пункт"),
        ),
        (HeadingBlock(level=2, text="2.1 Уже с номером"), para("c")),
    ]
    _, document = render(*essay(chapters, titles=["Основы темы.", "Практика"]))
    h1 = texts(document, "Heading 1")
    assert h1 == ["ВВЕДЕНИЕ", "1 Основы темы", "2 Практика", "ЗАКЛЮЧЕНИЕ", "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ"]
    assert texts(document, "Heading 2") == ["1.1 Первый раздел", "2.1 Уже с номером"]
    assert texts(document, "Heading 3") == ["1.1.1 Пункт"]
    assert texts(document, "TOC Heading") == ["СОДЕРЖАНИЕ"]


def test_heading_styles_break_pages_and_outline() -> None:
    _, document = render(*essay())
    h1 = document.styles["Heading 1"]
    assert h1.paragraph_format.page_break_before is True
    assert h1.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert h1.font.bold is True and h1.font.size == Pt(14) and h1.font.all_caps is not True
    assert h1.element.find("w:pPr/w:outlineLvl", NS).get(f"{{{W}}}val") == "0"
    assert document.styles["Heading 2"].element.find("w:pPr/w:outlineLvl", NS).get(f"{{{W}}}val") == "1"
    toc_heading = document.styles["TOC Heading"]
    assert toc_heading.paragraph_format.page_break_before is True
    assert toc_heading.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert toc_heading.font.bold is True


def test_structural_headings_centred_and_chapters_indented() -> None:
    _, document = render(*essay())
    for p in document.paragraphs:
        if p.style.name != "Heading 1":
            continue
        assert not p.text.endswith(".")
        assert not any(r.element.xpath("w:br[@w:type='page']") for r in p.runs)
        if p.text[0].isdigit():
            assert p.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
            assert abs(_mm(p.paragraph_format.first_line_indent) - 12.5) < 0.1
        else:
            assert p.text == p.text.upper()
            assert p.paragraph_format.alignment is None  # centred by the style


def test_toc_field_prefilled_and_update_fields_in_schema_position() -> None:
    chapter = (
        para("x"),
        HeadingBlock(level=2, text="Раздел"),
        HeadingBlock(level=3, text="Пункт"),
        para("y"),
    )
    _, document = render(*essay([chapter]))
    body = document.element.body
    instr = body.xpath(".//w:instrText")
    # GOST 7.32 5.3.2: every titled item is listed, so the third heading level too
    assert any(i.text.strip() == 'TOC \\o "1-3" \\h \\z \\u' for i in instr)
    kinds = [
        c.get(f"{{{W}}}fldCharType")
        for c in body.xpath(".//w:p[w:pPr/w:pStyle[starts-with(@w:val,'TOC')]]//w:fldChar")
    ]
    assert kinds == ["begin", "separate", "end"]
    entries = [p.text.split("\t") for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert [e[0] for e in entries] == [
        "ВВЕДЕНИЕ",
        "1 Глава номер 1",
        "1.1 Раздел",
        "1.1.1 Пункт",
        "ЗАКЛЮЧЕНИЕ",
        "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ",
    ]
    pages = [int(e[1]) for e in entries]
    assert pages == sorted(pages) and pages[0] == 3
    indents = [document.styles[f"toc {n}"].paragraph_format.left_indent or 0 for n in (1, 2, 3)]
    assert indents[0] < indents[1] < indents[2]
    settings = document.settings.element
    names = [c.tag.split("}")[1] for c in settings]
    assert settings.find("w:updateFields", NS).get(f"{{{W}}}val") == "true"
    position = names.index("updateFields")
    assert all(
        n in _SETTINGS_ORDER_AFTER_UPDATE_FIELDS or not c.tag.startswith(f"{{{W}}}")
        for n, c in zip(names[position + 1 :], list(settings)[position + 1 :], strict=True)
    )
    assert "compat" in names[position + 1 :]
    assert not set(names[:position]) & set(_SETTINGS_ORDER_AFTER_UPDATE_FIELDS)


def test_page_numbers_centred_in_footer_title_page_unnumbered() -> None:
    _, document = render(*essay())
    section = document.sections[0]
    assert section.different_first_page_header_footer is True
    assert section._sectPr.find("w:titlePg", NS) is not None
    footer = section.footer
    assert not footer.is_linked_to_previous
    instr = footer._element.xpath(".//w:instrText")
    assert [i.text.strip() for i in instr] == ["PAGE"]
    assert footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_footer
    assert not first.is_linked_to_previous
    assert not first._element.xpath(".//w:instrText | .//w:fldSimple")
    assert "".join(p.text for p in first.paragraphs) == ""


def test_title_page_words_in_order() -> None:
    _, document = render(*essay())
    title = [p.text for p in document.paragraphs[:12]]
    expected = [
        "Кыргызско-Российский Славянский университет",
        "Факультет информационных технологий",
        "РЕФЕРАТ",
        "по дисциплине «Информатика»",
        "на тему: «Искусственный интеллект в образовании»",
        "Выполнил:",
        "студент 2 курса, группы ИВТ-1-23",
        "Асанов Азамат",
        "Проверил:",
        "Токтогулов Б. К.",
        "Бишкек 2026",
        "СОДЕРЖАНИЕ",
    ]
    assert title == expected
    assert document.paragraphs[2].style.name == "Title"


def test_title_page_with_ministry_department_and_a_woman_in_each_language() -> None:
    page = TITLE.model_copy(
        update={
            "country": "KG",
            "department": "информатики",
            "author_gender": "female",
            "checked_by": "Иванова А. Б.",
        }
    )
    _, ru = render(*essay(title_page=page))
    lines = [p.text for p in ru.paragraphs[:14]]
    assert lines[:3] == [
        "Министерство науки, высшего образования и инноваций Кыргызской Республики",
        "Кыргызско-Российский Славянский университет",
        "Факультет информационных технологий",
    ]
    assert "Кафедра информатики" in lines and "Выполнила:" in lines and "Проверила:" in lines
    assert "студентка 2 курса, группы ИВТ-1-23" in lines
    essay_run = ru.paragraphs[4].runs[0]
    assert ru.paragraphs[4].text == "РЕФЕРАТ" and essay_run.bold and essay_run.font.size.pt == 18
    _, ky = render(
        *essay(title_page=page.model_copy(update={"department": "Информатика кафедрасы"}), language="ky")
    )
    ky_lines = [p.text for p in ky.paragraphs[:14]]
    assert ky_lines[0].startswith("Кыргыз Республикасынын Илим")
    assert "Информатика кафедрасы" in ky_lines and "Аткарган:" in ky_lines
    assert "2-курстун студенти, ИВТ-1-23 тобу" in ky_lines and not any("группа" in line for line in ky_lines)
    _, plain = render(*essay(title_page=TITLE.model_copy(update={"ministry": "Свой текст"})))
    assert plain.paragraphs[0].text == "Свой текст"


def test_year_setting_overrides_title_page_year() -> None:
    from printer.domain import RenderSettings

    _, document = render(*essay(), RenderSettings(year=2031))
    assert "Бишкек 2031" in texts(document)


def test_english_and_kyrgyz_words() -> None:
    _, en = render(*essay(language="en"))
    assert texts(en, "Heading 1")[0] == "INTRODUCTION"
    assert texts(en, "Heading 1")[-2:] == ["CONCLUSION", "REFERENCES"]
    assert texts(en, "TOC Heading") == ["CONTENTS"]
    assert {"ESSAY", "Performed by:", "Checked by:"} <= set(texts(en))
    _, ky = render(*essay(language="ky"))
    assert texts(ky, "Heading 1")[0] == "КИРИШҮҮ"
    assert texts(ky, "Heading 1")[-2:] == ["КОРУТУНДУ", "ПАЙДАЛАНЫЛГАН АДАБИЯТТАР"]
    assert texts(ky, "TOC Heading") == ["МАЗМУНУ"]
    assert {"РЕФЕРАТ", "Аткарган:", "Текшерген:", "«Информатика» дисциплинасы боюнча"} <= set(texts(ky))
    lang = ky.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{{{W}}}val") == "ky-KG"


@pytest.mark.parametrize(
    ("raw", "number", "expected"),
    [
        ("Глава 1. Основы.", "1", "Основы"),
        ("1.2 Раздел", "1.3", "Раздел"),
        ("3. Итоги", "3", "Итоги"),
        ("2 Тема", "2", "Тема"),
        ("20 лет реформ", "2", "20 лет реформ"),
        ("2024 год", "1", "2024 год"),
        ("Что дальше...", "", "Что дальше..."),
        ("....", "", ""),
        ("Строка\nс переносом\tи табуляцией", "", "Строка с переносом и табуляцией"),
    ],
)
def test_heading_text_drops_typed_numbers_and_final_dot(raw: str, number: str, expected: str) -> None:
    assert heading_text(raw, number) == expected
