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

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot.domain.assess import assess
from bot.domain.contract import MAX_AMOUNT
from bot.domain.facts import Channel, Contact, Step
from bot.domain.understand import EVENTS, INTENTS, RESPONSES, Reading, understand
from bot.store import StoredCase
from bot.words.render import money
from conversations import cases, start
from conversations.common import (
    answer_query,
    close_choice,
    html,
    keyboard,
    send,
    services,
    user_ids,
    user_today,
)

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
    update: Update, context: ContextTypes.DEFAULT_TYPE, reading: Reading, text: str
) -> tuple[StoredCase | None, list[StoredCase]]:
    """The case meant (by the hint, a client named in the text, else the only open one)
    and all open cases."""
    user_id, _ = user_ids(update)
    open_cases = await services(context).open_cases(user_id)
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


def _pick_keyboard(open_cases: list[StoredCase], verb: str, payload: str) -> InlineKeyboardMarkup:
    return keyboard(
        [
            [
                (
                    f"{s.case.debtor.name[:28]} — {money(cases.balance_of(s))}",
                    f"u:{verb}:{s.id}:{payload}",
                )
            ]
            for s in open_cases[:MAX_PICK]
        ]
    )


MAIN_BUTTONS = [[("📁 Mes dossiers", "cases"), ("➕ Nouveau dossier", "new")]]


# --- reading one message ----------------------------------------------------------------------


async def on_free_text(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, *, forwarded: bool = False
) -> None:
    """Act on a message typed (or forwarded) outside any question."""
    reading = understand(text, user_today(context), forwarded=forwarded, with_guard=False)
    intent = reading.intent
    if intent in EVENTS:
        await _event(update, context, reading, text)
    elif intent in {"ask_amount", "ask_next"}:
        stored, open_cases = await _find_case(update, context, reading, text)
        code = INTENTS.index(intent)
        if stored is not None:
            await _answer(update, context, stored, intent)
        elif open_cases:
            await send(
                update,
                context,
                html("understood/pick_question"),
                _pick_keyboard(open_cases, "q", str(code)),
            )
        else:
            await send(update, context, html("cases/empty"), keyboard(MAIN_BUTTONS))
    elif intent == "list_cases":
        await cases.show_list(update, context)
    elif intent == "new_case":
        await send(
            update,
            context,
            html("understood/new_case"),
            keyboard([[("➕ Nouveau dossier", "new")]]),
        )
    elif intent == "cancel":
        await send(update, context, html("nothing_to_cancel"), keyboard(MAIN_BUTTONS))
    elif intent == "help":
        await start.aide(update, context)
    elif intent == "chitchat":
        thanks = "merci" in text.casefold() or "🙏" in text
        await send(
            update, context, html("understood/chitchat", thanks=thanks), keyboard(MAIN_BUTTONS)
        )
    else:
        await send(update, context, html("idle"), keyboard(MAIN_BUTTONS))


async def _event(
    update: Update, context: ContextTypes.DEFAULT_TYPE, reading: Reading, text: str
) -> None:
    fact = Fact.of(reading)
    stored, open_cases = await _find_case(update, context, reading, text)
    if stored is not None:
        await _propose(
            update,
            context,
            stored,
            fact,
            several=len(open_cases) > 1,
            client_voice=reading.client_voice,
            excl_vat=reading.excl_vat,
        )
    elif open_cases:
        await _ask_pick(update, context, fact, open_cases)
    else:
        await send(update, context, html("understood/no_case"), keyboard(MAIN_BUTTONS))


async def _ask_pick(
    update: Update, context: ContextTypes.DEFAULT_TYPE, fact: Fact, open_cases: list[StoredCase]
) -> None:
    described = _describe(fact, None, user_today(context))
    await send(
        update,
        context,
        html("understood/pick", fact=described),
        _pick_keyboard(open_cases, "p", fact.encode()),
    )


def _describe(fact: Fact, stored: StoredCase | None, today: date) -> dict[str, object]:
    """What the proposal says, for the template (what `_record` will record)."""
    amount = fact.amount
    whole = False
    if fact.intent == "payment" and amount is None and stored is not None:
        amount, whole = cases.balance_of(stored), True
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


def _fix_data(fact: Fact, case_id: int) -> str:
    """The case card's own guided step for this kind of fact ("Corriger")."""
    if fact.intent == "payment":
        return f"pay:{case_id}"
    if fact.intent == "contact":
        return f"c:{case_id}:contact"
    return f"c:{case_id}:resp"


async def _propose(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    stored: StoredCase,
    fact: Fact,
    *,
    several: bool,
    client_voice: bool = False,
    excl_vat: bool = False,
) -> None:
    payload = fact.encode()
    rows = [[("✅ Oui", f"u:y:{stored.id}:{payload}")]]
    second = [("✏️ Corriger", _fix_data(fact, stored.id))]
    if several:
        second.insert(0, ("📁 Autre dossier", f"u:o:0:{payload}"))
    rows.append(second)
    await send(
        update,
        context,
        html(
            "understood/proposal",
            fact=_describe(fact, stored, user_today(context)),
            debtor=stored.case.debtor.name,
            number=stored.case.invoice.number,
            client_voice=client_voice,
            excl_vat=excl_vat,
        ),
        keyboard(rows),
    )


# --- questions ------------------------------------------------------------------------------------


async def _answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, stored: StoredCase, intent: str
) -> None:
    today = user_today(context)
    result = assess(stored.case, today)
    await send(
        update,
        context,
        html(
            "understood/amount" if intent == "ask_amount" else "understood/next",
            debtor=stored.case.debtor.name,
            today=today,
            amounts=result.amounts,
            stage=result.stage.value,
            due_now=result.due_now,
            next_step_on=result.next_step_on,
        ),
        keyboard(
            [
                [("✉️ Voir le message", f"a:{stored.id}:ch:email")],
                [("📁 Voir le dossier", f"case:{stored.id}")],
            ]
        ),
    )


# --- the buttons ------------------------------------------------------------------------------


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    parts = (update.callback_query.data or "").split(":")
    verb, raw_id, rest = parts[1], parts[2], parts[3:]
    if verb == "q" and len(rest) == 1 and rest[0].isdigit() and int(rest[0]) < len(INTENTS):
        await answer_query(update)
        stored = await _owned_open(update, context, raw_id)
        if stored is not None:
            await _answer(update, context, stored, INTENTS[int(rest[0])])
        return
    fact = Fact.decode(rest)
    if fact is None:
        await answer_query(update)
        await send(update, context, html("stale_button"))
        return
    if verb == "o":
        await answer_query(update)
        user_id, _ = user_ids(update)
        open_cases = await services(context).open_cases(user_id)
        await _ask_pick(update, context, fact, open_cases)
        return
    stored = await _owned_open(update, context, raw_id)
    if stored is None:
        return
    if verb == "p":
        await close_choice(update, stored.case.debtor.name)
        await _propose(update, context, stored, fact, several=False)
    elif verb == "y":
        await close_choice(update, "Oui")
        await _record(update, context, stored, fact)
    else:
        await send(update, context, html("stale_button"))


async def _owned_open(
    update: Update, context: ContextTypes.DEFAULT_TYPE, raw_id: str
) -> StoredCase | None:
    """The user's open case of that id; otherwise say why and return None."""
    user_id, _ = user_ids(update)
    stored = await services(context).case(user_id, raw_id)
    if stored is None:
        await answer_query(update)
        await send(update, context, html("stale_button"))
        return None
    if not stored.is_open:
        await answer_query(update)
        await send(update, context, html("cases/not_open", debtor=stored.case.debtor.name))
        return None
    return stored


async def _record(
    update: Update, context: ContextTypes.DEFAULT_TYPE, stored: StoredCase, fact: Fact
) -> None:
    """Record the confirmed fact through the case card's own steps."""
    today = user_today(context)
    when = min(fact.when, today) if fact.when else today
    if fact.intent == "payment":
        amount = fact.amount if fact.amount is not None else cases.balance_of(stored)
        await cases.record_payment(update, context, stored, amount, when)
    elif fact.intent == "contact":
        step = fact.step or _default_step(stored, fact.channel, today)
        channel = fact.channel or (Channel.PHONE if step == Step.CALL else Channel.OTHER)
        user_id, _ = user_ids(update)
        contact = Contact(date=when, step=step, channel=channel)
        await services(context).repo.add_contact(user_id, stored.id, contact)
        await cases.recorded(update, context, stored.id, "contact", when=when)
    elif fact.intent in RESPONSES:
        promised = fact.when if fact.intent == "promise" and fact.when else None
        data = {
            "case_id": stored.id,
            "kind": fact.intent,
            "promised_date": promised.isoformat() if promised else None,
            "note": None,
        }
        await cases.record_response(update, context, data)


def _default_step(stored: StoredCase, channel: Channel | None, today: date) -> Step:
    """A contact whose step was not named: a call by phone, else the step the ladder was at."""
    if channel == Channel.PHONE:
        return Step.CALL
    stage = assess(stored.case, today).stage.value
    step = Step(stage) if stage in {s.value for s in Step} else Step.OTHER
    return step if step.rank is not None else Step.OTHER


def handlers() -> list[CallbackQueryHandler]:
    return [CallbackQueryHandler(on_button, pattern=r"^u:[yopq]:\d{1,18}:")]
