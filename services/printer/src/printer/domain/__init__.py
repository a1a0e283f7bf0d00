"""Pure document rendering: manifest and written sections in, GOST 7.32-2017 DOCX bytes out."""

from printer.domain.document import render_docx
from printer.domain.settings import RenderSettings

__all__ = ["RenderSettings", "render_docx"]
