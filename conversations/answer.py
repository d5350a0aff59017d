"""The answer to a case: where it stands, the amounts, the warnings, the ready message, buttons."""

from __future__ import annotations

import logging
from datetime import date

from markupsafe import Markup
from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ContextTypes

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
from conversations.common import MAX_CALLBACK, answer_query, html, send, services, user_ids

log = logging.getLogger(__name__)

COPY_LIMIT = 256
CONTACT_CHANNEL = {
    MessageChannel.EMAIL: Channel.EMAIL,
    MessageChannel.SMS: Channel.SMS,
    MessageChannel.CALL: Channel.PHONE,
    MessageChannel.LETTER: Channel.REGISTERED_LETTER,
}
CHANNEL_BUTTONS = {
    MessageChannel.EMAIL: "📧 E-mail",
    MessageChannel.SMS: "💬 SMS",
    MessageChannel.CALL: "📞 Script d'appel",
    MessageChannel.LETTER: "📮 Lettre",
}


def card_text(
    case_name: str, number: str | None, result: Assessment, warnings: list[Markup]
) -> str:
    amounts = result.amounts
    return html(
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


def _buttons(case_id: int, result: Assessment, channel: str, copy: str | None):
    rows: list[list[InlineKeyboardButton]] = []
    if copy is not None:
        rows.append([InlineKeyboardButton("📋 Copier le message", copy_text=CopyTextButton(copy))])
    step = CONTACT_STEP.get(result.stage)
    if step is not None:
        label = "✅ Appel fait" if channel == MessageChannel.CALL.value else "✅ Je l'ai envoyé"
        rows.append([_button(label, f"a:{case_id}:sent:{step.value}:{channel}")])
    from bot.words.messages import channels_for, step_for

    step_name = step_for(result)
    own = channels_for(step_name) if step_name else ()  # a channel only where it has its text
    others = [c for c in CHANNEL_BUTTONS if c.value != channel and c.value in own]
    if others:
        rows.append([_button(CHANNEL_BUTTONS[c], f"a:{case_id}:ch:{c.value}") for c in others])
    if result.stage in (Stage.FORMAL_NOTICE, Stage.ESCALATION):
        rows.append([_button("📄 Lettre PDF", f"a:{case_id}:pdf")])
    rows.append(
        [_button("💶 Paiement reçu", f"pay:{case_id}"), _button("📁 Mes dossiers", "cases")]
    )
    return InlineKeyboardMarkup(rows)


def _button(label: str, data: str) -> InlineKeyboardButton:
    assert len(data.encode()) <= MAX_CALLBACK, data
    return InlineKeyboardButton(label, callback_data=data)


async def show_assessment(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    case_id: int,
    channel: MessageChannel | None = None,
    *,
    card: bool = True,
) -> bool:
    """Send the case's card and its ready message; False when the case is not the user's."""
    from bot.words.messages import message_channel, render_message

    user_id, _ = user_ids(update)
    svc = services(context)
    open_cases = await svc.open_cases(user_id)  # one read serves the case and its siblings
    stored = next((c for c in open_cases if c.id == case_id), None)
    if stored is None:
        stored = await svc.case(user_id, case_id)  # a closed case, or not this user's
    if stored is None:
        await send(update, context, html("stale_button"))
        return False
    today = svc.clock.today()
    result = assess(stored.case, today)
    others = [
        (other.case, assess(other.case, today))
        for other in open_cases
        if other.id != case_id and other.case.debtor.name == stored.case.debtor.name
    ]
    if card:
        await send(
            update,
            context,
            card_text(
                stored.case.debtor.name,
                stored.case.invoice.number,
                result,
                warning_items(result, stored.case),
            ),
        )
    profile = await svc.profile(user_id)
    message = render_message(stored.case, result, channel, profile, others)
    if message is None:
        await send(update, context, html("no_message", next_step_on=result.next_step_on))
        return True
    chosen = message_channel(message)
    copy_source = f"{message.subject}\n\n{message.body}" if message.subject else message.body
    copy = copy_source if len(copy_source) <= COPY_LIMIT else None
    await send(
        update,
        context,
        html("message_block", channel=chosen, subject=message.subject, body=message.body),
        _buttons(case_id, result, chosen, copy),
    )
    return True


def _parse(data: str) -> tuple[int, str, list[str]] | None:
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != "a" or not parts[1].isdigit():
        return None
    return int(parts[1]), parts[2], parts[3:]


async def on_action(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The answer's buttons: I sent it, another channel, the PDF letter."""
    await answer_query(update)
    parsed = _parse(update.callback_query.data or "")
    if parsed is None:
        await send(update, context, html("stale_button"))
        return
    case_id, action, args = parsed
    user_id, _ = user_ids(update)
    svc = services(context)
    if action == "ch" and args and args[0] in MessageChannel.__members__.values():
        await show_assessment(update, context, case_id, MessageChannel(args[0]), card=False)
    elif action == "sent" and len(args) == 2:
        await _record_sent(update, context, case_id, args[0], args[1])
    elif action == "pdf":
        stored = await svc.case(user_id, case_id)
        if stored is None:
            await send(update, context, html("stale_button"))
            return
        await send_letter(update, context, stored, svc.clock.today(), user_id)
    else:
        await send(update, context, html("stale_button"))


async def _record_sent(
    update: Update, context: ContextTypes.DEFAULT_TYPE, case_id: int, step: str, channel: str
) -> None:
    user_id, _ = user_ids(update)
    svc = services(context)
    try:
        contact = Contact(
            date=svc.clock.today(),
            step=Step(step),
            channel=CONTACT_CHANNEL[MessageChannel(channel)],
        )
    except (ValueError, KeyError):
        await send(update, context, html("stale_button"))
        return
    if await svc.repo.add_contact(user_id, case_id, contact) is None:
        await send(update, context, html("stale_button"))
        return
    stored = await svc.case(user_id, case_id)
    assert stored is not None
    result = assess(stored.case, svc.clock.today())
    await send(
        update,
        context,
        html(
            "recorded_contact",
            next_step_on=result.next_step_on,
            due_now=result.due_now,
            warnings=warning_items(result, stored.case),
        ),
        InlineKeyboardMarkup([[_button("📁 Voir le dossier", f"case:{case_id}")]]),
    )


async def send_letter(update, context, stored, today: date, user_id: int) -> None:
    """The formal notice as a PDF document in the chat."""
    from bot.words.letter_pdf import letter_pdf_bytes

    svc = services(context)
    result = assess(stored.case, today)
    profile = await svc.profile(user_id)
    pdf = letter_pdf_bytes(stored.case, result, profile)
    name = f"mise-en-demeure-{stored.id}.pdf"
    try:
        await context.bot.send_document(
            update.effective_chat.id,
            document=pdf,
            filename=name,
            caption=html("letter_caption"),
        )
    except Exception:
        log.warning("sending the PDF letter failed for update %s", update.update_id, exc_info=True)
        await send(update, context, html("pdf_failed"))


def handlers() -> list[CallbackQueryHandler]:
    return [CallbackQueryHandler(on_action, pattern=r"^a:\d+:")]
