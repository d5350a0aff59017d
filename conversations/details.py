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

from telegram.ext import ConversationHandler

from bot.domain.assess import assess
from bot.domain.facts import DebtorKind, MessageChannel
from conversations import callbacks as cb
from conversations import case_reply
from conversations.context import RelanceContext
from conversations.drafts import Drafts
from conversations.inputs import Invalid
from conversations.profile import clean_address, clean_contact, clean_text, split_signature
from conversations.replying import answer_query, close_choice, keyboard, reply
from conversations.routing import dialog, on, question

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


async def _missing(context: RelanceContext, data: dict[str, Any]):
    """The stored case and what its message still needs (None: the case is not the user's)."""
    from bot.words.messages import channels_for, message_missing, step_for

    svc = context.services
    stored = await context.case(data["case_id"])
    if stored is None:
        return None, []
    channel = data["channel"]
    if not data["pdf"]:
        step = step_for(assess(stored.case, context.today()))
        if step is None:
            return stored, []
        if channel not in channels_for(step):
            channel = MessageChannel.EMAIL.value  # the message falls back to e-mail
    missing = message_missing(stored.case, channel, await svc.profile(context.user_id))
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


async def _next(context: RelanceContext, data: dict[str, Any]) -> int:
    """Ask the first missing detail, or show what was asked for."""
    stored, missing = await _missing(context, data)
    if stored is None:
        return await _stale_end(context)
    if missing:
        field = missing[0]
        skip = keyboard([[cb.DETAIL_SKIP.button("Passer")]]) if field == "debtor.contact" else None
        question, debtor = QUESTION[field], stored.case.debtor.name
        draft = {**data, "field": field}
        return await _DRAFTS.advance(context, draft, ASK, question, skip, debtor=debtor)
    state = await _DRAFTS.end(context)
    if data["pdf"]:
        await case_reply.send_letter(context, stored)
    else:
        channel = MessageChannel(data["channel"])
        await case_reply.show_assessment(context, data["case_id"], channel, card=False)
    return state


async def _stale_end(context: RelanceContext) -> int:
    state = await _DRAFTS.end(context)
    await reply(context, "stale_button")
    return state


async def start_message(_update: object, context: RelanceContext) -> int:
    """A channel button: ask what the message lacks, else show it."""
    await answer_query(context)
    data = {
        "case_id": int(context.match["case"]),
        "channel": context.match["channel"],
        "pdf": False,
    }
    return await _next(context, data)


async def start_letter(_update: object, context: RelanceContext) -> int:
    """The PDF button: ask what the letter lacks, else send it."""
    await answer_query(context)
    data = {
        "case_id": int(context.match["case"]),
        "channel": MessageChannel.LETTER.value,
        "pdf": True,
    }
    return await _next(context, data)


async def got_answer(_update: object, context: RelanceContext) -> int:
    """The typed answer: checked, stored, then the next question or the message."""
    user_id = context.user_id
    svc = context.services
    data = await _DRAFTS.load(context)
    field, text = data.get("field"), context.text
    if field == "full_name":
        value = clean_text(text)
        if value is None:
            raise Invalid("profile/error/text_invalid")
        name, business = split_signature(value)
        await svc.repo.update_profile(user_id, full_name=name, business_name=business)
    elif field == "contact":
        value = clean_contact(text)
        if value is None:
            raise Invalid("profile/error/contact_invalid")
        kind = "email" if "@" in value else "phone"
        await svc.repo.update_profile(user_id, **{kind: value})
    elif field in ("address", "debtor.address"):
        cleaned = clean_address(text)
        if cleaned is None:
            raise Invalid("details/address_invalid")
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
            raise Invalid("details/debtor_contact_invalid")
        civility, name = contact
        await svc.repo.update_debtor_details(
            user_id, data["case_id"], contact_name=name, civility=civility
        )
        data["contact_done"] = True
    elif field == "city":
        value = clean_text(text)
        if value is None:
            raise Invalid("profile/error/text_invalid")
        await svc.repo.update_profile(user_id, city=value)
    else:
        return await _stale_end(context)
    return await _next(context, data)


def _contact_person(text: str) -> tuple[str | None, str] | None:
    """(civility, name) of "Madame Martin", "M. Durand" or "Jean Martin"; None if no name."""
    value = clean_text(text)
    if value is None:
        return None
    first, _, rest = value.partition(" ")
    civility = CIVILITIES.get(first.lower().rstrip("."))
    name = rest.strip() if civility else value
    return (civility, name) if name else None


async def skip_contact(_update: object, context: RelanceContext) -> int:
    """ "Passer" on the optional contact person: the message greets with a plain "Bonjour,"."""
    await close_choice(context, "Passer")
    data = await _DRAFTS.load(context)
    if data.get("field") != "debtor.contact":
        return await _stale_end(context)
    return await _next(context, {**data, "contact_done": True})


cancel = _DRAFTS.cancel_saying("details/cancelled")


def build() -> ConversationHandler:
    return dialog(
        FLOW,
        [
            on(cb.MESSAGE, start_message),
            on(cb.LETTER_PDF, start_letter),
        ],
        {
            **question(ASK, got_answer, {cb.DETAIL_SKIP: skip_contact}),
        },
        cancel,
    )
