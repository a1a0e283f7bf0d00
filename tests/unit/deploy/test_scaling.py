"""Static checks of how the services scale: KEDA on the writers' queue, resources everywhere, compose --scale."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from contracts.planning import SectionRequested
from contracts.topology import queue_spec
from tests.unit.deploy.test_manifests import settings_fields

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy" / "k8s"


def _kustomization() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    return loaded


def _documents() -> list[dict[str, Any]]:
    """Every object of the kustomization's resources, as written (before kustomize)."""
    return [
        doc
        for resource in _kustomization()["resources"]
        for doc in yaml.safe_load_all((K8S / resource).read_text())
        if doc
    ]


def _one(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    [found] = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    return found


def _scaling() -> dict[str, Any]:
    settings: dict[str, Any] = _one(_documents(), "WriterScaling", "writer-scaling")["spec"]
    return settings


def _rendered(folder: Path = K8S) -> list[dict[str, Any]]:
    """The kustomization in `folder` as `kubectl apply -k` would send it."""
    if kustomize := shutil.which("kustomize"):
        command = [kustomize, "build", str(folder)]
    elif kubectl := shutil.which("kubectl"):
        command = [kubectl, "kustomize", str(folder)]
    else:
        pytest.skip("neither kustomize nor kubectl is installed")
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout
    return [doc for doc in yaml.safe_load_all(output) if doc]


def test_kustomization_references_only_existing_files() -> None:
    kustomization = _kustomization()
    for resource in kustomization["resources"]:
        assert (K8S / resource).is_file(), resource
    kinds = {(d["kind"], d["metadata"]["name"]) for d in _documents()}
    for replacement in kustomization.get("replacements", []):
        source = replacement["source"]
        assert (source["kind"], source["name"]) in kinds
        for target in replacement["targets"]:
            assert (target["select"]["kind"], target["select"]["name"]) in kinds


def test_writers_scale_on_the_depth_of_their_queue() -> None:
    docs = _documents()
    scaled = _one(docs, "ScaledObject", "writer")
    assert scaled["apiVersion"] == "keda.sh/v1alpha1"
    assert scaled["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "writer",
    }
    writer = _one(docs, "Deployment", "writer")
    assert "replicas" not in writer["spec"]  # the ScaledObject owns the count
    [trigger] = scaled["spec"]["triggers"]
    assert trigger["type"] == "rabbitmq"
    assert trigger["metadata"]["queueName"] == queue_spec("writer", SectionRequested).name
    # over HTTP (the management API) the depth counts the units writers hold too, not only the ready ones
    assert trigger["metadata"]["mode"] == "QueueLength" and trigger["metadata"]["protocol"] == "http"
    assert "vhostName" not in trigger["metadata"]  # the virtual host is the one in the management URL


def test_keda_reads_the_management_url_from_the_writers_secret() -> None:
    docs = _documents()
    [trigger] = _one(docs, "ScaledObject", "writer")["spec"]["triggers"]
    auth = _one(docs, "TriggerAuthentication", trigger["authenticationRef"]["name"])
    [host] = auth["spec"]["secretTargetRef"]
    assert host["parameter"] == "host" and host["key"] == "RABBIT_MANAGEMENT_URL"
    [container] = _one(docs, "Deployment", "writer")["spec"]["template"]["spec"]["containers"]
    secrets = {source["secretRef"]["name"] for source in container["envFrom"] if "secretRef" in source}
    assert host["name"] in secrets


def test_no_cpu_autoscaler_is_left_for_the_writers() -> None:
    for doc in _documents():
        if doc["kind"] == "HorizontalPodAutoscaler":
            assert doc["spec"]["scaleTargetRef"]["name"] != "writer"


def test_every_deployment_requests_resources_and_limits_memory() -> None:
    deployments = [d for d in _documents() if d["kind"] == "Deployment"]
    assert {d["metadata"]["name"] for d in deployments} >= {"auth", "gateway", "planner", "writer", "printer"}
    for deployment in deployments:
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            resources = container["resources"]
            assert {"cpu", "memory"} <= set(resources["requests"]), deployment["metadata"]["name"]
            assert "memory" in resources["limits"], deployment["metadata"]["name"]
    printer = _one(deployments, "Deployment", "printer")["spec"]["template"]["spec"]["containers"][0]
    assert _mebibytes(printer["resources"]["limits"]["memory"]) >= 1024  # LibreOffice beside the renderer


def _mebibytes(quantity: str) -> int:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()  # type: ignore[union-attr]
    return int(number) * (1024 if unit == "Gi" else 1)


def test_kustomize_renders_the_shipped_settings() -> None:
    rendered = _rendered()
    kinds = [d["kind"] for d in rendered]
    assert "WriterScaling" not in kinds  # local configuration, never applied
    assert "HorizontalPodAutoscaler" not in kinds
    spec = _one(rendered, "ScaledObject", "writer")["spec"]
    settings = _scaling()
    assert spec["minReplicaCount"] == settings["minReplicas"] < settings["maxReplicas"]
    assert int(spec["triggers"][0]["metadata"]["value"]) >= 1
    assert all(d["metadata"].get("namespace") == "refgen" for d in rendered if d["kind"] != "Namespace")


def test_each_setting_reaches_the_scaled_object(tmp_path: Path) -> None:
    folder = tmp_path / "k8s"
    shutil.copytree(K8S, folder)
    path = folder / "writer-scaling.yaml"
    settings = yaml.safe_load(path.read_text())
    changed = {
        "minReplicas": 3,
        "maxReplicas": 11,
        "messagesPerReplica": "5",
        "cooldownSeconds": 61,
        "scaleDownStabilizationSeconds": 62,
    }
    assert set(changed) == set(settings["spec"])
    settings["spec"] = changed
    path.write_text(yaml.safe_dump(settings))
    spec = _one(_rendered(folder), "ScaledObject", "writer")["spec"]
    assert (spec["minReplicaCount"], spec["maxReplicaCount"], spec["cooldownPeriod"]) == (3, 11, 61)
    behavior = spec["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
    assert behavior["scaleDown"]["stabilizationWindowSeconds"] == 62
    assert spec["triggers"][0]["metadata"]["value"] == "5"  # KEDA's metadata are strings


def test_compose_writer_can_be_scaled() -> None:
    text = (ROOT / "compose.yaml").read_text()
    writer = yaml.safe_load(text)["services"]["writer"]
    assert "container_name" not in writer  # names must be unique per replica
    assert not writer.get("ports")  # a fixed host port is taken by the first replica only
    assert writer["deploy"]["replicas"] >= 1
    assert "--scale writer=" in text


def test_printer_image_has_headless_libreoffice_and_fonts() -> None:
    text = (ROOT / "deploy" / "docker" / "Dockerfile").read_text()
    install = re.search(r'if \[ "\$\{SERVICE\}" = "printer" \]; then(.*?); fi', text, flags=re.S)
    assert install is not None
    assert "libreoffice-writer-nogui" in install.group(1)  # headless: no GUI toolkit in the image
    assert "fonts-liberation" in install.group(1)  # Times New Roman's metrics, so pages match Word's


def test_a_writer_scaled_away_has_time_to_finish_the_units_it_holds() -> None:
    writer = _one(_documents(), "Deployment", "writer")["spec"]["template"]["spec"]
    [container] = writer["containers"]
    graceful = {env["name"]: env["value"] for env in container["env"]}["WRITER_GRACEFUL_TIMEOUT_SECONDS"]
    assert "graceful_timeout_seconds" in {
        name.lower().removeprefix("writer_") for name in settings_fields("writer")
    }
    # the pod is killed only after the writer's own wait for its units in flight
    assert writer["terminationGracePeriodSeconds"] > float(graceful) >= 60
