"""The catalogue starts only the processes asked for and gives each the extra environment asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from devstack.catalogue import processes, shared_migrations
from devstack.config import StackSettings


def _settings(tmp_path: Path, **changes: object) -> StackSettings:
    # model_validate reads neither the environment nor .env: a developer's REFGEN_* cannot leak in.
    return StackSettings.model_validate(
        {
            "run_dir": tmp_path,
            "port_base": 30000,
            "s3_port": 30050,
            "writer_replicas": 2,
            "llm_base_url": "",
            "sources_standin": True,
        }
        | changes
    )


def test_every_process_by_default(tmp_path: Path) -> None:
    names = [spec.name for spec in processes(_settings(tmp_path))]
    assert names == [
        "s3",
        "llm-standin",
        "biblio-standin",
        "auth",
        "planner",
        "printer",
        "writer-1",
        "writer-2",
        "gateway",
    ]


def test_services_narrow_the_stack_keeping_start_order(tmp_path: Path) -> None:
    chosen = processes(_settings(tmp_path, services=("gateway", "writer", "auth")))
    assert [spec.name for spec in chosen] == ["auth", "writer-1", "writer-2", "gateway"]
    # The gateway still expects the auth service on its usual port, whether or not it runs.
    full = {spec.name: spec for spec in processes(_settings(tmp_path))}
    alone = processes(_settings(tmp_path, services=("gateway",)))
    assert alone == [full["gateway"]]


def test_unknown_service_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="gatway"):
        processes(_settings(tmp_path, services=("gatway",)))


def test_service_env_reaches_every_process_and_wins(tmp_path: Path) -> None:
    extra = {"GATEWAY_JWKS_MIN_REFETCH_SECONDS": "0", "GATEWAY_AUTH_URL": "http://127.0.0.1:1"}
    plain = processes(_settings(tmp_path))
    tuned = processes(_settings(tmp_path, service_env=extra))
    assert [spec.name for spec in tuned] == [spec.name for spec in plain]
    for before, after in zip(plain, tuned, strict=True):
        assert after.env == before.env | extra
        assert after.argv == before.argv and after.health_url == before.health_url
    gateway = next(spec for spec in tuned if spec.name == "gateway")
    assert gateway.env["GATEWAY_AUTH_URL"] == "http://127.0.0.1:1"


def test_services_and_service_env_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFGEN_SERVICES", '["auth", "gateway"]')
    monkeypatch.setenv("REFGEN_SERVICE_ENV", '{"AUTH_LOG_LEVEL": "debug"}')
    settings = StackSettings(run_dir=tmp_path)
    assert settings.services == ("auth", "gateway")
    assert [spec.env["AUTH_LOG_LEVEL"] for spec in processes(settings)] == ["debug", "debug"]


def test_the_llm_budget_table_is_migrated_for_its_callers_and_they_find_the_database(tmp_path: Path) -> None:
    every = processes(_settings(tmp_path))
    [budget] = shared_migrations(every)
    assert budget.migrations is not None and (budget.migrations / "20261210000000_llm_budget.sql").is_file()
    assert budget.migrations_schema == "llm_budget"
    assert shared_migrations(processes(_settings(tmp_path, services=("auth", "gateway")))) == []
    writer = next(spec for spec in every if spec.name == "writer-1")
    assert writer.env["LLM_BUDGET_DATABASE_URL"].endswith("/refgen")


SOURCES_ENV = (
    "PLANNER_OPENALEX_URL",
    "PLANNER_CROSSREF_URL",
    "PLANNER_OPENALEX_MAILTO",
    "PLANNER_CROSSREF_MAILTO",
)


def test_the_planner_searches_the_bibliographic_standin_on_its_own_port(tmp_path: Path) -> None:
    specs = {spec.name: spec for spec in processes(_settings(tmp_path))}
    standin = specs["biblio-standin"]
    assert standin.argv[0].endswith("biblio-standin")
    assert standin.health_url == "http://127.0.0.1:30011/healthz"
    assert standin.env["BIBLIO_STANDIN_PORT"] == "30011"
    assert standin.env["BIBLIO_STANDIN_HOST"] == "127.0.0.1"
    planner = specs["planner"].env
    assert planner["PLANNER_OPENALEX_URL"] == "http://127.0.0.1:30011/openalex"
    assert planner["PLANNER_CROSSREF_URL"] == "http://127.0.0.1:30011/crossref"
    assert planner["PLANNER_OPENALEX_MAILTO"] == planner["PLANNER_CROSSREF_MAILTO"] == "refgen@example.org"
    # Only the planner searches sources.
    for name, spec in specs.items():
        if name != "planner":
            assert not set(SOURCES_ENV) & set(spec.env), name


def test_without_the_sources_standin_the_planner_keeps_its_own_sources(tmp_path: Path) -> None:
    specs = {spec.name: spec for spec in processes(_settings(tmp_path, sources_standin=False))}
    assert "biblio-standin" not in specs
    assert not set(SOURCES_ENV) & set(specs["planner"].env)
    # The LLM stand-in does not depend on it, nor it on the LLM: a real LLM still gets the sources stand-in.
    assert "llm-standin" in specs
    real_llm = [spec.name for spec in processes(_settings(tmp_path, llm_base_url="http://llm.example/v1"))]
    assert "biblio-standin" in real_llm and "llm-standin" not in real_llm


def test_sources_standin_by_name_and_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = processes(_settings(tmp_path, services=("biblio-standin",)))
    assert [spec.name for spec in chosen] == ["biblio-standin"]
    monkeypatch.setenv("REFGEN_SOURCES_STANDIN", "false")
    assert StackSettings(run_dir=tmp_path).sources_standin is False


def test_each_service_names_itself_for_traces_and_devstacks_otel_variables_reach_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devstack.stack import _base_env

    named = {spec.name: spec.env.get("OTEL_SERVICE_NAME") for spec in processes(_settings(tmp_path))}
    assert named == {
        "s3": None,
        "llm-standin": None,
        "biblio-standin": None,
        "auth": "auth",
        "planner": "planner",
        "printer": "printer",
        "writer-1": "writer",
        "writer-2": "writer",
        "gateway": "gateway",
    }
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    monkeypatch.setenv("OTEL_SERVICE_NAME", "everything")
    gateway = next(spec for spec in processes(_settings(tmp_path)) if spec.name == "gateway")
    environment = _base_env() | gateway.env  # as `spawn` starts it
    assert environment["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://collector:4318"
    assert environment["OTEL_SERVICE_NAME"] == "gateway"
