"""`make bench`: pipeline figures (issue targets side by side) and rendering speed; JSON under .bench/."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from refgen_bench.sequential import run_sequential
from refgen_bench.stack import Api, running_stack

REALISTIC = {"preset": "realistic", "ttft_seconds": 0.5, "tokens_per_second": 40.0}
INSTANT = {"preset": "speed"}


def pipeline(
    pages: int, chapters: int, throughput_essays: int, throughput_pages: int, throughput_rate: float
) -> dict[str, Any]:
    """(a)–(e) of the pipeline benchmark."""
    figures: dict[str, Any] = {}
    with running_stack(writer_replicas=4) as stack:
        api = Api(stack)
        api.standin(**REALISTIC)
        essay_id = api.plan(pages, chapters)
        figures["e2e_s"] = api.time_generation([essay_id])
        print(f"(a) {pages}-page essay through the stack: {figures['e2e_s']:.1f} s")
        sequential = run_sequential(api.essay(essay_id), stack.url("llm-standin") + "/v1")
        figures["sequential_s"] = sequential.total_s
        figures["lower_bound_s"] = max(sequential.section_s)
        print(
            f"(b) sequential: {sequential.total_s:.1f} s; (c) longest section: {figures['lower_bound_s']:.1f} s"
        )
        api.standin(**INSTANT)
        overheads = [api.time_generation([api.plan(pages, chapters)]) for _ in range(3)]
        figures["overhead_s"] = sorted(overheads)[1]
        print(f"(d) overhead with an instant LLM (median of 3): {figures['overhead_s']:.2f} s")
    figures["throughput_per_min"] = {}
    for replicas in (1, 2, 4):
        with running_stack(writer_replicas=replicas) as stack:
            api = Api(stack)
            api.standin(preset="realistic", ttft_seconds=0.5, tokens_per_second=throughput_rate)
            essays = [api.plan(throughput_pages, 2) for _ in range(throughput_essays)]
            elapsed = api.time_generation(essays)
            figures["throughput_per_min"][str(replicas)] = throughput_essays / elapsed * 60
            print(
                f"(e) {replicas} writer replica(s): {figures['throughput_per_min'][str(replicas)]:.1f} essays/min"
            )
    return figures


def render_figures(pages: int = 100) -> dict[str, Any]:
    """Render time and peak memory, in a fresh interpreter so nothing else counts towards the peak."""
    code = f"import json; from printer.domain.sample import bench_render; print(json.dumps(bench_render({pages})))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    figures: dict[str, Any] = json.loads(out)
    return figures


def report(figures: dict[str, Any], render: dict[str, Any]) -> str:
    """The table of figures against the targets."""
    a, b, c, d = figures["e2e_s"], figures["sequential_s"], figures["lower_bound_s"], figures["overhead_s"]
    tp = figures["throughput_per_min"]
    rows = [
        ("(a) 20-page essay, stack", f"{a:.1f} s", f"≤ 1.3 × (c) = {1.3 * c:.1f} s", a <= 1.3 * c),
        ("(b) sequential (monolith)", f"{b:.1f} s", f"(b)/(a) = {b / a:.1f} ≥ 5", b / a >= 5),
        ("(c) longest section", f"{c:.1f} s", "lower bound", True),
        ("(d) overhead, instant LLM", f"{d:.2f} s", "≤ 1 s", d <= 1),
        (
            "(e) essays/min, 1 / 2 / 4 writers",
            f"{tp['1']:.1f} / {tp['2']:.1f} / {tp['4']:.1f}",
            f"4 = {tp['4'] / tp['1']:.2f} × 1 ≥ 3.5",
            tp["4"] / tp["1"] >= 3.5,
        ),
        (
            "render 100 pages (first run)",
            f"{render['seconds_first']:.2f} s, {render['peak_rss_mb']:.0f} MB",
            "≤ 1.5 s, ≤ 300 MB",
            render["seconds_first"] <= 1.5 and render["peak_rss_mb"] <= 300,
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  {'measured':<22} {'target':<28} met"]
    lines += [
        f"{name:<{width}}  {value:<22} {target:<28} {'yes' if ok else 'NO'}"
        for name, value, target, ok in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark once and print the table."""
    parser = argparse.ArgumentParser(prog="refgen-bench")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--chapters", type=int, default=6)
    parser.add_argument("--throughput-essays", type=int, default=12)
    parser.add_argument("--throughput-pages", type=int, default=7)
    parser.add_argument("--throughput-rate", type=float, default=200.0, help="stand-in tokens/s for (e)")
    parser.add_argument("--out", type=Path, default=Path(".bench"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    render = render_figures(100)
    print(f"render 100 pages: {render}")
    figures = pipeline(
        args.pages, args.chapters, args.throughput_essays, args.throughput_pages, args.throughput_rate
    )
    (args.out / "pipeline.json").write_text(json.dumps(figures, indent=2))
    (args.out / "render.json").write_text(json.dumps(render, indent=2))
    print("\n" + report(figures, render))
    print(
        f"\nfigures in {args.out}/pipeline.json and {args.out}/render.json ({time.monotonic() - started:.0f} s)"
    )
    return 0
