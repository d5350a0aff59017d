"""The intake's wiring, and what it says when it is interrupted (another command, a voice
note): the answers so far are kept."""

from __future__ import annotations

from telegram.ext import CommandHandler, ConversationHandler, MessageHandler, filters

from conversations import callbacks as cb
from conversations import invoice_pdf
from conversations.context import RelanceContext
from conversations.intake import finish, history, invoice
from conversations.intake.flow import (
    AMOUNT,
    AMOUNT_VAT,
    CONTACT,
    DISPUTE_NOTE,
    DONE,
    DONE_DATE,
    DRAFTS,
    DUE,
    FLOW,
    ISSUE,
    KIND,
    NAME,
    NUMBER,
    PAID_PART,
    PARTIAL_AMOUNT,
    PARTIAL_DATE,
    PROMISE_DATE,
    REACTION,
    SIGNATURE,
    ask_next,
)
from conversations.replying import close_choice, keyboard, reply
from conversations.routing import dialog, on, question

# What the intake cannot read: a voice note, a video, a sticker… (photos and documents are
# answered by `invoice_pdf`, which reads a PDF invoice at any question).
MEDIA = (
    filters.VOICE | filters.AUDIO | filters.VIDEO | filters.VIDEO_NOTE | filters.Sticker.ALL
    | filters.LOCATION | filters.CONTACT | filters.ANIMATION
)  # fmt: skip


def _resume_keyboard():
    return keyboard([[cb.RESUME_INTAKE.button("Reprendre le dossier")]])


async def in_progress(context: RelanceContext) -> str | None:
    """The client's name (or "") of the intake under way in this chat, None when there is none."""
    key = (context.chat_id, context.user_id)
    record = await context.repo.load_conversation(context.user_id, FLOW, key)
    if record is None or record.state is None:
        return None
    return str((await DRAFTS.load(context)).get("name") or "")


async def note_kept(_update: object, context: RelanceContext) -> None:
    """After another command in the middle of the intake: the answers so far are kept."""
    command = context.text.split()[0].split("@")[0].lower()
    if command in {"/nouveau", "/annuler"}:
        return
    name = await in_progress(context)
    if name is not None:
        await reply(context, "intake_kept", _resume_keyboard(), name=name)


async def media(_update: object, context: RelanceContext) -> None:
    """A voice note or a video mid-intake: what the bot can take; the question stays."""
    await reply(context, "intake_media", _resume_keyboard())


async def resume(_update: object, context: RelanceContext) -> int:
    """ "Reprendre le dossier": the question still unanswered is asked again."""
    await close_choice(context, "Reprendre le dossier")
    return await ask_next(context, await DRAFTS.load(context))


def kept_note_handler() -> MessageHandler:
    """Registered in a later group: runs after the command itself was handled."""
    return MessageHandler(filters.COMMAND, note_kept)


async def cancel(_update: object, context: RelanceContext) -> int:
    data = await DRAFTS.load(context)
    await DRAFTS.end(context)
    await reply(context, "cancelled", kept="case_id" in data)
    return ConversationHandler.END


def build() -> ConversationHandler:
    return dialog(
        FLOW,
        [
            CommandHandler("nouveau", invoice.start),
            on(cb.NEW_CASE, invoice.start),
            *invoice_pdf.handlers(),
        ],
        {
            **question(NAME, invoice.got_name),
            **invoice.LOOKUP.states(),
            **question(KIND, invoice.typed_kind, {cb.KIND: invoice.got_kind}),
            **question(AMOUNT, invoice.got_amount),
            **question(AMOUNT_VAT, invoice.typed_vat, {cb.VAT: invoice.got_vat}),
            **question(NUMBER, invoice.got_number, {cb.NUMBER_SKIP: invoice.got_number}),
            **question(DUE, invoice.got_due, {cb.DUE_UNKNOWN: invoice.due_unknown}),
            **question(ISSUE, invoice.got_issue),
            **question(DONE, history.typed_done, {cb.DONE: history.got_done}),
            **question(DONE_DATE, history.got_done_date),
            **question(REACTION, history.typed_reaction, {cb.REACTION: history.got_reaction}),
            **question(PROMISE_DATE, history.got_promise_date),
            **question(PAID_PART, history.typed_paid_part, {cb.PAID_PART: history.got_paid_part}),
            **question(PARTIAL_AMOUNT, history.got_partial_amount),
            **question(PARTIAL_DATE, history.got_partial_date),
            **question(
                DISPUTE_NOTE,
                history.got_dispute_note,
                {cb.DISPUTE_NO_NOTE: history.got_dispute_note},
            ),
            **question(SIGNATURE, finish.got_signature, {cb.SIGNATURE_SKIP: finish.got_signature}),
            **question(CONTACT, finish.got_contact),
        },
        cancel,
        on(cb.RESUME_INTAKE, resume),
        MessageHandler(MEDIA, media),
    )
