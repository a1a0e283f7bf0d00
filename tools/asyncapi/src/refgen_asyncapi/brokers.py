"""Every service's broker with its subscribers and documented publishers registered, built without I/O."""

from __future__ import annotations

from typing import Any, cast

from faststream.rabbit import RabbitBroker

# Fixed, so the document does not depend on the environment it is generated in (the vhost shows in bindings).
DOC_RABBIT_URL = "amqp://guest:guest@localhost:5672/"


def _no_repository() -> Any:
    raise RuntimeError("the documented gateway broker is never started")


def service_brokers() -> dict[str, RabbitBroker]:
    """The broker of each service that has one, by service name, as its composition root builds it."""
    from gateway.config import Settings as GatewaySettings
    from gateway.essays.wiring import essay_broker
    from planner.config import PlannerSettings
    from planner.main import create_app as planner_app
    from printer.config import PrinterSettings
    from printer.main import create_app as printer_app
    from writer.config import WriterSettings
    from writer.main import create_app as writer_app

    apps = {
        "planner": planner_app(PlannerSettings(rabbit_url=DOC_RABBIT_URL)),
        "writer": writer_app(WriterSettings(rabbit_url=DOC_RABBIT_URL)),
        "printer": printer_app(PrinterSettings(rabbit_url=DOC_RABBIT_URL)),
    }
    brokers = {"gateway": essay_broker(GatewaySettings(rabbit_url=DOC_RABBIT_URL), _no_repository)}
    brokers.update({name: cast(RabbitBroker, app.broker) for name, app in apps.items()})
    return brokers
