"""Starting, watching and stopping the stack's processes; a state file records exactly what was started."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from devstack.catalogue import ProcessSpec

STATE_FILE = "processes.json"
# Popen objects of children started by this interpreter: kept so they are reaped, not garbage-collected live.
_children: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class Started:
    """A process this stack started: enough to find it again and to know it is still the same one."""

    name: str
    pid: int
    start_ticks: int
    log: str
    health_url: str


def _start_ticks(pid: int) -> int:
    """Process start time in clock ticks since boot; tells a live process from a recycled pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return -1
    fields = stat.rsplit(")", 1)[1].split()
    if fields[0] == "Z":  # exited; reap it if it is our child
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        return -1
    return int(fields[19])


def is_running(proc: Started) -> bool:
    """True when the recorded process is still alive (and is the one we started)."""
    child = _children.get(proc.pid)
    if child is not None and child.poll() is not None:
        del _children[proc.pid]
        return False
    return _start_ticks(proc.pid) == proc.start_ticks


def spawn(spec: ProcessSpec, log_dir: Path, base_env: dict[str, str]) -> Started:
    """Start a process in its own session (so it and its children can be stopped as a group)."""
    log_path = log_dir / f"{spec.name}.log"
    with log_path.open("ab") as log:
        popen = subprocess.Popen(
            spec.argv,
            env=base_env | spec.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    _children[popen.pid] = popen
    return Started(spec.name, popen.pid, _start_ticks(popen.pid), str(log_path), spec.health_url)


def port_is_free(url: str) -> bool:
    """True when nothing listens on the host and port of `url`."""
    parts = urlsplit(url)
    with socket.socket() as sock:
        return sock.connect_ex((parts.hostname or "127.0.0.1", parts.port or 80)) != 0


def wait_healthy(started: list[Started], timeout: float) -> None:
    """Poll each health URL until it answers; fail naming the process and the tail of its log."""
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0) as client:
        for proc in started:
            while True:
                if not is_running(proc):
                    raise RuntimeError(f"{proc.name} exited during start-up:\n{tail(proc.log)}")
                try:
                    if client.get(proc.health_url).status_code < 500:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{proc.name} not healthy at {proc.health_url}:\n{tail(proc.log)}")
                time.sleep(0.2)


def tail(log: str, lines: int = 30) -> str:
    """Last lines of a log file."""
    try:
        return "\n".join(Path(log).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(started: list[Started], grace: float = 10.0) -> list[str]:
    """SIGTERM each live process group, SIGKILL what is left after `grace`; return the names stopped."""
    live = [proc for proc in started if is_running(proc)]
    for proc in reversed(live):
        _signal_group(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while any(is_running(proc) for proc in live) and time.monotonic() < deadline:
        time.sleep(0.1)
    for proc in live:
        if is_running(proc):
            _signal_group(proc.pid, signal.SIGKILL)
    return [proc.name for proc in live]


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)


def save(run_dir: Path, started: list[Started]) -> None:
    """Record what was started."""
    (run_dir / STATE_FILE).write_text(json.dumps([asdict(proc) for proc in started], indent=2))


def load(run_dir: Path) -> list[Started]:
    """What a previous `up` started in this run directory (empty if nothing)."""
    path = run_dir / STATE_FILE
    if not path.exists():
        return []
    return [Started(**item) for item in json.loads(path.read_text())]
