"""Guard cost (DESIGN §7, issue 15: one check well under 1 ms): `check_text` over every
sentence of tests/support/guard_corpus/, warm caches, in CPU time of this process (robust to a
loaded machine), median of several passes.

    python -m bench.guard [--runs 5]
"""

from __future__ import annotations

import argparse
import time

from bench.common import ROOT, emit, median

CORPUS = ROOT / "tests" / "support" / "guard_corpus"


def load_sentences() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.t[sx][vt]")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t")[-1])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.guard", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from bot.domain.guard import check_text

    sentences = load_sentences()
    for sentence in sentences:  # warm the normalizer's caches
        check_text(sentence)
    passes = []
    for _ in range(args.runs):
        started = time.process_time()
        for sentence in sentences:
            check_text(sentence)
        passes.append((time.process_time() - started) / len(sentences) * 1e6)
    us = median(passes)
    emit({"bench": "guard", "sentences": len(sentences), "us_per_check": round(us, 1)})
    print(f"guard: {us:.0f} µs per check over {len(sentences)} sentences (median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
