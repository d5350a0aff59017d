"""`/profil`: every detail used to sign messages and letters (DESIGN §6).

`/profil` shows the profile with one button per field: name, business, postal address, city,
e-mail, phone, IBAN, SIRET, VAT franchise. A button asks for the value (typed; the VAT
franchise by Oui/Non buttons), checked (IBAN and SIRET by their checksums, with
python-stdnum; the address with its postcode), with "Effacer" and "Passer" buttons. The
pending question is written before the bot replies.
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

from bot.domain.identifiers import clean_iban, clean_siret
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
    "address": "Adresse",
    "city": "Ville",
    "email": "E-mail",
    "phone": "Téléphone",
    "iban": "IBAN",
    "siret": "SIRET",
    "vat_franchise": "TVA",
}
MAX_TEXT = 120

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?\d{9,15}$")
_POSTCODE = re.compile(r"^(?P<street>.*?)[,\s]+(?P<code>\d{5})\s+(?P<city>[^\d,\n]+?)\s*$", re.S)
MAX_ADDRESS = 300


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


def clean_email(text: str) -> str | None:
    value = text.strip()
    return value if EMAIL_RE.match(value) else None


def clean_phone(text: str) -> str | None:
    value = " ".join(text.split())
    return value if PHONE_RE.match(re.sub(r"[\s.\-()]", "", value)) else None


def clean_address(text: str) -> tuple[str, str] | None:
    """ "12 rue des Lilas, 69003 Lyon" → ("12 rue des Lilas\n69003 Lyon", "Lyon"), or None."""
    value = " ".join(text.replace("\n", ", ").split())
    match = _POSTCODE.match(value)
    if match is None or len(value) > MAX_ADDRESS or not match["street"].strip(" ,"):
        return None
    city = match["city"].strip()
    return f"{match['street'].strip(' ,')}\n{match['code']} {city}", city


def _address(text: str) -> str | None:
    cleaned = clean_address(text)
    return cleaned[0] if cleaned else None


def clean_text(text: str) -> str | None:
    value = " ".join(text.split())
    return value if 0 < len(value) <= MAX_TEXT else None


CLEANERS = {
    "full_name": (clean_text, "profile/error/text_invalid"),
    "business_name": (clean_text, "profile/error/text_invalid"),
    "address": (_address, "details/address_invalid"),
    "city": (clean_text, "profile/error/text_invalid"),
    "email": (clean_email, "profile/error/contact_invalid"),
    "phone": (clean_phone, "profile/error/contact_invalid"),
    "iban": (clean_iban, "profile/error/iban_invalid"),
    "siret": (clean_siret, "profile/error/siret_invalid"),
}
# Setting one of these retires the contact typed before e-mail and phone were apart.
CONTACT_FIELDS = frozenset({"email", "phone"})


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
            address=user.address,
            city=user.city,
            email=user.email,
            phone=user.phone,
            contact=None if (user.email or user.phone) else user.contact,
            iban=user.iban,
            siret=user.siret,
            vat_franchise=user.vat_franchise,
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
    if field == "vat_franchise":
        rows.insert(0, [("Oui", "pv:yes"), ("Non", "pv:no")])
    elif getattr(user, field):
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
        choice = update.callback_query.data
        if choice == "pv:clear":
            await svc.repo.update_profile(user_id, **{field: None})
        elif choice in ("pv:yes", "pv:no") and field == "vat_franchise":
            await svc.repo.update_profile(user_id, vat_franchise=choice == "pv:yes")
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
        extra: dict[str, Any] = {"contact": None} if field in CONTACT_FIELDS else {}
        if field == "address" and not (await svc.repo.get_user(user_id)).city:
            extra["city"] = value.rsplit("\n", 1)[-1].split(" ", 1)[-1]
        await svc.repo.update_profile(user_id, **{field: value}, **extra)
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
                CallbackQueryHandler(got_value, pattern=r"^pv:(skip|clear|yes|no)$"),
            ],
        },
        fallbacks=[CommandHandler("annuler", cancel)],
        name=FLOW,
        persistent=True,
        allow_reentry=True,
    )
