"""The one Jinja2 environment: templates/ with StrictUndefined and French formatting filters."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
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


def count(value: int) -> str:
    """`13188` → `13 188` (a count of days, of cases: plain spaces, as `money`)."""
    return f"{value:,}".replace(",", " ")


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
    """Dates as one phrase: "3 et 17 novembre 2026", "19 mars, 5 et 20 avril 2026"."""
    days = sorted(set(values))
    words = []
    for index, day in enumerate(days):
        later = days[index + 1] if index + 1 < len(days) else None
        text = long_date(day)
        if later is not None and (later.year, later.month) == (day.year, day.month):
            text = text.split(" ")[0]  # the month is said once, after its last day
        elif later is not None and later.year == day.year:
            text = text.rsplit(" ", 1)[0]  # the year is said once, after its last month
        words.append(text)
    if len(words) <= 1:
        return words[0] if words else ""
    return ", ".join(words[:-1]) + " et " + words[-1]


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
    env.filters["count"] = count
    env.filters["percent"] = percent
    env.filters["long_date"] = long_date
    env.filters["short_date"] = short_date
    env.filters["date_list"] = date_list
    return env


def render(name: str, /, *, html: bool = False, **context: object) -> str:
    """Render `templates/<name>`; `html=True` escapes every variable (Telegram HTML)."""
    return environment(html).get_template(name).render(**context).strip()
