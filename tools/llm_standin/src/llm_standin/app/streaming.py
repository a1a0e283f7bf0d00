"""Server-sent events of a chat completion, paced at the configured token rate, optionally stalling."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import AsyncIterator
from typing import Any

from llm_standin.app.protocol import chunk_body, new_completion_id, usage_chunk_body
from llm_standin.config import Tunables
from llm_standin.generation.answer import Answer
from llm_standin.stats import Stats


def sse(data: dict[str, Any]) -> bytes:
    """One `data: {...}` event."""
    return b"data: " + json.dumps(data, ensure_ascii=False).encode() + b"\n\n"


async def sse_events(
    answer: Answer, *, model: str, include_usage: bool, t: Tunables, stall: bool, stats: Stats
) -> AsyncIterator[bytes]:
    """The event stream: role chunk, content chunks, finish chunk, optional usage chunk, [DONE]."""
    cid, created = new_completion_id(), int(time.time())
    stats.in_flight += 1
    delivered = False
    try:
        if t.ttft_seconds > 0:
            await asyncio.sleep(t.ttft_seconds)
        role = {"role": "assistant", "content": "", "refusal": None}
        yield sse(chunk_body(cid, created, model, delta=role, include_usage=include_usage))
        pieces, total = answer.pieces, len(answer.pieces)
        stall_at = min(total, math.floor(total * t.stall_after_fraction)) if stall else -1
        loop = asyncio.get_running_loop()
        start = loop.time()
        sent = 0
        while sent < total or sent == stall_at:
            if sent == stall_at:
                stall_at = -1
                await asyncio.sleep(t.stall_seconds)
                if t.stall_mode == "close":
                    return
                start += t.stall_seconds
                continue
            if t.tokens_per_second > 0:
                due = start + sent / t.tokens_per_second
                now = loop.time()
                if due > now:
                    await asyncio.sleep(due - now)
                    now = loop.time()
                count = max(1, math.floor((now - start) * t.tokens_per_second) - sent + 1)
            else:
                count = t.max_tokens_per_chunk
                await asyncio.sleep(0)  # let other streams run between chunks
            count = min(count, t.max_tokens_per_chunk, total - sent)
            if stall_at > sent:
                count = min(count, stall_at - sent)
            text = "".join(pieces[sent : sent + count])
            yield sse(chunk_body(cid, created, model, delta={"content": text}, include_usage=include_usage))
            sent += count
        finish = chunk_body(
            cid, created, model, finish_reason=answer.finish_reason, include_usage=include_usage
        )
        yield sse(finish)
        if include_usage:
            yield sse(usage_chunk_body(cid, created, model, answer))
        yield b"data: [DONE]\n\n"
        delivered = True
        stats.finished(answer.finish_reason, answer.prompt_tokens, answer.completion_tokens)
    finally:
        stats.in_flight -= 1
        if not delivered:
            stats.streams_disconnected += 1
