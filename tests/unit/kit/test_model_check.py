"""The startup model check: what each answer says about the model, and what /healthz and the log say."""

from __future__ import annotations

import asyncio
import logging

import pytest
from openai import AsyncOpenAI

from servicekit.llmcheck import (
    JSON_SCHEMA,
    STREAMING,
    Finding,
    ModelCheck,
    ModelNotReady,
    failed,
    json_answer,
    stream_answer,
)

LLAMA_FORK_REFUSAL = 'response_format type must be one of "text" or "json_object", but got: json_schema'
OPENAI_REFUSAL = (
    "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."
)


@pytest.mark.parametrize(
    ("need", "status", "message", "state", "words"),
    [
        (JSON_SCHEMA, 400, OPENAI_REFUSAL, "unfit", "refuses a JSON-schema response_format"),
        # an older llama.cpp fork refuses it with a 500: still the model's lack, not an outage
        (JSON_SCHEMA, 500, LLAMA_FORK_REFUSAL, "unfit", "refuses a JSON-schema response_format"),
        (STREAMING, 400, "Unrecognized request argument supplied: stream_options", "unfit", "stream_options"),
        (JSON_SCHEMA, 401, "Incorrect API key provided", "unfit", "API key was refused"),
        (STREAMING, 404, "The model 'gpt-9' does not exist", "unfit", "model or the URL is unknown"),
        (STREAMING, 400, "Unsupported parameter: 'max_tokens'", "unfit", "refused a probe of streamed"),
        (JSON_SCHEMA, 429, "Rate limit reached for requests", "unreachable", "HTTP 429"),
        (JSON_SCHEMA, 503, "The server is overloaded", "unreachable", "HTTP 503"),
        (STREAMING, None, "APIConnectionError: Connection error.", "unreachable", "no answer"),
    ],
)
def test_an_error_is_a_missing_capability_only_when_it_says_so(
    need: str, status: int | None, message: str, state: str, words: str
) -> None:
    finding = failed(need, status, message)  # type: ignore[arg-type]
    assert finding.state == state and words in finding.detail
    assert bool(finding.advice) == (state == "unfit")


def test_a_json_answer_must_match_the_schema() -> None:
    assert json_answer('{"ok": true}', "stop").state == "ok"
    assert json_answer('```json\n{"ok": false}\n```', "stop").state == "ok"  # the planner reads it too
    ignored = json_answer('Sure! Here is the JSON: {"ok": true}', "stop")
    assert ignored.state == "unfit" and "ignores response_format" in ignored.detail
    assert json_answer(None, None).state == "unfit"
    assert json_answer('{"ok": "yes"}', "stop").state == "unfit"


def test_a_stream_needs_a_finish_reason_and_usage_missing_is_a_warning() -> None:
    assert stream_answer(3, "stop", usage_seen=True) == Finding("ok")
    quiet = stream_answer(3, "length", usage_seen=False)
    assert quiet.state == "ok" and "records 0 tokens" in quiet.warning
    assert stream_answer(0, None, usage_seen=False).state == "unfit"


class Script:
    """Probe findings in order, then silence; the waits the check asked for."""

    def __init__(self, *findings: Finding) -> None:
        self.findings = list(findings)
        self.probed = 0
        self.waits: list[float] = []
        self.done = asyncio.Event()

    async def probe(self, _client: AsyncOpenAI, _model: str) -> Finding:
        self.probed += 1
        finding = self.findings.pop(0)
        if finding.state == "ok":
            self.done.set()  # the check ends with it
        return finding

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        if not self.findings:
            self.done.set()
            await asyncio.Event().wait()  # no more answers scripted: wait to be stopped


def check(script: Script, *, enabled: bool = True) -> ModelCheck:
    client = AsyncOpenAI(base_url="http://llm.test/v1", api_key="k")
    return ModelCheck("planner", "PLANNER_", "http://llm.test/v1", "tiny-model", [(JSON_SCHEMA, script.probe)],
                      client, enabled=enabled, sleep=script.sleep, jitter=lambda: 0.5)  # fmt: skip


async def _settled(script: Script) -> None:
    await asyncio.wait_for(script.done.wait(), 10)  # a guard against hanging


async def test_no_answer_is_retried_and_reported_as_unreachable_not_as_unfit() -> None:
    script = Script(
        failed(JSON_SCHEMA, None, "Connection error."), failed(JSON_SCHEMA, 503, "busy"), Finding("ok")
    )
    model_check = check(script)
    with pytest.raises(ModelNotReady, match="checking model 'tiny-model'"):
        await model_check.ready()
    await model_check.start()
    await _settled(script)
    await model_check.ready()  # passed on the third try
    assert script.probed == 3 and len(script.waits) == 2 and script.waits[1] > script.waits[0]
    await model_check.stop()


async def test_while_unreachable_health_says_so(caplog: pytest.LogCaptureFixture) -> None:
    script = Script(failed(JSON_SCHEMA, None, "Connection refused"))
    model_check = check(script)
    with caplog.at_level(logging.WARNING, logger="servicekit.llmcheck"):
        await model_check.start()
        await _settled(script)
    with pytest.raises(ModelNotReady) as raised:
        await model_check.ready()
    assert "could not check model 'tiny-model' at http://llm.test/v1" in str(raised.value)
    assert "cannot serve" not in str(raised.value)
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    await model_check.stop()


async def test_an_unfit_model_is_an_error_naming_model_url_lack_and_remedy(
    caplog: pytest.LogCaptureFixture,
) -> None:
    script = Script(failed(JSON_SCHEMA, 400, OPENAI_REFUSAL))
    model_check = check(script)
    with caplog.at_level(logging.WARNING, logger="servicekit.llmcheck"):
        await model_check.start()
        await _settled(script)
    with pytest.raises(ModelNotReady) as raised:
        await model_check.ready()
    reason = str(raised.value)
    for words in ("'tiny-model'", "http://llm.test/v1", "cannot serve the planner", "JSON-schema response_format",
                  "README 'Real models'", "PLANNER_LLM_CHECK=false"):  # fmt: skip
        assert words in reason
    [record] = caplog.records
    assert record.levelname == "ERROR" and record.getMessage() == reason
    await model_check.stop()


async def test_off_it_probes_nothing_and_is_ready() -> None:
    script = Script(Finding("ok"))
    model_check = check(script, enabled=False)
    await model_check.start()
    await model_check.ready()
    await model_check.stop()
    assert script.probed == 0
