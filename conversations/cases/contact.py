"""Record a contact made with the client: step → channel (a call is by phone) → date."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.domain.facts import Channel, Contact, Step
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases import flow
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
    return await flow.begin(context, "contact", flow.CONTACT_STEP, "contact_step", _step_keyboard())


async def _ask_date(context: RelanceContext, draft: flow.CaseDraft) -> int:
    assert draft.step is not None
    markup = flow.today_button(cb.CONTACT_TODAY)
    step_label = label("step", draft.step)
    return await flow.advance(
        context, draft, flow.CONTACT_DATE, "contact_date", markup, step_label=step_label
    )


async def got_step(_update: object, context: RelanceContext) -> int:
    draft = await flow.pressed(context)
    if draft is None:
        return await flow.stale_end(context)
    draft.step = Step(context.match["step"])
    if draft.step == Step.CALL:
        draft.channel = Channel.PHONE
        return await _ask_date(context, draft)
    return await flow.advance(
        context, draft, flow.CONTACT_CHANNEL, "contact_channel", _channel_keyboard()
    )


async def got_channel(_update: object, context: RelanceContext) -> int:
    draft = await flow.pressed(context)
    if draft is None:
        return await flow.stale_end(context)
    draft.channel = Channel(context.match["channel"])
    return await _ask_date(context, draft)


async def got_date(_update: object, context: RelanceContext) -> int:
    """The date typed, or "Aujourd'hui": the contact is stored."""
    await answer_query(context)
    when = inputs.past_date(context)
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None or draft.step is None or draft.channel is None:
        return await flow.stale_end(context)
    contact = Contact(date=when, step=draft.step, channel=draft.channel)
    flow.DRAFTS.with_the_fact(context)  # the contact and the dialog's end commit together
    await context.repo.add_contact(context.user_id, stored.id, contact)
    return await flow.recorded(context, stored.id, "contact", when=when)
