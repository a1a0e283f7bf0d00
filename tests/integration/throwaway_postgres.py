"""A PostgreSQL cluster of the test's own (initdb + pg_ctl on a free port), to stop and restart at will
without touching the machine's shared server."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from devstack.isolation import free_port_block

# pg_ctl waits this long for a start or a stop: a shared 2-core machine under load can take its time
WAIT_SECONDS = 300


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class ThrowawayPostgres:
    """One cluster in `folder`, run as the `postgres` user when the tests run as root (initdb refuses root)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port_block(1)
        self._as_postgres = os.geteuid() == 0

    @staticmethod
    def available() -> bool:
        """Whether initdb and pg_ctl are installed (and, as root, a `postgres` user to run them)."""
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return False
        return _bin("initdb") is not None and _bin("pg_ctl") is not None

    @property
    def url(self) -> str:
        """The server's URL (no database), trust authentication as postgres."""
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def _run(self, *argv: str) -> None:
        command = ["runuser", "-u", "postgres", "--", *argv] if self._as_postgres else list(argv)
        done = subprocess.run(command, capture_output=True, text=True, timeout=WAIT_SECONDS + 30)
        if done.returncode != 0:  # say why: pg_ctl's own words and the end of the server's log
            log = self.folder / "log"
            tail = "".join(log.read_text(errors="replace").splitlines(True)[-20:]) if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv[:1] + argv[-1:])} failed: {done.stderr.strip()}\n{tail}")

    def init(self) -> None:
        """Create the cluster."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
            os.chmod(self.folder, 0o755)
            for parent in self.folder.parents:  # the postgres user must reach the folder
                if str(parent).startswith("/tmp/") and parent != Path("/tmp"):
                    os.chmod(parent, os.stat(parent).st_mode | 0o011)
        self._run(str(_bin("initdb")), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(
            str(_bin("pg_ctl")),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "-t",
            str(WAIT_SECONDS),
            "start",
        )

    def stop(self) -> None:
        """Stop it at once (open connections are cut)."""
        self._run(
            str(_bin("pg_ctl")), "-D", str(self.data), "-m", "fast", "-w", "-t", str(WAIT_SECONDS), "stop"
        )
