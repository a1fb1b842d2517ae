"""The benchmark runner: each named instance solved in a fresh process, measured, validated.

    python -m benchmarks run --sizes S,M --time-limit 60 --write

Records per instance: time to the first plan of the joint search, final objective, bound, gap,
status, peak memory of the process, the validator's verdict; with --write the table, the
machine, the OR-Tools version and the date go into benchmarks/README.md between the result
markers. The greedy baseline of issue 3 is not written yet: its columns say so.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import resource
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from .generate import SIZES, generate

README = Path(__file__).with_name("README.md")
BEGIN, END = "<!-- results -->", "<!-- /results -->"


def _measure(size: str, seed: int, time_limit: float) -> dict[str, Any]:
    """Runs in its own process, so that peak memory is this instance's."""
    from optimizer.solve import solve
    from optimizer.validate import validate
    from optimizer.workbook.example import write_input_workbook
    from optimizer.workbook.read import read_roster

    with tempfile.TemporaryDirectory() as tmp:
        path = write_input_workbook(Path(tmp) / f"{size}.xlsx", generate(SIZES[size], seed))
        roster, sm, _ = read_roster(path)
    first: list[float] = []
    started = time.monotonic()
    result = solve(roster, sm, time_limit_s=time_limit, seed=seed,
                   progress=lambda seconds, objective, bound: first.append(seconds) if not first else None)
    wall = time.monotonic() - started
    broken = len(validate(roster, sm, result.plan).broken) if result.plan else None
    return {
        "size": size, "seed": seed, "groups": len(roster.groups), "clients": len(roster.clients),
        "staff": len(roster.staff), "status": result.status, "first_plan_s": first[0] if first else None,
        "objective": result.objective, "bound": result.bound, "gap": result.gap, "wall_s": wall,
        "variables": result.variables, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "broken": broken,
    }


def _fmt(value: Any, spec: str = "") -> str:
    if value is None:
        return "–"
    return format(value, spec) if spec else str(value)


def table(rows: list[dict[str, Any]], time_limit: float) -> str:
    import ortools

    head = (f"Machine: {platform.machine()}, {mp.cpu_count()} cores, {platform.python_version()}, "
            f"OR-Tools {ortools.__version__}; time limit {time_limit:g} s, default settings; "
            f"run {date.today().isoformat()}.\n\n"
            "| instance | groups / clients / staff | status | first plan (s) | objective | bound | gap | "
            "wall (s) | peak MiB | broken rules | baseline objective | baseline time |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|\n")
    lines = []
    for r in rows:
        gap = f"{100 * r['gap']:.1f} %" if r["gap"] is not None else "–"
        lines.append(
            f"| {r['size']} (seed {r['seed']}) | {r['groups']} / {r['clients']} / {r['staff']} | {r['status']} | "
            f"{_fmt(r['first_plan_s'], '.1f')} | {_fmt(r['objective'], ',.0f')} | {_fmt(r['bound'], ',.0f')} | "
            f"{gap} | {r['wall_s']:.1f} | {r['peak_mib']:.0f} | {_fmt(r['broken'])} | not yet | not yet |")
    return head + "\n".join(lines) + "\n"


def run(sizes: list[str], seed: int, time_limit: float, write: bool) -> str:
    ctx = mp.get_context("spawn")
    rows = []
    for size in sizes:
        with ctx.Pool(1) as pool:
            rows.append(pool.apply(_measure, (size, seed, time_limit)))
        print(rows[-1], flush=True)
    text = table(rows, time_limit)
    if write:
        readme = README.read_text(encoding="utf-8")
        if BEGIN in readme and END in readme:
            before, rest = readme.split(BEGIN, 1)
            after = rest.split(END, 1)[1]
            readme = f"{before}{BEGIN}\n{text}{END}{after}"
        else:
            readme += f"\n## Runner results\n\n{BEGIN}\n{text}{END}\n"
        README.write_text(readme, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M", help="comma-separated: S, M, L, XL")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--write", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args(argv)
    print(run([s.strip().upper() for s in args.sizes.split(",")], args.seed, args.time_limit, args.write))
