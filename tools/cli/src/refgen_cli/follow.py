"""Following an essay's Server-Sent Events to its end, resuming with Last-Event-ID when the line drops."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
from httpx_sse import SSEError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from refgen_cli.api import Api, ApiError

FINAL = frozenset({"GENERATED", "FAILED"})
RECONNECTS = 20  # in a row without an event; each after the server's `retry:` hint


def follow(
    api: Api,
    essay_id: int,
    on_event: Callable[[str, dict[str, Any]], None],
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Feed every event of the essay to `on_event` until GENERATED or FAILED; that final status's data."""
    last_id: str | None = None
    retry_seconds, failures = 3.0, 0
    while True:
        try:
            with api.events(essay_id, last_id) as source:
                if source.response.status_code == 204:  # the end was already sent: ask where it stands
                    status: dict[str, Any] = api.json("GET", f"/essays/{essay_id}/status")
                    return status
                for event in source.iter_sse():
                    failures = 0
                    if event.retry is not None:
                        retry_seconds = event.retry / 1000
                    last_id = event.id or last_id
                    data = json.loads(event.data) if event.data else {}
                    on_event(event.event, data)
                    if event.event == "status" and data.get("status") in FINAL:
                        return dict(data)
        except (httpx.TransportError, SSEError) as error:
            failures += 1
            if failures > RECONNECTS:
                raise ApiError(0, f"lost the event stream of essay {essay_id}: {error}") from error
        except ApiError as error:
            if error.status not in (0, 502, 503, 504):
                raise
            failures += 1
            if failures > RECONNECTS:
                raise
        # the stream ended early (a gateway restarting, the database away): resume where it stopped
        sleep(retry_seconds)


class ProgressView:
    """A Rich progress bar of units written, with the status and the last unit's title."""

    def __init__(self, console: Console):
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.fields[status]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[unit]}", markup=False),  # a unit's title is the LLM's text
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("essay", total=None, status="…", unit="")

    def __enter__(self) -> ProgressView:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, kind: str, data: dict[str, Any]) -> None:
        """Show one event."""
        total = data.get("sections_total") or None
        fields: dict[str, Any] = {"completed": data.get("sections_done", 0)}
        if total:
            fields["total"] = total
        if kind == "status":
            fields["status"] = data.get("status", "")
        if kind == "unit":
            fields["unit"] = f"{data.get('title', '')} ({data.get('written_chars', 0)} chars)"
        self.progress.update(self.task, **fields)
