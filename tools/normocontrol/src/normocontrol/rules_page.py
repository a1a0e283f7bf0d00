"""Page setup of every section and page numbers in the footers."""

from __future__ import annotations

from .model import Section, footer_refs, page_fields
from .ooxml import Element, FieldScanner, field_name, mm, on_off, to_int, w, wattr
from .structure import Context

A4 = (210.0, 297.0)
MARGINS = {"left": 30.0, "right": 15.0, "top": 20.0, "bottom": 20.0}
SIZE_TOLERANCE = 1.0
MARGIN_TOLERANCE = 0.5


def check_page_setup(ctx: Context) -> None:
    """A4 and margins 30/15/20/20 mm in every section."""
    for section in ctx.model.sections:
        sect = section.el
        size = sect.find(w("pgSz"))
        width, height = to_int(wattr(size, "w")), to_int(wattr(size, "h"))
        if width is None or height is None:
            ctx.add("page.size", f"section {section.number}: no page size set, expected A4 210×297 mm")
        else:
            found = (mm(width), mm(height))
            portrait = tuple(sorted(found))
            if any(abs(a - b) > SIZE_TOLERANCE for a, b in zip(portrait, A4, strict=True)):
                ctx.add(
                    "page.size",
                    f"section {section.number}: page {found[0]:.1f}×{found[1]:.1f} mm, expected A4 210×297 mm",
                )
        margins = sect.find(w("pgMar"))
        gutter = abs(to_int(wattr(margins, "gutter")) or 0)
        for side, expected in MARGINS.items():
            value = to_int(wattr(margins, side))
            if value is None:
                ctx.add(
                    f"margins.{side}",
                    f"section {section.number}: {side} margin not set, expected {expected:g} mm",
                )
                continue
            found_mm = mm(abs(value) + (gutter if side == "left" else 0))
            if abs(found_mm - expected) > MARGIN_TOLERANCE:
                ctx.add(
                    f"margins.{side}",
                    f"section {section.number}: {side} margin {found_mm:.1f} mm, expected {expected:g} mm",
                )


def _effective_footers(ctx: Context, kind: str = "footer") -> list[dict[str, Element | None]]:
    """Per section, the footer part shown for default/first/even pages (inherited when not set)."""
    out: list[dict[str, Element | None]] = []
    inherited: dict[str, Element | None] = {"default": None, "first": None, "even": None}
    for section in ctx.model.sections:
        refs = footer_refs(section.el, kind)
        for page_type in inherited:
            if page_type in refs:
                inherited[page_type] = ctx.model.part(refs[page_type])
        out.append(dict(inherited))
    return out


def _title_pg(section: Section) -> bool:
    el = section.el.find(w("titlePg"))
    return el is not None and on_off(el)


def check_page_numbers(ctx: Context) -> None:
    """PAGE field centred in the footer of every page but the (counted) title page."""
    model = ctx.model
    footers = _effective_footers(ctx)
    headers = _effective_footers(ctx, "header")
    even = model.settings is not None and model.settings.find(w("evenAndOddHeaders")) is not None
    title_end = ctx.structure.title_end
    title_only = model.sections[0].last < title_end and len(model.sections) > 1
    for section, shown in zip(model.sections, footers, strict=True):
        first_page_type = "first" if _title_pg(section) else "default"
        where = f"section {section.number}"
        is_title_section = section.number == 1 and title_end > 0
        if is_title_section and page_fields(shown[first_page_type]):
            ctx.add(
                "footer.title_page",
                f"{where}: the title page shows a page number; it must be counted but unnumbered",
            )
        if is_title_section and title_only:
            continue
        page_types = ["default"] + (["even"] if even else [])
        if not is_title_section and first_page_type == "first":
            page_types.append("first")
        for page_type in page_types:
            if not page_fields(shown[page_type]):
                in_header = page_fields(headers[section.number - 1][page_type])
                hint = (
                    " (a PAGE field is in the header instead; GOST wants it at the bottom)"
                    if in_header
                    else ""
                )
                ctx.add("footer.page_number", f"{where}: no PAGE field in the {page_type} footer{hint}")
        start = to_int(wattr(section.el.find(w("pgNumType")), "start"))
        if (
            start is not None
            and section.number > 1
            and not (title_only and section.number == 2 and start == 2)
        ):
            ctx.add(
                "footer.numbering_restart",
                f"{where}: page numbering restarts at {start}; the title page must be counted and numbering continuous",
            )
    parts = {id(part): part for shown in footers for part in shown.values() if part is not None}
    for part in parts.values():
        _check_footer_paragraphs(ctx, part)


def _check_footer_paragraphs(ctx: Context, part: Element) -> None:
    styles = ctx.styles
    scanner = FieldScanner()
    seen = set()
    for p in part.iter(w("p")):
        started, _ = scanner.scan(p)
        if not any(field_name(f) == "PAGE" for f in started) or id(p) in seen:
            continue
        seen.add(id(p))
        jc = styles.justification(p)
        centred_tab = (
            any(kind == "center" for kind, _ in styles.tab_stops(p)) and p.find(f".//{w('tab')}") is not None
        )
        if jc != "center" and not centred_tab:
            ctx.add("footer.alignment", f"footer page number is aligned {jc}, expected centred")
        runs = list(p.iter(w("r"))) or [None]
        for r in runs:
            fonts = styles.run_format(r, p).fonts
            bad = {
                slot: name
                for slot, name in fonts.items()
                if slot in ("ascii", "hAnsi") and name != "Times New Roman"
            }
            if bad:
                ctx.add("font.footer", f"footer page number font {_fmt(bad)}, expected Times New Roman")
                break


def _fmt(fonts: dict[str, str]) -> str:
    return ", ".join(f"{slot}={name}" for slot, name in fonts.items())
