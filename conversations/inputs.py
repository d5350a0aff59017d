"""The typed answers the intake and the case card both ask for — an amount, a date in the
past, a promised date, a client's name, an invoice number, a note — each read and checked
once here. A reader returns the value, or raises `Invalid` naming the sentence to answer
with (`routing.question` says it and keeps the question)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from bot.domain.parsing import ParseError, parse_amount, parse_date
from bot.domain.typed_text import has_letter_or_digit
from bot.words.render import short_date
from conversations.context import RelanceContext
from conversations.replying import error_name, guard_reply

MAX_NAME = 120
MAX_NUMBER = 40
MAX_NOTE = 500


class Invalid(Exception):
    """A typed answer that cannot be taken: `error` names the sentence (see `retry`),
    `values` fill it."""

    def __init__(self, error: str, **values: object) -> None:
        super().__init__(error)
        self.error = error
        self.values = values


def amount(context: RelanceContext) -> Decimal:
    """A positive amount in euros ("1 250,50", "1250 €")."""
    try:
        return parse_amount(context.text)
    except ParseError as error:
        raise Invalid(error_name(error, "amount_invalid")) from None


def past_date(context: RelanceContext) -> date:
    """A date not after today, typed — or today, from an "Aujourd'hui" button."""
    today = context.today()
    if context.pressed:
        return today
    try:
        return parse_date(context.text, today, prefer="past", not_after=today)
    except ParseError as error:
        raise Invalid(error_name(error, "date_invalid")) from None


def promised_date(context: RelanceContext) -> date:
    """The date the client promised to pay: today or later."""
    today = context.today()
    try:
        return parse_date(context.text, today, prefer="future", not_before=today)
    except ParseError as error:
        example = short_date(today + timedelta(days=7))
        raise Invalid(error_name(error, "date_invalid"), example=example) from None


def due_date(context: RelanceContext) -> date:
    """An invoice's due date, past or future (the nearest reading)."""
    try:
        return parse_date(context.text, context.today(), prefer="nearest")
    except ParseError as error:
        raise Invalid(error_name(error, "date_invalid")) from None


async def client_name(context: RelanceContext) -> str:
    """A client's name, spaces tidied; the guard reads it (a threat in a name is said)."""
    name = " ".join(context.text.split())
    if not has_letter_or_digit(name) or len(name) > MAX_NAME:
        raise Invalid("name_invalid")
    await guard_reply(context, name)
    return name


def invoice_number(context: RelanceContext) -> str:
    number = " ".join(context.text.split())
    if not has_letter_or_digit(number) or len(number) > MAX_NUMBER:
        raise Invalid("number_invalid")
    return number


def checked_note(text: str) -> str:
    """The note stripped, or `Invalid` when it is over the limit (never cut silently)."""
    text = text.strip()
    if len(text) > MAX_NOTE:
        raise Invalid("note_too_long", limit=MAX_NOTE, length=len(text))
    return text


async def note(context: RelanceContext) -> str | None:
    """A free note (at most 500 characters, else asked again), None when empty; the guard
    reads it."""
    text = checked_note(context.text)
    await guard_reply(context, text)
    return text or None
