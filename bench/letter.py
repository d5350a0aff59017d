"""Formal notice PDF (bench item 3, a new reader's cost): milliseconds to render one letter.

    python -m bench.letter [--seconds 3]

The public scenarios at the formal-notice stage (tests/support/fixtures/scenarios.json), through
`python -m bot letter`'s code path: the case parsed, assessed, and `bot.words.letter_pdf`
writing the A4 PDF (whatever it draws today, the EPC QR code included once it is there), in memory.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from typing import Any

from bench.common import ROOT, emit, median

SCENARIOS = ROOT / "tests" / "support" / "fixtures" / "scenarios.json"


def letter_cases() -> list[Any]:
    from bot.domain.assess import assess
    from bot.domain.contract import case_from_json
    from bot.domain.facts import Stage

    found = []
    for scenario in json.loads(SCENARIOS.read_text()):
        case, today, _ = case_from_json(scenario["input"])
        result = assess(case, today)
        if result.stage is Stage.FORMAL_NOTICE:
            found.append((case, result))
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.letter")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    from bot.words.letter_pdf import write_letter_pdf

    cases = letter_cases()
    sizes = []
    for case, result in cases:  # warm-up: imports, fonts, templates
        out = io.BytesIO()
        write_letter_pdf(case, result, None, out)
        sizes.append(len(out.getvalue()))
    times: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for case, result in cases:
            began = time.perf_counter()
            write_letter_pdf(case, result, None, io.BytesIO())
            times.append(time.perf_counter() - began)
    emit(
        {
            "letters": len(cases),
            "renders": len(times),
            "ms": median(times) * 1000,
            "max_ms": max(times) * 1000,
            "pdf_kb": median(sizes) / 1024,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
