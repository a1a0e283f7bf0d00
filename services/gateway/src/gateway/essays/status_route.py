"""The status every client polls while its essay is written, answered ahead of FastAPI's routing.

Only a request that would get 200 is answered here: a signed-in caller (the token verified as the route's
dependency verifies it) asking about an essay of theirs. Anything else — no or a bad token, an id out of
range, another user's or a missing essay, the keys or the database away — goes on to the route unchanged,
so its answers (401, 404, 422, 503) stay the route's own. The body is the route's body, built by the same
use case; what this skips is the framework's per-request dependency and validation work.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.essays.errors import EssayError
from gateway.identity.jwks import JwksUnavailable
from gateway.identity.verifier import TokenRejected
from gateway.state import AppState

log = logging.getLogger(__name__)
MAX_ID = 2**63 - 1


class StatusFastPath:
    """ASGI middleware answering `GET {prefix}/essays/{id}/status` with 200 when it can."""

    def __init__(
        self, app: ASGIApp, prefix: str, record: Callable[[float], None] = lambda _seconds: None
    ) -> None:
        self._app = app
        self._path = re.compile(re.escape(prefix) + r"/essays/([1-9][0-9]{0,18})/status")
        self._record = record  # the HTTP metrics of the answers given here, which skip routing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        body = await self._answer(scope) if scope["type"] == "http" and scope["method"] == "GET" else None
        if body is None:
            await self._app(scope, receive, send)
            return
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        self._record(time.perf_counter() - started)

    async def _answer(self, scope: Scope) -> bytes | None:
        match = self._path.fullmatch(scope["path"])
        token = _bearer(scope) if match else None
        state: AppState | None = getattr(scope["app"].state, "gateway", None) if token else None
        if match is None or token is None or state is None or state.essays is None:
            return None
        essay_id = int(match.group(1))
        if essay_id > MAX_ID:
            return None
        try:
            user_id = await state.verifier.verify(token)
            answer = await state.essays.status(user_id, essay_id)
        except (TokenRejected, JwksUnavailable, EssayError):
            return None  # the route answers these
        except Exception:  # the database away, say: the route answers with its own error handling
            log.debug("status fast path passed a request on", exc_info=True)
            return None
        return answer.model_dump_json().encode()


def _bearer(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() or None if scheme.lower() == "bearer" else None
    return None
