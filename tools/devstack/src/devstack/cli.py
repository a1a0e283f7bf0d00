"""`devstack up|down|status`: the local stack from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from devstack.config import StackSettings
from devstack.processes import is_running, load
from devstack.stack import Stack


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `devstack` command."""
    parser = argparse.ArgumentParser(prog="devstack", description=__doc__)
    parser.add_argument("command", choices=("up", "down", "status"))
    parser.add_argument("--run-dir", type=Path, default=None, help="folder for logs, S3 data and state")
    args = parser.parse_args(argv)
    settings = StackSettings() if args.run_dir is None else StackSettings(run_dir=args.run_dir)
    stack = Stack(settings)
    if args.command == "up":
        try:
            started = stack.up()
        except RuntimeError as error:
            print(f"devstack: {error}", file=sys.stderr)
            return 1
        for proc in started:
            print(f"  {proc.name:<12} pid {proc.pid:<7} {proc.health_url}")
        print(
            f"stack is up; logs in {settings.run_dir / 'logs'}; gateway at {stack.url('gateway')}"
            if any(p.name == "gateway" for p in started)
            else "stack is up"
        )
        return 0
    if args.command == "down":
        stopped = stack.down()
        print(f"stopped: {', '.join(stopped) or 'nothing was running'}")
        return 0
    for proc in load(settings.run_dir):
        print(f"  {proc.name:<12} pid {proc.pid:<7} {'running' if is_running(proc) else 'stopped'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
