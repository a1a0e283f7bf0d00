"""A RabbitMQ node of the test's own (its own name, ports, data and config), to stop and restart at will
without touching the machine's shared broker."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from devstack.isolation import free_port_block


class ThrowawayRabbit:
    """One node, `refgen-<hex>@localhost`, in a folder of its own; `rabbitmqctl -n <node>` controls it.

    The shared node's /etc/rabbitmq files would put this one on port 5672, so it gets its own config, env
    file and (empty) plugin list: no management plugin, only AMQP on a free port and Erlang distribution on
    another. It registers with the machine's epmd under its own name and shares the Erlang cookie of the
    `rabbitmq` user, which both rabbitmq-server and rabbitmqctl run as when started by root."""

    def __init__(self) -> None:
        self.node = f"refgen-{uuid.uuid4().hex[:8]}@localhost"
        base = free_port_block(2)
        self.port, self.dist_port = base, base + 1
        # not under pytest's 0700 folders: the `rabbitmq` user must write here
        self.folder = Path(tempfile.mkdtemp(prefix="refgen-rabbit-"))
        self.pid_file = self.folder / "mnesia" / f"{self.node}.pid"

    @staticmethod
    def available() -> bool:
        """Whether rabbitmq-server and rabbitmqctl are installed (and, as root, a `rabbitmq` user)."""
        if shutil.which("rabbitmq-server") is None or shutil.which("rabbitmqctl") is None:
            return False
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("rabbitmq")
            except KeyError:
                return False
        return True

    @property
    def url(self) -> str:
        """The AMQP URL of the node's default virtual host."""
        return f"amqp://guest:guest@127.0.0.1:{self.port}/"

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(self.folder / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.folder / "log"),
            "RABBITMQ_PID_FILE": str(self.pid_file),
            "RABBITMQ_CONFIG_FILE": str(self.folder / "rabbitmq.conf"),
            "RABBITMQ_CONF_ENV_FILE": str(self.folder / "rabbitmq-env.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.folder / "enabled_plugins"),
        }

    def ctl(self, *args: str) -> None:
        """Run `rabbitmqctl -n <node> ...`, failing on an error."""
        subprocess.run(
            ["rabbitmqctl", "-q", "-n", self.node, *args], check=True, capture_output=True, timeout=120
        )

    def start(self) -> None:
        """Start the node detached and wait until it accepts connections."""
        (self.folder / "rabbitmq.conf").write_text(f"listeners.tcp.local = 127.0.0.1:{self.port}\n")
        (self.folder / "rabbitmq-env.conf").write_text(
            'export ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"\n'
        )
        (self.folder / "enabled_plugins").write_text("[].\n")
        if os.geteuid() == 0:
            for path in (self.folder, *self.folder.iterdir()):
                shutil.chown(path, "rabbitmq", "rabbitmq")
            os.chmod(self.folder, 0o755)
        subprocess.run(
            ["rabbitmq-server", "-detached"], env=self._env(), check=True, capture_output=True, timeout=60
        )
        # waits for the pid file, then for the node to boot
        self.ctl("wait", "--timeout", "120", str(self.pid_file))

    def stop_app(self) -> None:
        """Stop RabbitMQ inside the running node: every connection is cut, nothing is accepted."""
        self.ctl("stop_app")

    def start_app(self) -> None:
        """Start RabbitMQ again and wait until it has booted."""
        self.ctl("start_app")
        self.ctl("await_startup")

    def stop(self) -> None:
        """Stop the node and remove its folder."""
        try:
            self.ctl("stop", str(self.pid_file))
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
