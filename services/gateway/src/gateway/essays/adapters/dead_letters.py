"""Dead letters in PostgreSQL (`gateway.dead_letters`), and the essay they concern failed, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import asyncpg

from contracts.base import GATEWAY
from contracts.pipeline import EssayFailed
from gateway.essays.adapters.repository import EssayRepository


@dataclass(frozen=True)
class DeadLetter:
    """A message a consumer gave up on."""

    queue: str
    routing_key: str
    message_id: str | None
    payload: str
    reason: str
    essay_id: int | None
    generation: int | None
    origin: str = GATEWAY
    correlation_id: UUID | None = None


async def store_and_fail(repo: EssayRepository, letter: DeadLetter) -> None:
    """Keep the letter (once per queue and message id) and fail its essay's version with the reason."""
    async with repo.unit() as work:
        stored = await work.conn.fetchval(
            "insert into gateway.dead_letters (queue, routing_key, message_id, essay_id, generation, payload,"
            " reason) values ($1, $2, $3, $4, $5, $6, $7) on conflict (queue, message_id) do nothing returning id",
            letter.queue,
            letter.routing_key,
            letter.message_id,
            letter.essay_id,
            letter.generation,
            letter.payload.replace("\x00", ""),
            letter.reason,
        )
        if stored is None or letter.essay_id is None:
            return
        if letter.origin != GATEWAY:  # another producer's essay: tell it, on its own routing key
            await work.publish(_failure(letter, letter.essay_id))
            return
        essay = await work.get(letter.essay_id)
        if essay is not None:
            essay.fail(letter.generation, letter.reason)


def _failure(letter: DeadLetter, essay_id: int) -> EssayFailed:
    service = letter.queue.split(".")[0]
    return EssayFailed(
        essay_id=essay_id,
        origin=letter.origin,
        correlation_id=letter.correlation_id or UUID(int=0),
        stage={"planner": "planning", "writer": "writing"}.get(service, "printing"),
        generation=letter.generation,
        reason=letter.reason,
    )


async def listed(pool: asyncpg.Pool) -> list[asyncpg.Record]:
    """Every kept dead letter, oldest first."""
    return list(
        await pool.fetch(
            "select id, queue, routing_key, essay_id, generation, reason, dead_at from gateway.dead_letters order by id"
        )
    )


async def chosen(pool: asyncpg.Pool, ids: list[int]) -> list[asyncpg.Record]:
    """The letters with these ids, oldest first, as they are to be published again."""
    return list(
        await pool.fetch(
            "select id, routing_key, message_id, payload from gateway.dead_letters where id = any($1::bigint[])"
            " order by id",
            ids,
        )
    )


async def drop(pool: asyncpg.Pool, ids: list[int] | None) -> int:
    """Delete these letters (all when `ids` is None); returns how many went."""
    if ids is None:
        status = await pool.execute("delete from gateway.dead_letters")
    else:
        status = await pool.execute("delete from gateway.dead_letters where id = any($1::bigint[])", ids)
    return int(status.split()[-1])
