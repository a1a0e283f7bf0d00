"""The startup check: probe the configured model once, retrying while the endpoint cannot be reached, and
keep /healthz unready (with the reason) until the model has shown it can do what the service needs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Sequence

from openai import AsyncOpenAI

from servicekit.llmcheck.findings import OK, Finding, Need
from servicekit.llmcheck.probes import PROBES, Probe
from servicekit.retry import backoff_delay

log = logging.getLogger("servicekit.llmcheck")
PROBE_TIMEOUT_SECONDS = 60.0
RETRY_BASE_SECONDS, RETRY_MAX_SECONDS = 2.0, 60.0
RECHECK_SECONDS = 300.0  # an unfit model is probed again this seldom: a server reconfigured needs no restart


class ModelNotReady(RuntimeError):
    """Why the service is not ready: its model has not (yet) shown it can do what the service needs."""


class ModelCheck:
    """Probes `model` at `base_url` for each need, in a task started after the broker; `ready` raises until
    every probe passed. A definite refusal is logged as an ERROR with what to do; no answer is retried."""

    def __init__(
        self,
        service: str,
        env_prefix: str,
        base_url: str,
        model: str,
        probes: Sequence[tuple[Need, Probe]],
        client: AsyncOpenAI,
        *,
        enabled: bool = True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._service, self._prefix, self._base_url, self._model = service, env_prefix, base_url, model
        self._probes = list(probes)
        self._client = client
        self.enabled = enabled
        self._sleep, self._jitter = sleep, jitter
        self._task: asyncio.Task[None] | None = None
        self.finding: Finding | None = None  # None: not answered yet

    @classmethod
    def connect(
        cls,
        service: str,
        env_prefix: str,
        *,
        base_url: str,
        api_key: str,
        model: str,
        needs: Sequence[Need],
        enabled: bool = True,
    ) -> ModelCheck:
        """A check with its own client (no retries of its own); nothing is sent until `start`."""
        client = AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=PROBE_TIMEOUT_SECONDS, max_retries=0)
        probes = [(need, PROBES[need]) for need in needs]
        return cls(service, env_prefix, base_url, model, probes, client, enabled=enabled)

    async def check_once(self) -> Finding:
        """Run every probe; the first that does not pass decides, warnings of those that pass are kept."""
        warnings = []
        for _need, probe in self._probes:
            finding = await probe(self._client, self._model)
            if finding.state != "ok":
                return finding
            if finding.warning:
                warnings.append(finding.warning)
        return Finding("ok", warning="; ".join(warnings)) if warnings else OK

    async def start(self) -> None:
        """Begin checking in the background (startup is not held up by a slow or absent endpoint)."""
        if not self.enabled:
            log.info("%s: model check skipped (%sLLM_CHECK=false)", self._service, self._prefix)
            return
        self._task = asyncio.create_task(self._run(), name=f"{self._service}-model-check")

    async def _run(self) -> None:
        attempt = 0
        while True:
            finding = await self.check_once()
            changed, self.finding = finding != self.finding, finding
            if finding.state == "ok":
                log.info("%s: model %r at %s can do what the %s needs", self._service, self._model,
                         self._base_url, self._service)  # fmt: skip
                if finding.warning:
                    log.warning("%s: model %r at %s: %s", self._service, self._model, self._base_url,
                                finding.warning)  # fmt: skip
                return
            if finding.state == "unfit":
                attempt = 0
                if changed:
                    log.error("%s", self.reason())
                await self._sleep(RECHECK_SECONDS)
                continue
            attempt += 1
            delay = backoff_delay(
                attempt, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS, jitter=self._jitter()
            )
            log.warning("%s; trying again in %.0f s", self.reason(), delay)
            await self._sleep(delay)

    def reason(self) -> str:
        """Why the service is not ready, naming the model, the URL, what is missing and what to do."""
        finding = self.finding
        where = f"model {self._model!r} at {self._base_url}"
        if finding is None:
            return f"{self._service}: checking {where}"
        if finding.state == "unreachable":
            return f"{self._service}: could not check {where}: the endpoint did not answer: {finding.detail}"
        if finding.state == "unfit":
            advice = finding.advice.format(prefix=self._prefix)
            return (
                f"{self._service}: {where} cannot serve the {self._service}: {finding.detail}. To fix: {advice}; "
                f"or skip this check with {self._prefix}LLM_CHECK=false"
            )
        return ""

    async def ready(self) -> None:
        """Raise ModelNotReady with the reason until the model passed (always passes when the check is off)."""
        if self.enabled and (self.finding is None or self.finding.state != "ok"):
            raise ModelNotReady(self.reason())

    async def stop(self) -> None:
        """Cancel a check still running and release the client."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._client.close()
