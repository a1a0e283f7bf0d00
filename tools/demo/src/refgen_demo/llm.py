"""Which LLM the demo talks to: a real endpoint from the environment, or the stand-in started in-process."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from llm_standin.app import create_app
from llm_standin.config import Settings as StandinSettings
from servicekit.llmcheck import JSON_SCHEMA, STREAMING, ModelCheck


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible endpoint."""

    base_url: str
    api_key: str
    model: str
    is_standin: bool


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@asynccontextmanager
async def llm_endpoint(preset: str, style: str = "chat") -> AsyncIterator[Endpoint]:
    """LLM_BASE_URL + LLM_API_KEY (+ LLM_MODEL) if both are set; otherwise the stand-in on a free port,
    answering in `style` (chat: as real chat models answer) unless LLM_STANDIN_STYLE says otherwise."""
    base_url, api_key = os.environ.get("LLM_BASE_URL", ""), os.environ.get("LLM_API_KEY", "")
    if base_url and api_key:
        yield Endpoint(base_url, api_key, os.environ.get("LLM_MODEL", "gpt-4o-mini"), is_standin=False)
        return
    port = _free_port()
    settings = StandinSettings(port=port, preset=preset, style=os.environ.get("LLM_STANDIN_STYLE", style))
    async with serving(create_app(settings), port):
        yield Endpoint(f"http://127.0.0.1:{port}/v1", "standin", "llm-standin", is_standin=True)


@asynccontextmanager
async def serving(app: FastAPI, port: int | None = None) -> AsyncIterator[str]:
    """Serve an ASGI app in this process on 127.0.0.1 (a free port by default); yields its base URL."""
    port = port or _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            await task
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def check_model(endpoint: Endpoint) -> str:
    """The services' startup check, once, on a real endpoint (LLM_CHECK=false skips it): raise what the model
    lacks; return a warning, or ""."""
    if endpoint.is_standin or os.environ.get("LLM_CHECK", "true").lower() == "false":
        return ""
    check = ModelCheck.connect("demo", "", base_url=endpoint.base_url, api_key=endpoint.api_key,
                               model=endpoint.model, needs=(STREAMING, JSON_SCHEMA))  # fmt: skip
    try:
        check.finding = await check.check_once()
    finally:
        await check.stop()
    if check.finding.state != "ok":
        raise ModelUnfit(check.reason())
    return check.finding.warning


class ModelUnfit(Exception):
    """The endpoint's model cannot do what the pipeline needs, or did not answer."""
