"""A small naive Bayes detector behind the guard's rules (pure, no I/O).

Trained at development time by `scripts/train_guard_model.py` on tests/guard_corpus/ and
shipped as a weights table (bot/domain/guard_model.json, read once by `bot.domain.guard`).
Features are word stems and stem pairs of one normalized sentence, so a word family
("publierai", "publication") meets the same weight. It only proposes a code; the guard
passes it through the same who/when, negation and lawful-action checks as its rules.
"""

from __future__ import annotations

from dataclasses import dataclass

ORDINARY = "ordinary"
_ENDINGS = (
    "eraient", "erions", "eriez", "erais", "erait", "erons", "eront", "aient", "ation",
    "ement", "ions", "ment", "ais", "ait", "ant", "era", "ent", "ons", "eur", "ez", "er",
    "es", "ee", "e", "s", "x",
)  # fmt: skip


def stem(token: str) -> str:
    """A crude French stem: a verb or noun ending cut off, at most 6 letters kept."""
    if len(token) > 4:
        for ending in _ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= 3:
                token = token[: -len(ending)]
                break
    return token[:6]


def features(sentence: str) -> list[str]:
    """Stems and adjacent stem pairs of one normalized sentence."""
    stems = [stem(token) for token in sentence.split()]
    return stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]


@dataclass(frozen=True)
class Model:
    """Log priors and per-feature log likelihoods, one column per class."""

    classes: tuple[str, ...]
    priors: tuple[float, ...]
    unseen: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    margin: float

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            tuple(data["classes"]),
            tuple(data["priors"]),
            tuple(data["unseen"]),
            {key: tuple(value) for key, value in data["weights"].items()},
            float(data["margin"]),
        )

    def best(self, sentence: str) -> tuple[str, float, list[str]] | None:
        """The most likely risky code with its log-odds over ordinary text and the stems
        that weigh most for it, or None when ordinary wins by the margin."""
        feats = [f for f in dict.fromkeys(features(sentence)) if f in self.weights]
        if not feats:
            return None
        scores = list(self.priors)
        for feat in feats:
            for i, weight in enumerate(self.weights[feat]):
                scores[i] += weight
        ordinary = scores[self.classes.index(ORDINARY)]
        index = max(
            (i for i, name in enumerate(self.classes) if name != ORDINARY),
            key=scores.__getitem__,
        )
        odds = scores[index] - ordinary
        if odds < self.margin:
            return None
        o = self.classes.index(ORDINARY)
        top = sorted(feats, key=lambda f: self.weights[f][o] - self.weights[f][index])[:3]
        return self.classes[index], odds, top
