"""The one Jinja2 environment: templates/ with StrictUndefined and French formatting filters."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
LOCALE = "fr_FR"
NBSP = "\u00a0"
NNBSP = "\u202f"


def money(value: Decimal | int | str) -> str:
    """`Decimal("1250")` → `1 250,00 €` (plain spaces, so it survives copy and SMS).

    The same text as Babel's fr_FR currency format (a test holds them together), written
    directly because this runs for every figure of every message."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",")
    return ("-" if amount.is_signed() and amount else "") + text + " €"


def babel_money(value: Decimal | int | str) -> str:
    """Babel's own rendering of `money`, kept as the reference for the tests."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format_currency(amount, "EUR", locale=LOCALE)
    return text.replace(NBSP, " ").replace(NNBSP, " ")


@lru_cache(maxsize=1024)
def percent(value: Decimal | int | str) -> str:
    """`Decimal("12.15")` → `12,15 %`."""
    text = format_decimal(Decimal(value), format="#,##0.00", locale=LOCALE)
    return f"{text} %".replace(NBSP, " ").replace(NNBSP, " ")


@lru_cache(maxsize=4096)
def long_date(value: date) -> str:
    """`date(2026, 10, 15)` → `15 octobre 2026` (`1er` for the first of the month)."""
    text = format_date(value, format="d MMMM y", locale=LOCALE)
    if value.day == 1:
        text = "1er" + text[1:]
    return text


def date_list(values: list[date]) -> str:
    """Dates as one phrase, by month: "3 et 17 novembre 2026", "28 octobre et 4 novembre 2026"."""
    days = sorted(set(values))
    groups: list[list[date]] = []
    for day in days:
        if groups and (groups[-1][0].year, groups[-1][0].month) == (day.year, day.month):
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for index, group in enumerate(groups):
        last = group[-1]
        later = groups[index + 1 :]
        tail = long_date(last)
        if later and later[0][0].year == last.year:
            tail = tail.rsplit(" ", 1)[0]  # the year is said once, after the last month
        numbers = ["1er" if d.day == 1 else str(d.day) for d in group[:-1]]
        parts.append(" et ".join([", ".join(numbers), tail]) if numbers else tail)
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return ", ".join(parts[:-1]) + " et " + parts[-1]


def short_date(value: date) -> str:
    """`date(2026, 10, 15)` → `15/10/2026`."""
    return value.strftime("%d/%m/%Y")


@lru_cache(maxsize=4)
def environment(autoescape: bool = False) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates ship with the code: no stat() on every render
    )
    env.filters["money"] = money
    env.filters["percent"] = percent
    env.filters["long_date"] = long_date
    env.filters["short_date"] = short_date
    env.filters["date_list"] = date_list
    return env


def render(name: str, /, *, html: bool = False, **context: object) -> str:
    """Render `templates/<name>`; `html=True` escapes every variable (Telegram HTML)."""
    return environment(html).get_template(name).render(**context).strip()
