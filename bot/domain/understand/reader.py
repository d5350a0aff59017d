"""Read one message: its intent, slots and voice (pure, explainable rules).

The text is folded (lower case, no accents, SMS spellings expanded, one-letter typos of
key words corrected), every intent's phrase patterns (`lexicon.PATTERNS`) are tried, and
the intent changing the case most wins (`PRIORITY`). Slots are then read for that intent
only: a payment's amount and date, a promise's date, a contact's channel, step and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bot.domain.guard import codes as guard_codes
from bot.domain.understand import lexicon, signals
from bot.domain.understand.contacts import find_channel, find_step
from bot.domain.understand.folding import date_text, fold_words
from bot.domain.understand.names import find_invoice, find_name
from bot.domain.understand.slots import (
    Money,
    Span,
    bare_amount,
    find_amounts,
    find_dates,
    fold,
    mask,
    without_rest_clause,
    without_until,
)

INTENTS: tuple[str, ...] = (
    "payment", "promise", "payment_plan", "dispute", "claims_paid", "hardship", "refusal",
    "contact", "ask_amount", "ask_next", "list_cases", "new_case", "cancel", "help",
    "chitchat", "unknown",
)  # fmt: skip

# Which intent wins when several match: the fact that changes the case most first. A plan
# ("il va payer en 3 fois") is read before a bare promise: it is the more precise fact.
PRIORITY: tuple[str, ...] = (
    "payment", "payment_plan", "promise", "dispute", "claims_paid", "hardship", "refusal",
    "contact", "new_case", "ask_amount", "ask_next", "list_cases", "help", "cancel",
    "chitchat",
)  # fmt: skip

# Events about a case (proposed back before being recorded) vs questions and commands.
EVENTS = frozenset(
    {"payment", "promise", "payment_plan", "dispute", "claims_paid", "hardship", "refusal",
     "contact"}
)  # fmt: skip
RESPONSES = frozenset({"promise", "payment_plan", "dispute", "claims_paid", "hardship", "refusal"})

# Intents about one case: only these name it (a town in "il pleut à Nantes" is no client).
_HINT_INTENTS = EVENTS | {"ask_amount", "ask_next", "new_case"}
_DATE_CONTEXT = {
    "payment": "past", "claims_paid": "past", "contact": "past", "promise": "future",
    "payment_plan": "future",
}  # fmt: skip
# A claim's sum is read for the bot's proposal ("le client dit avoir payé 500 €"), but the
# §8 JSON carries an amount only for a payment and a plan (its instalment).
_AMOUNT_INTENTS = frozenset({"payment", "claims_paid", "payment_plan"})
_JSON_AMOUNT = frozenset({"payment", "payment_plan"})


@dataclass(frozen=True)
class Reading:
    """What one message says: the intent, its slots, whose voice, the guard's codes."""

    intent: str
    amount: Decimal | None = None
    excl_vat: bool = False
    date: date | None = None
    channel: str | None = None
    step: str | None = None
    case_hint: str | None = None
    client_voice: bool = False
    guard: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The §8 JSON of `python -m bot understand`."""
        return {
            "intent": self.intent,
            "amount": None
            if self.amount is None or self.intent not in _JSON_AMOUNT
            else f"{self.amount:.2f}",
            "date": None if self.date is None else self.date.isoformat(),
            "channel": self.channel,
            "step": self.step,
            "case_hint": self.case_hint,
            "guard": list(self.guard),
        }


# ---------------------------------------------------------------------------------------
# Intent


def _compile(pattern: str) -> re.Pattern[str]:
    pattern = pattern.replace("{when}", lexicon.WHEN)
    if pattern.startswith(r"\b"):  # the same on these words, and about twice as fast to search
        pattern = r"(?<![a-z0-9])" + pattern[2:]
    return re.compile(pattern)


_PATTERNS = {intent: tuple(map(_compile, ps)) for intent, ps in lexicon.PATTERNS.items()}
_NOT_PAID = tuple(re.compile(p) for p in signals.NOT_PAID)
_CLIENT_VOICE = re.compile(signals.CLIENT_VOICE)
_THIRD_PERSON = re.compile(r"\b(?:il|elle|ils|elles|le client|la cliente|lui)\b")
_NEGATED_BEFORE = re.compile(r"\b(?:ne|n) (?:me |vous |nous |te |le |la |les |l |)$")
_NEGATED_AFTER = re.compile(r" (?:pas|jamais|plus|rien|point|aucunement)\b")
_BANK_NOTICE = re.compile(signals.BANK_NOTICE)
_CANCEL = re.compile(signals.CANCEL)
_LEADING_FILLER = re.compile(signals.LEADING_FILLER)
_REST = re.compile(r"\b(?:le reste|le solde|l autre moitie|le complement)\b")
_PRESENT_OR_PAST = re.compile(r"\b(?:arrive|tombe|passe)$")
_PARTICIPLE_ACCENT = re.compile(r"(?i)(?:arriv|tomb|pass)(?:é|ée|és|ées)\b")
_HOW_TO = re.compile(signals.HOW_TO)
_ALL_CASES = re.compile(signals.ALL_CASES)
_COMMAND = re.compile(r"\s*/([a-z]+)(?:@\w+)?(?![\w/])")
_CANCEL_MAX_WORDS = 16
_NO_RECEIPT = re.compile(signals.NO_RECEIPT)
_RECEIPT = re.compile(
    r"\b(?:recu|encaisse|touche|arrive|tombe|credite|sur mon compte|rentre|enfin paye|"
    r"j ai ete paye)\b"
)


def _matches(words: str) -> dict[str, re.Match[str]]:
    found: dict[str, re.Match[str]] = {}
    for intent, patterns in _PATTERNS.items():
        for pattern in patterns:
            m = pattern.search(words)
            if m:
                found[intent] = m
                break
    return found


def _choose(found: dict[str, re.Match[str]], words: str, client_voice: bool, text: str) -> str:
    if _BANK_NOTICE.search(words) and not _NO_RECEIPT.search(words):
        return "payment"  # the bank's or PayPal's notice: the money is there
    if _NO_RECEIPT.search(words) and "payment" in found:
        found.setdefault("claims_paid", found.pop("payment"))  # "il dit qu'il a payé, rien reçu"
    if (
        "payment" in found
        and "promise" in found
        and _PRESENT_OR_PAST.search(found["payment"].group())
        and not _PARTICIPLE_ACCENT.search(text)
    ):
        del found["payment"]  # "le paiement arrive mi-juillet": written "arrivé" when it is past
    if "payment" in found:
        paid = found["payment"]
        denied = any(
            m.start() < paid.end() and m.end() > paid.start()
            for p in _NOT_PAID
            for m in p.finditer(words)
        )
        claimed = ("claims_paid" in found or client_voice) and not _RECEIPT.search(words)
        if denied or claimed:
            del found["payment"]
            if claimed:
                found.setdefault("claims_paid", re.match("", words))  # type: ignore[arg-type]
    if (
        "claims_paid" in found
        and "promise" in found
        and _REST.search(words, found["promise"].start())
    ):
        del found["promise"]  # "je vous ai envoyé 300 € hier, je vous réglerai le reste…"
    if "promise" in found and (
        _NEGATED_BEFORE.search(words, 0, found["promise"].start())
        or _NEGATED_AFTER.match(words, found["promise"].end())
    ):
        found.setdefault("refusal", found.pop("promise"))  # "il ne paiera pas"
    if client_voice:
        if "payment" in found:  # the client saying they paid: not seen by the user yet
            found.setdefault("claims_paid", found.pop("payment"))
        found.pop("contact", None)  # the client reaching the user is not a contact
        found.pop("new_case", None)
        found.pop("list_cases", None)
    if words.count(" ") < _CANCEL_MAX_WORDS and _CANCEL.match(words):
        return "cancel"  # only cancel words and filler: "non pas ça", "oublie ce que j'ai dit"
    if not EVENTS.intersection(found):
        if "chitchat" in found:
            return "chitchat"  # "merci pour ton aide" is thanks, not a call for help
        if _HOW_TO.search(words):
            return "help"  # "comment je fais pour ajouter un paiement ?"
        if {"list_cases"} == found.keys() - {"ask_amount", "ask_next"} and _ALL_CASES.search(words):
            return "list_cases"  # "qui me doit encore ?", "où j'en suis avec tous mes clients"
    for intent in PRIORITY:
        if intent in found:
            return intent
    return "unknown"


_EMOJI_WORDS = {
    "👍": "ok",
    "🙏": "merci",
    "😊": "super",
    "🙂": "ok",
    "👌": "ok",
    "👋": "salut",
    "😀": "super",
    "😃": "super",
    "🎉": "super",
    "❤": "merci",
    "✅": "ok",
}


def _emoji_words(text: str) -> str:
    """A message of emojis only, read as the word each stands for ("👍" → "ok")."""
    return " ".join(word for ch, word in _EMOJI_WORDS.items() if ch in text)


def is_client_voice(words: str) -> bool:
    """The client's own words: first person addressing the freelancer as "vous"."""
    return bool(_CLIENT_VOICE.search(words)) and not re.search(
        r"\b(?:il m a|elle m a|ils m ont|il dit|elle dit|il me|elle me)\b", words
    )


# ---------------------------------------------------------------------------------------
# Reading


def _closest(spans: list[Span], anchor: float, length: int) -> Span | None:
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s.start / max(length, 1) - anchor))


def understand(
    text: str, today: date, *, forwarded: bool = False, with_guard: bool = True
) -> Reading:
    """Read one message typed (or forwarded/pasted from the client, `forwarded`) to the bot;
    `with_guard=False` when the caller has already run the guard on the text."""
    text = text[:4096]
    command = _COMMAND.match(text.lower())
    if command and command[1] in signals.COMMANDS:  # "/nouveau" typed as text
        rest = text[command.end() :]
        hint = find_name(rest) if command[1] == "nouveau" else None
        guard = guard_codes(text) if with_guard else []
        return Reading(intent=signals.COMMANDS[command[1]], case_hint=hint, guard=guard)
    folded = fold(text)
    invoice = find_invoice(folded, text)
    scan = mask(folded, invoice.start, invoice.end) if invoice else folded
    words = fold_words(scan)
    client_voice = forwarded or is_client_voice(words)
    words = _LEADING_FILLER.sub("", words)  # "Bonjour, relancé par mail ce matin"
    found = _matches(words or _emoji_words(text))
    intent = _choose(found, words, client_voice, text)
    anchor = found[intent].start() / max(len(words), 1) if intent in found else 0.0

    amount: Money | None = None
    amounts = find_amounts(scan)
    if intent in _AMOUNT_INTENTS and amounts:
        amount = amounts[0].value  # type: ignore[assignment]
    for span in amounts:
        scan = mask(scan, span.start, span.end)
    when = None
    if intent in _DATE_CONTEXT:
        if intent in {"payment", "payment_plan"}:
            scan = without_rest_clause(scan)
        if intent == "payment_plan":
            scan = without_until(scan)  # "jusqu'en mars" ends a plan, the first date starts it
        dated = date_text(scan)
        dates = find_dates(dated, today, _DATE_CONTEXT[intent])
        span = (
            dates[0] if intent == "payment_plan" and dates else _closest(dates, anchor, len(scan))
        )
        when = span.value if span else None
        if intent in _AMOUNT_INTENTS and amount is None:
            for span in dates:
                dated = mask(dated, span.start, span.end)
            amount = bare_amount(dated)  # "le virement de Lemoine est passé hier 2400"
    channel = step = None
    if intent == "contact":
        channel, step = find_channel(words), find_step(words)
    hint = None
    if intent in _HINT_INTENTS:
        hint = invoice.value if invoice else find_name(text)
    return Reading(
        intent=intent,
        amount=amount.value if amount else None,
        excl_vat=amount.excl_vat if amount else False,
        date=when,  # type: ignore[arg-type]
        channel=channel,
        step=step,
        case_hint=hint,  # type: ignore[arg-type]
        client_voice=client_voice,
        guard=guard_codes(text) if with_guard else [],
    )
