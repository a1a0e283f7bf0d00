"""Effective formatting: direct formatting, then the style chains, then document defaults."""

from __future__ import annotations

from dataclasses import dataclass

from .ooxml import A_NS, Element, on_off, w, wattr

_FONT_SLOTS = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_BLACK = {"auto", "000000"}
_BLACK_THEME = {"text1", "dark1"}


@dataclass(frozen=True)
class RunFormat:
    """The formatting a run is displayed with."""

    fonts: dict[str, str]  # slot (ascii, hAnsi, eastAsia, cs) -> font name or "(unspecified)"
    size_pt: float
    bold: bool
    caps: bool
    color: str  # "auto", an RRGGBB value or "theme:<name>"
    complex_script: bool
    east_asia_hint: bool

    @property
    def black(self) -> bool:
        """True when the text colour is automatic or black."""
        if self.color.startswith("theme:"):
            return self.color[6:] in _BLACK_THEME
        return self.color.lower() in _BLACK or self.color.upper() == "000000"


class StyleSheet:
    """Styles part, theme fonts and numbering definitions of one document."""

    def __init__(self, styles: Element | None, theme: Element | None, numbering: Element | None) -> None:
        self._by_id: dict[str, Element] = {}
        self._default: dict[str, str] = {}
        self._ppr_default = self._rpr_default = None
        if styles is not None:
            for style in styles.iter(w("style")):
                sid = wattr(style, "styleId")
                if sid is None:
                    continue
                self._by_id[sid] = style
                if on_off_attr(style, "default"):
                    self._default.setdefault(wattr(style, "type") or "paragraph", sid)
            defaults = styles.find(w("docDefaults"))
            if defaults is not None:
                self._ppr_default = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
                self._rpr_default = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
        self._theme_fonts = _theme_fonts(theme)
        self._numbering = numbering

    # -- style chains -------------------------------------------------------------------------
    def chain(self, style_id: str | None, kind: str = "paragraph") -> list[Element]:
        """The style and its basedOn ancestors, most specific first."""
        sid = style_id if style_id in self._by_id else self._default.get(kind)
        out: list[Element] = []
        while sid is not None and sid in self._by_id and len(out) < 32:
            style = self._by_id[sid]
            if any(s is style for s in out):
                break
            out.append(style)
            sid = wattr(style.find(w("basedOn")), "val")
        return out

    def para_chain(self, p: Element) -> list[Element]:
        """Paragraph style chain of p (the default paragraph style when none is set)."""
        return self.chain(wattr(p.find(f"{w('pPr')}/{w('pStyle')}"), "val"))

    def style_names(self, p: Element) -> list[str]:
        """Lower-cased names of the paragraph's style chain."""
        return [(wattr(s.find(w("name")), "val") or "").lower() for s in self.para_chain(p)]

    def _ppr_levels(self, p: Element) -> list[Element]:
        levels = [p.find(w("pPr"))]
        levels += [s.find(w("pPr")) for s in self.para_chain(p)]
        levels.append(self._ppr_default)
        return [lv for lv in levels if lv is not None]

    def _rpr_levels(self, r: Element | None, p: Element, table_style: str | None) -> list[Element]:
        levels: list[Element | None] = []
        if r is not None:
            rpr = r.find(w("rPr"))
            levels.append(rpr)
            rstyle = wattr(rpr.find(w("rStyle")) if rpr is not None else None, "val")
            if rstyle is not None:
                levels += [s.find(w("rPr")) for s in self.chain(rstyle, "character")]
        levels += [s.find(w("rPr")) for s in self.para_chain(p)]
        if table_style is not None:
            levels += [s.find(w("rPr")) for s in self.chain(table_style, "table")]
        levels.append(self._rpr_default)
        return [lv for lv in levels if lv is not None]

    # -- paragraph properties -----------------------------------------------------------------
    def ppr_flag(self, p: Element, tag: str) -> bool:
        """Effective on/off paragraph property such as pageBreakBefore."""
        for level in self._ppr_levels(p):
            el = level.find(w(tag))
            if el is not None:
                return on_off(el)
        return False

    def ppr_attrs(self, p: Element, tag: str, group: tuple[str, ...]) -> dict[str, str]:
        """Attributes of a group (e.g. firstLine/hanging) from the first level that sets any of them."""
        for level in self._ppr_levels(p):
            el = level.find(w(tag))
            if el is None:
                continue
            found = {a: v for a in group if (v := wattr(el, a)) is not None}
            if found:
                return found
        return {}

    def ppr_val(self, p: Element, tag: str) -> str | None:
        """w:val of the first level that sets a paragraph property (jc, outlineLvl, ...)."""
        found = self.ppr_attrs(p, tag, ("val",))
        return found.get("val")

    def justification(self, p: Element) -> str:
        """Effective paragraph alignment, normalised to left/center/right/both/distribute."""
        jc = self.ppr_val(p, "jc") or "left"
        return {"start": "left", "end": "right"}.get(jc, jc)

    def tab_stops(self, p: Element) -> list[tuple[str, int]]:
        """Effective tab stops (kind, position in twips), cleared stops removed."""
        stops: dict[int, str] = {}
        for level in reversed(self._ppr_levels(p)):
            tabs = level.find(w("tabs"))
            for tab in tabs if tabs is not None else []:
                pos = wattr(tab, "pos")
                if pos is None or not pos.lstrip("-").isdigit():
                    continue
                kind = wattr(tab, "val") or "left"
                if kind == "clear":
                    stops.pop(int(pos), None)
                else:
                    stops[int(pos)] = kind
        return sorted((kind, pos) for pos, kind in stops.items())

    def outline_level(self, p: Element) -> int | None:
        """Outline level 0-8 from outlineLvl or a built-in heading style; None for body text."""
        val = self.ppr_val(p, "outlineLvl")
        if val is not None and val.isdigit():
            return int(val) if int(val) < 9 else None
        for name in self.style_names(p):
            if name.startswith("heading ") and name[8:].isdigit():
                return int(name[8:]) - 1
        return None

    def numbering(self, p: Element) -> tuple[str, int] | None:
        """(numId, ilvl) when the paragraph is a list item."""
        for level in self._ppr_levels(p):
            num = level.find(w("numPr"))
            if num is None:
                continue
            num_id = wattr(num.find(w("numId")), "val")
            ilvl = wattr(num.find(w("ilvl")), "val")
            if num_id is None:
                continue
            return None if num_id == "0" else (num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)
        return None

    def list_level(self, num_id: str, ilvl: int) -> Element | None:
        """The w:lvl definition of a list level (a lvlOverride wins over the abstract numbering)."""
        if self._numbering is None:
            return None
        for num in self._numbering.iter(w("num")):
            if wattr(num, "numId") != num_id:
                continue
            for override in num.iter(w("lvlOverride")):
                lvl = override.find(w("lvl"))
                if wattr(override, "ilvl") == str(ilvl) and lvl is not None:
                    return lvl
            abstract_id = wattr(num.find(w("abstractNumId")), "val")
            for abstract in self._numbering.iter(w("abstractNum")):
                if wattr(abstract, "abstractNumId") == abstract_id:
                    return next(
                        (lv for lv in abstract.iter(w("lvl")) if wattr(lv, "ilvl") == str(ilvl)), None
                    )
        return None

    def num_format(self, num_id: str, ilvl: int) -> tuple[str | None, str | None]:
        """(numFmt such as decimal or bullet, lvlText such as "%1." or "–") of a list level."""
        lvl = self.list_level(num_id, ilvl)
        if lvl is None:
            return None, None
        return wattr(lvl.find(w("numFmt")), "val"), wattr(lvl.find(w("lvlText")), "val")

    # -- run properties -----------------------------------------------------------------------
    def run_format(self, r: Element | None, p: Element, table_style: str | None = None) -> RunFormat:
        """Effective formatting of run r in paragraph p (r None: the paragraph's own defaults)."""
        levels = self._rpr_levels(r, p, table_style)
        fonts = {slot: self._font(levels, slot) for slot in _FONT_SLOTS}
        size = _first_val(levels, "sz")
        color = "auto"
        for level in levels:
            el = level.find(w("color"))
            if el is not None:
                theme = wattr(el, "themeColor")
                color = f"theme:{theme}" if theme else (wattr(el, "val") or "auto")
                break
        hint = next(
            (wattr(lv.find(w("rFonts")), "hint") for lv in levels if lv.find(w("rFonts")) is not None), None
        )
        return RunFormat(
            fonts=fonts,
            size_pt=(int(size) / 2) if size and size.isdigit() else 10.0,
            bold=_flag(levels, "b"),
            caps=_flag(levels, "caps"),
            color=color,
            complex_script=_flag(levels, "cs") or _flag(levels, "rtl"),
            east_asia_hint=hint == "eastAsia",
        )

    def _font(self, levels: list[Element], slot: str) -> str:
        # within one rFonts a theme attribute beats the explicit name, which is why
        # python-docx's font.name on a theme-fonted style still shows the theme font in Word
        theme_attr = _FONT_SLOTS[slot]
        for level in levels:
            fonts = level.find(w("rFonts"))
            if fonts is None:
                continue
            theme = wattr(fonts, theme_attr)
            if theme is not None:
                return self._theme_fonts.get(theme, f"(theme font {theme})")
            name = wattr(fonts, slot)
            if name is not None:
                return name
        return "(unspecified)"


def on_off_attr(el: Element, name: str) -> bool:
    """A w: boolean attribute such as w:default."""
    value = wattr(el, name)
    return value is not None and value.lower() in ("1", "true", "on")


def _flag(levels: list[Element], tag: str) -> bool:
    # toggle properties are simplified to "first level that sets it wins"
    for level in levels:
        el = level.find(w(tag))
        if el is not None:
            return on_off(el)
    return False


def _first_val(levels: list[Element], tag: str) -> str | None:
    for level in levels:
        val = wattr(level.find(w(tag)), "val")
        if val is not None:
            return val
    return None


def _theme_fonts(theme: Element | None) -> dict[str, str]:
    if theme is None:
        return {}
    out: dict[str, str] = {}
    for major_minor in ("major", "minor"):
        scheme = theme.find(f".//{{{A_NS}}}{major_minor}Font")
        if scheme is None:
            continue
        faces = {}
        for script in ("latin", "ea", "cs"):
            el = scheme.find(f"{{{A_NS}}}{script}")
            faces[script] = (el.get("typeface") if el is not None else "") or ""
        out[f"{major_minor}HAnsi"] = out[f"{major_minor}Ascii"] = faces["latin"] or "(theme font)"
        out[f"{major_minor}EastAsia"] = faces["ea"] or faces["latin"] or "(theme font)"
        out[f"{major_minor}Bidi"] = faces["cs"] or faces["latin"] or "(theme font)"
    return out
