"""`/profil`: the name, business, contact, IBAN and SIRET used to sign messages.

`/profil` shows the profile with one button per field; a button asks for the value (typed),
checked (contact: e-mail or phone; IBAN: format and mod-97; SIRET: 14 digits), with
"Effacer" and "Passer" buttons. The pending question is written before the bot replies.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from conversations.common import (
    Drafts,
    answer_query,
    guard_reply,
    html,
    keyboard,
    send,
    services,
    user_ids,
)

FLOW = "profile"

VALUE = 0

FIELDS = {
    "full_name": "Nom",
    "business_name": "Entreprise",
    "contact": "Contact",
    "iban": "IBAN",
    "siret": "SIRET",
}
MAX_TEXT = 120

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?\d{9,15}$")
IBAN_RE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
IBAN_LENGTHS = {"FR": 27, "MC": 27, "BE": 16, "DE": 22, "ES": 24, "IT": 27, "LU": 20, "CH": 21}


# --- validation ---------------------------------------------------------------------------


def clean_contact(text: str) -> str | None:
    """An e-mail address or a phone number (spaces, dots, dashes allowed), or None."""
    value = text.strip()
    if EMAIL_RE.match(value):
        return value
    digits = re.sub(r"[\s.\-()]", "", value)
    if PHONE_RE.match(digits):
        return value
    return None


def clean_iban(text: str) -> str | None:
    """The IBAN in groups of four if its format, length and mod-97 check are right."""
    value = re.sub(r"\s+", "", text).upper()
    if not IBAN_RE.match(value):
        return None
    expected = IBAN_LENGTHS.get(value[:2])
    if expected is not None and len(value) != expected:
        return None
    rearranged = value[4:] + value[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(number) % 97 != 1:
        return None
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def clean_siret(text: str) -> str | None:
    digits = re.sub(r"[\s.]", "", text)
    return digits if len(digits) == 14 and digits.isdigit() else None


def clean_text(text: str) -> str | None:
    value = " ".join(text.split())
    return value if 0 < len(value) <= MAX_TEXT else None


CLEANERS = {
    "full_name": (clean_text, "profile/error/text_invalid"),
    "business_name": (clean_text, "profile/error/text_invalid"),
    "contact": (clean_contact, "profile/error/contact_invalid"),
    "iban": (clean_iban, "profile/error/iban_invalid"),
    "siret": (clean_siret, "profile/error/siret_invalid"),
}


# --- the steps ------------------------------------------------------------------------------


def _profile_keyboard() -> InlineKeyboardMarkup:
    items = list(FIELDS.items())
    rows = [
        [(label, f"pr:{name}") for name, label in items[i : i + 2]] for i in range(0, len(items), 2)
    ]
    return keyboard(rows)


async def _show(
    update: Update, context: ContextTypes.DEFAULT_TYPE, saved: str | None = None
) -> None:
    user_id, chat_id = user_ids(update)
    user = await services(context).ensure_user(user_id, chat_id)
    await send(
        update,
        context,
        html(
            "profile/show",
            saved=saved,
            full_name=user.full_name,
            business_name=user.business_name,
            contact=user.contact,
            iban=user.iban,
            siret=user.siret,
        ),
        _profile_keyboard(),
    )


_DRAFTS = Drafts(FLOW)
_end = _DRAFTS.end


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """`/profil`: the profile and its buttons (ends any pending profile question)."""
    state = await _end(update, context)
    await _show(update, context)
    return state


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    field = (update.callback_query.data or "").removeprefix("pr:")
    user_id, chat_id = user_ids(update)
    svc = services(context)
    user = await svc.ensure_user(user_id, chat_id)
    await _DRAFTS.save(update, context, {"field": field}, VALUE)
    rows = [[("Passer", "pv:skip")]]
    if getattr(user, field):
        rows[0].insert(0, ("Effacer", "pv:clear"))
    await send(
        update, context, html(f"profile/ask/{field}", current=getattr(user, field)), keyboard(rows)
    )
    return VALUE


async def got_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    user_id, _ = user_ids(update)
    svc = services(context)
    data: dict[str, Any] = await _DRAFTS.load(update, context)
    field = data.get("field")
    if field not in FIELDS:
        state = await _end(update, context)
        await _show(update, context)
        return state
    saved: str | None = field
    if update.callback_query is not None:
        await answer_query(update)
        if update.callback_query.data == "pv:clear":
            await svc.repo.update_profile(user_id, **{field: None})
        else:
            saved = None
    else:
        text = update.effective_message.text or ""
        cleaner, error = CLEANERS[field]
        value = cleaner(text)
        if value is None:
            if not await guard_reply(update, context, text):
                await send(update, context, html(error))
            return VALUE
        if field in ("full_name", "business_name"):
            await guard_reply(update, context, value)
        await svc.repo.update_profile(user_id, **{field: value})
    state = await _end(update, context)
    await _show(update, context, saved=FIELDS[saved] if saved else None)
    return state


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = await _end(update, context)
    await send(update, context, html("profile/cancelled"))
    return state


def build() -> ConversationHandler:
    text = filters.TEXT & ~filters.COMMAND
    fields = "|".join(FIELDS)
    return ConversationHandler(
        entry_points=[
            CommandHandler("profil", show),
            CallbackQueryHandler(ask, pattern=rf"^pr:({fields})$"),
        ],
        states={
            VALUE: [
                MessageHandler(text, got_value),
                CallbackQueryHandler(got_value, pattern=r"^pv:(skip|clear)$"),
            ],
        },
        fallbacks=[CommandHandler("annuler", cancel)],
        name=FLOW,
        persistent=True,
        allow_reentry=True,
    )
