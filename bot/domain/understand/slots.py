"""The slots of one message: amount, date, invoice number, client name, channel, step (pure).

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
from bot.domain.understand.lexicon import CHANNELS, PATTERNS, STEPS
from bot.domain.understand.vocabulary import COMMON_WORDS, NOT_NAMES, SMS
from bot.domain.understand.words import correct

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


# ---------------------------------------------------------------------------------------
# Invoice number and client name

_INVOICE_CODE = re.compile(
    r"(?<![a-z0-9])(?:(?:f|fa|fac|fact|inv|fct|n)[-_]?|(?:fa|fac|fact|inv|fct|n) (?=\d))"
    r"(\d{2,4}[-_/.]\d{1,6})\b"
)
_INVOICE_WORD = re.compile(
    r"\b(?:facture|factur|factue|facutre|fature|facure|fact|fac|invoice|ref|reference)s?\.?\s*"
    r"(?:n\s?°|no\.?|n°|numero|num\.?|#|n\.)?\s*"
    r"((?:[a-z]{1,4}[-_]?)?\d[\w/-]*)(?!\s*(?:€|e\b|eur|k\b|[.,]\d))"
)
_NUMBER_SIGN = re.compile(
    r"(?<!relance )(?<!rappel )(?<!relance)(?<!rappel)(?:n\s?°|#)\s*((?:[a-z]{1,4}[-_]?)?\d[\w/-]*)"
)


@dataclass(frozen=True)
class Span:
    """A slot found at [start, end) of the folded text."""

    start: int
    end: int
    value: object


def find_invoice(folded: str, original: str) -> Span | None:
    """The invoice number mentioned, as written ("F-2026-041"; "facture 45" → "45")."""
    m = _INVOICE_CODE.search(folded)
    if m:
        start = m.start() if folded[m.start(1) - 1] != " " else m.start(1)
        return Span(start, m.end(), original[start : m.end()])
    for pattern in (_INVOICE_WORD, _NUMBER_SIGN):
        m = pattern.search(folded)
        if m and not _looks_like_date(m[1]):
            return Span(m.start(1), m.end(1), original[m.start(1) : m.end(1)].rstrip("-/"))
    return None


def _looks_like_date(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?", token))


_CAPITALISED = re.compile(r"[A-ZÀ-Þ][\w&'’.-]*")
_TITLES = frozenset({"m", "m.", "mme", "mr", "mlle", "monsieur", "madame", "mademoiselle"})


_SIGN_OFF = re.compile(
    r"(?i)\b(?:cordialement|bien (?:a|à) vous|salutations|merci d'avance|bonne journ[ée]e)\b.*",
    re.S,
)


def find_name(original: str) -> str | None:
    """The first run of capitalised words that is not a common word: "Studio Lumen".

    A signature after the sign-off ("Cordialement, Marc") is the writer, not a hint."""
    original = _SIGN_OFF.sub("", original)
    letters = [c for c in original if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return None  # shouting: capitals say nothing
    words = list(re.finditer(r"\S+", original))
    run: list[str] = []
    for m in words:
        raw = m.group().strip(',;:!?()"«»')
        raw = raw.rstrip(".") if not re.fullmatch(r"[A-Z]\.", raw) else raw
        head = raw.split("'")[-1].split("’")[-1]  # "d'Atelier" → "Atelier"
        key = fold(head).lower()
        if "-" in key and key.split("-")[0] in NOT_NAMES:
            key = key.split("-")[0]  # "Serait-il", "Pourrions-nous"
        is_name = bool(head) and bool(_CAPITALISED.fullmatch(head)) and key not in NOT_NAMES
        is_name = is_name and key not in _TITLES and not key.isdigit()
        at_start = m.start() == 0 or original[: m.start()].rstrip()[-1:] in {".", "!", "?", ","}
        if is_name and at_start and not run and key in _VOCABULARY and key not in _TRADE_NAMES:
            is_name = False  # "Première relance…", "Slt, …": a capital that only starts
        if is_name:
            run.append(head)
            if m.group().endswith((",", ".", ";", ":", "!", "?")) and not head.endswith("."):
                break
            continue
        if run:
            if key in _TRADE_SUFFIXES:
                run.append(head)  # "Nova conseil"
            break
    return " ".join(run) or _lower_case_name(original)


_VOCABULARY = (
    COMMON_WORDS
    | NOT_NAMES
    | set(SMS)
    | set(" ".join(SMS.values()).split())
    | set(re.findall(r"[a-z]+", " ".join(p for ps in PATTERNS.values() for p in ps)))
)
# Where a client's name stands when typed in lower case: before their verb at the start
# ("dupuis ma payé", "lumen a payé"), or after a contact verb or a preposition
# ("appelé arkana", "le virement de martin"), or after "il me doit combien".
_NAME_BEFORE_VERB = re.compile(
    r"\b"
    r"([a-z][a-z-]{2,}) (?:m a|ma|a|va|vont|ont|dit|dis|jure|propose|"
    r"promet|doit|me|veut|refuse|conteste|maintient|pretend|est|sont|affirme|assure|"
    r"vient|viennent|n a|n est|ne|peut|galere|demande|m a dit|m ecrit)\b"
)
_NAME_AFTER = re.compile(  # a lookahead: "relance amiable a dupuis" is tried at each cue
    r"\b(?=(?:appele|rappele|croise|vu|relance|contacte|eu|"
    r"chez|dossier|client|cliente|avec|(?:fil|mail|sms|texto|relance|message|envoye|envoyee|"
    r"ecrit|parle|rappel|courrier|lettre|recommande|amiable|ferme|reclamer|demander|reclame|"
    r"laisse|adresse|transmis|poste|expedie|"
    r"telephone|vocal|whatsapp|linkedin|appel) a|(?:virement|vir|paiement|cheque|reglement|"
    r"versement|facture|nouvelles|relance|recu|argent|especes|liquide|cash|touche|part|"
    r"\d+(?: ?(?:e|eur|euros|k))?) de) "
    r"([a-z][a-z-]{2,}(?: [a-z][a-z-]{2,})?)(?=[\s,.;:!?]|$))"
)
_NAME_AT_END = re.compile(
    r"\b(?:doit|doivent|combien)(?: au juste| encore| exactement| en tout)? ([a-z][a-z-]{2,}) ?\??$"
    r"|\b(?:pour|pr|avec) ([a-z][a-z-]{2,}) ?\??$"
)
# A name set apart at the start, picked up by a pronoun: "dupuis il me doit cb en tout".
_NAME_FIRST = re.compile(r"^([a-z][a-z-]{2,}),? (?=(?:il|elle|ils|elles) )")


def _lower_case_name(original: str) -> str | None:
    """A client's name typed in lower case: an unknown word where names stand."""
    folded = re.sub(r"[^\w'-]+", " ", fold(original)).strip()
    for pattern in (_NAME_FIRST, _NAME_BEFORE_VERB, _NAME_AFTER, _NAME_AT_END):
        for m in pattern.finditer(folded):
            group = 1 if m[1] else 2
            words = m[group].split()
            before = folded[: m.start(group)].split()[-1:]
            if pattern is _NAME_BEFORE_VERB and before and before[0] in _DETERMINERS:
                continue  # "le comptable est…", "une pizzeria a…": a noun, not a name
            if len(words) == 1 and before and before[0] in _TRADE_NAMES:
                words = before + words  # "studio lumen promet"
            if not _unknown(words[-1]):
                words = words[:1]
            if not _unknown(words[-1]):
                continue
            if len(words) == 2 and not (_unknown(words[0]) or words[0] in _TRADE_NAMES):
                continue
            return " ".join(words)
    return None


_DETERMINERS = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "son",
        "sa",
        "ses",
        "notre",
        "votre",
        "nos",
        "vos",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "au",
        "aux",
    ]
)
_TRADE_NAMES = frozenset({"studio", "agence", "atelier", "boite", "societe", "cabinet", "maison"})
# Lower-case words that end a company's name: "Nova conseil", "Garnier immo".
_TRADE_SUFFIXES_TEXT = """
    conseil conseils immo immobilier consulting services digital design group groupe
    production productions media medias communication formation formations agency
    associes partners solutions tech invest patrimoine renovation batiment
    """
_TRADE_SUFFIXES = frozenset(_TRADE_SUFFIXES_TEXT.split())
# Verb forms, adverbs and adjectives: "directement", "preventive" are not names.
_VERB_ENDING = re.compile(
    r"(?:ait|aient|ons|ez|ee|ees|ment|ive|ives|if|ifs|able|ables|ible|ibles)$"
)


def _unknown(word: str) -> bool:
    return (
        word not in _VOCABULARY
        and not _VERB_ENDING.search(word)
        and word.isalpha()
        and correct(word) == word  # "kombien" is a typo, not a name
    )


# ---------------------------------------------------------------------------------------
# Amount

_NUM = r"\d{1,3}(?:[ .']\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MONEY = re.compile(
    rf"(?<![\w/.,-])(?:€\s*)?({_NUM})\s*(k\b|k€|ke\b)?\s*(€|euros?\b|eur\b|e\b|balles\b|"
    rf"boules\b)?\s*(ht\b|h\.t\.?|hors taxes?\b|ttc\b)?"
)
_PAY_CONTEXT = re.compile(
    r"(?:pay\w*|pai\w*|regl\w*|vir\w*|vers\w*|recu\w*|encaiss\w*|touche|acompte|cheque|"
    r"envoye|solde|rembours\w*)\s+(?:de\s+|d'un montant de\s+|)$"
)
_TOTAL_CONTEXT = re.compile(
    r"(?:sur|des|total|totalite|facture|factures|doit|devait|reste)\s+(?:les\s+|mes\s+|)$"
)
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:fois|jours?|j\b|semaines?|mois|ans?|h\b|heures?|min|%|pour ?cent|eme|e\s|er\b|"
    r"/|-\d|\.\d|(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)[a-z]*\b(?<!mais))"
)


# Written as money even without a currency: "1.250,50", "2 500", "640,00".
_MONEY_SHAPE = re.compile(r"\d{1,3}(?:[ .]\d{3})+(?:,\d{2})?|\d+,\d{2}")
_ORDINAL_AFTER = re.compile(r"\s*(?:relance|rappel|fois)")


@dataclass(frozen=True)
class Money:
    """An amount said in the text; `excl_vat` when said "HT"."""

    value: Decimal
    excl_vat: bool


def find_amounts(folded: str) -> list[Span]:
    """Every money amount in the text, in order: "500€", "1.250,50", "1k", "850 HT"."""
    found: list[tuple[int, Span]] = []  # (rank, span): said as money first, then by context
    for m in _MONEY.finditer(folded):
        number, kilo, currency, vat = m[1], m[2], m[3], m[4]
        before = folded[: m.start()]
        said_money = bool(kilo or currency or vat or folded[m.start() : m.start(1)].strip())
        said_money = said_money or bool(_MONEY_SHAPE.fullmatch(number))
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

_NOT_A_DAY = rf" ?(?:{_MONTHS}|\d|[/.,-]\d|%|€|e\b|euros?|eur\b|k\b|fois|jours?|h\b)"

# (kind, pattern): kind "past"/"future" marks phrases that only point one way.
_DATE_FORMS: tuple[tuple[str, str], ...] = (
    ("any", rf"(?:le |du |au )?{_DAY_NUM}(?: ?er)? {_MONTHS}(?: \d{{4}})?"),
    ("any", r"\d{1,2}[/.-]\d{1,2}(?:[/.-](?:\d{4}|\d{2}))?(?!\d|,\d)"),
    ("any", rf"(?:(?:a la |en |d'ici (?:la )?|pour la |au |des |vers la )?(?:fin|debut|mi)[ -]"
            rf"(?:du mois d'|du mois de |d')?{_MONTHS}(?: \d{{4}})?)"),
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
    ("past", r"ce matin|tout a l'heure|tantot|ce midi|cet apres[- ]midi"),
    ("any", r"aujourd'hui|aujourd hui|aujourdhui|ajd|auj|today|ce soir|ce jour"),
    ("any", rf"{_WEEKDAY}(?: {_DAY_NUM}(?! ?{_MONTHS}))?(?: (prochain|dernier|passe))?"),
    ("any", rf"(?:le |avant le |d'ici le |pour le |au plus tard le )({_DAY_NUM})(?!{_NOT_A_DAY})"),
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
    if phrase in {"ajd", "auj", "today"}:
        return today
    weekday = re.fullmatch(rf"{_WEEKDAY}(?: ({_DAY_NUM}))?(?: (prochain|dernier|passe))?", phrase)
    if weekday:
        target = _WEEKDAY_INDEX[weekday[1]]
        ahead = (target - today.weekday()) % 7 or 7
        back = (today.weekday() - target) % 7 or 7
        if weekday[3] == "prochain":
            return today + timedelta(days=ahead)
        if weekday[3] in {"dernier", "passe"}:
            return today - timedelta(days=back)
        if weekday[2]:
            try:
                return parse_date(f"le {weekday[2]}", today, _prefer(prefer))
            except ParseError:
                return None
        return today + timedelta(days=ahead) if prefer == "future" else today - timedelta(days=back)
    if "semaine prochaine" in phrase:  # Monday of next week; its Friday for "fin de…"
        return next_week(today) + timedelta(days=4 if "fin de" in phrase else 0)
    if re.fullmatch(r".*fin (?:de (?:la )?|cette )semaine", phrase):
        return end_of_week(today)
    if phrase.startswith("ya ") or phrase.startswith("y a "):
        phrase = "il y a " + phrase.split(" ", 1)[1].removeprefix("a ")
    phrase = re.sub(r"^(?:avant le|d'ici le|pour le|au plus tard le|au) ", "le ", phrase)
    phrase = re.sub(r"\bquelques\b", "3", phrase)
    try:
        return parse_date(phrase, today, _prefer(prefer))
    except ParseError:
        return None


def _prefer(prefer: str) -> Prefer:
    return "future" if prefer == "future" else "past"


# ---------------------------------------------------------------------------------------
# Channel and step


def find_channel(words: str) -> str | None:
    """The channel of a contact ("recommandé" → registered_letter), from the folded words."""
    for channel, pattern in _CHANNEL_RES:
        if pattern.search(words):
            return channel
    return None


def find_step(words: str) -> str | None:
    """The ladder step the user names ("relance ferme" → firm_reminder), if any."""
    for step, pattern in _STEP_RES:
        if pattern.search(words):
            return step
    return None


_CHANNEL_RES = tuple((name, re.compile(pattern)) for name, pattern in CHANNELS)
_STEP_RES = tuple((name, re.compile(pattern)) for name, pattern in STEPS)
