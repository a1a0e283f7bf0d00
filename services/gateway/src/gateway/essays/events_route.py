"""`GET /essays/{id}/events`: an essay's progress as Server-Sent Events (sse-starlette), resumable by id."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from gateway.essays.domain.progress import LogEntry
from gateway.essays.routes import EssayId, Essays
from gateway.identity import CurrentUser
from gateway.state import get_state

router = APIRouter(tags=["essays"])

_DESCRIPTION = """A `text/event-stream` of the essay's progress. Events: `status` (status, generation,
sections_done, sections_total, failure_reason), `unit` (a unit written: section_index, title, written_chars,
sections_done, sections_total), `manifest` (sections_total known). A first connection starts with the current
`status`; the stream ends after GENERATED or FAILED. Every event has an `id`: reconnecting with `Last-Event-ID`
sends exactly the events after it; 204 when that was the end of a finished essay."""


@router.get(
    "/essays/{essay_id}/events",
    response_class=EventSourceResponse,
    description=_DESCRIPTION,
    responses={200: {"content": {"text/event-stream": {}}}, 204: {"description": "nothing more will come"}},
)
async def events(
    essay_id: EssayId,
    user: CurrentUser,
    essays: Essays,
    request: Request,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> Response:
    """Follow an essay live."""
    assert essays.events is not None
    state = get_state(request)
    valid_until = state.verifier.valid_until(user.access_token)
    seconds_left = None if valid_until is None else valid_until - time.time()
    entries = await essays.events.open(user.id, essay_id, last_event_id, seconds_left=seconds_left)
    if entries is None:
        return Response(status_code=204)
    settings = state.settings
    return EventSourceResponse(
        _render(entries, settings.events_retry_ms),
        ping=settings.events_ping_seconds,
    )


async def _render(entries: AsyncIterator[LogEntry], retry_ms: int) -> AsyncIterator[ServerSentEvent]:
    retry: int | None = retry_ms  # the reconnection delay, told once per connection
    async for entry in entries:
        yield render(entry, retry)
        retry = None


def render(entry: LogEntry, retry_ms: int | None = None) -> ServerSentEvent:
    """One log entry as an SSE event: `id` the log id, `event` its kind, `data` its JSON."""
    data = json.dumps(entry.data, ensure_ascii=False, separators=(",", ":"))
    return ServerSentEvent(data, event=entry.kind, id=str(entry.id), retry=retry_ms)
