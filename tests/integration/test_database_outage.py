"""A PostgreSQL restart under the HTTP services: 503 with Retry-After while it is down, and back to normal
by itself afterwards (pools reconnect). The cluster is the test's own, never the machine's shared server."""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from contracts import limits
from devstack.stack import Stack
from tests.integration.essay_data import PLAN, PROFILE
from tests.integration.throwaway_postgres import ThrowawayPostgres

pytestmark = pytest.mark.integration
StackFactory = Callable[..., AbstractContextManager[Stack]]


@pytest.fixture(scope="module")
def postgres() -> Iterator[ThrowawayPostgres]:
    if not ThrowawayPostgres.available():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    # Not under pytest's basetemp: every pytest session that starts on this machine resets that tree to 0700,
    # which locks the `postgres` user out of its own cluster in the middle of a test.
    folder = Path(tempfile.mkdtemp(prefix="refgen-pg-"))
    cluster = ThrowawayPostgres(folder)
    cluster.init()
    cluster.start()
    yield cluster
    cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _until(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_while_the_database_is_down_answers_are_503_and_then_normal_again(
    isolated_stack: StackFactory, postgres: ThrowawayPostgres
) -> None:
    with (
        isolated_stack(services=("auth", "gateway"), postgres_url=postgres.url) as stack,
        httpx.Client(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False, timeout=30) as api,
    ):
        tag = uuid.uuid4().hex[:8]
        user = {"username": f"pg{tag}", "email": f"{tag}@pg.example", "password": "long-password"}
        token = api.post("/auth/register", json=user).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        assert api.get("/essays/", headers=auth).status_code == 200

        postgres.stop()
        try:
            for answer in (api.get("/essays/", headers=auth), api.get("/profile/me", headers=auth)):
                assert answer.status_code == 503, answer.text
                assert int(answer.headers["retry-after"]) > 0 and "detail" in answer.json()
        finally:
            postgres.start()
        # the pools reconnect by themselves: no restart of the services
        assert _until(lambda: api.get("/essays/", headers=auth).status_code == 200, 30)
        assert _until(lambda: api.get("/profile/me", headers=auth).status_code == 200, 30)
        login = api.post("/auth/login", json={"email": user["email"], "password": user["password"]})
        assert login.status_code == 200


def test_after_a_restart_essay_changes_are_heard_again_at_once(
    isolated_stack: StackFactory, postgres: ThrowawayPostgres
) -> None:
    # A plan request waits for its outline on LISTEN/NOTIFY; were the LISTEN connection lost for good, it
    # would wait out this whole (long) wait instead of answering as soon as the outline is stored.
    env = {"GATEWAY_PLAN_WAIT_SECONDS": "600", "LLM_STANDIN_PRESET": "speed"}
    with (
        isolated_stack(postgres_url=postgres.url, service_env=env) as stack,
        httpx.Client(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False, timeout=60) as api,
        httpx.Client(base_url=stack.url("gateway"), trust_env=False, timeout=10) as meta,
    ):
        tag = uuid.uuid4().hex[:8]
        user = {"username": f"ls{tag}", "email": f"{tag}@ls.example", "password": "long-password"}
        auth = {"Authorization": f"Bearer {api.post('/auth/register', json=user).json()['access_token']}"}
        assert api.put("/profile/", headers=auth, json=PROFILE).status_code == 200
        assert api.post("/essays/plan/generate", headers=auth, json=PLAN).status_code == 200
        assert meta.get("/healthz").json()["listening"] is True

        postgres.stop()
        assert _until(lambda: meta.get("/healthz").json()["listening"] is False, 30)
        postgres.start()
        assert _until(lambda: meta.get("/healthz").json()["listening"] is True, 60)
        assert _until(lambda: api.get("/essays/", headers=auth).status_code == 200, 30)
        again = api.post("/essays/plan/generate", headers=auth, json=PLAN)  # within the client's 60 s
        assert again.status_code == 200 and len(again.json()["plan"]) == 2, again.text


def _wait_for_status(
    api: httpx.Client, auth: dict[str, str], essay_id: int, seconds: float
) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    status: dict[str, object] = {}
    while time.monotonic() < deadline:
        answer = api.get(f"/essays/{essay_id}/status", headers=auth)
        if answer.status_code == 200:
            status = answer.json()
            if status["status"] in ("GENERATED", "FAILED"):
                return status
        time.sleep(0.5)
    raise AssertionError(f"essay {essay_id} stuck: {status}")


@pytest.mark.parametrize("down_seconds", [0.6, 20])
def test_a_restart_in_the_middle_of_an_essay_costs_only_its_duration(
    isolated_stack: StackFactory, postgres: ThrowawayPostgres, down_seconds: float
) -> None:
    # The writers go on while PostgreSQL is away; the gateway's and the printer's consumers hold their
    # messages and try again, so no delivery attempt is spent and nothing lands in a dead-letter queue.
    env = {"LLM_STANDIN_TTFT_SECONDS": "0.2", "LLM_STANDIN_TOKENS_PER_SECOND": "400"}
    with (
        isolated_stack(postgres_url=postgres.url, service_env=env) as stack,
        httpx.Client(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False, timeout=60) as api,
    ):
        tag = uuid.uuid4().hex[:8]
        user = {"username": f"rs{tag}", "email": f"{tag}@rs.example", "password": "long-password"}
        auth = {"Authorization": f"Bearer {api.post('/auth/register', json=user).json()['access_token']}"}
        assert api.put("/profile/", headers=auth, json=PROFILE).status_code == 200
        plan = {**PLAN, "page_count": 12, "chapters_count": 3}
        essay_id = api.post("/essays/plan/generate", headers=auth, json=plan).json()["essay_id"]
        assert api.post(f"/essays/{essay_id}/generate", headers=auth).json()["status"] == "GENERATING"
        postgres.stop()
        try:
            time.sleep(down_seconds)
        finally:
            postgres.start()
        final = _wait_for_status(api, auth, essay_id, 240)
        assert final["status"] == "GENERATED", final
        essay = api.get(f"/essays/{essay_id}", headers=auth).json()
        sources = (
            1
            if essay["sources_verified"]
            else limits.source_parts(limits.source_count(len(essay["chapters"])))
        )
        units = 2 + sources + sum(max(1, len(c["subsections"])) for c in essay["chapters"])
        assert final["sections_done"] == final["sections_total"] == units
        assert [c["content"] is not None for c in essay["chapters"]] == [True, True, True]
        assert api.get(f"/refprint/{essay_id}", headers=auth).status_code == 200
