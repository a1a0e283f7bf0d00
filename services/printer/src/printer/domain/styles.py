"""The document's own styles and numbering definitions, written whole so no template style leaks in.

Every GOST rule that can live in a style does, so a student who edits a style edits the document.
Fonts are set on all four rFonts slots and never through theme fonts (a theme font would override
them and Cyrillic would fall back to Calibri/Cambria).
"""

from __future__ import annotations

from printer.domain.xmlkit import INDENT, NS_DECL, TEXT_WIDTH

FONT = "Times New Roman"
BODY_SIZE = 28  # half-points: 14 pt
_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
_SIZE = f'<w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/>'

BULLET_NUM_ID = 1
NUMBER_NUM_ID = 2
_BULLET_ABSTRACT = 0
_NUMBER_ABSTRACT = 1
_LETTER_ABSTRACT = 2
_LEVELS = 9


def _pstyle(
    style_id: str,
    name: str,
    ppr: str,
    rpr: str = "",
    *,
    based_on: str | None = "Normal",
    next_style: str | None = None,
    priority: int | None = None,
    hidden_until_used: bool = False,
) -> str:
    head = f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
    if based_on:
        head += f'<w:basedOn w:val="{based_on}"/>'
    if next_style:
        head += f'<w:next w:val="{next_style}"/>'
    if priority is not None:
        head += f'<w:uiPriority w:val="{priority}"/>'
    if hidden_until_used:
        head += "<w:semiHidden/><w:unhideWhenUsed/>"
    head += "<w:qFormat/>"
    return f"{head}<w:pPr>{ppr}</w:pPr>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}</w:style>"


FREE_LINE = 420  # twips: one line of 14 pt text at 1.5 spacing


def _heading(level: int, centred: bool) -> str:
    # Page breaks live in the style (pageBreakBefore), never as w:br runs: Word then skips the
    # break when the heading already starts a page, so no blank pages appear.
    breaks = "<w:pageBreakBefore/>" if level == 1 else ""
    spacing = (
        '<w:spacing w:before="0" w:after="240"/>'
        if level == 1
        else '<w:spacing w:before="240" w:after="240"/>'
    )
    ind = '<w:ind w:firstLine="0"/>' if centred else f'<w:ind w:firstLine="{INDENT}"/>'
    jc = "center" if centred else "left"
    ppr = f'<w:keepNext/><w:keepLines/>{breaks}{spacing}{ind}<w:jc w:val="{jc}"/><w:outlineLvl w:val="{level - 1}"/>'
    return _pstyle(
        f"Heading{level}",
        f"heading {level}",
        ppr,
        f"{_FONTS}<w:b/><w:bCs/>{_SIZE}",
        next_style="Normal",
        priority=9,
    )


def styles_xml(lang_tag: str, table_size: int) -> str:
    """The complete styles part: defaults, Normal, headings, captions, lists, TOC, tables, footer."""
    single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    no_indent = '<w:ind w:left="0" w:firstLine="0"/>'
    styles = [
        f"<w:docDefaults><w:rPrDefault><w:rPr>{_FONTS}{_SIZE}"
        f'<w:lang w:val="{lang_tag}" w:eastAsia="{lang_tag}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:widowControl/><w:spacing w:before="0" w:after="0" w:line="360" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="{INDENT}"/><w:jc w:val="both"/></w:pPr><w:rPr>{_FONTS}{_SIZE}</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _heading(1, centred=True),
        _heading(2, centred=False),
        _heading(3, centred=False),
        # The contents heading looks like Heading 1 but has body outline level, so the TOC it
        # precedes does not list it.
        _pstyle(
            "TOCHeading",
            "TOC Heading",
            '<w:keepNext/><w:keepLines/><w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/>'
            '<w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
            f"{_FONTS}<w:b/><w:bCs/>{_SIZE}",
            based_on="Heading1",
            next_style="Normal",
            priority=39,
        ),
        _pstyle(
            "Title", "Title", f'{single}{no_indent}<w:jc w:val="center"/>', f"{_FONTS}<w:b/><w:bCs/>{_SIZE}"
        ),
        _pstyle("TitlePage", "Title Page", f'{single}{no_indent}<w:jc w:val="center"/>', priority=99),
        _pstyle(
            "Caption",
            "caption",
            f'<w:keepNext/><w:spacing w:before="120" w:after="0"/>{no_indent}<w:jc w:val="left"/>',
            '<w:b w:val="0"/><w:i w:val="0"/>',
            next_style="Normal",
            priority=35,
        ),
        # APA 7: each entry's lines after the first indented by half an inch
        _pstyle(
            "Bibliography",
            "Bibliography",
            '<w:spacing w:before="0" w:after="0"/><w:ind w:left="720" w:hanging="720"/><w:jc w:val="left"/>',
            priority=37,
        ),
        _pstyle(
            "Formula",
            "Formula",
            f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/>'
            # a free line above and below (GOST 7.32-2017 6.8.1): one line of 14 pt at 1.5 spacing
            f'</w:tabs><w:spacing w:before="{FREE_LINE}" w:after="{FREE_LINE}"/>{no_indent}<w:jc w:val="left"/>',
            next_style="Normal",
            priority=99,
        ),
        _pstyle(
            "TableText",
            "Table Text",
            f'{single}{no_indent}<w:jc w:val="left"/>',
            f'<w:sz w:val="{table_size}"/><w:szCs w:val="{table_size}"/>',
            priority=99,
        ),
    ]
    for depth in (1, 2, 3):
        suffix = "" if depth == 1 else f" {depth}"
        sid = "" if depth == 1 else str(depth)
        styles.append(
            _pstyle(f"ListBullet{sid}", f"List Bullet{suffix}", _numpr(BULLET_NUM_ID, depth - 1), priority=99)
        )
        styles.append(
            _pstyle(f"ListNumber{sid}", f"List Number{suffix}", _numpr(NUMBER_NUM_ID, depth - 1), priority=99)
        )
    toc_tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    for level, left in ((1, 0), (2, 284), (3, 567)):
        styles.append(
            _pstyle(
                f"TOC{level}",
                f"toc {level}",
                f'{toc_tabs}<w:spacing w:before="0" w:after="0"/><w:ind w:left="{left}" w:right="567" w:firstLine="0"/>'
                '<w:jc w:val="left"/>',
                next_style="Normal",
                priority=39,
                hidden_until_used=True,
            )
        )
    for sid, name in (("Header", "header"), ("Footer", "footer")):
        styles.append(
            _pstyle(
                sid,
                name,
                f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/>'
                f'</w:tabs>{single}{no_indent}<w:jc w:val="center"/>',
                priority=99,
                hidden_until_used=True,
            )
        )
    border = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'
    styles.append(
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:tblPr><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>"
        f"<w:insideH {border}/><w:insideV {border}/></w:tblBorders></w:tblPr></w:style>"
    )
    return f"<w:styles {NS_DECL}>{''.join(styles)}</w:styles>"


def _numpr(num_id: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def _level(ilvl: int, fmt: str, text: str) -> str:
    # Items indent like body paragraphs (number at 1.25 cm, wrapped lines back at the margin of
    # their level), which is how GOST lays out enumerations.
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="space"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{INDENT * ilvl}" w:firstLine="{INDENT}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:hint="default"/></w:rPr></w:lvl>'
    )


class Numbering:
    """numbering.xml: one bullet and one decimal definition, plus a restarted instance per list."""

    def __init__(self, letters: str = "russianLower") -> None:
        self._restarts: list[tuple[int, int]] = []  # (numId, abstract definition)
        self._next_id = NUMBER_NUM_ID + 1
        self._letters = letters  # numFmt of lettered lists: russianLower (а, б, в) or lowerLetter

    def new_numbered_list(self, lettered: bool = False) -> int:
        """Allocate a w:num that restarts the numbering (1., 2. or а), б)) at the start; return its numId."""
        num_id = self._next_id
        self._next_id += 1
        self._restarts.append((num_id, _LETTER_ABSTRACT if lettered else _NUMBER_ABSTRACT))
        return num_id

    def xml(self) -> str:
        """The complete numbering part."""
        bullets = "".join(_level(i, "bullet", "–") for i in range(_LEVELS))
        numbers = "".join(_level(i, "decimal", "%1." if i == 0 else f"%{i + 1})") for i in range(_LEVELS))
        # GOST 7.32-2017 5.6: enumerations by lowercase letter with a parenthesis, "а)", "б)"
        letters = "".join(
            _level(i, self._letters if i == 0 else "decimal", f"%{i + 1})") for i in range(_LEVELS)
        )
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for i in range(_LEVELS)
        )
        parts = [
            f'<w:abstractNum w:abstractNumId="{_BULLET_ABSTRACT}"><w:multiLevelType w:val="multilevel"/>{bullets}</w:abstractNum>',
            f'<w:abstractNum w:abstractNumId="{_NUMBER_ABSTRACT}"><w:multiLevelType w:val="multilevel"/>{numbers}</w:abstractNum>',
            f'<w:abstractNum w:abstractNumId="{_LETTER_ABSTRACT}"><w:multiLevelType w:val="multilevel"/>{letters}</w:abstractNum>',
            f'<w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="{_BULLET_ABSTRACT}"/></w:num>',
            f'<w:num w:numId="{NUMBER_NUM_ID}"><w:abstractNumId w:val="{_NUMBER_ABSTRACT}"/></w:num>',
        ]
        parts.extend(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
            for num_id, abstract in self._restarts
        )
        return f"<w:numbering {NS_DECL}>{''.join(parts)}</w:numbering>"
