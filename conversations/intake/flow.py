"""The intake's states and answers, and `ask_next`: the first question still unanswered.

Every answer is written to the database (with the next state) before the bot replies, so a
crash or a restart resumes the intake at the question the user was shown. The answers are
one JSON object (`Answers`): an invoice PDF may fill several at once, and a key present with
no value ("number": None) means the question was asked and skipped — so the draft stays a
dict (as stored), typed here key by key.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from telegram import InlineKeyboardMarkup

from bot.domain.contract import default_due_date
from bot.domain.facts import DebtorKind
from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.drafts import Drafts
from conversations.labels import label
from conversations.replying import guard_reply, keyboard, render_html

FLOW = "intake"

(
    NAME,
    KIND,
    AMOUNT,
    NUMBER,
    DUE,
    ISSUE,
    DONE,
    DONE_DATE,
    REACTION,
    PROMISE_DATE,
    PARTIAL_AMOUNT,
    PARTIAL_DATE,
    DISPUTE_NOTE,
    SIGNATURE,
    CONTACT,
    AMOUNT_VAT,
    PAID_PART,
) = range(17)


class Answers(TypedDict, total=False):
    """The intake's draft, as stored (dates ISO, amounts as text)."""

    name: str
    kind: str  # a DebtorKind
    siren: str | None  # from the register look-up or the invoice PDF
    address: str | None
    insolvency: dict[str, Any] | None  # the chosen company's latest proceeding
    matches: list[dict[str, Any]]  # the register's matches while one is chosen
    amount: str
    amount_excl_vat: str  # while asking whether VAT is owed on top
    number: str | None  # None: skipped
    issue_date: str
    due_date: str
    service_date: str  # from the invoice PDF
    penalty_rate: str  # from the invoice PDF
    step: str | None  # the last Step done, None: nothing yet
    step_date: str
    reaction: str  # "none", a ResponseKind, or "partial"
    paid_part: str  # "yes" | "no": whether the client already paid a part
    promised_date: str
    partial_amount: str  # a part already paid, recorded as a payment
    partial_date: str
    note: str | None
    case_id: int  # once the case is stored


DRAFTS = Drafts(FLOW)
KINDS = (DebtorKind.BUSINESS, DebtorKind.PUBLIC, DebtorKind.CONSUMER)  # in the buttons' order


async def remember(context: RelanceContext, **answers: object) -> Answers:
    """The answers so far, with these (dates and amounts as the draft stores them, text)."""
    data: Answers = await DRAFTS.load(context)
    for key, value in answers.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        data[key] = value
    return data


def kind_keyboard() -> InlineKeyboardMarkup:
    return keyboard([[cb.KIND.button(label("kind", k), kind=k)] for k in KINDS])


def done_keyboard() -> InlineKeyboardMarkup:
    steps = ("none", *cb.INTAKE_STEPS)
    return keyboard([[cb.DONE.button(label("step", s), step=s)] for s in steps])


def reaction_keyboard() -> InlineKeyboardMarkup:
    return keyboard([[cb.REACTION.button(label("response", r), reaction=r)] for r in cb.REACTIONS])


async def ask_again(
    context: RelanceContext, state: int, question: str, markup: InlineKeyboardMarkup
) -> int:
    """A typed answer that names no button: one message saying so, the question and its
    buttons again (the guard first when the text is risky)."""
    if await guard_reply(context, context.text):
        await context.send(question, markup)
    else:
        await context.send(f"{render_html('error/use_buttons_below')}\n\n{question}", markup)
    return state


async def ask_next(context: RelanceContext, data: Answers) -> int:
    """Ask the first question still unanswered, in the intake's order (an invoice PDF may
    have answered several at once)."""
    if not data.get("name"):
        return await DRAFTS.advance(context, data, NAME, "ask/name")
    if not data.get("kind"):
        return await DRAFTS.advance(
            context, data, KIND, "ask/kind", kind_keyboard(), name=data["name"]
        )
    if not data.get("amount"):
        return await DRAFTS.advance(context, data, AMOUNT, "ask/amount")
    if "number" not in data:
        skip = keyboard([[cb.NUMBER_SKIP.button("Passer")]])
        return await DRAFTS.advance(context, data, NUMBER, "ask/number", skip)
    if not data.get("due_date") and not data.get("issue_date"):
        unknown = keyboard([[cb.DUE_UNKNOWN.button("Je ne connais que la date de facture")]])
        return await DRAFTS.advance(context, data, DUE, "ask/due", unknown)
    if not data.get("due_date"):
        issue = date.fromisoformat(data["issue_date"])
        data["due_date"] = default_due_date(issue, DebtorKind(data["kind"])).isoformat()
    return await after_dates(context, data)


async def after_dates(context: RelanceContext, data: Answers) -> int:
    """The invoice is known: what was already done about it?"""
    return await DRAFTS.advance(context, data, DONE, "ask/done", done_keyboard())
