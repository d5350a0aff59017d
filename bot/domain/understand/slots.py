"""The slots of one message: its amounts and dates (pure); `names` and `contacts` hold the
others.

Every finder works on the *folded* text (`fold`: lower case, accents removed, one
character for one character of the original), so a span found there is the same span in
the original text (the client's name is returned as written).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from bot.domain.parsing import ParseError, Prefer, end_of_week, next_week, parse_date, read_amount
from bot.domain.understand.numbers import NUMBER_WORDS_MONEY, number_from_words

_APOSTROPHES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "}
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else (ch.lower()[:1] or " ")


def fold(text: str) -> str:
    """Lower case, accents removed, typographic quotes plain — same length as `text`."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def mask(text: str, start: int, end: int) -> str:
    """`text` with [start, end) blanked (lengths kept)."""
    return text[:start] + " " * (end - start) + text[end:]


@dataclass(frozen=True)
class Span:
    """A slot found at [start, end) of the folded text."""

    start: int
    end: int
    value: object


# ---------------------------------------------------------------------------------------
# Amount

_NUM = r"\d{1,3}(?:[ .']\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MONEY = re.compile(
    rf"(?<![\w/.,-])(?:€\s*)?({_NUM})\s*(k\b|k€|ke\b)?\s*(€|euros?\b|eur\b|e\b|balles\b|"
    rf"boules\b)?\s*(ht\b|h\.t\.?|hors taxes?\b|ttc\b)?"
)
_PAY_CONTEXT = re.compile(
    r"(?:pay\w*|pai\w*|regl\w*|vir\w*|vers\w*|recu\w*|encaiss\w*|touche|acompte|cheque|"
    r"envoye|solde|rembours\w*)\s+(?:de\s+|d'un montant de\s+|les\s+|ses\s+|)$"
)
_TOTAL_CONTEXT = re.compile(
    r"(?:sur|des|total|totalite|facture|factures|doit|devait|reste)\s+(?:les\s+|mes\s+|)$"
)
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:fois|jours?|j\b|semaines?|mois|ans?|h\b|heures?|min|%|pour ?cent|eme|e\s|er\b|"
    r"factures?\b|dossiers?\b|clients?\b|relances?\b|versements\b|mensualites\b|echeances\b|"
    r"tranches\b|virements\b|paiements\b|cheques\b|"
    r"/|-\d|\.\d|(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)[a-z]*\b(?<!mais))"
)


# Written as money even without a currency: "1.250,50", "2 500", "640,00".
_MONEY_SHAPE = re.compile(r"\d{1,3}(?:[ .]\d{3})+(?:,\d{2})?|\d+,\d{2}")
_PER_PERIOD = re.compile(r"\s*(?:/ ?mois|/ ?semaine|par mois|par semaine)\b")  # "250/mois"
_ORDINAL_AFTER = re.compile(r"\s*(?:relance|rappel|fois)")


_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Money:
    """An amount said in the text; `excl_vat` when said "HT"."""

    value: Decimal
    excl_vat: bool


# A bare number in a payment's words, when nothing else is said as money: "… avant hier 2400".
_BARE_NUMBER = re.compile(r"(?<![\w/.,:°#-])([1-9]\d{1,5})(?![\w/.,:-]|\s*(?:h\b|%))")
_NOT_A_BARE_AMOUNT = re.compile(r"(?:\b(?:le|du|au|n|no|facture|fact|f|relance|rappel|ref)\s*)$")


def bare_amount(folded: str) -> Money | None:
    """The one bare number of a payment message that is no date, year, rank or reference."""
    for m in _BARE_NUMBER.finditer(folded):
        value = int(m[1])
        if 1900 <= value <= 2100 or _NOT_A_BARE_AMOUNT.search(folded, 0, m.start()):
            continue
        if _NOT_MONEY_AFTER.match(folded, m.end()):
            continue
        return Money(Decimal(value).quantize(_CENT), False)
    return None


def find_amounts(folded: str) -> list[Span]:
    """Every money amount in the text, in order: "500€", "1.250,50", "1k", "850 HT"."""
    found: list[tuple[int, Span]] = []  # (rank, span): said as money first, then by context
    for m in _MONEY.finditer(folded):
        number, kilo, currency, vat = m[1], m[2], m[3], m[4]
        before = folded[: m.start()]
        said_money = bool(kilo or currency or vat or folded[m.start() : m.start(1)].strip())
        said_money = said_money or bool(_MONEY_SHAPE.fullmatch(number))
        said_money = said_money or bool(_PER_PERIOD.match(folded, m.end(1)))
        if not said_money and (
            _NOT_MONEY_AFTER.match(folded, m.end(1)) or not _PAY_CONTEXT.search(before)
        ):
            continue
        if currency == "e" and not kilo and _ORDINAL_AFTER.match(folded, m.end()):
            continue  # "2e relance"
        raw = number + ("k" if kilo else "") + (" ht" if vat and vat.startswith("h") else "")
        try:
            amount = read_amount(raw)
        except ParseError:
            continue
        rank = 1 if _TOTAL_CONTEXT.search(before) else 0
        found.append((rank, Span(m.start(), m.end(), Money(amount.value, amount.excl_vat))))
    for m in NUMBER_WORDS_MONEY.finditer(folded):  # "trois cents euros"
        value = number_from_words(m[1])
        if value is not None:
            rank = 1 if _TOTAL_CONTEXT.search(folded[: m.start()]) else 0
            money = Money(Decimal(value).quantize(_CENT), False)
            found.append((rank, Span(m.start(), m.end(), money)))
    return [span for _, span in sorted(found, key=lambda item: (item[0], item[1].start))]


# ---------------------------------------------------------------------------------------
# Dates

_MONTHS = (
    r"(?:janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre|sept|"
    r"octobre|oct|novembre|nov|decembre|dec)\.?"
)
_WEEKDAY = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_DAY_NUM = r"(?:1er|premier|\d{1,2})"
_UNIT = r"(?:jours?|j|semaines?|sem|mois)"
_COUNT = r"(?:\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|quelques)"

_NOT_A_DAY = (
    rf" ?(?:{_MONTHS}|\d|[/.,-]\d|%|€|e\b|euros?|eur\b|k\b|fois|jours?|h\b|versement|paiement|"
    rf"virement|reglement|acompte|cheque|rappel|relance|echeance|mensualite|dossier|client)"
)

# (kind, pattern): kind "past"/"future" marks phrases that only point one way.
_DATE_FORMS: tuple[tuple[str, str], ...] = (
    ("any", rf"(?:le |du |au )?(?:{_WEEKDAY} )?{_DAY_NUM}(?: ?er)? {_MONTHS}(?: \d{{4}})?"),
    ("any", r"\d{1,2}[/.-]\d{1,2}(?:[/.-](?:\d{4}|\d{2}))?(?!\d|,\d)"),
    ("any", rf"(?:(?:a la |en |d'ici (?:la )?|pour la |au |des |vers la )?(?:fin|debut|mi)[ -]"
            rf"(?:du mois d'|du mois de |d')?{_MONTHS}(?: \d{{4}})?)"),
    ("future", rf"(?:a partir (?:de |d')|des |a compter (?:de |d'))(?:{_MONTHS})(?: \d{{4}})?"),
    ("future", r"(?:(?:a la |en |au |d'ici (?:la )?|pour la |pour le |vers la )?(?:fin|debut) "
               r"(?:du |de )mois prochain)"),
    ("any", r"(?:le )?(?:1er|premier) du mois(?: prochain)?"),
    ("any", r"(?:(?:a la |en |d'ici (?:la )?|pour la |vers la )?fin (?:du |de |ce )mois)"),
    ("future", r"(?:(?:a la |en |d'ici la |pour la )?fin de (?:la )?semaine prochaine)"),
    ("future", r"(?:(?:en |d'ici (?:la )?|a la |pour la )?fin (?:de (?:la )?|cette )semaine)"),
    ("future", r"(?:(?:la |en |d'ici la |dans la |en debut de |au debut de la |debut de (?:la )?)?"
               r"semaine prochaine)"),
    ("past", r"(?:la )?semaine (?:derniere|passee)"),
    ("future", r"(?:le )?mois prochain"),
    ("future", r"sous (?:huitaine|quinzaine|huit jours|quinze jours|\d{1,3} ?(?:jours?|j))"),
    ("future", rf"(?:dans|d'ici) {_COUNT} ?{_UNIT}"),
    ("past", rf"(?:il y a|y a|ya) {_COUNT} ?{_UNIT}"),
    ("past", r"il y a (?:une )?quinzaine(?: de jours)?"),
    ("past", r"avant[- ]hier"),
    ("future", r"apres[- ]demain"),
    ("past", r"hier"),
    ("future", r"demain"),
    ("past", r"ce matin|tout a l'heure|tantot|ce midi|cet apres[- ]midi|a l'instant|"
             r"(?:a |vers )\d{1,2} ?h(?:\d\d)?"),
    ("any", r"aujourd'hui|aujourd hui|aujourdhui|ajd|auj|today|ce soir|ce jour"),
    ("any", rf"{_WEEKDAY}(?: {_DAY_NUM}(?! ?{_MONTHS}))?(?: (prochain|dernier|passe|en huit|"
            rf"en quinze))?"),
    ("any", rf"(?:le |avant le |d'ici le |pour le |au plus tard le |a partir du |des le |"
            rf"tous les )({_DAY_NUM})(?: du mois)?(?!{_NOT_A_DAY})"),
)  # fmt: skip
_DATE_RE = re.compile(
    "|".join(rf"(?P<d{i}>(?<![\w'])(?:{form})(?![\w]))" for i, (_, form) in enumerate(_DATE_FORMS))
)
_WEEKDAY_INDEX = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6
}  # fmt: skip


# What the rest will be, after a payment: "il a payé 300, le reste fin du mois" — its date is
# not the payment's.
_REST_CLAUSE = re.compile(
    r"(?:(?<=[,;]) |\bet (?:pour |pr |)|\bpour |\bpr |\bmais (?:pour |pr |))"
    r"(?:le reste|le solde|l'autre moitie|le complement)\b"
    r"(?! (?:est|a ete|vient|arrive|tombe|recu|encaisse|rentre)\b)[^.;!?\n]*"
)


def without_rest_clause(folded: str) -> str:
    """The text with what is said of the remainder blanked (lengths kept)."""
    for m in _REST_CLAUSE.finditer(folded):
        folded = mask(folded, m.start(), m.end())
    return folded


_UNTIL = re.compile(r"\bjusqu'?(?: ?a| ?au| ?en)? [^.;!?\n,]*")


def without_until(folded: str) -> str:
    """The text with what a plan runs until ("jusqu'en mars") blanked (lengths kept)."""
    for m in _UNTIL.finditer(folded):
        folded = mask(folded, m.start(), m.end())
    return folded


def find_dates(folded: str, today: date, prefer: str) -> list[Span]:
    """Every date phrase resolved against `today`; a phrase pointing the other way than
    `prefer` ("hier" for a promise) is left out."""
    out: list[Span] = []
    for m in _DATE_RE.finditer(folded):
        index = int(m.lastgroup[1:]) if m.lastgroup else 0
        kind = _DATE_FORMS[index][0]
        if kind not in {"any", prefer}:
            continue
        resolved = _resolve(m.group(), today, prefer)
        if resolved is not None:
            out.append(Span(m.start(), m.end(), resolved))
    return out


def _resolve(phrase: str, today: date, prefer: str) -> date | None:
    phrase = phrase.strip()
    phrase = re.sub(rf"^((?:le |du |au )?){_WEEKDAY} (?=\d|1er|premier)", r"\1", phrase)
    if phrase in {"ajd", "auj", "today", "a l'instant"} or re.fullmatch(r"(?:a|vers) \d.*", phrase):
        return today
    weekday = re.fullmatch(
        rf"{_WEEKDAY}(?: ({_DAY_NUM}))?(?: (prochain|dernier|passe|en huit|en quinze))?", phrase
    )
    if weekday:
        target = _WEEKDAY_INDEX[weekday[1]]
        ahead = (target - today.weekday()) % 7 or 7
        back = (today.weekday() - target) % 7 or 7
        if weekday[3] in {"prochain", "en huit", "en quinze"}:  # "vendredi en huit": a week on
            extra = {"prochain": 0, "en huit": 7, "en quinze": 14}[weekday[3]]
            return today + timedelta(days=ahead + extra)
        if weekday[3] in {"dernier", "passe"}:
            return today - timedelta(days=back)
        if weekday[2]:
            try:
                return parse_date(f"le {weekday[2]}", today, _prefer(prefer))
            except ParseError:
                return None
        return today + timedelta(days=ahead) if prefer == "future" else today - timedelta(days=back)
    if "mois prochain" in phrase:  # "début du mois prochain", "le premier du mois prochain"
        first = _next_month(today)
        return _next_month(first) - timedelta(days=1) if "fin" in phrase else first
    if re.fullmatch(r"(?:le )?(?:1er|premier) du mois", phrase):
        phrase = "le 1"
    if "semaine prochaine" in phrase:  # Monday of next week; its Friday for "fin de…"
        return next_week(today) + timedelta(days=4 if "fin de" in phrase else 0)
    if re.fullmatch(r".*fin (?:de (?:la )?|cette )semaine", phrase):
        return end_of_week(today)
    if phrase.startswith("ya ") or phrase.startswith("y a "):
        phrase = "il y a " + phrase.split(" ", 1)[1].removeprefix("a ")
    phrase = re.sub(
        rf"^(?:a partir (?:de |d')|des |a compter (?:de |d'))(?={_MONTHS})", "debut ", phrase
    )
    phrase = re.sub(
        r"^(?:avant le|d'ici le|pour le|au plus tard le|au|a partir du|des le|tous les) ",
        "le ",
        phrase,
    )
    phrase = re.sub(r"^(le \w+) du mois$", r"\1", phrase)  # "tous les 15 du mois"
    phrase = re.sub(r"\bquelques\b", "3", phrase)
    try:
        return parse_date(phrase, today, _prefer(prefer))
    except ParseError:
        return None


def _next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _prefer(prefer: str) -> Prefer:
    return "future" if prefer == "future" else "past"
