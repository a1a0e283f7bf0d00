"""docs/asyncapi.yaml is what FastStream generates from the services' brokers today, and valid AsyncAPI 3.0."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from faststream.specification.asyncapi.v3_0_0.schema import ApplicationSchema

from contracts.topology import DEAD_LETTER_EXCHANGE, EVENTS, EXCHANGE, QUEUES
from refgen_asyncapi.brokers import service_brokers
from refgen_asyncapi.cli import main
from refgen_asyncapi.spec import SpecClash, merge, render, service_spec

SPEC = Path(__file__).resolve().parents[3] / "docs" / "asyncapi.yaml"


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return dict(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


def test_the_committed_spec_is_what_the_brokers_generate() -> None:
    assert render(service_brokers()) == SPEC.read_text(encoding="utf-8"), (
        "docs/asyncapi.yaml is stale: run `make asyncapi` and commit it"
    )


def test_the_command_writes_the_file_and_check_fails_on_a_stale_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = tmp_path / "asyncapi.yaml"
    assert main(["--output", str(written)]) == 0
    assert written.read_text(encoding="utf-8") == SPEC.read_text(encoding="utf-8")
    assert main(["--check", "--output", str(written)]) == 0
    written.write_text("asyncapi: 3.0.0\n", encoding="utf-8")
    assert main(["--check", "--output", str(written)]) == 1
    assert "stale: run `make asyncapi`" in capsys.readouterr().err


def test_it_is_an_asyncapi_3_document(doc: dict[str, Any]) -> None:
    ApplicationSchema.model_validate(doc)  # FastStream's own model of the AsyncAPI 3.0 document
    assert doc["asyncapi"] == "3.0.0"
    assert doc["info"]["title"] and doc["info"]["version"] and EXCHANGE in doc["info"]["description"]
    for schema in doc["components"]["schemas"].values():
        jsonschema.Draft7Validator.check_schema(schema)  # AsyncAPI's schema object extends draft 7


def test_every_reference_resolves(doc: dict[str, Any]) -> None:
    refs = list(_refs(doc))
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        node: Any = doc
        for part in ref[2:].split("/"):
            assert isinstance(node, dict) and part in node, f"{ref} does not resolve"
            node = node[part]


def test_every_message_has_a_payload_schema(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    for name, message in doc["components"]["messages"].items():
        ref = message["payload"]["$ref"]
        assert ref.removeprefix("#/components/schemas/") in schemas, name


def test_every_routing_key_is_published_and_consumed(doc: dict[str, Any]) -> None:
    sent, received = set(), set()
    for operation in doc["operations"].values():
        channel = doc["channels"][operation["channel"]["$ref"].removeprefix("#/channels/")]
        (sent if operation["action"] == "send" else received).add(channel["address"])
    for event in EVENTS:
        assert event.ROUTING_KEY in sent, f"no service documents publishing {event.ROUTING_KEY}"
        assert event.ROUTING_KEY in received, f"no service documents consuming {event.ROUTING_KEY}"


def test_every_queue_and_dead_letter_queue_is_documented_on_its_exchange(doc: dict[str, Any]) -> None:
    queues = {
        channel["bindings"]["amqp"]["queue"]["name"]: channel
        for channel in doc["channels"].values()
        if channel["bindings"]["amqp"]["is"] == "queue"
    }
    for spec in QUEUES:
        assert queues[spec.name]["address"] == spec.routing_key
        assert spec.dead_letter_queue in queues
    exchanges = {
        channel["bindings"]["amqp"]["exchange"]["name"]: channel["bindings"]["amqp"]["exchange"]["type"]
        for channel in doc["channels"].values()
        if channel["bindings"]["amqp"]["is"] == "routingKey"
    }
    assert exchanges == {EXCHANGE: "topic"}  # every publisher sends to the one topic exchange
    assert DEAD_LETTER_EXCHANGE in doc["info"]["description"]


def test_names_documented_alike_merge_and_documented_differently_are_an_error() -> None:
    planner = service_spec("planner", service_brokers()["planner"])
    assert merge({"a": planner, "b": copy.deepcopy(planner)}) == merge({"a": planner})
    changed = copy.deepcopy(planner)
    changed["components"]["schemas"]["PlanRequested"]["title"] = "Something else"
    with pytest.raises(SpecClash, match="schema 'PlanRequested': b documents it unlike a"):
        merge({"a": planner, "b": changed})


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
