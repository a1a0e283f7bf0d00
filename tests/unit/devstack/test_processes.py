"""The stack stops exactly the process groups it started, children included, and nothing else."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from devstack.catalogue import ProcessSpec, processes
from devstack.config import StackSettings
from devstack.processes import Started, is_running, load, save, spawn, stop


def _spec(name: str, script: str) -> ProcessSpec:
    return ProcessSpec(name=name, argv=("sh", "-c", script), health_url="http://127.0.0.1:1/healthz")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


def test_stop_ends_the_group_with_its_children_and_spares_others(tmp_path: Path) -> None:
    bystander = subprocess.Popen(["sleep", "30"])
    try:
        pid_file = tmp_path / "child.pid"
        started = spawn(_spec("parent", f"sleep 30 & echo $! > {pid_file}; wait"), tmp_path, dict(os.environ))
        for _ in range(50):
            if pid_file.exists() and pid_file.read_text().strip():
                break
            time.sleep(0.1)
        child = int(pid_file.read_text())
        assert is_running(started)
        assert stop([started], grace=5) == ["parent"]
        assert not is_running(started)
        time.sleep(0.2)
        assert not _alive(child)
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def test_a_recycled_pid_is_not_taken_for_our_process(tmp_path: Path) -> None:
    bystander = subprocess.Popen(["sleep", "30"])
    try:
        impostor = Started("old", bystander.pid, start_ticks=1, log="", health_url="")
        assert not is_running(impostor)
        assert stop([impostor]) == []
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


def test_state_file_round_trip(tmp_path: Path) -> None:
    proc = Started("s3", 123, 456, "/tmp/s3.log", "http://127.0.0.1:9000")
    save(tmp_path, [proc])
    assert load(tmp_path) == [proc]
    assert load(tmp_path / "missing") == []


def test_catalogue_gives_each_process_its_own_port(tmp_path: Path) -> None:
    settings = StackSettings(run_dir=tmp_path, port_base=30000, s3_port=30050, writer_replicas=3)
    specs = processes(settings)
    urls = [spec.health_url for spec in specs]
    assert len(set(urls)) == len(urls)
    assert specs[0].name == "s3"
    writers = [spec for spec in specs if spec.name.startswith("writer-")]
    if writers:
        assert [w.env["WRITER_REPLICA_ID"] for w in writers] == ["writer-1", "writer-2", "writer-3"]
