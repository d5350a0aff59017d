"""Engine throughput (bench item 1): `assess` calls per second on one core, with and
without rendering the ready message, cycling over the 28 public scenarios.

    python -m bench.engine [--seconds 2] [--runs 5] [--profile]

`--profile` adds cProfile's top lines of the rendering loop.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from typing import Any

from bench.common import ROOT, emit, median

SCENARIOS = ROOT / "tests" / "support" / "fixtures" / "scenarios.json"


def load_cases() -> list[tuple[Any, Any, Any]]:
    from bot.domain.contract import case_from_json

    return [case_from_json(s["input"]) for s in json.loads(SCENARIOS.read_text())]


def rate(loop: Any, cases: list, seconds: float) -> float:
    """Calls per second of `loop(cases)` (one pass = len(cases) calls) over ≥ `seconds`."""
    calls = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        loop(cases)
        calls += len(cases)
    return calls / elapsed


def assess_only(cases: list) -> None:
    from bot.domain.assess import assess

    for case, today, _ in cases:
        assess(case, today)


def assess_and_render(cases: list) -> None:
    from bot.domain.assess import assess
    from bot.words.messages import render_message

    for case, today, channel in cases:
        render_message(case, assess(case, today), channel)


def profile_top(cases: list, lines: int = 20) -> str:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(60):
        assess_and_render(cases)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime").print_stats(lines)
    text = out.getvalue()
    return text[text.find("ncalls") :]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    cases = load_cases()
    assess_only(cases)  # warm-up: imports, holiday tables, template compilation
    assess_and_render(cases)
    plain = [rate(assess_only, cases, args.seconds) for _ in range(args.runs)]
    rendered = [rate(assess_and_render, cases, args.seconds) for _ in range(args.runs)]
    result: dict[str, Any] = {
        "scenarios": len(cases),
        "runs": args.runs,
        "assess_per_s": median(plain),
        "assess_render_per_s": median(rendered),
        "assess_runs": plain,
        "render_runs": rendered,
    }
    if args.profile:
        result["profile"] = profile_top(cases)
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
