"""Train the guard's naive Bayes detector on tests/guard_corpus/ (development time only).

    python scripts/train_guard_model.py [--margin 10.0] [--check]

Writes bot/domain/guard_model.json. The blind held-out batches named heldout3_* are never
read. `--check` instead prints, for each corpus file in turn, the figures of a model trained
without that file (what the detector adds on text it has not seen).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain.guard_model import ORDINARY, features  # noqa: E402
from bot.domain.normalize import sentences  # noqa: E402

CORPUS = ROOT / "tests" / "guard_corpus"
OUT = ROOT / "bot" / "domain" / "guard_model.json"
MIN_COUNT = 2
ALPHA = 0.5


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def corpus_files() -> list[Path]:
    return sorted(
        p
        for p in CORPUS.iterdir()
        if p.suffix in {".tsv", ".txt"} and not p.name.startswith("heldout3")
    )


def examples(path: Path) -> list[tuple[str, str]]:
    """(label, normalized sentence) pairs; soft sentences are not training material."""
    if "soft" in path.name:
        return []
    if path.suffix == ".tsv":
        pairs = [line.split("\t", 1) for line in _lines(path)]
        return [(code, " ".join(sentences(text))) for code, text in pairs]
    return [(ORDINARY, " ".join(sentences(text))) for text in _lines(path)]


def train(data: list[tuple[str, str]], margin: float) -> dict:
    classes = sorted({label for label, _ in data})
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    docs = Counter(label for label, _ in data)
    for label, sentence in data:
        counts[label].update(set(features(sentence)))
    seen = Counter(f for c in counts.values() for f in c.elements())
    vocab = sorted(f for f, n in seen.items() if n >= MIN_COUNT)
    # Multinomial naive Bayes over stems and stem pairs, additively smoothed.
    sizes = {c: sum(counts[c][f] for f in vocab) for c in classes}
    weights = {
        f: [round(math.log((counts[c][f] + ALPHA) / (sizes[c] + ALPHA * len(vocab))), 3)
            for c in classes]
        for f in vocab
    }  # fmt: skip
    unseen = [0.0 for _ in classes]
    total = sum(docs.values())
    # Equal priors for ordinary text and risk taken together: the corpus mix is not life's.
    priors = [
        round(math.log(0.5 if c == ORDINARY else 0.5 * docs[c] / (total - docs[ORDINARY])), 3)
        for c in classes
    ]
    return {"classes": classes, "priors": priors, "unseen": unseen, "weights": weights,
            "margin": margin}  # fmt: skip


def check(margin: float) -> None:
    from bot.domain import guard

    files = [p for p in corpus_files() if "soft" not in p.name]
    for held in files:
        data = [pair for p in files if p != held for pair in examples(p)]
        guard.set_model(train(data, margin))
        rows = examples(held)
        if held.suffix == ".tsv":
            texts = [(code, s) for code, s in zip([c for c, _ in rows], _lines(held), strict=True)]
            raw = [line.split("\t", 1)[1] for line in _lines(held)]
            got = [guard.codes(t) for t in raw]
            base = [guard.codes(t, statistical=False) for t in raw]
            rec = sum(bool(g) for g in got) / len(got)
            rec0 = sum(bool(g) for g in base) / len(got)
            right = sum(c in g for (c, _), g in zip(texts, got, strict=True)) / len(got)
            right0 = sum(c in g for (c, _), g in zip(texts, base, strict=True)) / len(got)
            alone = [guard.model_codes(t) for t in raw]
            rec1 = sum(bool(g) for g in alone) / len(got)
            right1 = sum(c in g for (c, _), g in zip(texts, alone, strict=True)) / len(got)
            print(
                f"{held.name}: rules {rec0:.1%} / {right0:.1%} -> with detector {rec:.1%} / "
                f"{right:.1%} (recall / right code); detector alone {rec1:.1%} / {right1:.1%}"
            )
        else:
            raw = _lines(held)
            fa = sum(bool(guard.codes(t)) for t in raw) / len(raw)
            fa0 = sum(bool(guard.codes(t, statistical=False)) for t in raw) / len(raw)
            fa1 = sum(bool(guard.model_codes(t)) for t in raw) / len(raw)
            print(f"{held.name}: false alarms {fa0:.1%} -> {fa:.1%}; detector alone {fa1:.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--margin", type=float, default=10.0)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        check(args.margin)
        return 0
    data = [pair for p in corpus_files() for pair in examples(p)]
    model = train(data, args.margin)
    OUT.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{OUT.relative_to(ROOT)}: {len(model['weights'])} features, {len(data)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
