"""The Grafana dashboard parses, asks its datasource as a variable, and every query names metrics the services
really export (read from the registry once every service's app is built and has answered a request); every
service's pods carry the Prometheus scrape annotations."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from prometheus_client import REGISTRY

ROOT = Path(__file__).resolve().parents[3]
DASHBOARD = ROOT / "deploy" / "grafana" / "refgen.json"
PORTS = {"auth": 8001, "gateway": 8000, "planner": 8002, "writer": 8003, "printer": 8004}
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
    "summary": ("_count", "_sum", "_created"),
}
PROMQL_WORDS = {
    "sum", "max", "min", "avg", "count", "by", "without", "rate", "irate", "increase", "histogram_quantile",
    "topk", "bottomk", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset",
}  # fmt: skip


def panels(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every panel, rows' nested ones included."""
    for panel in node.get("panels", []):
        yield panel
        yield from panels(panel)


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (label matchers, ranges, groupings and strings removed)."""
    bare = re.sub(r'"[^"]*"', "", expr)
    bare = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", bare)
    bare = re.sub(r"\b(by|without)\s*\([^)]*\)", "", bare)
    words = set(re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*", bare))
    return {word for word in words if word not in PROMQL_WORDS}


async def _built_and_asked() -> None:
    """Build every service's app as its process does and GET its /metrics, so every metric is registered."""
    from auth.main import create_app as auth_app
    from gateway.config import Settings as GatewaySettings
    from gateway.main import create_app as gateway_app
    from planner.main import create_app as planner_app
    from printer.main import create_app as printer_app
    from writer.main import create_app as writer_app

    apps: list[Any] = [
        gateway_app(GatewaySettings(), with_essays=False),
        auth_app(),
        planner_app(),
        writer_app(),
        printer_app(),
    ]
    for app in apps:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            answer = await client.get("/metrics")
            assert answer.status_code == 200
            assert answer.headers["content-type"].startswith("text/plain")


@pytest.fixture(scope="module")
def exported() -> set[str]:
    """Every sample name the registry can export."""
    import asyncio

    asyncio.run(_built_and_asked())
    names: set[str] = set()
    for family in REGISTRY.collect():
        names.add(family.name)
        names.update(family.name + suffix for suffix in SUFFIXES.get(family.type, ()))
    return names


def test_the_dashboard_parses_and_takes_its_datasource_as_a_variable() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["DS_PROMETHEUS"]["type"] == "datasource"
    shown = [p for p in panels(dashboard) if p["type"] != "row"]
    assert len(shown) >= 10
    for panel in shown:
        assert panel["datasource"]["uid"] == "${DS_PROMETHEUS}", panel["title"]
        assert panel["targets"], panel["title"]


def test_every_query_reads_metrics_the_services_export(exported: set[str]) -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    read: set[str] = set()
    for panel in panels(dashboard):
        for target in panel.get("targets", []):
            names = metric_names(target["expr"])
            assert names, target["expr"]
            assert names <= exported, f"{panel['title']}: {sorted(names - exported)} not exported"
            read |= names
    # the dashboard shows the domain metrics, not only the libraries'
    for name in ("refgen_essays", "refgen_unit_write_seconds_bucket", "refgen_llm_tokens_total",
                 "refgen_llm_errors_total", "refgen_continuations_total", "refgen_render_seconds_bucket",
                 "refgen_queue_messages", "http_requests_total", "faststream_received_processed_messages_total"):  # fmt: skip
        assert name in read, name


def test_the_domain_metrics_are_prefixed_and_documented(exported: set[str]) -> None:
    readme = (ROOT / "README.md").read_text()
    domain = [f for f in REGISTRY.collect() if f.name.startswith("refgen_")]
    assert len(domain) >= 10
    for family in domain:
        assert family.documentation, family.name
        shown = family.name + ("_total" if family.type == "counter" else "")
        assert f"`{shown}`" in readme, f"{shown} is not in the README's Metrics section"


@pytest.mark.parametrize("service", sorted(PORTS))
def test_pods_carry_the_prometheus_scrape_annotations(service: str) -> None:
    documents = list(yaml.safe_load_all((ROOT / "deploy" / "k8s" / f"{service}.yaml").read_text()))
    deployment = next(d for d in documents if d and d["kind"] == "Deployment")
    template = deployment["spec"]["template"]
    annotations = template["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    ports = {p["containerPort"] for c in template["spec"]["containers"] for p in c.get("ports", [])}
    assert ports == {PORTS[service]}
    assert int(annotations["prometheus.io/port"]) == PORTS[service]
