"""`refgen-auth` command line: serve, rotate-key, retire-key, list-keys."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from auth.adapters.keyring import (
    KEY_SUFFIX,
    RETIRED_SUFFIX,
    KeyRingError,
    generate_key,
    load_keys,
    retire_key,
)
from auth.config import Settings
from servicekit import setup_logging


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="refgen-auth", description="RefGen auth service")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("serve", help="run the HTTP service (the default)")
    for name, text in (
        ("rotate-key", "add a new signing key; running services start signing with it"),
        ("list-keys", "show active keys (the last one signs) and retired ones"),
        ("retire-key", "stop publishing a key; tokens it signed stop verifying"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--keys-dir", type=Path, help="key folder (default: AUTH_KEYS_DIR)")
        if name == "retire-key":
            command.add_argument("kid", help="id of the key to retire")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Parse `argv` and run the chosen command."""
    args = _parser().parse_args(argv)
    settings = Settings()
    setup_logging("auth", settings.log_level)
    if args.command in (None, "serve"):
        from auth.main import serve

        serve(settings)
        return
    keys_dir: Path = args.keys_dir or settings.keys_dir
    try:
        if args.command == "rotate-key":
            print(f"new signing key {generate_key(keys_dir)} in {keys_dir}")
        elif args.command == "retire-key":
            retire_key(keys_dir, args.kid)
            print(f"retired {args.kid}")
        else:
            _list_keys(keys_dir)
    except KeyRingError as exc:
        print(f"refgen-auth: {exc}", file=sys.stderr)
        sys.exit(1)


def _list_keys(keys_dir: Path) -> None:
    keys = load_keys(keys_dir)
    for index, key in enumerate(keys):
        print(f"{key.kid}{'  (signing)' if index == len(keys) - 1 else ''}")
    for path in sorted(keys_dir.glob(f"*{KEY_SUFFIX}{RETIRED_SUFFIX}")):
        print(f"{path.name.removesuffix(KEY_SUFFIX + RETIRED_SUFFIX)}  (retired)")
