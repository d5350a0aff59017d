"""French input parsing: amounts, percentages, dates (bot/domain/parsing.py)."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.parsing import (
    PARSE_ERROR_CODES,
    ParseError,
    parse_amount,
    parse_date,
    parse_percent,
    read_amount,
)

TODAY = date(2026, 11, 23)  # a Monday

AMOUNTS = [
    ("1 250,50 €", "1250.50"),
    ("1250.5", "1250.50"),
    ("1.250,50", "1250.50"),
    ("1 250 €", "1250.00"),
    ("1250e", "1250.00"),
    ("1250 E", "1250.00"),
    ("1 250,5 euros", "1250.50"),
    ("1250 EUR", "1250.00"),
    ("1 250,50 € TTC", "1250.50"),
    ("1,5k", "1500.00"),
    ("2k€", "2000.00"),
    ("12", "12.00"),
    ("0,5", "0.50"),
    (",5", "0.50"),
    ("1\u202f250,00\u00a0€", "1250.00"),  # Babel's narrow no-break space
    ("1,250.50", "1250.50"),
    ("1.250", "1250.00"),  # French thousands dot
    ("10.000", "10000.00"),
    ("1.234.567,89", "1234567.89"),
    ("1'250,50", "1250.50"),
    ("  +42 ", "42.00"),
    ("1 250 , 50", "1250.50"),
]

BAD_AMOUNTS = [
    ("", "amount_invalid"),
    ("abc", "amount_invalid"),
    ("douze euros", "amount_invalid"),
    ("1 2 3", "amount_invalid"),
    ("12 50", "amount_invalid"),
    ("1.2.3", "amount_invalid"),
    ("5,", "amount_invalid"),
    ("1,250,5", "amount_invalid"),
    ("€", "amount_invalid"),
    ("1 250.000,00.5", "amount_invalid"),
    ("0", "amount_not_positive"),
    ("0,00 €", "amount_not_positive"),
    ("-5", "amount_not_positive"),
    ("−120 €", "amount_not_positive"),  # typographic minus
    ("12,345", "amount_too_precise"),
    ("2 000 000 000", "amount_too_large"),
    ("9" * 200, "amount_invalid"),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_parse_amount(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(("text", "code"), BAD_AMOUNTS)
def test_parse_amount_refuses(text: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_amount(text)
    assert info.value.code == code
    assert info.value.code in PARSE_ERROR_CODES


def test_parse_amount_allow_zero() -> None:
    assert parse_amount("0 €", allow_zero=True) == Decimal("0.00")
    with pytest.raises(ParseError):
        parse_amount("-1", allow_zero=True)


PERCENTS = [
    ("10 %", "10"),
    ("10,5", "10.5"),
    ("12.15%", "12.15"),
    ("12,15 %", "12.15"),
    ("10 pour cent", "10"),
    ("3 % par an", "3"),
    ("0", "0"),
    ("100", "100"),
    ("12.150", "12.15"),
]


@pytest.mark.parametrize(("text", "expected"), PERCENTS)
def test_parse_percent(text: str, expected: str) -> None:
    assert parse_percent(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("beaucoup", "percent_invalid"),
        ("", "percent_invalid"),
        ("3 fois le taux", "percent_invalid"),
        ("-3", "percent_out_of_range"),
        ("150 %", "percent_out_of_range"),
    ],
)
def test_parse_percent_refuses(text: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_percent(text)
    assert info.value.code == code


DATES = [
    ("15/10/2026", date(2026, 10, 15)),
    ("15/10/26", date(2026, 10, 15)),
    ("15/10", date(2026, 10, 15)),
    ("5/1", date(2026, 1, 5)),
    ("15-10-2026", date(2026, 10, 15)),
    ("15.10.2026", date(2026, 10, 15)),
    ("15 / 10 / 2026", date(2026, 10, 15)),
    ("2026-10-15", date(2026, 10, 15)),
    ("15 octobre", date(2026, 10, 15)),
    ("15 Octobre", date(2026, 10, 15)),
    ("15 oct. 2026", date(2026, 10, 15)),
    ("15 oct 26", date(2026, 10, 15)),
    ("1er mars", date(2026, 3, 1)),
    ("premier mars 2025", date(2025, 3, 1)),
    ("3 février 2026", date(2026, 2, 3)),
    ("3 fevrier 2026", date(2026, 2, 3)),
    ("3 FÉVR. 2026", date(2026, 2, 3)),
    ("le 3 août 2025", date(2025, 8, 3)),
    ("mardi 15 septembre", date(2026, 9, 15)),
    ("15 décembre", date(2025, 12, 15)),  # latest past 15 December
    ("octobre 15, 2026", date(2026, 10, 15)),  # dateutil fallback
    ("hier", date(2026, 11, 22)),
    ("Hier", date(2026, 11, 22)),
    ("avant-hier", date(2026, 11, 21)),
    ("avant hier", date(2026, 11, 21)),
    ("aujourd'hui", TODAY),
    ("Aujourd’hui", TODAY),
    ("demain", date(2026, 11, 24)),
    ("il y a 3 semaines", date(2026, 11, 2)),
    ("il y a 2 jours", date(2026, 11, 21)),
    ("il y a un mois", date(2026, 10, 23)),
    ("il y a deux mois", date(2026, 9, 23)),
    ("il y a 1 an", date(2025, 11, 23)),
    ("Il y a 10 j", date(2026, 11, 13)),
    ("il y a une quinzaine de jours", date(2026, 11, 8)),
    ("dans 3 jours", date(2026, 11, 26)),
    ("lundi dernier", date(2026, 11, 16)),  # today is a Monday: a week ago
    ("vendredi dernier", date(2026, 11, 20)),
    ("vendredi", date(2026, 11, 20)),
    ("lundi", TODAY),
    ("dimanche prochain", date(2026, 11, 29)),
    ("la semaine dernière", date(2026, 11, 16)),
    ("le mois dernier", date(2026, 10, 23)),
    ("29/02", date(2024, 2, 29)),  # latest 29 February that existed
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("15/10", "past", date(2026, 10, 15)),
        ("15/10", "future", date(2027, 10, 15)),
        ("15/10", "nearest", date(2026, 10, 15)),
        ("1er décembre", "past", date(2025, 12, 1)),
        ("1er décembre", "future", date(2026, 12, 1)),
        ("1er décembre", "nearest", date(2026, 12, 1)),
        ("23/11", "past", TODAY),
        ("23/11", "future", TODAY),
        ("vendredi", "future", date(2026, 11, 27)),
        ("mercredi", "nearest", date(2026, 11, 25)),
        ("samedi", "nearest", date(2026, 11, 21)),
    ],
)
def test_parse_date_prefer(text: str, prefer: str, expected: date) -> None:
    assert parse_date(text, TODAY, prefer) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("31/02/2026", "date_impossible"),
        ("29/02/2026", "date_impossible"),
        ("31/04", "date_impossible"),
        ("15/13/2026", "date_impossible"),
        ("0/10/2026", "date_impossible"),
        ("32 octobre", "date_impossible"),
        ("30 février", "date_impossible"),
        ("n'importe quoi", "date_invalid"),
        ("", "date_invalid"),
        ("3", "date_invalid"),
        ("15 brumaire", "date_invalid"),
        ("octobre", "date_invalid"),
        ("15/10/1850", "date_out_of_range"),
        ("x" * 300, "date_invalid"),
    ],
)
def test_parse_date_refuses(text: str, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(text, TODAY)
    assert info.value.code == code
    assert info.value.text == text


def test_parse_date_bounds() -> None:
    with pytest.raises(ParseError) as info:
        parse_date("demain", TODAY, not_after=TODAY)
    assert info.value.code == "date_too_late"
    with pytest.raises(ParseError) as info:
        parse_date("01/01/2020", TODAY, not_before=date(2021, 1, 1))
    assert info.value.code == "date_too_early"
    assert parse_date("hier", TODAY, not_after=TODAY) == date(2026, 11, 22)


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert parse_date("il y a un mois", date(2026, 3, 31)) == date(2026, 2, 28)


# --- round trips -------------------------------------------------------------------------

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(value=dates, today=todays)
def test_round_trip_numeric_date(value: date, today: date) -> None:
    assert parse_date(value.strftime("%d/%m/%Y"), today) == value
    assert parse_date(f"{value.day}/{value.month}/{value.year}", today) == value
    assert parse_date(value.isoformat(), today) == value


@given(value=dates, today=todays)
def test_round_trip_french_long_date(value: date, today: date) -> None:
    text = format_date(value, format="d MMMM y", locale="fr_FR")  # "15 octobre 2026"
    if value.day == 1:
        text = "1er" + text[1:]
    assert parse_date(text, today) == value
    assert parse_date(text.upper(), today) == value
    short = format_date(value, format="d MMM y", locale="fr_FR")  # "15 oct. 2026"
    assert parse_date(short, today) == value


@given(value=dates, today=todays)
def test_day_month_without_year(value: date, today: date) -> None:
    text = value.strftime("%d/%m")
    past = parse_date(text, today, "past")
    future = parse_date(text, today, "future")
    nearest = parse_date(text, today, "nearest")
    assert (past.month, past.day) == (future.month, future.day) == (value.month, value.day)
    assert past <= today <= future
    assert nearest in {past, future}
    if value.month != 2 or value.day != 29:
        assert today - past < timedelta(days=366)
        assert future - today < timedelta(days=366)


@given(days=st.integers(min_value=0, max_value=400), today=todays)
def test_ago_days(days: int, today: date) -> None:
    assert parse_date(f"il y a {days} jours", today) == today - timedelta(days=days)


amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2, allow_nan=False
)


@given(value=amounts)
def test_round_trip_french_amount(value: Decimal) -> None:
    babel_text = format_currency(value, "EUR", locale="fr_FR")  # "1 250,50 €" (NBSPs)
    assert parse_amount(babel_text) == value
    plain = format_decimal(value, format="#,##0.00", locale="fr_FR").replace("\u202f", " ")
    assert parse_amount(plain) == value
    assert parse_amount(plain + " euros") == value
    assert parse_amount(plain.replace(" ", ".")) == value  # "1.250,50"
    assert parse_amount(str(value)) == value  # "1250.50"


@given(value=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_round_trip_percent(value: Decimal) -> None:
    text = format_decimal(value, format="0.00", locale="fr_FR")
    assert parse_percent(f"{text} %") == value
    assert parse_percent(str(value)) == value


@given(st.text(alphabet="0123456789 ,.k€-'", min_size=1, max_size=80))
def test_parse_amount_never_raises_anything_but_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_amount(text, allow_zero=True)


@pytest.mark.parametrize(
    "text", ["1" * 13, "1" * 29, "1" * 40 + ",5", "9" * 30 + "k", "1" * 70 + " €", "0,0" + "1" * 40]
)
def test_too_many_digits_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError):
        parse_amount(text)
    with pytest.raises(ParseError):
        parse_percent(text)


# New forms (issue 14): the intake's date and amount questions accept them too.
_TODAY_WED = date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("fin octobre", "future", date(2027, 10, 31)),
        ("fin octobre", "past", date(2026, 10, 31)),
        ("fin du mois", "future", date(2026, 12, 31)),
        ("le 15", "future", date(2026, 12, 15)),
        ("le 15", "past", date(2026, 11, 15)),
        ("la semaine prochaine", "future", date(2026, 12, 7)),
        ("ce matin", "past", _TODAY_WED),
        ("avant-hier", "past", date(2026, 11, 30)),
        ("sous huitaine", "future", date(2026, 12, 10)),
        ("sous quinzaine", "future", date(2026, 12, 17)),
        ("dans 10 jours", "future", date(2026, 12, 12)),
        ("lundi prochain", "future", date(2026, 12, 7)),
        ("début janvier", "future", date(2027, 1, 1)),
        ("fin février", "future", date(2027, 2, 28)),
        ("en fin de semaine", "future", date(2026, 12, 4)),
        ("d'ici la fin de la semaine", "future", date(2026, 12, 4)),
    ],
)
def test_new_date_forms(text: str, prefer: str, expected: date) -> None:
    assert parse_date(text, _TODAY_WED, prefer) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value", "excl_vat"),
    [
        ("850 HT", "850.00", True),
        ("850 € HT", "850.00", True),
        ("1 200 hors taxes", "1200.00", True),
        ("1k", "1000.00", False),
        ("1.250,50", "1250.50", False),
        ("1 250 euros", "1250.00", False),
        ("2 477,55 € TTC", "2477.55", False),
    ],
)
def test_read_amount_vat_flag(text: str, value: str, excl_vat: bool) -> None:
    assert read_amount(text) == (Decimal(value), excl_vat)
    assert parse_amount(text) == Decimal(value)
