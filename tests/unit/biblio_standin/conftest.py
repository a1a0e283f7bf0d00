"""The stand-in in-process, over httpx's ASGI transport, with nothing from a developer's environment."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from biblio_standin.app import create_app
from biblio_standin.config import Settings


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("BIBLIO_STANDIN_"):
            monkeypatch.delenv(name)


@pytest.fixture
def app(clean_env: None) -> FastAPI:
    return create_app(Settings())


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://standin") as c:
        yield c
