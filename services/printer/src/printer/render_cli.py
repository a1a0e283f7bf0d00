"""Render a DOCX from a JSON dump of a manifest and its sections, or from the built-in sample.

python -m printer.render_cli essay.json out.docx      # {"manifest": {...}, "sections": [{...}, ...]}
python -m printer.render_cli --sample 20 --lang ky out.docx
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from contracts.planning import SectionsAllocated
from contracts.writing import SectionWritten
from printer.domain import RenderSettings, render_docx
from printer.domain.sample import sample_essay


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, render, write the file."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+", help="[INPUT.json] OUTPUT.docx")
    parser.add_argument("--sample", type=int, metavar="PAGES", help="render the built-in sample instead")
    parser.add_argument("--lang", choices=("ru", "en", "ky"), default="ru")
    parser.add_argument("--order", choices=("alphabetical", "first_citation"), default="alphabetical")
    parser.add_argument("--year", type=int)
    args = parser.parse_args(argv)
    if args.sample:
        manifest, sections = sample_essay(args.sample, args.lang)
    else:
        if len(args.paths) != 2:
            parser.error("expected INPUT.json OUTPUT.docx")
        raw = json.loads(Path(args.paths[0]).read_text(encoding="utf-8"))
        manifest = SectionsAllocated.model_validate(raw["manifest"])
        written = (SectionWritten.model_validate(s) for s in raw["sections"])
        sections = {s.section_index: s for s in written}
    settings = RenderSettings(source_order=args.order, year=args.year)
    Path(args.paths[-1]).write_bytes(render_docx(manifest, sections, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
