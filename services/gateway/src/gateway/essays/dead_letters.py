"""Dead letters fail their essay: every message a consumer gave up on is taken off its dead-letter queue,
kept for an operator (refgen-ops dlq) and turned into FAILED with the reason, so no essay stays stuck."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any
from uuid import UUID

from faststream import AckPolicy
from faststream.rabbit import RabbitBroker
from faststream.rabbit.annotations import RabbitMessage

from contracts.base import GATEWAY, ORIGIN_PATTERN
from contracts.rabbit import dead_letter_exchange, dead_letter_queue
from contracts.topology import QUEUES, QueueSpec
from gateway.essays.adapters import dead_letters
from gateway.essays.adapters.repository import EssayRepository
from servicekit import is_database_outage, through_outages

log = logging.getLogger(__name__)


def register(broker: RabbitBroker, repo: Callable[[], EssayRepository]) -> None:
    """Consume every dead-letter queue of the topology."""
    for spec in QUEUES:
        _subscribe(broker, repo, spec)


def _subscribe(broker: RabbitBroker, repo: Callable[[], EssayRepository], spec: QueueSpec) -> None:
    async def on_dead_letter(message: RabbitMessage) -> None:
        body = message.body  # raw: a dead letter is whatever could not be read as its event
        letter = dead_letters.DeadLetter(
            queue=spec.name,
            routing_key=spec.routing_key,
            message_id=message.message_id,
            payload=body.decode("utf-8", errors="replace"),
            reason=_reason(message.headers, spec),
            **_essay_of(body),
        )
        await through_outages(
            lambda: dead_letters.store_and_fail(repo(), letter), is_outage=is_database_outage
        )
        log.warning("dead letter from %s about essay %s: %s", spec.name, letter.essay_id, letter.reason)

    on_dead_letter.__name__ = f"on_dead_{spec.name.replace('.', '_')}"
    broker.subscriber(
        dead_letter_queue(spec),
        dead_letter_exchange,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        description=f"{spec.event.__name__} messages {spec.service} gave up on, read as raw bytes "
        "(a dead letter may not parse as its event).",
    )(on_dead_letter)


def _essay_of(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    data = data if isinstance(data, dict) else {}
    essay, generation, origin = data.get("essay_id"), data.get("generation"), data.get("origin", GATEWAY)
    return {
        "essay_id": essay if isinstance(essay, int) and 0 < essay < 2**63 else None,
        "generation": generation if isinstance(generation, int) and 0 < generation < 2**31 else None,
        "origin": origin if isinstance(origin, str) and re.fullmatch(ORIGIN_PATTERN, origin) else GATEWAY,
        "correlation_id": _uuid(data.get("correlation_id")),
    }


def _uuid(value: object) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


def _reason(headers: dict[str, Any], spec: QueueSpec) -> str:
    why = str(headers.get("x-first-death-reason") or "rejected")
    what = "was rejected" if why == "rejected" else f"ended ({why})"
    return (
        f"{spec.service} could not process {spec.event.__name__}: the message {what} past its delivery limit"
    )
