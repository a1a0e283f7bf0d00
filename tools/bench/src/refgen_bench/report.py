"""The table of measured figures beside the issue's targets (rows for figures a partial run left out are skipped)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = tuple[str, str, str, bool]
Figures = dict[str, Any]


def _pipeline(f: Figures) -> list[Row]:
    a, b, c = f["e2e_s"], f["sequential_s"], f["lower_bound_s"]
    return [
        ("(a, f) 20-page essay, end to end", f"{a:.1f} s", f"≤ 1.3 × (c) = {1.3 * c:.1f} s", a <= 1.3 * c),
        ("(b, i) same units one after another", f"{b:.1f} s", f"(b)/(a) = {b / a:.1f} ≥ 12", b / a >= 12),
        ("(c) longest single unit, alone", f"{c:.1f} s", "lower bound", True),
    ]


def _overhead(f: Figures) -> list[Row]:
    d = f["overhead_s"]
    return [("(d) overhead, instant LLM", f"{d:.2f} s", "≤ 1 s", d <= 1)]


def _throughput(f: Figures) -> list[Row]:
    tp = f["throughput_per_min"]
    return [
        (
            "(e) essays/min, 1 / 2 / 4 writers",
            f"{tp['1']:.1f} / {tp['2']:.1f} / {tp['4']:.1f}",
            f"4 = {tp['4'] / tp['1']:.2f} × 1 ≥ 3.5",
            tp["4"] / tp["1"] >= 3.5,
        )
    ]


def _sources(f: Figures) -> list[Row]:
    k = f["sources"]
    research = k["research_s"]
    share_of_a = research / f["e2e_s"] if f.get("e2e_s") else None
    return [
        (
            "(k) research step, before any writer",
            f"{research:.2f} s" + (f" = {share_of_a:.0%} of (a)" if share_of_a is not None else ""),
            "≤ 10 % of (a)" if share_of_a is not None else "(a) not run",
            share_of_a is None or share_of_a <= 0.10,
        ),
        (
            "(k) entries that are real records",
            f"{k['sources_real_share']:.0%} of {k['sources_entries']}",
            "100 % (0 invented)",
            k["sources_real_share"] == 1.0,
        ),
    ]


def _status(f: Figures) -> list[Row]:
    rps, p99, bare = f["status_rps"], f["status_p99_ms"], f["bare_rps"]
    return [
        (
            "(j) GET status, 64 connections",
            f"{rps:.0f} req/s, p99 {p99:.0f} ms",
            f"≥ 0.5 × bare = {0.5 * bare:.0f} req/s, p99 ≤ 100 ms",
            rps >= 0.5 * bare and p99 <= 100,
        ),
        ("(j) bare FastAPI route, same way", f"{bare:.0f} req/s", "ceiling", True),
    ]


def _length(f: Figures) -> list[Row]:
    mean, low, share = f["sl_mean"], f["sl_min"], f["continuation_share"]
    return [
        ("(g) S_l per unit, 40 pages: mean", f"{mean:.1f}", "≥ 95", mean >= 95),
        ("(g) S_l per unit, 40 pages: minimum", f"{low:.1f}", "≥ 85", low >= 85),
        ("(h) completion tokens on continuations", f"{100 * share:.1f} %", "≤ 15 %", share <= 0.15),
    ]


def _render(f: Figures) -> list[Row]:
    return [
        (
            "render 100 pages (first run)",
            f"{f['seconds_first']:.2f} s, {f['peak_rss_mb']:.0f} MB",
            "≤ 1.5 s, ≤ 300 MB",
            f["seconds_first"] <= 1.5 and f["peak_rss_mb"] <= 300,
        )
    ]


SECTIONS: list[tuple[str, str, Callable[[Figures], list[Row]]]] = [
    ("pipeline", "e2e_s", _pipeline),
    ("pipeline", "overhead_s", _overhead),
    ("pipeline", "throughput_per_min", _throughput),
    ("pipeline", "status_rps", _status),
    ("pipeline", "sources", _sources),
    ("length", "sl_mean", _length),
    ("render", "seconds_first", _render),
]


def report(files: dict[str, Figures]) -> str:
    """The table; `files` maps pipeline, length and render to their figures."""
    rows = [row for file, key, build in SECTIONS if key in files.get(file, {}) for row in build(files[file])]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  {'measured':<24} {'target':<40} met"]
    lines += [
        f"{name:<{width}}  {value:<24} {target:<40} {'yes' if ok else 'NO'}"
        for name, value, target, ok in rows
    ]
    return "\n".join(lines)
