"""`.env.example` explains every setting of every service, so none is undocumented."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from dotenv import dotenv_values
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[3]
MODULES = (
    "devstack.config",
    "auth.config",
    "gateway.config",
    "planner.config",
    "writer.config",
    "printer.config",
    "llm_standin.config",
    "biblio_standin.config",
    "servicekit.budget.config",
)


def documented() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.M))


@pytest.mark.parametrize("module_name", MODULES)
def test_every_setting_is_in_env_example(module_name: str) -> None:
    module = importlib.import_module(module_name)
    classes = [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, BaseSettings) and c.__module__ == module_name
    ]
    assert classes
    names = documented()
    for cls in classes:
        prefix = cls.model_config.get("env_prefix", "")
        missing = {f"{prefix}{field}".upper() for field in cls.model_fields} - names
        assert not missing, f"{module_name}: undocumented settings {sorted(missing)}"


@pytest.mark.parametrize("module_name", MODULES)
def test_env_example_as_env_is_valid_for_every_service(
    module_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in dotenv_values(ROOT / ".env.example").items():
        if value is not None:
            monkeypatch.setenv(name, value)
    module = importlib.import_module(module_name)
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if issubclass(cls, BaseSettings) and cls.__module__ == module_name:
            cls()
