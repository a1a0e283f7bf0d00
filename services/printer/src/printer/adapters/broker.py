"""Publishing through the FastStream broker."""

from __future__ import annotations

from faststream.rabbit import RabbitBroker

from contracts.base import Event
from contracts.rabbit import publish


class BrokerPublisher:
    """Publishes events persistently with publisher confirms."""

    def __init__(self, broker: RabbitBroker):
        self._broker = broker

    async def publish(self, event: Event) -> None:
        """Publish one event under its routing key."""
        await publish(self._broker, event)
