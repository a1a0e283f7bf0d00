"""Where `refgen` keeps its tokens: one JSON file, readable by its owner only, keyed by server URL."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import typer

FILE_NAME = "credentials.json"


def config_dir() -> Path:
    """`$REFGEN_CONFIG_DIR`, else the XDG config dir (`$XDG_CONFIG_HOME/refgen`, ~/.config/refgen)."""
    explicit = os.environ.get("REFGEN_CONFIG_DIR")
    return Path(explicit) if explicit else Path(typer.get_app_dir("refgen"))


class TokenStore:
    """The access and refresh tokens of each server signed in to (a token only ever goes to its server)."""

    def __init__(self, directory: Path | None = None):
        self.path = (directory or config_dir()) / FILE_NAME

    def _read(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, server: str) -> dict[str, str]:
        """The tokens stored for `server` (empty if none)."""
        found = self._read().get("servers", {}).get(server, {})
        return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}

    def put(self, server: str, **tokens: str) -> None:
        """Store (or update) the tokens of `server`."""
        data = self._read()
        servers = data.setdefault("servers", {})
        servers[server] = {**servers.get(server, {}), **tokens}
        self._write(data)

    def forget(self, server: str) -> None:
        """Remove the tokens of `server`."""
        data = self._read()
        if data.get("servers", {}).pop(server, None) is not None:
            self._write(data)

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # created 0600 before anything is written, so the tokens are never readable by others
        temporary = self.path.with_suffix(".tmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2)
        os.replace(temporary, self.path)
        os.chmod(self.path, 0o600)
