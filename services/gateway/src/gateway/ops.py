"""`refgen-ops dlq list|replay|purge`: the dead letters the gateway took off the dead-letter queues."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

import asyncpg
from faststream.rabbit import RabbitBroker

from contracts.rabbit import exchange
from gateway.config import Settings
from gateway.essays.adapters.dead_letters import chosen, drop, listed


async def _list(pool: asyncpg.Pool) -> int:
    rows = await listed(pool)
    for row in rows:
        essay = f"essay {row['essay_id']}" + (f" v{row['generation']}" if row["generation"] else "")
        print(f"{row['id']}\t{row['dead_at']:%Y-%m-%d %H:%M:%S}\t{row['queue']}\t{essay}\t{row['reason']}")
    print(f"{len(rows)} dead letter(s)")
    return 0


async def _replay(pool: asyncpg.Pool, settings: Settings, ids: Sequence[int]) -> int:
    rows = await chosen(pool, list(ids))
    async with RabbitBroker(settings.rabbit_url, logger=None) as broker:
        for row in rows:
            await broker.publish(
                row["payload"].encode(),
                exchange=exchange,
                routing_key=row["routing_key"],
                persist=True,
                message_id=row["message_id"],
                content_type="application/json",
            )
            await drop(pool, [row["id"]])
            print(f"replayed {row['id']} to {row['routing_key']}")
    return 0 if len(rows) == len(set(ids)) else 1


async def _purge(pool: asyncpg.Pool, ids: Sequence[int]) -> int:
    print(f"purged {await drop(pool, list(ids) if ids else None)}")
    return 0


async def _run(args: argparse.Namespace) -> int:
    settings = Settings()
    pool = await asyncpg.create_pool(settings.database_url, min_size=1, max_size=2)
    try:
        if args.action == "list":
            return await _list(pool)
        if args.action == "replay":
            return await _replay(pool, settings, args.ids)
        return await _purge(pool, args.ids)
    finally:
        await pool.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Console script `refgen-ops`."""
    parser = argparse.ArgumentParser(prog="refgen-ops", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    dlq = commands.add_parser("dlq", help="dead letters (settings from GATEWAY_* as the gateway's)")
    dlq.add_argument("action", choices=["list", "replay", "purge"])
    dlq.add_argument("ids", nargs="*", type=int, help="which letters (replay: required; purge: all if none)")
    args = parser.parse_args(argv)
    if args.action == "replay" and not args.ids:
        parser.error("replay needs the ids of the letters to publish again")
    return asyncio.run(_run(args))


def run() -> None:
    """Entry point."""
    sys.exit(main())
