"""Reading free text: microseconds per message of `understand` (DESIGN §8, target < 2 ms),
over the messages of tests/support/understand_corpus/*.jsonl, guard included.

    python -m bench.understand [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from typing import Any

from bench.common import ROOT, emit, median

CORPORA = sorted((ROOT / "tests" / "support" / "understand_corpus").glob("*.jsonl"))


def load() -> list[tuple[str, date]]:
    rows = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line:
                row = json.loads(line)
                rows.append((row["text"], date.fromisoformat(row["today"])))
    return rows


def per_message_ms(rows: list[tuple[str, date]]) -> float:
    from bot.domain.understand import understand

    started = time.perf_counter()
    for text, today in rows:
        understand(text, today)
    return (time.perf_counter() - started) * 1000 / len(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.understand")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    rows = load()
    per_message_ms(rows[:20])  # warm-up: imports and compiled patterns
    runs = [per_message_ms(rows) for _ in range(args.runs)]
    result: dict[str, Any] = {
        "messages": len(rows),
        "ms_per_message": median(runs),
        "worst_run_ms": max(runs),
        "runs": runs,
    }
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
