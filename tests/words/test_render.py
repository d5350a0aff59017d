"""French formatting of the words layer."""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency

from bot.words.render import LOCALE, NBSP, NNBSP, count, long_date, money, percent


def babel_money(value: Decimal | int | str) -> str:
    """Babel's own rendering of `money`: the reference the fast formatter is held to."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format_currency(amount, "EUR", locale=LOCALE)
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def test_money_matches_babel():
    rng = random.Random(11)
    values = [Decimal(rng.randint(-(10**10), 10**10)) / 100 for _ in range(5000)]
    values += [Decimal("0"), Decimal("0.005"), Decimal("1250"), 1, "12.5"]
    assert money(Decimal("-0.004")) == "0,00 €"  # Babel would print a negative zero
    for value in values:
        assert money(value) == babel_money(value), value
    assert money("1250.5") == "1 250,50 €"


def test_dates_and_percent():
    assert long_date(date(2026, 10, 15)) == "15 octobre 2026"
    assert long_date(date(2026, 10, 1)) == "1er octobre 2026"
    assert percent(Decimal("12.15")) == "12,15 %"


def test_counts_take_a_space_every_three_digits() -> None:
    assert [count(n) for n in (7, 999, 1000, 13188, 1234567)] == [
        "7", "999", "1 000", "13 188", "1 234 567"
    ]  # fmt: skip
