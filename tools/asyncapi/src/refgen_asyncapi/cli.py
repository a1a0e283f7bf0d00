"""Console script `refgen-asyncapi`: write (or check) docs/asyncapi.yaml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from refgen_asyncapi.brokers import service_brokers
from refgen_asyncapi.spec import render

DEFAULT_PATH = Path("docs/asyncapi.yaml")


def main(argv: list[str] | None = None) -> int:
    """Generate the bus's AsyncAPI document from the services' brokers and write it (`--check`: compare)."""
    parser = argparse.ArgumentParser(prog="refgen-asyncapi", description=main.__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is not what it generates")
    args = parser.parse_args(argv)
    text = render(service_brokers())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run `make asyncapi`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
