"""The reply about a case: where it stands, the amounts, the warnings, the ready message and
its buttons ("Je l'ai envoyé", another channel, the PDF letter), and the letter itself."""

from __future__ import annotations

import logging

from markupsafe import Markup
from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import BaseHandler

from bot.domain.assess import assess
from bot.domain.facts import (
    CONTACT_STEP,
    Assessment,
    Case,
    Channel,
    Contact,
    MessageChannel,
    Stage,
    Step,
)
from bot.store import StoredCase
from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, keyboard, render_html, reply, stale
from conversations.routing import on

log = logging.getLogger(__name__)

COPY_LIMIT = 256
# The contact a sent message records, by the message's channel.
CONTACT_CHANNEL = {
    MessageChannel.EMAIL: Channel.EMAIL,
    MessageChannel.SMS: Channel.SMS,
    MessageChannel.CALL: Channel.PHONE,
    MessageChannel.LETTER: Channel.REGISTERED_LETTER,
}
LETTER_STAGES = (Stage.FORMAL_NOTICE, Stage.ESCALATION)  # where the PDF letter is offered


def card_text(
    case_name: str, number: str | None, result: Assessment, warnings: list[Markup]
) -> str:
    amounts = result.amounts
    return render_html(
        "card",
        debtor=case_name,
        number=number,
        stage=result.stage.value,
        due_now=result.due_now,
        next_step_on=result.next_step_on,
        limitation_date=result.limitation_date,
        principal=amounts.principal,
        interest=amounts.interest,
        interest_value=amounts.interest,
        indemnity=amounts.indemnity,
        indemnity_value=amounts.indemnity,
        total=amounts.total,
        annual_rate=amounts.annual_rate,
        rate_basis=amounts.rate_basis,
        provisional=amounts.provisional,
        days_overdue=result.days_overdue,
        options=[o.value for o in result.options],
        warnings=warnings,
    )


def warning_items(result: Assessment, case: Case) -> list[Markup]:
    from bot.words.messages import render_warning

    return [
        Markup(render_warning(code, html=True, case=case, result=result))
        for code in result.warnings
    ]


def _button(action: cb.Action, label: str, **values: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=action.data(**values))


def _buttons(
    case_id: int, result: Assessment, channel: str, copy: str | None
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if copy is not None:
        rows.append([InlineKeyboardButton("📋 Copier le message", copy_text=CopyTextButton(copy))])
    step = CONTACT_STEP.get(result.stage)
    if step is not None:
        sent = "✅ Appel fait" if channel == MessageChannel.CALL.value else "✅ Je l'ai envoyé"
        rows.append([_button(cb.SENT, sent, case=case_id, step=step, channel=channel)])
    from bot.words.messages import channels_for, step_for

    step_name = step_for(result)
    own = channels_for(step_name) if step_name else ()  # a channel only where it has its text
    others = [c for c in MessageChannel if c.value != channel and c.value in own]
    if others:
        rows.append(
            [
                _button(cb.MESSAGE, label("message_channel", c), case=case_id, channel=c)
                for c in others
            ]
        )
    if result.stage in LETTER_STAGES:
        rows.append([_button(cb.LETTER_PDF, "📄 Lettre PDF", case=case_id)])
    rows.append(
        [
            _button(cb.PAYMENT, "💶 Paiement reçu", case=case_id),
            _button(cb.CASES, "📁 Mes dossiers"),
        ]
    )
    return InlineKeyboardMarkup(rows)


async def show_assessment(
    context: RelanceContext,
    case_id: int,
    channel: MessageChannel | None = None,
    *,
    card: bool = True,
) -> bool:
    """Send the case's card and its ready message; False when the case is not the user's."""
    from bot.words.messages import message_channel, render_message

    svc = context.services
    open_cases = await svc.open_cases(context.user_id)  # one read: the case and its siblings
    stored = next((c for c in open_cases if c.id == case_id), None)
    if stored is None:
        stored = await context.case(case_id)  # a closed case, or not this user's
    if stored is None:
        await reply(context, "stale_button")
        return False
    today = context.today()
    result = assess(stored.case, today)
    others = [
        (other.case, assess(other.case, today))
        for other in open_cases
        if other.id != case_id and other.case.debtor.name == stored.case.debtor.name
    ]
    if card:
        case = stored.case
        warnings = warning_items(result, case)
        await context.send(card_text(case.debtor.name, case.invoice.number, result, warnings))
    profile = await svc.profile(context.user_id)
    message = render_message(stored.case, result, channel, profile, others)
    if message is None:
        await reply(context, "no_message", next_step_on=result.next_step_on)
        return True
    chosen = message_channel(message)
    copy_source = f"{message.subject}\n\n{message.body}" if message.subject else message.body
    copy = copy_source if len(copy_source) <= COPY_LIMIT else None
    await reply(
        context,
        "message_block",
        _buttons(case_id, result, chosen, copy),
        channel=chosen,
        subject=message.subject,
        body=message.body,
    )
    return True


async def on_sent(_update: object, context: RelanceContext) -> None:
    """`a:<case>:sent:<step>:<channel>`: "Je l'ai envoyé" records the contact, today."""
    await answer_query(context)
    match = context.match
    contact = Contact(
        date=context.today(),
        step=Step(match["step"]),
        channel=CONTACT_CHANNEL[MessageChannel(match["channel"])],
    )
    case_id = int(match["case"])
    if await context.repo.add_contact(context.user_id, case_id, contact) is None:
        await reply(context, "stale_button")
        return
    stored = await context.case(case_id)  # read back: a repeated tap recorded nothing new
    assert stored is not None
    result = assess(stored.case, context.today())
    await reply(
        context,
        "recorded_contact",
        keyboard([[cb.CASE.button("📁 Voir le dossier", case=case_id)]]),
        next_step_on=result.next_step_on,
        due_now=result.due_now,
        warnings=warning_items(result, stored.case),
    )


async def send_letter(context: RelanceContext, stored: StoredCase) -> None:
    """The formal notice as a PDF document in the chat."""
    from bot.words.letter_pdf import letter_pdf_bytes

    result = assess(stored.case, context.today())
    profile = await context.services.profile(context.user_id)
    pdf = letter_pdf_bytes(stored.case, result, profile)
    name = f"mise-en-demeure-{stored.id}.pdf"
    try:
        await context.bot.send_document(
            context.chat_id, document=pdf, filename=name, caption=render_html("letter_caption")
        )
    except Exception:
        update_id = context.update.update_id if context.update else None
        log.warning("sending the PDF letter failed for update %s", update_id, exc_info=True)
        await reply(context, "pdf_failed")


async def _stale(_update: object, context: RelanceContext) -> None:
    await stale(context)


def handlers() -> list[BaseHandler]:
    """The message's buttons outside any dialog (a channel and the PDF go through details)."""
    return [
        on(cb.SENT, on_sent),
        on(cb.MESSAGE_FAMILY, _stale),
    ]
