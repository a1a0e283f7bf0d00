"""Command line: normocontrol FILE [--lang ru|en|ky] [--json]."""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Sequence

from docx.opc.exceptions import PackageNotFoundError

from .check import check_docx


def main(argv: Sequence[str] | None = None) -> int:
    """Print every violation; exit 1 when there is an error, 2 when the file cannot be read."""
    parser = argparse.ArgumentParser(prog="normocontrol", description="GOST 7.32-2017 check of an essay DOCX")
    parser.add_argument("file", help="the .docx to check")
    parser.add_argument(
        "--lang", choices=["ru", "en", "ky", "kg"], help="essay language (detected when omitted)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--render",
        action="store_true",
        help="lay the document out with LibreOffice and check the contents' pages",
    )
    args = parser.parse_args(argv)
    try:
        report = check_docx(args.file, language=args.lang, render=args.render)
    except (OSError, PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        print(f"normocontrol: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for violation in report.violations:
            print(violation)
        verdict = "OK" if report.ok else "FAILED"
        print(
            f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s) "
            f"[language {report.language}]"
        )
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
