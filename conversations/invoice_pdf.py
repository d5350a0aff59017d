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
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.domain.contract import MAX_AMOUNT
from bot.domain.parsing import plausible_date
from bot.domain.typed_text import has_letter_or_digit, visible
from conversations import callbacks as cb
from conversations import inputs
from conversations.context import RelanceContext
from conversations.intake import flow as intake_flow
from conversations.labels import label
from conversations.lookup import spaced
from conversations.profile import MAX_ADDRESS
from conversations.replying import close_choice, keyboard, reply
from conversations.routing import on

log = logging.getLogger(__name__)

PENDING = "invoice_pdf:pending"
MAX_BYTES = 20 * 1024 * 1024  # what a bot may download from Telegram (= bot.documents.MAX_BYTES)
DOWNLOAD_TIMEOUT = 30.0  # seconds
READ_TIMEOUT = 20.0  # seconds
# Fields the user can correct, with the draft keys a correction forgets (so it is asked).
FIXABLE = {
    "name": ("name",),
    "amount": ("amount",),
    "number": ("number",),
    "due": ("due_date", "issue_date"),
}


def handlers() -> list[BaseHandler]:
    """Entry points of the intake: they work at any moment, in or out of a dialog."""
    return [
        MessageHandler(filters.Document.ALL, on_document),
        MessageHandler(filters.PHOTO, on_photo),
        on(cb.INVOICE_OK, confirm),
        on(cb.INVOICE_FIX, choose_fix),
        on(cb.INVOICE_FIX_FIELD, fix),
        on(cb.INVOICE_MANUAL, manual),
    ]


async def on_photo(_update: object, context: RelanceContext) -> None:
    mid_intake = await _intake_state(context) is not None
    await reply(context, "invoice_pdf/photo", mid_intake=mid_intake)


async def on_document(update: Update, context: RelanceContext) -> None:
    document = update.effective_message.document
    if (document.mime_type or "").startswith("image/"):
        return await on_photo(update, context)
    if await _intake_state(context) not in _FILLABLE:
        await reply(context, "invoice_pdf/busy")
        return None
    if document.file_size is not None and document.file_size > MAX_BYTES:
        await reply(context, "invoice_pdf/too_large")
        return None
    from bot.documents import DocumentError, read_invoice  # heavy: loaded on the first PDF

    try:
        content = await _download(context, document)
    except TelegramError as error:
        too_big = "too big" in str(error).lower()
        log.info("invoice PDF not fetched (%s)", type(error).__name__)
        await reply(context, "invoice_pdf/too_large" if too_big else "invoice_pdf/download_failed")
        return None
    try:
        facts = await asyncio.wait_for(asyncio.to_thread(read_invoice, content), READ_TIMEOUT)
    except DocumentError as error:
        await reply(context, "invoice_pdf/unreadable", reason=str(error))
        return None
    except TimeoutError:
        log.info("invoice PDF not read within %s s", READ_TIMEOUT)
        await reply(context, "invoice_pdf/too_slow")
        return None
    fields = draft_fields(facts)
    if not {"name", "amount", "number"} & fields.keys():
        await reply(context, "invoice_pdf/nothing_read")
        return None
    context.user_data[PENDING] = fields
    await _show_card(context, fields)
    return None


async def _download(context: RelanceContext, document: Document) -> bytes:
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
    return {
        key: value.isoformat() if isinstance(value, date) else str(value)
        for key, value in ((k, _usable(k, v)) for k, v in values.items())
        if value is not None
    } | ({"vat_franchise": "yes"} if facts.vat_franchise else {})


# What the typed answers allow; a value read from the document beyond it is asked instead.
_TEXT_LIMITS = {"name": inputs.MAX_NAME, "number": inputs.MAX_NUMBER, "address": MAX_ADDRESS}


def _usable(key: str, value: object) -> object:
    """`value` as the intake would have taken it typed, else None (the question is asked):
    the invisible characters dropped, text within the typed limits, an amount above zero
    and within MAX_AMOUNT, a date of a plausible year."""
    if isinstance(value, str):
        value = visible(value).strip()
        limit = _TEXT_LIMITS.get(key)
        if not has_letter_or_digit(value) or (limit is not None and len(value) > limit):
            return None
    elif isinstance(value, Decimal) and key == "amount":
        return value if 0 < value <= MAX_AMOUNT else None
    elif isinstance(value, date) and not plausible_date(value):
        return None
    return value


async def _show_card(context: RelanceContext, fields: dict[str, str]) -> None:
    from bot.words.render import long_date, money

    due = date.fromisoformat(fields["due_date"]) if "due_date" in fields else None
    siren = fields.get("siren")
    buttons = [
        [cb.INVOICE_OK.button("Confirmer"), cb.INVOICE_FIX.button("Corriger")],
        [cb.INVOICE_MANUAL.button("Saisir à la main")],
    ]
    await reply(
        context,
        "invoice_pdf/card",
        keyboard(buttons),
        number=fields.get("number"),
        name=fields.get("name"),
        siren=spaced(siren) if siren else None,
        amount=money(Decimal(fields["amount"])) if "amount" in fields else None,
        due=long_date(due) if due else None,
        overdue=due is not None and due < context.today(),
        franchise="vat_franchise" in fields,
        address=fields.get("address", "").replace("\n", ", "),
    )


async def confirm(_update: object, context: RelanceContext) -> int | None:
    await close_choice(context, "Confirmer")
    return await _fill(context, forget=())


async def choose_fix(_update: object, context: RelanceContext) -> None:
    await close_choice(context, "Corriger")
    fields = context.user_data.get(PENDING)
    if fields is None:
        await reply(context, "invoice_pdf/expired")
        return None
    rows = [
        [cb.INVOICE_FIX_FIELD.button(label("invoice_field", key), field=key)] for key in FIXABLE
    ]
    await reply(context, "invoice_pdf/fix", keyboard(rows))
    return None


async def fix(_update: object, context: RelanceContext) -> int | None:
    key = context.match["field"]
    await close_choice(context, label("invoice_field", key))
    return await _fill(context, forget=FIXABLE[key])


async def manual(_update: object, context: RelanceContext) -> int | None:
    await close_choice(context, "Saisir à la main")
    if context.user_data.pop(PENDING, None) is None:
        await reply(context, "invoice_pdf/expired")
        return None
    if await _intake_state(context) not in _FILLABLE:
        return None
    await reply(context, "invoice_pdf/manual")
    return await intake_flow.ask_next(context, await _draft(context))


async def _fill(context: RelanceContext, forget: tuple[str, ...]) -> int | None:
    """Write the card's facts into the intake's answers (less the ones to correct), then
    ask the first question still open."""
    fields = context.user_data.pop(PENDING, None)
    if fields is None:
        await reply(context, "invoice_pdf/expired")
        return None
    if await _intake_state(context) not in _FILLABLE:
        await reply(context, "invoice_pdf/busy")
        return None
    data = await _draft(context)
    data.update({key: value for key, value in fields.items() if key != "vat_franchise"})
    for key in forget:
        data.pop(key, None)
    return await intake_flow.ask_next(context, data)


async def _draft(context: RelanceContext) -> dict[str, Any]:
    """The intake's answers so far (none outside it), the user's row made sure of."""
    await context.services.ensure_user(context.user_id, context.chat_id)
    return await intake_flow.DRAFTS.load(context)


# States where the invoice's facts can still be taken (no intake yet, or its first questions).
_FILLABLE = {
    None,
    intake_flow.NAME,
    intake_flow.KIND,
    intake_flow.AMOUNT,
    intake_flow.NUMBER,
    intake_flow.DUE,
    intake_flow.ISSUE,
}


async def _intake_state(context: RelanceContext) -> int | None:
    """The question the intake last asked (as recorded before the reply), None outside it."""
    key = (context.chat_id, context.user_id)
    record = await context.repo.load_conversation(context.user_id, intake_flow.FLOW, key)
    return record.state if record is not None else None
