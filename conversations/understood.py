"""Free text read and acted on (DESIGN §9): an event about a case is proposed back and
recorded only after the user's tap; a question is answered from the case; a command is done.

What was understood travels in the buttons' callback data (`u:<verb>:<case>:<fact>`), not in
memory: a restart between the proposal and the tap loses nothing, and a tap records exactly
what the proposal said. Recording reuses the case card's own steps (`conversations.cases`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from telegram import InlineKeyboardMarkup
from telegram.ext import BaseHandler

from bot.domain.assess import assess
from bot.domain.contract import MAX_AMOUNT
from bot.domain.facts import Channel, Contact, ResponseKind, Step
from bot.domain.money import balance
from bot.domain.parsing import plausible_date
from bot.domain.understand import EVENTS, INTENTS, RESPONSES, Reading, understand
from bot.store import StoredCase
from bot.words.render import money
from conversations import callbacks as cb
from conversations import start
from conversations.cases.case_list import show_list
from conversations.cases.flow import recorded
from conversations.cases.payment import record_payment
from conversations.cases.response import record_response
from conversations.context import RelanceContext
from conversations.replying import answer_query, close_choice, keyboard, reply, stale
from conversations.routing import on

_CHANNELS = list(Channel)
_STEPS = list(Step)
MAX_PICK = 8


@dataclass(frozen=True)
class Fact:
    """One event read from a message, small enough to ride in callback data."""

    intent: str
    amount: Decimal | None = None
    when: date | None = None
    channel: Channel | None = None
    step: Step | None = None

    @classmethod
    def of(cls, reading: Reading) -> Fact:
        return cls(
            reading.intent,
            reading.amount,
            reading.date,
            Channel(reading.channel) if reading.channel else None,
            Step(reading.step) if reading.step else None,
        )

    def encode(self) -> str:
        cents = "" if self.amount is None else str(int(self.amount * 100))
        when = "" if self.when is None else self.when.strftime("%Y%m%d")
        channel = "" if self.channel is None else str(_CHANNELS.index(self.channel))
        step = "" if self.step is None else str(_STEPS.index(self.step))
        return ":".join((str(INTENTS.index(self.intent)), cents, when, channel, step))

    @classmethod
    def decode(cls, parts: list[str]) -> Fact | None:
        """The fact of `encode`'s parts, or None when they are not ours (forged, stale)."""
        try:
            intent, cents, when, channel, step = parts
            fact = cls(
                INTENTS[int(intent)],
                Decimal(int(cents)) / 100 if cents else None,
                date(int(when[:4]), int(when[4:6]), int(when[6:])) if when else None,
                _CHANNELS[int(channel)] if channel else None,
                _STEPS[int(step)] if step else None,
            )
        except (ValueError, IndexError):
            return None
        if fact.amount is not None and not 0 < fact.amount <= MAX_AMOUNT:
            return None
        if fact.when is not None and not plausible_date(fact.when):
            return None
        return fact if fact.intent in EVENTS else None


# --- finding the case ---------------------------------------------------------------------


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c))
        .casefold()
        .split()
    )


def matches_hint(stored: StoredCase, hint: str) -> bool:
    """The hint names this case: its invoice number ("45" for "F-2026-045") or its client."""
    wanted = _plain(hint)
    if not wanted:
        return False
    number = _plain(stored.case.invoice.number or "")
    if number and (wanted == number or wanted.replace(" ", "") == number.replace(" ", "")):
        return True
    if wanted.isdigit() and number:
        tail = number.split()[-1]
        if tail.isdigit() and int(tail) == int(wanted):
            return True
    name = _plain(stored.case.debtor.name)
    return bool(name) and (wanted in name or name in wanted)


# Words of a client's name too common to pick a case by ("Atelier", "SARL").
_GENERIC_NAME_WORDS = frozenset(
    {
        "atelier", "studio", "agence", "societe", "sarl", "sas", "sasu", "eurl", "cabinet",
        "boutique", "entreprise", "monsieur", "madame", "mme", "groupe", "conseil",
        "services", "france",
    }
)  # fmt: skip


def named_in(stored: StoredCase, text: str) -> bool:
    """A distinctive word of the client's name appears in the text ("dupuis" → Atelier Dupuis)."""
    words = set(_plain(text).split())
    name_words = [w for w in _plain(stored.case.debtor.name).split() if len(w) >= 3]
    return any(w in words for w in name_words if w not in _GENERIC_NAME_WORDS)


async def _find_case(
    context: RelanceContext, reading: Reading, text: str
) -> tuple[StoredCase | None, list[StoredCase]]:
    """The case meant (by the hint, a client named in the text, else the only open one)
    and all open cases."""
    open_cases = await context.services.open_cases(context.user_id)
    for pick in (
        lambda s: bool(reading.case_hint) and matches_hint(s, reading.case_hint or ""),
        lambda s: named_in(s, text),
    ):
        named = [s for s in open_cases if pick(s)]
        if len(named) == 1:
            return named[0], open_cases
    if len(open_cases) == 1:
        return open_cases[0], open_cases
    return None, open_cases


def _pick_keyboard(
    open_cases: list[StoredCase], action: cb.Action, **values: object
) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                action.button(
                    f"{s.case.debtor.name[:28]} — {money(balance(s.case))}", case=s.id, **values
                )
            ]
            for s in open_cases[:MAX_PICK]
        ]
    )


MAIN_BUTTONS = [[cb.CASES.button("📁 Mes dossiers"), cb.NEW_CASE.button("➕ Nouveau dossier")]]


# --- reading one message ----------------------------------------------------------------------


async def on_free_text(context: RelanceContext, text: str, *, forwarded: bool = False) -> None:
    """Act on a message typed (or forwarded) outside any question."""
    reading = understand(text, context.today(), forwarded=forwarded, with_guard=False)
    intent = reading.intent
    if intent in EVENTS:
        await _event(context, reading, text)
    elif intent in {"ask_amount", "ask_next"}:
        stored, open_cases = await _find_case(context, reading, text)
        if stored is not None:
            await _answer(context, stored, intent)
        elif open_cases:
            code = INTENTS.index(intent)
            markup = _pick_keyboard(open_cases, cb.ASK_ABOUT, intent=code)
            await reply(context, "understood/pick_question", markup)
        else:
            await reply(context, "cases/empty", keyboard(MAIN_BUTTONS))
    elif intent == "list_cases":
        await show_list(context)
    elif intent == "new_case":
        await reply(
            context, "understood/new_case", keyboard([[cb.NEW_CASE.button("➕ Nouveau dossier")]])
        )
    elif intent == "cancel":
        await reply(context, "nothing_to_cancel", keyboard(MAIN_BUTTONS))
    elif intent == "help":
        await start.aide(None, context)
    elif intent == "chitchat":
        thanks = "merci" in text.casefold() or "🙏" in text
        await reply(context, "understood/chitchat", keyboard(MAIN_BUTTONS), thanks=thanks)
    else:
        await reply(context, "idle", keyboard(MAIN_BUTTONS))


async def _event(context: RelanceContext, reading: Reading, text: str) -> None:
    fact = Fact.of(reading)
    stored, open_cases = await _find_case(context, reading, text)
    if stored is not None:
        await _propose(
            context,
            stored,
            fact,
            several=len(open_cases) > 1,
            client_voice=reading.client_voice,
            excl_vat=reading.excl_vat,
        )
    elif open_cases:
        await _ask_pick(context, fact, open_cases)
    else:
        await reply(context, "understood/no_case", keyboard(MAIN_BUTTONS))


async def _ask_pick(context: RelanceContext, fact: Fact, open_cases: list[StoredCase]) -> None:
    described = _describe(fact, None, context.today())
    markup = _pick_keyboard(open_cases, cb.PICK_CASE, fact=fact.encode())
    await reply(context, "understood/pick", markup, fact=described)


def _describe(fact: Fact, stored: StoredCase | None, today: date) -> dict[str, object]:
    """What the proposal says, for the template (what `_record` will record)."""
    amount = fact.amount
    whole = False
    if fact.intent == "payment" and amount is None and stored is not None:
        amount, whole = balance(stored.case), True
    when = fact.when
    if fact.intent in {"payment", "contact"}:
        when = min(when, today) if when else today
    return {
        "intent": fact.intent,
        "amount": amount,
        "whole": whole,
        "when": when,
        "channel": fact.channel.value if fact.channel else None,
        "step": fact.step.value if fact.step else None,
    }


def _fix_button(fact: Fact, case_id: int) -> tuple[str, str]:
    """The case card's own guided step for this kind of fact ("Corriger")."""
    action = {"payment": cb.PAYMENT, "contact": cb.CONTACT}.get(fact.intent, cb.RESPONSE)
    return action.button("✏️ Corriger", case=case_id)


async def _propose(
    context: RelanceContext,
    stored: StoredCase,
    fact: Fact,
    *,
    several: bool,
    client_voice: bool = False,
    excl_vat: bool = False,
) -> None:
    payload = fact.encode()
    rows = [[cb.CONFIRM_FACT.button("✅ Oui", case=stored.id, fact=payload)]]
    second = [_fix_button(fact, stored.id)]
    if several:
        second.insert(0, cb.OTHER_CASE.button("📁 Autre dossier", case=0, fact=payload))
    rows.append(second)
    await reply(
        context,
        "understood/proposal",
        keyboard(rows),
        fact=_describe(fact, stored, context.today()),
        debtor=stored.case.debtor.name,
        number=stored.case.invoice.number,
        client_voice=client_voice,
        excl_vat=excl_vat,
    )


# --- questions ------------------------------------------------------------------------------------


async def _answer(context: RelanceContext, stored: StoredCase, intent: str) -> None:
    today = context.today()
    result = assess(stored.case, today)
    await reply(
        context,
        "understood/amount" if intent == "ask_amount" else "understood/next",
        keyboard(
            [
                [cb.MESSAGE.button("✉️ Voir le message", case=stored.id, channel="email")],
                [cb.CASE.button("📁 Voir le dossier", case=stored.id)],
            ]
        ),
        debtor=stored.case.debtor.name,
        today=today,
        amounts=result.amounts,
        stage=result.stage.value,
        due_now=result.due_now,
        next_step_on=result.next_step_on,
    )


# --- the buttons ------------------------------------------------------------------------------


async def on_ask_about(_update: object, context: RelanceContext) -> None:
    """`u:q:<case>:<intent>`: the question asked, about the case picked."""
    code = int(context.match["intent"])
    if code >= len(INTENTS):
        return await stale(context)
    await answer_query(context)
    stored = await _owned_open(context)
    if stored is not None:
        await _answer(context, stored, INTENTS[code])
    return None


def _fact(handler):
    """A button carrying a fact: decoded (a forged or stale one is said so), then handled."""

    async def on_button(_update: object, context: RelanceContext) -> None:
        fact = Fact.decode(context.match["fact"].split(":"))
        if fact is None:
            return await stale(context)
        return await handler(context, fact)

    return on_button


@_fact
async def on_other_case(context: RelanceContext, fact: Fact) -> None:
    """ "Autre dossier": the open cases to pick from."""
    await answer_query(context)
    await _ask_pick(context, fact, await context.services.open_cases(context.user_id))


@_fact
async def on_picked(context: RelanceContext, fact: Fact) -> None:
    """A case picked for the fact: the proposal, about that case."""
    stored = await _owned_open(context)
    if stored is not None:
        await close_choice(context, stored.case.debtor.name)
        await _propose(context, stored, fact, several=False)


@_fact
async def on_confirmed(context: RelanceContext, fact: Fact) -> None:
    """ "Oui": the fact recorded."""
    stored = await _owned_open(context)
    if stored is not None:
        await close_choice(context, "Oui")
        await _record(context, stored, fact)


async def _owned_open(context: RelanceContext) -> StoredCase | None:
    """The user's open case the button names; otherwise say why and return None."""
    stored = await context.case(context.match["case"])
    if stored is None:
        await stale(context)
        return None
    if not stored.is_open:
        await answer_query(context)
        await reply(context, "cases/not_open", debtor=stored.case.debtor.name)
        return None
    return stored


async def _record(context: RelanceContext, stored: StoredCase, fact: Fact) -> None:
    """Record the confirmed fact through the case card's own steps."""
    today = context.today()
    when = min(fact.when, today) if fact.when else today
    if fact.intent == "payment":
        amount = fact.amount if fact.amount is not None else balance(stored.case)
        claimable = assess(stored.case, today).amounts.total
        if amount > claimable:  # as when typed: more than all that is owed is not a payment
            await reply(context, "cases/error/pay_too_big", total=money(claimable))
            return
        await record_payment(context, stored, amount, when)
    elif fact.intent == "contact":
        step = fact.step or _default_step(stored, fact.channel, today)
        channel = fact.channel or (Channel.PHONE if step == Step.CALL else Channel.OTHER)
        contact = Contact(date=when, step=step, channel=channel)
        await context.repo.add_contact(context.user_id, stored.id, contact)
        await recorded(context, stored.id, "contact", when=when)
    elif fact.intent in RESPONSES:
        promised = fact.when if fact.intent == "promise" and fact.when else None
        await record_response(context, stored.id, ResponseKind(fact.intent), promised=promised)


def _default_step(stored: StoredCase, channel: Channel | None, today: date) -> Step:
    """A contact whose step was not named: a call by phone, else the step the ladder was at."""
    if channel == Channel.PHONE:
        return Step.CALL
    stage = assess(stored.case, today).stage.value
    step = Step(stage) if stage in {s.value for s in Step} else Step.OTHER
    return step if step.rank is not None else Step.OTHER


def handlers() -> list[BaseHandler]:
    return [
        on(cb.ASK_ABOUT, on_ask_about),
        on(cb.PICK_CASE, on_picked),
        on(cb.OTHER_CASE, on_other_case),
        on(cb.CONFIRM_FACT, on_confirmed),
    ]
