"""Ask just in time, once (DESIGN §6): before a message is shown, the details it needs.

A channel button (`a:<case>:ch:<channel>`) or the PDF button (`a:<case>:pdf`) first checks
what that message needs and the bot does not know yet (`bot.words.messages.message_missing`): the
sender's name and one contact, and for a letter the sender's address and city and the client's
address. One short question each; the answer is stored at once (the user's profile, or the
case's client for its next invoices too) and the pending question is written before the bot
replies, so it survives a restart. Then the message (or the PDF) comes.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
)

from bot.domain.assess import assess
from bot.domain.facts import DebtorKind, MessageChannel
from conversations import answer
from conversations.common import (
    TEXT,
    Drafts,
    answer_query,
    close_choice,
    html,
    keyboard,
    retry,
    send,
    services,
    user_ids,
)
from conversations.profile import clean_address, clean_contact, clean_text

FLOW = "details"
ASK = 0
_DRAFTS = Drafts(FLOW)
QUESTION = {
    "full_name": "details/full_name",
    "contact": "details/contact",
    "address": "details/address",
    "city": "details/city",
    "debtor.address": "details/debtor_address",
    "debtor.contact": "details/debtor_contact",
}
# Optional, asked once with the first questions, for the greeting ("Bonjour Madame Martin,").
GREETED_CHANNELS = (MessageChannel.EMAIL.value, MessageChannel.LETTER.value)
CIVILITIES = {"madame": "madame", "mme": "madame", "monsieur": "monsieur", "m": "monsieur"}


def _wanted(data: str) -> tuple[int, str, bool] | None:
    """(case id, channel, PDF?) of an `a:<case>:ch:<channel>` or `a:<case>:pdf` button."""
    parts = data.split(":")
    if len(parts) < 3 or not parts[1].isdigit():
        return None
    if parts[2] == "pdf" and len(parts) == 3:
        return int(parts[1]), MessageChannel.LETTER.value, True
    if parts[2] == "ch" and len(parts) == 4 and parts[3] in MessageChannel.__members__.values():
        return int(parts[1]), parts[3], False
    return None


async def _missing(update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict[str, Any]):
    """The stored case and what its message still needs (None: the case is not the user's)."""
    from bot.words.messages import channels_for, message_missing, step_for

    user_id, _ = user_ids(update)
    svc = services(context)
    stored = await svc.case(user_id, data["case_id"])
    if stored is None:
        return None, []
    channel = data["channel"]
    if not data["pdf"]:
        step = step_for(assess(stored.case, svc.clock.today()))
        if step is None:
            return stored, []
        if channel not in channels_for(step):
            channel = MessageChannel.EMAIL.value  # the message falls back to e-mail
    missing = message_missing(stored.case, channel, await svc.profile(user_id))
    if missing:
        data["asking"] = True
    elif (
        data.get("asking")
        and channel in GREETED_CHANNELS
        and stored.case.debtor.kind is not DebtorKind.CONSUMER  # the client is the person
        and not stored.case.debtor.contact_name
        and not data.get("contact_done")
    ):
        missing = ["debtor.contact"]
    return stored, missing


async def _next(update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict[str, Any]) -> int:
    """Ask the first missing detail, or show what was asked for."""
    stored, missing = await _missing(update, context, data)
    if stored is None:
        state = await _DRAFTS.end(update, context)
        await send(update, context, html("stale_button"))
        return state
    if missing:
        field = missing[0]
        state = await _DRAFTS.save(update, context, {**data, "field": field}, ASK)
        skip = keyboard([[("Passer", "dt:skip")]]) if field == "debtor.contact" else None
        await send(update, context, html(QUESTION[field], debtor=stored.case.debtor.name), skip)
        return state
    state = await _DRAFTS.end(update, context)
    if data["pdf"]:
        user_id, _ = user_ids(update)
        await answer.send_letter(update, context, stored, services(context).clock.today(), user_id)
    else:
        await answer.show_assessment(
            update, context, data["case_id"], MessageChannel(data["channel"]), card=False
        )
    return state


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A channel or PDF button: ask what the message lacks, else show it."""
    await answer_query(update)
    wanted = _wanted(update.callback_query.data or "")
    if wanted is None:
        await send(update, context, html("stale_button"))
        return ConversationHandler.END
    case_id, channel, pdf = wanted
    return await _next(update, context, {"case_id": case_id, "channel": channel, "pdf": pdf})


async def got_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The typed answer: checked, stored, then the next question or the message."""
    user_id, _ = user_ids(update)
    svc = services(context)
    data = await _DRAFTS.load(update, context)
    field, text = data.get("field"), update.effective_message.text or ""
    if field == "full_name":
        value = clean_text(text)
        if value is None:
            return await retry(update, context, "profile/error/text_invalid", ASK)
        name, _, business = (part.strip() for part in value.partition("—"))
        await svc.repo.update_profile(
            user_id, full_name=name or None, business_name=business or None
        )
    elif field == "contact":
        value = clean_contact(text)
        if value is None:
            return await retry(update, context, "profile/error/contact_invalid", ASK)
        kind = "email" if "@" in value else "phone"
        await svc.repo.update_profile(user_id, **{kind: value})
    elif field in ("address", "debtor.address"):
        cleaned = clean_address(text)
        if cleaned is None:
            return await retry(update, context, "details/address_invalid", ASK)
        address, city = cleaned
        if field == "address":
            user = await svc.repo.get_user(user_id)
            extra = {} if user is not None and user.city else {"city": city}
            await svc.repo.update_profile(user_id, address=address, **extra)
        else:
            await svc.repo.update_debtor_details(user_id, data["case_id"], address=address)
    elif field == "debtor.contact":
        contact = _contact_person(text)
        if contact is None:
            return await retry(update, context, "details/debtor_contact_invalid", ASK)
        civility, name = contact
        await svc.repo.update_debtor_details(
            user_id, data["case_id"], contact_name=name, civility=civility
        )
        data["contact_done"] = True
    elif field == "city":
        value = clean_text(text)
        if value is None:
            return await retry(update, context, "profile/error/text_invalid", ASK)
        await svc.repo.update_profile(user_id, city=value)
    else:
        state = await _DRAFTS.end(update, context)
        await send(update, context, html("stale_button"))
        return state
    return await _next(update, context, data)


def _contact_person(text: str) -> tuple[str | None, str] | None:
    """(civility, name) of "Madame Martin", "M. Durand" or "Jean Martin"; None if no name."""
    value = clean_text(text)
    if value is None:
        return None
    first, _, rest = value.partition(" ")
    civility = CIVILITIES.get(first.lower().rstrip("."))
    name = rest.strip() if civility else value
    return (civility, name) if name else None


async def skip_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """"Passer" on the optional contact person: the message greets with a plain "Bonjour,"."""
    await close_choice(update, "Passer")
    data = await _DRAFTS.load(update, context)
    if data.get("field") != "debtor.contact":
        state = await _DRAFTS.end(update, context)
        await send(update, context, html("stale_button"))
        return state
    return await _next(update, context, {**data, "contact_done": True})


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = await _DRAFTS.end(update, context)
    await send(update, context, html("details/cancelled"))
    return state


def build() -> ConversationHandler:
    return ConversationHandler(
        entry_points=[CallbackQueryHandler(start, pattern=r"^a:\d+:(ch:[a-z]+|pdf)$")],
        states={
            ASK: [
                MessageHandler(TEXT, got_answer),
                CallbackQueryHandler(skip_contact, pattern=r"^dt:skip$"),
            ]
        },
        fallbacks=[CommandHandler("annuler", cancel)],
        name=FLOW,
        persistent=True,
        allow_reentry=True,
    )
