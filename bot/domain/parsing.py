"""French input parsing: amounts, percentages and dates typed by a user (pure, no I/O).

Every failure raises `ParseError` with a stable `code` (see `PARSE_ERROR_CODES`) so the
dialogs can pick a French template message; the exception text is for logs only.

    parse_amount("1 250,50 €")                      -> Decimal("1250.50")
    parse_percent("12,15 %")                        -> Decimal("12.15")
    parse_date("il y a 3 semaines", today=...)      -> today - 21 days
    parse_date("15/10", today=..., prefer="past")   -> the latest 15 October on or before today
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar, Literal, NamedTuple

from dateutil import parser as du_parser
from dateutil.relativedelta import relativedelta

from bot.domain.contract import MAX_AMOUNT

Prefer = Literal["past", "future", "nearest"]

CENT = Decimal("0.01")
MAX_PERCENT = Decimal(100)
MIN_YEAR = 1900
MAX_YEAR = 2199
MAX_INPUT_LENGTH = 80
MAX_DIGITS = 12  # integer digits of any number typed: beyond, Decimal's context would overflow

# Stable error codes (one French template message per code in the dialogs).
AMOUNT_INVALID = "amount_invalid"  # not a number: "abc", "12,3,4", "1 2 3"
AMOUNT_NOT_POSITIVE = "amount_not_positive"  # zero or negative
AMOUNT_TOO_LARGE = "amount_too_large"  # above MAX_AMOUNT
AMOUNT_TOO_PRECISE = "amount_too_precise"  # more than two decimals: "12,345 €"
PERCENT_INVALID = "percent_invalid"
PERCENT_OUT_OF_RANGE = "percent_out_of_range"  # negative or above 100
DATE_INVALID = "date_invalid"  # not understood as a date
DATE_IMPOSSIBLE = "date_impossible"  # looks like a date but does not exist: 31/02/2026
DATE_OUT_OF_RANGE = "date_out_of_range"  # year before 1900 or after 2199
DATE_TOO_LATE = "date_too_late"  # after `not_after` (e.g. a past event typed in the future)
DATE_TOO_EARLY = "date_too_early"  # before `not_before`

PARSE_ERROR_CODES = frozenset(
    {
        AMOUNT_INVALID,
        AMOUNT_NOT_POSITIVE,
        AMOUNT_TOO_LARGE,
        AMOUNT_TOO_PRECISE,
        PERCENT_INVALID,
        PERCENT_OUT_OF_RANGE,
        DATE_INVALID,
        DATE_IMPOSSIBLE,
        DATE_OUT_OF_RANGE,
        DATE_TOO_LATE,
        DATE_TOO_EARLY,
    }
)


class ParseError(ValueError):
    """Input not understood; `code` is one of `PARSE_ERROR_CODES`, `text` the raw input."""

    def __init__(self, code: str, text: str = "", detail: str = "") -> None:
        super().__init__(f"{code}: {detail or text!r}")
        self.code = code
        self.text = text
        self.detail = detail


# ---------------------------------------------------------------------------------------
# Normalisation


def _fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes/dashes/spaces made plain, one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    for src, dst in (("\u2019", "'"), ("\u02bc", "'"), ("`", "'"), ("\u2010", "-"),
                     ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
                     ("\u2212", "-")):  # fmt: skip
        text = text.replace(src, dst)
    # NFKD already turned NBSP / narrow NBSP into plain spaces; collapse all whitespace.
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Amounts and percentages

_CURRENCY_RE = re.compile(
    r"(?:€|eur(?:o|os)?\b|e\b|ttc\b)", re.IGNORECASE
)  # "e" only as a word end: "1250e", "1 250 e"
_NUMBER_CHARS_RE = re.compile(r"^[0-9 .,']+$")
_VAT_EXCLUDED_RE = re.compile(r"\b(?:h\.?t\.?|hors taxes?|hors tva)$")


class Amount(NamedTuple):
    """An amount read from text and whether it was said to be before VAT ("850 HT")."""

    value: Decimal
    excl_vat: bool


def _parse_number(raw: str, code: str) -> Decimal:
    """A French (or plain) decimal number with optional thousands separators."""
    s = raw.strip()
    if not s or not _NUMBER_CHARS_RE.match(s) or not any(c.isdigit() for c in s):
        raise ParseError(code, raw)
    # Thousands groups separated by spaces or apostrophes (Swiss style): "1 250", "1'250".
    s = re.sub(r"\s*'\s*", "'", s)
    s = re.sub(r"\s*([.,])\s*", r"\1", s)  # "1 250 , 50" -> "1 250,50"
    last_sep = max(s.rfind(","), s.rfind("."))
    has_comma, has_dot = "," in s, "." in s
    if has_comma and has_dot:
        decimal_sep = s[last_sep]
    elif has_comma:
        decimal_sep = "," if s.count(",") == 1 else None
    elif has_dot:
        # French: "1.250" is one thousand two hundred and fifty; "1250.5" is a decimal.
        head, _, tail = s.partition(".")
        if s.count(".") > 1 or (len(tail) == 3 and head.strip(" '") not in {"", "0"}):
            decimal_sep = None
        else:
            decimal_sep = "."
    else:
        decimal_sep = None
    if decimal_sep is not None:
        int_part, frac = s[:last_sep], s[last_sep + 1 :]
        if not frac.isdigit():
            raise ParseError(code, raw)
    else:
        int_part, frac = s, ""
    int_part = int_part.strip()
    if int_part == "":
        int_part = "0" if frac else ""
    if not int_part:
        raise ParseError(code, raw)
    groups = re.split(r"[ .,']", int_part)
    if len(groups) > 1:
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            raise ParseError(code, raw, "bad thousands grouping")
        seps = {c for c in int_part if c in " .,'"}
        if len(seps) > 1 or (decimal_sep is not None and decimal_sep in seps):
            raise ParseError(code, raw, "mixed thousands separators")
    digits = "".join(groups)
    if not digits.isdigit():
        raise ParseError(code, raw)
    if len(digits.lstrip("0")) > MAX_DIGITS or len(frac) > MAX_DIGITS:
        raise ParseError(code, raw, "too many digits")
    try:
        return Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the checks above
        raise ParseError(code, raw) from exc


def parse_amount(text: str, *, allow_zero: bool = False) -> Decimal:
    """A euro amount typed in French: "1 250,50 €", "1250.5", "1.250,50", "1 250 euros", "1,5k",
    "850 HT" (see `read_amount` for the HT flag).

    Returns a Decimal with two places. Refuses zero (unless `allow_zero`), negatives,
    more than two decimals and amounts above `MAX_AMOUNT`.
    """
    return read_amount(text, allow_zero=allow_zero).value


def read_amount(text: str, *, allow_zero: bool = False) -> Amount:
    """Like `parse_amount`, also telling whether the amount was said "HT" (before VAT)."""
    folded = _fold(text)
    if len(folded) > MAX_INPUT_LENGTH:
        raise ParseError(AMOUNT_INVALID, text, "too long")
    s = folded.strip(" .")
    excl_vat = False
    if m := _VAT_EXCLUDED_RE.search(s):
        excl_vat, s = True, s[: m.start()].strip()
    s = _CURRENCY_RE.sub(" ", s).strip()
    negative = False
    if s.startswith("-"):
        negative, s = True, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    multiplier = Decimal(1)
    if s.endswith("k"):
        multiplier, s = Decimal(1000), s[:-1].strip()
    value = _parse_number(s, AMOUNT_INVALID) * multiplier
    if negative and value != 0:
        raise ParseError(AMOUNT_NOT_POSITIVE, text)
    if value == 0 and not allow_zero:
        raise ParseError(AMOUNT_NOT_POSITIVE, text)
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ParseError(AMOUNT_TOO_PRECISE, text)
    if value > MAX_AMOUNT:
        raise ParseError(AMOUNT_TOO_LARGE, text)
    return Amount(value.quantize(CENT), excl_vat)


_PERCENT_SUFFIX_RE = re.compile(r"(?:%|pour ?cents?\b|pourcents?\b|p\.? ?100\b)")
_PERCENT_TAIL_RE = re.compile(r"\b(?:par an|l'an|annuel(?:le)?|/ ?an)$")


def parse_percent(text: str) -> Decimal:
    """An annual rate in percent: "10 %", "10,5", "12.15%", "10 pour cent" -> Decimal("12.15")."""
    s = _fold(text)
    if len(s) > MAX_INPUT_LENGTH:
        raise ParseError(PERCENT_INVALID, text, "too long")
    s = _PERCENT_TAIL_RE.sub("", s).strip()
    s = _PERCENT_SUFFIX_RE.sub(" ", s).strip()
    negative = s.startswith("-")
    if negative:
        s = s[1:].strip()
    if "." in s and "," not in s and s.count(".") == 1:
        s = s.replace(".", ",")  # "12.150" is a rate with a dot, never thousands here
    value = _parse_number(s, PERCENT_INVALID)
    if (negative and value != 0) or value > MAX_PERCENT:
        raise ParseError(PERCENT_OUT_OF_RANGE, text)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


# ---------------------------------------------------------------------------------------
# Dates


class FrenchParserInfo(du_parser.parserinfo):
    """dateutil's parser vocabulary in French (accent-free: input is folded first)."""

    JUMP: ClassVar[list[Any]] = [
        " ",
        ".",
        ",",
        ";",
        "-",
        "/",
        "'",
        "le",
        "la",
        "l",
        "du",
        "de",
        "d",
        "en",
        "et",
        "a",
    ]
    WEEKDAYS: ClassVar[list[Any]] = [
        ("lun", "lundi"),
        ("mar", "mardi"),
        ("mer", "mercredi"),
        ("jeu", "jeudi"),
        ("ven", "vendredi"),
        ("sam", "samedi"),
        ("dim", "dimanche"),
    ]
    MONTHS: ClassVar[list[Any]] = [
        ("jan", "janv", "janvier"),
        ("fev", "fevr", "fevrier"),
        ("mars",),
        ("avr", "avril"),
        ("mai",),
        ("juin",),
        ("juil", "juillet"),
        ("aout",),
        ("sep", "sept", "septembre"),
        ("oct", "octobre"),
        ("nov", "novembre"),
        ("dec", "decembre"),
    ]
    HMS: ClassVar[list[Any]] = [
        ("h", "heure", "heures"),
        ("m", "min", "minute", "minutes"),
        ("s", "seconde"),
    ]
    AMPM: ClassVar[list[Any]] = [("am",), ("pm",)]
    PERTAIN: ClassVar[list[Any]] = ["de"]

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)


_INFO = FrenchParserInfo()

_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
}  # fmt: skip

_UNITS = {
    "j": "days", "jr": "days", "jrs": "days", "jour": "days", "jours": "days",
    "sem": "weeks", "semaine": "weeks", "semaines": "weeks",
    "mois": "months",
    "an": "years", "ans": "years", "annee": "years", "annees": "years",
}  # fmt: skip

_KEYWORDS = {
    "aujourd'hui": 0, "aujourdhui": 0, "aujourd hui": 0, "auj": 0, "ce jour": 0,
    "ce matin": 0, "ce midi": 0, "cet apres-midi": 0, "cet apres midi": 0, "ce soir": 0,
    "tout a l'heure": 0, "tantot": 0,
    "hier": -1, "avant-hier": -2, "avant hier": -2,
    "demain": 1, "apres-demain": 2, "apres demain": 2,
}  # fmt: skip

_PERIODS = {
    "la semaine derniere": relativedelta(weeks=-1),
    "la semaine passee": relativedelta(weeks=-1),
    "semaine derniere": relativedelta(weeks=-1),
    "le mois dernier": relativedelta(months=-1),
    "mois dernier": relativedelta(months=-1),
    "l'an dernier": relativedelta(years=-1),
    "l'annee derniere": relativedelta(years=-1),
    "le mois prochain": relativedelta(months=1),
}

# Fixed delays counted from today ("sous huitaine" is eight days, French usage).
_DELAYS = {
    "sous huitaine": 8, "sous huit jours": 8, "sous 8 jours": 8,
    "sous quinzaine": 15, "sous quinze jours": 15, "sous 15 jours": 15,
    "d'ici une semaine": 7, "d'ici 8 jours": 8, "d'ici 15 jours": 15,
}  # fmt: skip

_NUM = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\.?"
_AGO_RE = re.compile(rf"^(?:il y a|ya|y a|depuis) {_NUM} ?{_UNIT}(?: environ)?$")
_AGO_BEFORE_RE = re.compile(rf"^{_NUM} ?{_UNIT} (?:plus tot|avant|auparavant)$")
_IN_RE = re.compile(rf"^(?:dans|sous|d'ici) {_NUM} ?{_UNIT}$")
_FORTNIGHT_RE = re.compile(r"^il y a (?:une )?quinzaine(?: de jours)?$")
_WEEKDAY_NAMES = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_WEEKDAY_RE = re.compile(rf"^(?:ce |le )?{_WEEKDAY_NAMES}(?: (dernier|passe|prochain))?$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?$")
_ISO_RE = re.compile(r"^(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
_TEXTUAL_RE = re.compile(
    r"^(\d{1,2}|premier)(?: ?(?:er|e|eme|ere))? ([a-z]+)\.?(?: (\d{4}|\d{2}))?$"
)
_NEXT_WEEK_RE = re.compile(r"^(?:la |en |d'ici la )?semaine prochaine$")
_END_OF_WEEK_RE = re.compile(
    r"^(?:en |d'ici (?:la )?|a la |pour la )?fin (?:de (?:la )?|cette )semaine$"
)
_END_OF_MONTH_RE = re.compile(r"^(?:a la |en |d'ici (?:la )?|pour la )?fin (?:du |de |ce )mois$")
_MONTH_EDGE_RE = re.compile(
    r"^(?:a la |en |d'ici (?:la )?|pour la |au |des )?(fin|debut|mi)[ -]"
    r"(?:du mois d'|du mois de |d')?([a-z]+)\.?(?: (\d{4}))?$"
)
_DAY_OF_MONTH_RE = re.compile(r"^(?:le |au |pour le |d'ici le |avant le )(\d{1,2}|premier|1er)$")
_LEADING_NOISE_RE = re.compile(r"^(?:(?:le|depuis le|depuis|au|du|vers le|ce) )+")
_LEADING_WEEKDAY_RE = re.compile(rf"^{_WEEKDAY_NAMES}\.? ")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def plausible_date(value: date) -> bool:
    """A date an invoice, a payment or a promise can carry: year MIN_YEAR to MAX_YEAR (the
    rules add years to it; a typed date outside is refused, a read or forged one dropped)."""
    return MIN_YEAR <= value.year <= MAX_YEAR


def _check_range(value: date, text: str) -> date:
    if not plausible_date(value):
        raise ParseError(DATE_OUT_OF_RANGE, text)
    return value


def _year(raw: str, text: str) -> int:
    year = int(raw)
    if len(raw) == 2:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError(DATE_OUT_OF_RANGE, text)
    return year


def _exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _build(year: int, month: int, day: int, text: str) -> date:
    if not _exists(year, month, day):
        raise ParseError(DATE_IMPOSSIBLE, text)
    return date(year, month, day)


def _pick(candidates: list[date], today: date, prefer: Prefer) -> date:
    """Of dates around `today`, the latest before, the first after or the closest one."""
    past = [c for c in candidates if c <= today]
    future = [c for c in candidates if c >= today]
    if prefer == "past":
        return max(past)
    if prefer == "future":
        return min(future)
    before, after = max(past), min(future)
    return before if (today - before) <= (after - today) else after


def _without_year(month: int, day: int, today: date, prefer: Prefer, text: str) -> date:
    """A day and month: the occurrence before/after/closest to `today` as `prefer` says."""
    if not 1 <= month <= 12 or not 1 <= day <= 31 or not _exists(2000, month, day):
        raise ParseError(DATE_IMPOSSIBLE, text)  # 2000 is a leap year: 29/02 exists
    candidates = [
        date(y, month, day) for y in range(today.year - 8, today.year + 9) if _exists(y, month, day)
    ]
    return _pick(candidates, today, prefer)


def _weekday(name: str, qualifier: str | None, today: date, prefer: Prefer) -> date:
    target = _INFO.weekday(name)
    assert target is not None
    back = (today.weekday() - target) % 7  # days since the latest such weekday (0 = today)
    ahead = (target - today.weekday()) % 7
    if qualifier in {"dernier", "passe"}:
        return today - timedelta(days=back or 7)
    if qualifier == "prochain":
        return today + timedelta(days=ahead or 7)
    if prefer == "past":
        return today - timedelta(days=back)
    if prefer == "future":
        return today + timedelta(days=ahead)
    return today - timedelta(days=back) if back <= ahead else today + timedelta(days=ahead)


def _day_of_month(day: int, today: date, prefer: Prefer, text: str) -> date:
    """ "le 15": the 15th of a month around today, as `prefer` says (months lacking it skipped)."""
    if not 1 <= day <= 31:
        raise ParseError(DATE_IMPOSSIBLE, text)
    start = date(today.year, today.month, 1)
    candidates = []
    for offset in range(-3, 4):
        first = start + relativedelta(months=offset)
        if _exists(first.year, first.month, day):
            candidates.append(first.replace(day=day))
    return _pick(candidates, today, prefer)


def _month_edge(
    edge: str, month_name: str, year: str | None, today: date, prefer: Prefer, text: str
) -> date:
    """ "fin octobre" (the 31st), "debut janvier" (the 1st), "mi-mars" (the 15th)."""
    month = _INFO.month(month_name)
    if month is None:
        raise ParseError(DATE_INVALID, text)
    if edge == "fin":
        day = calendar.monthrange(int(year) if year else 2001, month)[1]
    else:
        day = 1 if edge == "debut" else 15
    if year:
        return _build(_year(year, text), month, day, text)
    if edge == "fin" and month == 2:  # the last day of February depends on the year
        years = range(today.year - 1, today.year + 2)
        candidates = [date(y, 2, calendar.monthrange(y, 2)[1]) for y in years]
        if prefer == "past":
            return max(c for c in candidates if c <= today)
        return min(c for c in candidates if c >= today)
    return _without_year(month, day, today, prefer, text)


def end_of_week(today: date) -> date:
    """Friday of this week (next week's Friday on a Saturday or Sunday)."""
    ahead = (4 - today.weekday()) % 7
    return today + timedelta(days=ahead)


def next_week(today: date) -> date:
    """Monday of next week."""
    return today + timedelta(days=7 - today.weekday())


def _shift(today: date, count: int, unit: str, sign: int) -> date:
    return today + relativedelta(**{_UNITS[unit]: sign * count})


def _dateutil_fallback(s: str, text: str, today: date, prefer: Prefer) -> date:
    """Last resort ("octobre 15, 2026", "15 octobre 2026 a 10h"): which fields were given is
    found by parsing against two different defaults."""
    d1, d2 = datetime(2000, 1, 1), datetime(2004, 2, 2)
    try:
        r1 = du_parser.parse(s, parserinfo=_INFO, default=d1)
        r2 = du_parser.parse(s, parserinfo=_INFO, default=d2)
    except (ValueError, OverflowError) as exc:
        msg = str(exc)
        if "out of range" in msg or "must be in" in msg:
            raise ParseError(DATE_IMPOSSIBLE, text) from exc
        raise ParseError(DATE_INVALID, text) from exc
    has_day, has_month, has_year = r1.day == r2.day, r1.month == r2.month, r1.year == r2.year
    if not (has_day and has_month):
        raise ParseError(DATE_INVALID, text)
    if has_year:
        return _check_range(r1.date(), text)
    return _without_year(r1.month, r1.day, today, prefer, text)


def parse_date(
    text: str,
    today: date,
    prefer: Prefer = "past",
    *,
    not_after: date | None = None,
    not_before: date | None = None,
) -> date:
    """A date typed in French, relative to `today`.

    Accepts "15/10/2026", "15/10/26", "15-10-2026", "15.10.2026", "2026-10-15", "15/10",
    "15 octobre", "15 oct. 2026", "1er mars", "mardi 15 octobre", "hier", "avant-hier",
    "aujourd'hui", "demain", "il y a 3 semaines", "il y a un mois", "dans 2 jours",
    "lundi dernier", "lundi", "la semaine dernière", "le mois dernier" — any case, with or
    without accents. A day and month without a year resolve to the latest occurrence on or
    before `today` (`prefer="past"`), the next one on or after it ("future"), or the closest
    ("nearest"); a bare weekday likewise. `not_after` / `not_before` bound the result
    (codes `date_too_late` / `date_too_early`).
    """
    result = _parse_date(text, today, prefer)
    if not_after is not None and result > not_after:
        raise ParseError(DATE_TOO_LATE, text)
    if not_before is not None and result < not_before:
        raise ParseError(DATE_TOO_EARLY, text)
    return result


def _parse_date(text: str, today: date, prefer: Prefer) -> date:
    s = _fold(text).strip(" ,;!?")
    if not s or len(s) > MAX_INPUT_LENGTH:
        raise ParseError(DATE_INVALID, text)
    if s in _KEYWORDS:
        return today + timedelta(days=_KEYWORDS[s])
    if s in _PERIODS:
        return _check_range(today + _PERIODS[s], text)
    if s in _DELAYS:
        return today + timedelta(days=_DELAYS[s])
    if _NEXT_WEEK_RE.match(s):
        return next_week(today)
    if _END_OF_WEEK_RE.match(s):
        return end_of_week(today)
    if _END_OF_MONTH_RE.match(s):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if m := _MONTH_EDGE_RE.match(s):
        return _month_edge(m[1], m[2], m[3], today, prefer, text)
    if m := _DAY_OF_MONTH_RE.match(s):
        return _day_of_month(1 if m[1] in {"premier", "1er"} else int(m[1]), today, prefer, text)
    if _FORTNIGHT_RE.match(s):
        return today - timedelta(days=15)
    if m := _AGO_RE.match(s) or _AGO_BEFORE_RE.match(s):
        return _check_range(_shift(today, _count(m[1]), m[2], -1), text)
    if m := _IN_RE.match(s):
        return _check_range(_shift(today, _count(m[1]), m[2], +1), text)
    if m := _WEEKDAY_RE.match(s):
        return _weekday(m[1], m[2], today, prefer)

    s = _LEADING_NOISE_RE.sub("", s)
    s = _LEADING_WEEKDAY_RE.sub("", s)  # "mardi 15 octobre": the weekday is not checked
    if s.isdigit():
        raise ParseError(DATE_INVALID, text)  # a lone number is never taken as a date
    if m := _ISO_RE.match(s):
        return _build(_year(m[1], text), int(m[3]), int(m[4]), text)
    if m := _NUMERIC_RE.match(s):
        day, month = int(m[1]), int(m[3])
        if m[4] is None:
            return _without_year(month, day, today, prefer, text)
        return _build(_year(m[4], text), month, day, text)
    if m := _TEXTUAL_RE.match(s):
        month = _INFO.month(m[2])
        if month is not None:
            day = 1 if m[1] == "premier" else int(m[1])
            if m[3] is None:
                return _without_year(month, day, today, prefer, text)
            return _build(_year(m[3], text), month, day, text)
        raise ParseError(DATE_INVALID, text)
    if not re.search(r"\d", s):
        raise ParseError(DATE_INVALID, text)
    return _dateutil_fallback(s, text, today, prefer)
