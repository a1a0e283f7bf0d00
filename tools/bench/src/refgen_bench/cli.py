"""`make bench`: pipeline, length, status-route and rendering figures beside the issue's targets; JSON in .bench/."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from refgen_bench.length import length_figures
from refgen_bench.load import bare_server, hammer, wrk_available
from refgen_bench.report import report
from refgen_bench.sequential import run_sequential
from refgen_bench.sources import sources_figures
from refgen_bench.stack import Api, running_stack

REALISTIC = {"preset": "realistic", "ttft_seconds": 0.5, "tokens_per_second": 40.0}
INSTANT = {"preset": "speed"}
PARTS = ("pipeline", "status", "length", "throughput", "render", "sources")


def status_load(api: Api, essay_id: int, connections: int, seconds: float) -> dict[str, Any]:
    """(j): GET /essays/{id}/status under load, then a bare FastAPI route served the same way."""
    url = f"{api.stack.url('gateway')}/api/v1/essays/{essay_id}/status"
    headers = {"Authorization": f"Bearer {api.fresh_token()}"}
    hammer(url, connections=connections, seconds=2, headers=headers)  # warm-up: pools, caches
    status = hammer(url, connections=connections, seconds=seconds, headers=headers)
    with bare_server(api.stack.settings.host) as bare_url:
        hammer(bare_url, connections=connections, seconds=2)
        bare = hammer(bare_url, connections=connections, seconds=seconds)
    for name, load in (("status", status), ("bare", bare)):
        print(
            f"(j) {name}: {load.rps:.0f} req/s, p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms,"
            f" {load.requests} requests, {load.failed} failed ({connections} connections, {seconds:g} s)"
        )
        if load.failed:
            raise RuntimeError(f"{load.failed} {name} requests failed under load")
    return {"status_rps": status.rps, "status_p99_ms": status.p99_ms, "bare_rps": bare.rps}


def length_run(api: Api, pages: int, chapters: int) -> dict[str, Any]:
    """(g), (h): S_l of every unit of a long essay, and the completion tokens spent on continuations."""
    essay_id = api.plan(pages, chapters)
    elapsed = api.time_generation([essay_id])
    figures = length_figures(api.essay(essay_id)["sections"])
    print(
        f"(g) {pages}-page essay in {elapsed:.1f} s: S_l of {len(figures.scores)} units mean"
        f" {figures.sl_mean:.1f}, minimum {figures.sl_min:.1f}"
        f" ({', '.join(f'{score:.0f}' for score in figures.scores)})"
    )
    note = "" if figures.continuations_reported else " (continuation_tokens not reported by this pipeline: 0)"
    print(
        f"(h) continuations: {figures.continuation_tokens} of {figures.completion_tokens}"
        f" completion tokens = {100 * figures.continuation_share:.1f} %{note}"
    )
    return {
        "sl_mean": figures.sl_mean,
        "sl_min": figures.sl_min,
        "continuation_share": figures.continuation_share,
    }


def pipeline(args: argparse.Namespace, parts: set[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(a)–(d), (f)–(j) on one stack with four writer replicas; returns pipeline and length figures."""
    figures: dict[str, Any] = {}
    length: dict[str, Any] = {}
    with running_stack(writer_replicas=4) as stack:
        api = Api(stack)
        api.standin(**(REALISTIC if "pipeline" in parts else INSTANT))
        essay_id = api.plan(args.pages, args.chapters)
        elapsed = api.time_generation([essay_id])
        if "pipeline" in parts:
            figures["e2e_s"] = elapsed
            print(f"(a, f) {args.pages}-page essay through the stack: {elapsed:.1f} s")
        if "status" in parts:  # on the essay just written: its status query reads every written section
            figures |= status_load(api, essay_id, args.connections, args.load_seconds)
        if "pipeline" in parts:
            sequential = run_sequential(api.essay(essay_id), stack.url("llm-standin") + "/v1")
            figures["sequential_s"] = sequential.total_s
            figures["lower_bound_s"] = max(sequential.section_s)
            print(
                f"(b, i) {len(sequential.section_s)} units one after another: {sequential.total_s:.1f} s;"
                f" (c) longest unit alone: {figures['lower_bound_s']:.1f} s ({sequential.longest})"
            )
        if "length" in parts:
            api.standin(**REALISTIC)
            length = length_run(api, args.length_pages, args.chapters)
        if "pipeline" in parts:
            api.standin(**INSTANT)
            overheads = [api.time_generation([api.plan(args.pages, args.chapters)]) for _ in range(3)]
            figures["overhead_s"] = sorted(overheads)[1]
            print(f"(d) overhead with an instant LLM (median of 3): {figures['overhead_s']:.2f} s")
    return figures, length


def throughput(essays: int, pages: int, rate: float) -> dict[str, float]:
    """(e): essays per minute with 1, 2 and 4 writer replicas."""
    per_min: dict[str, float] = {}
    for replicas in (1, 2, 4):
        with running_stack(writer_replicas=replicas) as stack:
            api = Api(stack)
            api.standin(preset="realistic", ttft_seconds=0.5, tokens_per_second=rate)
            elapsed = api.time_generation([api.plan(pages, 2) for _ in range(essays)])
            per_min[str(replicas)] = essays / elapsed * 60
            print(f"(e) {replicas} writer replica(s): {per_min[str(replicas)]:.1f} essays/min")
    return per_min


def render_figures(pages: int = 100) -> dict[str, Any]:
    """Render time and peak memory, in a fresh interpreter so nothing else counts towards the peak."""
    code = f"import json; from printer.domain.sample import bench_render; print(json.dumps(bench_render({pages})))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    figures: dict[str, Any] = json.loads(out)
    return figures


def _update(path: Path, figures: dict[str, Any]) -> None:
    # A partial run (--only) replaces its own keys and keeps the rest of an earlier run's file.
    merged: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps(merged | figures, indent=2))


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark (or the parts named by --only) once and print the table."""
    parser = argparse.ArgumentParser(prog="refgen-bench")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--chapters", type=int, default=6)
    parser.add_argument("--length-pages", type=int, default=40, help="essay length for (g) and (h)")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections for (j)")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="duration of each load in (j)")
    parser.add_argument("--throughput-essays", type=int, default=12)
    parser.add_argument("--throughput-pages", type=int, default=7)
    parser.add_argument("--throughput-rate", type=float, default=200.0, help="stand-in tokens/s for (e)")
    parser.add_argument("--only", action="append", choices=PARTS, help="run only these parts (repeatable)")
    parser.add_argument("--out", type=Path, default=Path(".bench"))
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    if "status" in parts and not wrk_available():
        parser.error("(j) needs the wrk load generator: apt-get install wrk (or leave out --only status)")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    render: dict[str, Any] = {}
    if "render" in parts:
        render = render_figures(100)
        print(f"render 100 pages: {render}")
    figures, length = pipeline(args, parts) if parts & {"pipeline", "status", "length"} else ({}, {})
    if "throughput" in parts:
        figures["throughput_per_min"] = throughput(
            args.throughput_essays, args.throughput_pages, args.throughput_rate
        )
    if "sources" in parts:
        figures["sources"] = sources_figures(args.pages, args.chapters)
    measured = {"pipeline": figures, "length": length, "render": render}
    for name, new in measured.items():
        _update(args.out / f"{name}.json", new)
    print("\n" + report(measured))
    print(f"\nfigures in {args.out}/{{pipeline,length,render}}.json ({time.monotonic() - started:.0f} s)")
    return 0
