"""The intake's questions about what happened since the invoice: what was already sent (and
when), how the client reacted — a promised date, a part paid, a dispute's note."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.facts import ResponseKind, Step
from bot.domain.understand import choices
from bot.words.render import money
from conversations import callbacks as cb
from conversations import inputs
from conversations.context import RelanceContext
from conversations.intake.finish import finish, paid_part_keyboard
from conversations.intake.flow import (
    DISPUTE_NOTE,
    DONE,
    DONE_DATE,
    DRAFTS,
    PAID_PART,
    PARTIAL_AMOUNT,
    PARTIAL_DATE,
    PROMISE_DATE,
    REACTION,
    ask_again,
    done_keyboard,
    reaction_keyboard,
    remember,
)
from conversations.labels import label
from conversations.replying import close_choice, guard_reply, keyboard, render_html


async def got_done(_update: object, context: RelanceContext) -> int:
    choice = context.match["step"]
    await close_choice(context, label("step", choice))
    return await _chosen_done(context, choice)


async def typed_done(_update: object, context: RelanceContext) -> int:
    """Typed "rien encore", "une relance ferme"…: the button named; else ask again."""
    named = choices.step_named(context.text)
    if named is None or named not in ("none", *cb.INTAKE_STEPS):
        return await ask_again(context, DONE, render_html("ask/done"), done_keyboard())
    return await _chosen_done(context, named)


async def _chosen_done(context: RelanceContext, choice: str) -> int:
    data = await DRAFTS.load(context)
    if choice == "none":
        data["step"] = None
        return await finish(context, data)
    step = Step(choice)
    data["step"] = step.value
    return await DRAFTS.advance(
        context, data, DONE_DATE, "ask/done_date", step_label=label("step", step)
    )


async def got_done_date(_update: object, context: RelanceContext) -> int:
    data = await remember(context, step_date=inputs.past_date(context))
    return await DRAFTS.advance(context, data, REACTION, "ask/reaction", reaction_keyboard())


async def got_reaction(_update: object, context: RelanceContext) -> int:
    reaction = context.match["reaction"]
    await close_choice(context, label("response", reaction))
    return await _chosen_reaction(context, reaction)


async def typed_reaction(_update: object, context: RelanceContext) -> int:
    """The reaction described in words ("il a promis de payer vendredi": a promise on that
    Friday); what it says beyond the button (the date, the amount) spares a question."""
    text = context.text
    today = context.today()
    named = choices.reaction_named(text, today)
    if named is None or named.key not in cb.REACTIONS:
        return await ask_again(context, REACTION, render_html("ask/reaction"), reaction_keyboard())
    data = await DRAFTS.load(context)
    if named.key == ResponseKind.PROMISE.value and named.when and named.when >= today:
        data.update(reaction=named.key, promised_date=named.when.isoformat())
        return await finish(context, data)
    if named.key == ResponseKind.DISPUTE.value:
        note = inputs.checked_note(text)
        await guard_reply(context, text)
        data.update(reaction=named.key, note=note or None)
        return await finish(context, data)
    return await _chosen_reaction(context, named.key)


# The question that follows a reaction, when it has one.
FOLLOW_UP = {
    ResponseKind.PROMISE.value: (PROMISE_DATE, "ask/promise_date"),
    "partial": (PARTIAL_AMOUNT, "ask/partial_amount"),
    ResponseKind.DISPUTE.value: (DISPUTE_NOTE, "ask/dispute_note"),
}


async def _chosen_reaction(context: RelanceContext, reaction: str) -> int:
    data = await DRAFTS.load(context)
    data["reaction"] = reaction
    follow_up = FOLLOW_UP.get(reaction)
    if follow_up is None:
        return await finish(context, data)
    state, question = follow_up
    skip = keyboard([[cb.DISPUTE_NO_NOTE.button("Passer")]]) if state == DISPUTE_NOTE else None
    return await DRAFTS.advance(context, data, state, question, skip)


async def got_promise_date(_update: object, context: RelanceContext) -> int:
    promised = inputs.promised_date(context)
    return await finish(context, await remember(context, promised_date=promised))


async def got_partial_amount(_update: object, context: RelanceContext) -> int:
    """A part paid: less than the invoice's amount (else it was paid in full)."""
    amount = inputs.amount(context)
    data = await DRAFTS.load(context)
    if amount >= Decimal(data["amount"]):
        raise inputs.Invalid("partial_too_big", amount=money(data["amount"]))
    data["partial_amount"] = str(amount)
    return await DRAFTS.advance(context, data, PARTIAL_DATE, "ask/partial_date")


async def got_partial_date(_update: object, context: RelanceContext) -> int:
    when = inputs.past_date(context)
    return await finish(context, await remember(context, partial_date=when))


async def got_dispute_note(_update: object, context: RelanceContext) -> int:
    data = await DRAFTS.load(context)
    if context.pressed:
        await close_choice(context, "Passer")
        data["note"] = None
    else:
        data["note"] = await inputs.note(context)
    return await finish(context, data)


async def got_paid_part(_update: object, context: RelanceContext) -> int:
    """Oui / Non: has the client already paid a part? (Oui: how much, and when.)"""
    answer = context.match["answer"]
    await close_choice(context, "Oui" if answer == "yes" else "Non")
    return await _paid_part(context, answer)


async def typed_paid_part(_update: object, context: RelanceContext) -> int:
    """A typed "oui" or "non" counts as the button; anything else asks again."""
    word = context.text.strip().rstrip(".!").casefold()
    if word not in ("oui", "non"):
        question = render_html("ask/paid_part")
        return await ask_again(context, PAID_PART, question, paid_part_keyboard())
    return await _paid_part(context, "yes" if word == "oui" else "no")


async def _paid_part(context: RelanceContext, answer: str) -> int:
    data = await remember(context, paid_part=answer)
    if answer == "no":
        return await finish(context, data)
    return await DRAFTS.advance(context, data, PARTIAL_AMOUNT, "ask/partial_amount")
