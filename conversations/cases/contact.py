"""Record a contact made with the client: step → channel (a call is by phone) → date."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup
from telegram.ext import ConversationHandler

from bot.domain.facts import Channel, Contact, Step
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases.flow import (
    CONTACT_CHANNEL,
    CONTACT_DATE,
    CONTACT_STEP,
    CaseDraft,
    advance,
    draft_case,
    load,
    recorded,
    stale_end,
    start_flow,
    today_button,
)
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, keyboard


def _step_keyboard() -> InlineKeyboardMarkup:
    return keyboard([[cb.CONTACT_STEP.button(label("step", s), step=s)] for s in cb.CONTACT_STEPS])


def _channel_keyboard() -> InlineKeyboardMarkup:
    items = cb.CONTACT_CHANNELS
    return keyboard(
        [
            [cb.CONTACT_CHANNEL.button(label("channel", c), channel=c) for c in items[i : i + 2]]
            for i in range(0, len(items), 2)
        ]
    )


async def start(_update: object, context: RelanceContext) -> int:
    stored = await start_flow(context)
    if stored is None:
        return ConversationHandler.END
    draft = CaseDraft("contact", stored.id)
    debtor = stored.case.debtor.name
    return await advance(
        context, draft, CONTACT_STEP, "contact_step", _step_keyboard(), debtor=debtor
    )


async def _ask_date(context: RelanceContext, draft: CaseDraft) -> int:
    assert draft.step is not None
    markup = today_button(cb.CONTACT_TODAY)
    step_label = label("step", draft.step)
    return await advance(
        context, draft, CONTACT_DATE, "contact_date", markup, step_label=step_label
    )


async def got_step(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    draft = await load(context)
    if draft is None:
        return await stale_end(context)
    draft.step = Step(context.match["step"])
    if draft.step == Step.CALL:
        draft.channel = Channel.PHONE
        return await _ask_date(context, draft)
    return await advance(context, draft, CONTACT_CHANNEL, "contact_channel", _channel_keyboard())


async def got_channel(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    draft = await load(context)
    if draft is None:
        return await stale_end(context)
    draft.channel = Channel(context.match["channel"])
    return await _ask_date(context, draft)


async def got_date(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    when = inputs.past_date(context)
    if isinstance(when, inputs.Invalid):
        return await inputs.again(context, when, CONTACT_DATE)
    draft, stored = await draft_case(context)
    if draft is None or stored is None or draft.step is None or draft.channel is None:
        return await stale_end(context)
    contact = Contact(date=when, step=draft.step, channel=draft.channel)
    await context.repo.add_contact(context.user_id, stored.id, contact)
    return await recorded(context, stored.id, "contact", when=when)
