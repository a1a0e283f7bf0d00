"""Static checks of compose.yaml, the Dockerfiles and the Kubernetes manifests (no Docker engine here)."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
import yaml
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[3]
SERVICES = ("auth", "gateway", "planner", "writer", "printer")
PREFIXES = {f"{name.upper()}_": name for name in SERVICES}


def settings_fields(service: str) -> set[str]:
    """Environment variable names the service's settings class reads."""
    module = importlib.import_module(f"{service}.config")
    classes = [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, BaseSettings) and c is not BaseSettings
    ]
    assert classes, f"{service}.config has no settings class"
    prefix = classes[0].model_config.get("env_prefix", "")
    return {f"{prefix}{name}".upper() for name in classes[0].model_fields}


def assert_known_variables(env: dict[str, object] | list[object], where: str) -> None:
    names = [e["name"] for e in env] if isinstance(env, list) else list(env)  # type: ignore[index]
    for name in names:
        for prefix, service in PREFIXES.items():
            if name.startswith(prefix):
                assert name in settings_fields(service), f"{where}: {name} is not a setting of {service}"


@pytest.fixture(scope="module")
def compose() -> dict[str, object]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_services_are_wired(compose: dict[str, object]) -> None:
    services: dict[str, dict[str, object]] = compose["services"]  # type: ignore[assignment]
    assert set(SERVICES) <= set(services)
    for name, service in services.items():
        for dependency in service.get("depends_on", {}) or {}:
            assert dependency in services, f"{name} depends on unknown {dependency}"
        assert_known_variables(service.get("environment", {}) or {}, f"compose {name}")
        build = service.get("build")
        if isinstance(build, dict):
            assert (ROOT / build["dockerfile"]).is_file()
            arg = (build.get("args") or {}).get("SERVICE")
            if arg:
                assert (ROOT / "services" / arg / "pyproject.toml").is_file()
    assert services["writer"]["deploy"]["replicas"] >= 2  # type: ignore[index]


def test_every_compose_service_passes_the_trace_collector_on(compose: dict[str, object]) -> None:
    services: dict[str, dict[str, dict[str, str]]] = compose["services"]  # type: ignore[assignment]
    for name in SERVICES:
        # empty by default: traces stay off until .env names a collector
        assert (
            services[name]["environment"]["OTEL_EXPORTER_OTLP_ENDPOINT"] == "${OTEL_EXPORTER_OTLP_ENDPOINT:-}"
        )


def test_dockerfile_copies_exist() -> None:
    for dockerfile in (ROOT / "deploy" / "docker").glob("*Dockerfile"):
        for source in re.findall(r"^COPY (?!--from)(\S+)", dockerfile.read_text(), flags=re.M):
            assert (ROOT / source.replace("${SERVICE}", "gateway")).exists(), f"{dockerfile.name}: {source}"


def test_every_service_has_an_entry_point() -> None:
    for service in SERVICES:
        text = (ROOT / "services" / service / "pyproject.toml").read_text()
        assert f'refgen-{service} = "{service}.main:run"' in text
        assert importlib.import_module(f"{service}.main").run


def test_kubernetes_manifests() -> None:
    k8s = ROOT / "deploy" / "k8s"
    kustomization = yaml.safe_load((k8s / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        for doc in yaml.safe_load_all((k8s / resource).read_text()):
            assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"]
            if doc["kind"] != "Deployment":
                continue
            for container in doc["spec"]["template"]["spec"]["containers"]:
                port = container["ports"][0]["containerPort"]
                assert container["readinessProbe"]["httpGet"]["port"] == port
                assert_known_variables(container.get("env", []), f"k8s {doc['metadata']['name']}")
