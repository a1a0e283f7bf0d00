"""`python -m refgen_demo.accuracy`: how many pages essays come out at, and where the pages go.

Writes essays through the demo pipeline with the LLM stand-in (ru 10, 20, 40 pages; en and ky 20 unless
cases are given as language:pages:chapters), renders them with LibreOffice and prints, per essay, the
rendered page count against the request and each section's pages. `--calibrate` instead fits the line
model (characters a full line holds, and so a full page) to prose-only renders.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from refgen_demo import calibrate
from refgen_demo.convert import soffice
from refgen_demo.llm import llm_endpoint
from refgen_demo.pages import Case, describe, measure, write_cases
from refgen_demo.pipeline import DEFAULT_CHARS_PER_PAGE, DEFAULT_CHARS_PER_PAGE_EN


def parse_case(text: str) -> Case:
    """'ru:20:5' (language, pages, chapters) or '20:5' (Russian)."""
    parts = text.split(":")
    language = parts[0] if len(parts) == 3 else "ru"
    pages, chapters = (int(p) for p in parts[-2:])
    if language not in ("ru", "en", "ky"):
        raise argparse.ArgumentTypeError(f"unknown language {language!r}")
    return Case(pages, chapters, language)  # type: ignore[arg-type]


DEFAULT_CASES = (Case(10, 3), Case(20, 5), Case(40, 8), Case(20, 5, "en"), Case(20, 5, "ky"))


async def _run(args: argparse.Namespace, work: Path) -> int:
    cases: Sequence[Case] = args.cases or DEFAULT_CASES
    async with llm_endpoint("speed") as llm:
        if args.calibrate:
            essays = await write_cases([Case(40, 8, lang) for lang in ("ru", "ky", "en")], work, llm=llm)
            for result in await calibrate.calibrate(essays, work):
                print(calibrate.describe(result))
            return 0
        reports = await measure(
            cases, work, llm=llm, chars_per_page=args.chars_per_page, chars_per_page_en=args.chars_per_page_en
        )
    for report in reports:
        print(describe(report))
    return 0 if all(report.ok for report in reports) else 1


def main(argv: list[str] | None = None) -> int:
    """Measure the cases and print the reports; exit 1 when one is off by more than a page."""
    parser = argparse.ArgumentParser(prog="python -m refgen_demo.accuracy", description=__doc__)
    parser.add_argument("cases", nargs="*", type=parse_case, help="language:pages:chapters, e.g. ru:20:5")
    parser.add_argument("--chars-per-page", type=int, default=DEFAULT_CHARS_PER_PAGE)
    parser.add_argument("--chars-per-page-en", type=int, default=DEFAULT_CHARS_PER_PAGE_EN)
    parser.add_argument("--calibrate", action="store_true", help="fit the line model to prose-only renders")
    parser.add_argument("--keep", type=Path, help="keep the DOCX and PDF files in this folder")
    args = parser.parse_args(argv)
    if soffice() is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        return asyncio.run(_run(args, args.keep))
    with tempfile.TemporaryDirectory(prefix="refgen-pages-") as work:
        return asyncio.run(_run(args, Path(work)))


if __name__ == "__main__":
    sys.exit(main())
