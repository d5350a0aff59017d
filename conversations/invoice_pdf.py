"""An invoice PDF sent (or forwarded) at any moment: read it, show one card of what it says,
and on confirmation fill the intake's answers, then ask only what is still missing.

Only the facts are kept: the PDF is read in memory and dropped; the card's facts wait in
`user_data` (process memory) until the user taps a button.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from decimal import Decimal
from typing import Any

from telegram import Document, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

from conversations import intake
from conversations.common import close_choice, html, keyboard, send, services, user_ids, user_today

log = logging.getLogger(__name__)

PENDING = "invoice_pdf:pending"
MAX_BYTES = 20 * 1024 * 1024  # what a bot may download from Telegram (= bot.documents.MAX_BYTES)
DOWNLOAD_TIMEOUT = 30.0  # seconds
READ_TIMEOUT = 20.0  # seconds
# Fields the user can correct, with the draft keys a correction forgets (so it is asked).
FIXABLE = {
    "name": ("Le client", ("name",)),
    "amount": ("Le montant", ("amount",)),
    "number": ("Le numéro", ("number",)),
    "due": ("L'échéance", ("due_date", "issue_date")),
}


def handlers() -> list:
    """Entry points of the intake: they work at any moment, in or out of a dialog."""
    return [
        MessageHandler(filters.Document.ALL, on_document),
        MessageHandler(filters.PHOTO, on_photo),
        CallbackQueryHandler(confirm, pattern=r"^pdf:ok$"),
        CallbackQueryHandler(choose_fix, pattern=r"^pdf:fix$"),
        CallbackQueryHandler(fix, pattern=r"^pdf:fix:(name|amount|number|due)$"),
        CallbackQueryHandler(manual, pattern=r"^pdf:manual$"),
    ]


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    mid_intake = await _intake_state(update, context) is not None
    await send(update, context, html("invoice_pdf/photo", mid_intake=mid_intake))


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    document = update.effective_message.document
    if (document.mime_type or "").startswith("image/"):
        return await on_photo(update, context)
    if await _intake_state(update, context) not in _FILLABLE:
        await send(update, context, html("invoice_pdf/busy"))
        return None
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await send(update, context, html("invoice_pdf/too_large"))
        return None
    from bot.documents import DocumentError, read_invoice  # heavy: loaded on the first PDF

    try:
        content = await _download(context, document)
    except TelegramError as error:
        too_big = "too big" in str(error).lower()
        log.info("invoice PDF not fetched (%s)", type(error).__name__)
        await send(
            update,
            context,
            html("invoice_pdf/too_large" if too_big else "invoice_pdf/download_failed"),
        )
        return None
    try:
        facts = await asyncio.wait_for(asyncio.to_thread(read_invoice, content), READ_TIMEOUT)
    except DocumentError as error:
        await send(update, context, html("invoice_pdf/unreadable", reason=str(error)))
        return None
    except TimeoutError:
        log.info("invoice PDF not read within %s s", READ_TIMEOUT)
        await send(update, context, html("invoice_pdf/too_slow"))
        return None
    fields = draft_fields(facts)
    if not {"name", "amount", "number"} & fields.keys():
        await send(update, context, html("invoice_pdf/nothing_read"))
        return None
    context.user_data[PENDING] = fields
    await _show_card(update, context, fields)
    return None


async def _download(context: ContextTypes.DEFAULT_TYPE, document: Document) -> bytes:
    file = await context.bot.get_file(document.file_id, read_timeout=DOWNLOAD_TIMEOUT)
    if file.file_size is not None and file.file_size > MAX_BYTES:
        raise TelegramError("file is too big")
    return bytes(await file.download_as_bytearray(read_timeout=DOWNLOAD_TIMEOUT))


def draft_fields(facts: Any) -> dict[str, str]:
    """The intake's draft keys the invoice fills, as the draft stores them (text)."""
    values = {
        "name": facts.debtor_name,
        "siren": facts.debtor_siren,
        "address": facts.debtor_address,
        "amount": facts.amount,
        "number": facts.number,
        "issue_date": facts.issue_date,
        "due_date": facts.due_date,
        "service_date": facts.service_date,
        "penalty_rate": facts.penalty_rate,
    }
    if values["amount"] is not None and values["amount"] <= 0:
        values["amount"] = None
    return {
        key: value.isoformat() if isinstance(value, date) else str(value)
        for key, value in values.items()
        if value is not None
    } | ({"vat_franchise": "yes"} if facts.vat_franchise else {})


async def _show_card(
    update: Update, context: ContextTypes.DEFAULT_TYPE, fields: dict[str, str]
) -> None:
    from bot.words.render import long_date, money

    due = date.fromisoformat(fields["due_date"]) if "due_date" in fields else None
    siren = fields.get("siren")
    text = html(
        "invoice_pdf/card",
        number=fields.get("number"),
        name=fields.get("name"),
        siren=f"{siren[:3]} {siren[3:6]} {siren[6:]}" if siren else None,
        amount=money(Decimal(fields["amount"])) if "amount" in fields else None,
        due=long_date(due) if due else None,
        overdue=due is not None and due < user_today(context),
        franchise="vat_franchise" in fields,
        address=fields.get("address", "").replace("\n", ", "),
    )
    buttons = [
        [("Confirmer", "pdf:ok"), ("Corriger", "pdf:fix")],
        [("Saisir à la main", "pdf:manual")],
    ]
    await send(update, context, text, keyboard(buttons))


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    await close_choice(update, "Confirmer")
    return await _fill(update, context, forget=())


async def choose_fix(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await close_choice(update, "Corriger")
    fields = context.user_data.get(PENDING)
    if fields is None:
        await send(update, context, html("invoice_pdf/expired"))
        return None
    rows = [[(label, f"pdf:fix:{key}")] for key, (label, _) in FIXABLE.items()]
    await send(update, context, html("invoice_pdf/fix"), keyboard(rows))
    return None


async def fix(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    key = update.callback_query.data.removeprefix("pdf:fix:")
    label, forget = FIXABLE[key]
    await close_choice(update, label)
    return await _fill(update, context, forget=forget)


async def manual(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    await close_choice(update, "Saisir à la main")
    if context.user_data.pop(PENDING, None) is None:
        await send(update, context, html("invoice_pdf/expired"))
        return None
    if await _intake_state(update, context) not in _FILLABLE:
        return None
    await send(update, context, html("invoice_pdf/manual"))
    return await intake.ask_next(update, context, await _draft(update, context))


async def _fill(
    update: Update, context: ContextTypes.DEFAULT_TYPE, forget: tuple[str, ...]
) -> int | None:
    """Write the card's facts into the intake's answers (less the ones to correct), then
    ask the first question still open."""
    fields = context.user_data.pop(PENDING, None)
    if fields is None:
        await send(update, context, html("invoice_pdf/expired"))
        return None
    if await _intake_state(update, context) not in _FILLABLE:
        await send(update, context, html("invoice_pdf/busy"))
        return None
    data = await _draft(update, context)
    data.update({key: value for key, value in fields.items() if key != "vat_franchise"})
    for key in forget:
        data.pop(key, None)
    return await intake.ask_next(update, context, data)


async def _draft(update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
    """The intake's answers so far (none outside it), the user's row made sure of."""
    await services(context).ensure_user(*user_ids(update))
    return await intake._DRAFTS.load(update, context)


# States where the invoice's facts can still be taken (no intake yet, or its first questions).
_FILLABLE = {None, intake.NAME, intake.KIND, intake.AMOUNT, intake.NUMBER, intake.DUE, intake.ISSUE}


async def _intake_state(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    """The question the intake last asked (as recorded before the reply), None outside it."""
    user_id, chat_id = user_ids(update)
    record = await services(context).repo.load_conversation(
        user_id, intake.FLOW, (chat_id, user_id)
    )
    return record.state if record is not None else None
