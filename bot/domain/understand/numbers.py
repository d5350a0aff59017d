"""Amounts written in French words: "trois cents euros", "mille cinq cents balles" (pure)."""

from __future__ import annotations

import re

_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
}  # fmt: skip
_WORD = r"(?:" + "|".join(sorted([*_UNITS, "cent", "cents", "mille", "et"], key=len)[::-1]) + ")"

# A run of number words said as money: "deux mille euros", "cinq cents balles".
NUMBER_WORDS_MONEY = re.compile(
    rf"(?<![\w-])({_WORD}(?:[ -]{_WORD})*) (?:euros?|€|eur|balles|boules)\b"
)


def number_from_words(phrase: str) -> int | None:
    """The number a run of French number words says ("quatre-vingt-dix" → 90), else None."""
    total = current = 0
    previous = ""
    for word in re.split(r"[ -]+", phrase.strip()):
        if word == "et":
            continue
        if word in {"vingt", "vingts"} and previous == "quatre":
            current += 76  # "quatre-vingt": 4 × 20, the 4 already counted
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in {"cent", "cents"}:
            current = (current or 1) * 100
        elif word == "mille":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        previous = word
    value = total + current
    return value or None
