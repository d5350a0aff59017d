"""Development tool: train the guard's detector on the corpora and write lexicon/detector.tsv.

    python -m bot.domain.guard.training [--corpus tests/support/guard_corpus] [--hold NAME]

Risky and soft sentences teach their code (whether it is an alarm or information is the
negation and question checks' job), ordinary sentences teach "none". Files whose name
contains `--hold` (by default the held-apart batch) are left out, so that their figures
stay a fair measure of sentences never seen. Deterministic: the same corpora give the same
file. Not imported by the bot.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
from collections import defaultdict
from pathlib import Path

from bot.domain.guard.detector import MODEL, NONE, features
from bot.domain.normalize import normalize

HELD_APART = "heldapart"
EPOCHS = 15
RATE = 0.5
DECAY = 0.8
L2 = 3e-3
# Weights smaller than this are dropped from the shipped file (size, memory).
KEEP = 0.05


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def training_files(corpus: Path, hold: str = HELD_APART) -> list[Path]:
    """The corpus files the detector learns from (the held-apart ones left out)."""
    return [path for path in sorted(corpus.glob("*.t[sx][vt]")) if not (hold and hold in path.name)]


def corpus_digest(corpus: Path, hold: str = HELD_APART) -> str:
    """A fingerprint of the training files, written in the model's first line: a test checks
    that the shipped weights were trained on the committed corpora."""
    digest = hashlib.sha256()
    for path in training_files(corpus, hold):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def examples(corpus: Path, hold: str = HELD_APART) -> list[tuple[frozenset[str], str]]:
    """(features, code) of every corpus sentence outside the held-apart files."""
    out: list[tuple[frozenset[str], str]] = []
    for path in training_files(corpus, hold):
        for line in _lines(path):
            code, sentence = line.split("\t", 1) if path.suffix == ".tsv" else (NONE, line)
            out.append((frozenset(f for f, _ in features(normalize(sentence))), code))
    return out


def train(data: list[tuple[frozenset[str], str]]) -> dict[str, dict[str, float]]:
    """Multinomial logistic regression by stochastic gradient descent: code → weights."""
    codes = sorted({code for _, code in data})
    weights: dict[str, dict[str, float]] = {code: defaultdict(float) for code in codes}
    bias = dict.fromkeys(codes, 0.0)
    order = list(data)
    shuffle = random.Random(1).shuffle
    rate = RATE
    for _ in range(EPOCHS):
        shuffle(order)
        for found, label in order:
            scores = {c: bias[c] + sum(weights[c][f] for f in found) for c in codes}
            top = max(scores.values())
            exps = {c: math.exp(s - top) for c, s in scores.items()}
            total = sum(exps.values())
            for code in codes:
                gradient = exps[code] / total - (code == label)
                if abs(gradient) < 1e-4:
                    continue
                bias[code] -= rate * gradient
                row = weights[code]
                for feature in found:
                    row[feature] -= rate * (gradient + L2 * row[feature])
        rate *= DECAY
    return {code: {"bias": bias[code], **weights[code]} for code in codes}


def to_tsv(model: dict[str, dict[str, float]], digest: str) -> str:
    """The shipped form: `feature<TAB>code<TAB>weight`, each code's bias first, then the
    rows sorted by feature (a feature's rows are consecutive); small weights dropped."""
    lines = [
        f"# corpus sha256 {digest}",
        "# Guard detector weights, written by bot.domain.guard.training (do not edit).",
    ]
    lines += [f"bias\t{code}\t{model[code]['bias']:.3f}" for code in sorted(model)]
    rows = sorted(
        (feature, code, value)
        for code, weights in model.items()
        for feature, value in weights.items()
        if feature != "bias" and abs(value) >= KEEP
    )
    lines += [f"{feature}\t{code}\t{value:.3f}" for feature, code, value in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.domain.guard.training")
    parser.add_argument("--corpus", type=Path, default=Path("tests/support/guard_corpus"))
    parser.add_argument("--hold", default=HELD_APART)
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    data = examples(args.corpus, args.hold)
    digest = corpus_digest(args.corpus, args.hold)
    args.out.write_text(to_tsv(train(data), digest), encoding="utf-8")
    print(f"{len(data)} sentences → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
