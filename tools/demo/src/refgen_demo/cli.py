"""`make demo` / `refgen-demo`: writes one essay DOCX on embedded defaults."""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import sys
import time
from pathlib import Path

from contracts.essay import Language
from refgen_demo.llm import ModelUnfit, check_model, llm_endpoint
from refgen_demo.pipeline import DemoFailed, DemoRequest, write_essay
from refgen_demo.sources import source_searches

DEFAULT_TOPICS = {
    "ru": "История Великого шелкового пути",
    "en": "The history of the Great Silk Road",
    "ky": "Улуу Жибек жолунун тарыхы",
}
DEFAULT_SUBJECTS = {"ru": "История", "en": "History", "ky": "Тарых"}


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; every one has a default."""
    parser = argparse.ArgumentParser(prog="refgen-demo", description=__doc__)
    parser.add_argument("--topic", default="")
    parser.add_argument("--subject", default="")
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--chapters", type=int, default=3)
    parser.add_argument("--lang", default="ru", choices=("ru", "en", "ky", "kg"))
    parser.add_argument("--out", type=Path, default=Path("out"))
    parser.add_argument(
        "--preset",
        default="speed",
        choices=("speed", "realistic"),
        help="stand-in latency when no real LLM is configured",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the demo; print progress and the file's path."""
    args = parse(argv)
    language: Language = "ky" if args.lang == "kg" else args.lang
    logging.basicConfig(level=logging.WARNING)
    request = DemoRequest(
        topic=args.topic or DEFAULT_TOPICS[language],
        subject=args.subject or DEFAULT_SUBJECTS[language],
        pages=args.pages,
        chapters=args.chapters,
        language=language,
        out_dir=args.out,
    )
    try:
        path = asyncio.run(_run(request, args.preset))
    except (DemoFailed, ModelUnfit) as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1
    target = request.out_dir / f"referat-{language}-{request.pages}p.docx"
    shutil.move(path, target)
    print(f"\nDone: {target.resolve()}")
    return 0


async def _run(request: DemoRequest, preset: str) -> Path:
    async with llm_endpoint(preset) as llm, source_searches() as (searches, databases):
        where = "the built-in LLM stand-in (placeholder text)" if llm.is_standin else llm.base_url
        print(
            f"RefGen demo: «{request.topic}», {request.pages} pages, {request.chapters} chapters, "
            f"{request.language}; LLM: {where}; bibliographic databases: {databases}"
        )
        if warning := await check_model(llm):
            print(f"note: {warning}")
        started = time.monotonic()
        essay = await write_essay(request, llm, print, searches)
        print(f"Rendered in {time.monotonic() - started:.1f} s")
        return essay.path


if __name__ == "__main__":
    sys.exit(main())
