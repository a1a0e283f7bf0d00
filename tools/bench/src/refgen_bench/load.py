"""HTTP load from a separate process (wrk): requests per second and p99 latency of one route."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from devstack.isolation import free_port_block

# wrk prints its own report; this adds one JSON line the benchmark reads (latencies in microseconds).
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d,'
      .. ' "errors": %d, "non_2xx": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class Load:
    """What one load run measured."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    failed: int  # socket errors, timeouts and answers other than 2xx/3xx


def wrk_available() -> bool:
    """Whether the load generator is installed (Debian: apt-get install wrk)."""
    return shutil.which("wrk") is not None


def hammer(url: str, *, connections: int, seconds: float, headers: dict[str, str] | None = None) -> Load:
    """`connections` keep-alive connections asking for `url` as fast as it answers, for `seconds`."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(REPORT_LUA)
        script.flush()
        argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "-s", script.name]
        for name, value in (headers or {}).items():
            argv += ["-H", f"{name}: {value}"]
        out = subprocess.run([*argv, url], check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK-JSON "))
    report = json.loads(line.removeprefix("WRK-JSON "))
    return Load(
        rps=report["requests"] / (report["duration_us"] / 1e6),
        p50_ms=report["p50_us"] / 1000,
        p99_ms=report["p99_us"] / 1000,
        requests=report["requests"],
        failed=report["errors"] + report["non_2xx"],
    )


@contextmanager
def bare_server(host: str) -> Iterator[str]:
    """The bare route in its own process, served as the gateway is; yields its URL."""
    port = free_port_block(1)
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "refgen_bench.bare", "--host", host, "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://{host}:{port}/bare"
            _wait_answering(url, proc)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _wait_answering(url: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the bare server exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer")
