"""Command line entry point: `biblio-standin` or `python -m biblio_standin`."""

from __future__ import annotations

import argparse
from typing import Any

import uvicorn

from biblio_standin.app import create_app
from biblio_standin.config import Settings


def parse_args(argv: list[str] | None = None) -> dict[str, Any]:
    """CLI flags as settings overrides (flags win over BIBLIO_STANDIN_* environment variables)."""
    parser = argparse.ArgumentParser(
        prog="biblio-standin", description="Stand-in for the OpenAlex and Crossref works APIs."
    )
    parser.add_argument("--host", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default 8011)")
    parser.add_argument("--seed", type=int, help="seed of the generated records and of fault injection")
    parser.add_argument("--log-level", help="uvicorn log level (default info)")
    args = vars(parser.parse_args(argv))
    return {key: value for key, value in args.items() if value is not None}


def run(argv: list[str] | None = None) -> None:
    """Start uvicorn serving the stand-in."""
    settings = Settings(**parse_args(argv))
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level)
