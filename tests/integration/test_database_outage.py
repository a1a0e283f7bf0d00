"""A PostgreSQL restart under the HTTP services: 503 with Retry-After while it is down, and back to normal
by itself afterwards (pools reconnect). The cluster is the test's own, never the machine's shared server."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import pytest

from devstack.stack import Stack
from tests.integration.throwaway_postgres import ThrowawayPostgres

pytestmark = pytest.mark.integration
StackFactory = Callable[..., AbstractContextManager[Stack]]


@pytest.fixture(scope="module")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThrowawayPostgres]:
    if not ThrowawayPostgres.available():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    cluster = ThrowawayPostgres(tmp_path_factory.mktemp("pg"))
    cluster.init()
    cluster.start()
    yield cluster
    cluster.stop()


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
