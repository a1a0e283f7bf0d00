"""render_docx: a generation's manifest and written sections in, GOST 7.32-2017 DOCX bytes out."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Mapping, Sequence

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Twips
from lxml import etree

from contracts.page import page_model
from contracts.planning import SectionsAllocated
from contracts.writing import SectionWritten
from printer.domain.blocks import BodyWriter
from printer.domain.citations import build_bibliography, iter_citations
from printer.domain.labels import Labels, labels_for
from printer.domain.settings import RenderSettings
from printer.domain.styles import Numbering, styles_xml
from printer.domain.titlepage import title_page_xml
from printer.domain.toc import toc_pages, toc_xml
from printer.domain.units import write_body
from printer.domain.xmlkit import NS_DECL, W_NS, clean_line, field, paragraph, ppr, run

_W = f"{{{W_NS}}}"
_SETTINGS_ORDER_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def render_docx(
    manifest: SectionsAllocated,
    sections: Mapping[int, SectionWritten],
    settings: RenderSettings | None = None,
    heading_pages: Sequence[int] | None = None,
) -> bytes:
    """Render the essay as DOCX bytes; sections are keyed by SectionSpec.index. `heading_pages`, the page
    of every heading in a render of this same document, become the contents' page numbers."""
    settings = settings or RenderSettings()
    labels = labels_for(manifest.language)
    specs = sorted(manifest.sections, key=lambda s: s.index)
    # the list of sources is written in parts: their entries in index order, numbered on across them
    refs = [sections[s.index] for s in specs if s.kind == "references" and s.index in sections]
    cited = itertools.chain.from_iterable(
        iter_citations(sections[s.index].lead_in + sections[s.index].blocks)
        for s in specs
        if s.kind != "references" and s.index in sections
    )
    default_access = settings.access_date or (refs[0] if refs else manifest).occurred_at.date()
    bibliography = build_bibliography(
        tuple(itertools.chain.from_iterable(r.sources for r in refs)),
        cited,
        language=manifest.language,
        labels=labels,
        order=settings.source_order,
        default_access=default_access,
    )
    numbering = Numbering("lowerLetter" if manifest.language == "en" else "russianLower")
    document = _base_document(labels, settings)
    part = document.part
    writer = BodyWriter(
        labels,
        numbering,
        bibliography,
        table_pt=settings.table_font_pt,
        model=page_model(manifest.language),
        link=lambda url: part.relate_to(url, RT.HYPERLINK, is_external=True),
    )
    write_body(writer, specs, sections, labels)

    year = settings.year or manifest.title_page.year
    front = title_page_xml(manifest.title_page, labels, year)
    contents = toc_xml(labels.contents, writer.toc, 1 + toc_pages(writer.toc), heading_pages)
    _replace_children(part.numbering_part.element, numbering.xml())
    _fill_body(document, front + contents + writer.xml())
    _core_properties(document, manifest, labels, year)
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue(), manifest.occurred_at.timetuple()[:6])


def _stable_zip(data: bytes, stamp: tuple[int, ...]) -> bytes:
    """Re-pack with fixed member timestamps so one manifest always yields byte-identical output."""
    when = (max(1980, stamp[0]), *stamp[1:6])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when)  # type: ignore[arg-type]
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info))
    return out.getvalue()


def _replace_children(element: etree._Element, xml: str) -> None:
    for child in list(element):
        element.remove(child)
    element.extend(list(parse_xml(xml)))


def _base_document(labels: Labels, settings: RenderSettings) -> Document:
    document = docx.Document()
    part = document.part
    # The stock template carries a second style sheet (stylesWithEffects) and a thumbnail of an
    # unrelated page; drop both so nothing contradicts our styles.
    for rid, rel in list(part.rels.items()):
        if rel.reltype == "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects":
            del part.rels[rid]
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    _replace_children(document.styles.element, styles_xml(labels.lang_tag, int(settings.table_font_pt * 2)))
    _update_fields_on_open(document)
    _hyphenate(document)

    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.left_margin, section.right_margin = Twips(1701), Twips(850)
    section.top_margin, section.bottom_margin = Twips(1134), Twips(1134)
    section.header_distance, section.footer_distance = Twips(709), Twips(709)
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True
    # An own, empty first-page footer: the title page counts as page 1 but shows no number.
    section.first_page_footer.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    page_number = paragraph(field("PAGE", run("1")), ppr("Footer", jc="center"))
    _replace_children(section.footer._element, f"<w:ftr {NS_DECL}>{page_number}</w:ftr>")
    return document


def _update_fields_on_open(document: Document) -> None:
    """Add w:updateFields at its schema position in CT_Settings (Word rejects misplaced elements)."""
    settings = document.settings.element
    # The template claims its (empty) text was already spell-checked; let Word check ours.
    for old in [*settings.findall(f"{_W}updateFields"), *settings.findall(f"{_W}proofState")]:
        settings.remove(old)
    update = parse_xml(f'<w:updateFields {NS_DECL} w:val="true"/>')
    for child in settings:
        if isinstance(child.tag, str) and etree.QName(child).localname in _SETTINGS_ORDER_AFTER_UPDATE_FIELDS:
            child.addprevious(update)
            return
    # Anything else after the sequence (extensions such as w14:docId) must stay last.
    for child in settings:
        if isinstance(child.tag, str) and not child.tag.startswith(_W):
            child.addprevious(update)
            return
    settings.append(update)


def _hyphenate(document: Document) -> None:
    """Automatic hyphenation, right after defaultTabStop as CT_Settings orders it: justified lines of
    long Russian and Kyrgyz words would gape without it."""
    settings = document.settings.element
    if settings.find(f"{_W}autoHyphenation") is not None:
        return
    hyphenation = parse_xml(f'<w:autoHyphenation {NS_DECL} w:val="true"/>')
    tab_stop = settings.find(f"{_W}defaultTabStop")
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)
    else:
        settings.insert(0, hyphenation)


def _fill_body(document: Document, xml: str) -> None:
    body = document.element.body
    sect_pr = body.find(f"{_W}sectPr")
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    content = parse_xml(f"<w:body {NS_DECL}>{xml}</w:body>")
    children = list(content)
    if children and children[-1].tag == f"{_W}tbl":
        children.append(parse_xml(f"<w:p {NS_DECL}/>"))
    if sect_pr is None:
        body.extend(children)
    else:
        for child in children:
            sect_pr.addprevious(child)


def _core_properties(document: Document, manifest: SectionsAllocated, labels: Labels, year: int) -> None:
    props = document.core_properties
    props.title = clean_line(manifest.title_page.topic or manifest.topic)[:250]
    props.subject = clean_line(manifest.title_page.subject)[:250]
    props.author = clean_line(manifest.title_page.author)[:250]
    props.last_modified_by = "RefGen"
    props.language = labels.lang_tag
    props.keywords = ""
    # Said where a reader of the file can find it, not on the pages a teacher grades.
    sources = (
        "list of sources: real records"
        if manifest.sources_verified
        else "list of sources: suggested by the LLM, unverified"
    )
    props.comments = f"{labels.essay} {year}; {sources}"
    props.revision = 1
    stamp = manifest.occurred_at.replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
