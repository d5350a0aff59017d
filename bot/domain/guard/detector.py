"""A small statistical detector behind the rules: it reads the sentences no rule matched.

A linear model (multinomial logistic regression) over the words of the normalized
sentence, their 5-letter stems and word pairs, trained at development time on the guard
corpora (`bot.domain.guard.training`) and shipped as lexicon/detector.tsv: one line per
(feature, code) weight. Its answer goes through the same who-acts, negation and question
checks as a rule's; the words that weighed most are named as the trigger.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

from bot.domain.guard.vocabulary import LEXICON

MODEL = LEXICON / "detector.tsv"
NONE = "none"
# A guess below this probability is not shown: the corpora's ordinary sentences stay quiet.
THRESHOLD = 0.75
# A rule's alarm on a sentence the detector finds ordinary with this probability is given
# as information only (a word shared with an innocent use, as "son nom de domaine expire").
VETO = 0.99
STEM = 5


def features(sentence: str) -> list[tuple[str, int]]:
    """Each feature of a normalized sentence with the index of the word it starts at."""
    words = sentence.split()
    out: list[tuple[str, int]] = []
    for index, word in enumerate(words):
        out.append(("w:" + word, index))
        if len(word) > STEM:
            out.append(("p:" + word[:STEM], index))
        if index + 1 < len(words):
            out.append(("b:" + word + "_" + words[index + 1], index))
    return out


@dataclass(frozen=True)
class Guess:
    """The detector's best code for a sentence, its probability and its heaviest words."""

    code: str
    probability: float
    anchor: int  # index of the word that weighed most for `code`
    words: tuple[str, ...]
    ordinary: float  # the probability that the sentence is ordinary


def _load() -> tuple[tuple[str, ...], dict[str, int], array, array, list[float]]:
    """Codes; feature → its first row << 8 | its number of rows; each row's code index and
    weight (compact arrays: a few hundred kilobytes in memory); the bias of each code."""
    codes: list[str] = []
    where: dict[str, int] = {}
    code_of_row, weight_of_row = array("B"), array("f")
    bias: dict[int, float] = {}
    if not MODEL.exists():
        return (), where, code_of_row, weight_of_row, []
    last = ""
    for line in MODEL.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        feature, code, value = line.split("\t")
        if code not in codes:
            codes.append(code)
        index = codes.index(code)
        if feature == "bias":
            bias[index] = float(value)
            continue
        if feature != last:  # the rows of a feature are consecutive (the file is sorted)
            where[feature] = len(weight_of_row) << 8
            last = feature
        where[feature] += 1
        code_of_row.append(index)
        weight_of_row.append(float(value))
    return (
        tuple(codes),
        where,
        code_of_row,
        weight_of_row,
        [bias.get(i, 0.0) for i in range(len(codes))],
    )


_CODES, _WHERE, _CODE_OF_ROW, _WEIGHT_OF_ROW, _BIAS = _load()


def _rows(feature: str) -> range:
    packed = _WHERE.get(feature, 0)
    return range(packed >> 8, (packed >> 8) + (packed & 0xFF))


def guess(sentence: str) -> Guess | None:
    """The most likely code of a normalized sentence ("none": ordinary), or None (no model)."""
    if not _CODES:
        return None
    first = dict(reversed(features(sentence)))  # each feature once, as in training
    found = [(index, _rows(feature)) for feature, index in first.items()]
    scores = list(_BIAS)
    for _, rows in found:
        for row in rows:
            scores[_CODE_OF_ROW[row]] += _WEIGHT_OF_ROW[row]
    best = max(range(len(scores)), key=scores.__getitem__)
    top = scores[best]
    total = sum(math.exp(score - top) for score in scores)
    none = _CODES.index(NONE) if NONE in _CODES else -1
    ordinary = math.exp(scores[none] - top) / total if none >= 0 else 0.0
    words = sentence.split()
    weight_of_word = [0.0] * len(words)
    for index, rows in found:
        for row in rows:
            if _CODE_OF_ROW[row] == best:
                weight_of_word[index] += _WEIGHT_OF_ROW[row]
    ranked = sorted(range(len(words)), key=lambda i: -weight_of_word[i])
    heaviest = tuple(dict.fromkeys(words[i] for i in sorted(ranked[:3]) if weight_of_word[i] > 0))
    anchor = ranked[0] if ranked else 0
    return Guess(_CODES[best], 1.0 / total, anchor, heaviest, ordinary)
