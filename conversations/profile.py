"""`/profil`: every detail used to sign messages and letters (DESIGN §6).

`/profil` shows the profile with one button per field: name, business, postal address, city,
e-mail, phone, IBAN, SIRET, VAT franchise. A button asks for the value (typed; the VAT
franchise by Oui/Non buttons), checked (IBAN and SIRET by their checksums, with
python-stdnum; the address with its postcode), with "Effacer" and "Passer" buttons. The
pending question is written before the bot replies.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.ext import CommandHandler, ConversationHandler

from bot.domain.identifiers import clean_iban, clean_siret
from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.drafts import Drafts
from conversations.inputs import Invalid
from conversations.labels import label
from conversations.replying import answer_query, guard_reply, keyboard, reply
from conversations.routing import dialog, on, question

FLOW = "profile"

VALUE = 0

FIELDS = cb.PROFILE_FIELDS  # their labels: templates/bot/_buttons.html.j2
MAX_TEXT = 120

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?\d{9,15}$")
_POSTCODE = re.compile(r"^(?P<street>.*?)[,\s]+(?P<code>\d{5})\s+(?P<city>[^\d,\n]+?)\s*$", re.S)
MAX_ADDRESS = 300
MAX_EMAIL = 200  # the e-mail columns (users, debtors)
MAX_PHONE = 32  # the phone columns, separators included


# --- validation ---------------------------------------------------------------------------


def clean_contact(text: str) -> str | None:
    """An e-mail address or a phone number (spaces, dots, dashes allowed), or None."""
    return clean_email(text) or clean_phone(text)


def clean_email(text: str) -> str | None:
    value = text.strip()
    return value if len(value) <= MAX_EMAIL and EMAIL_RE.match(value) else None


def clean_phone(text: str) -> str | None:
    value = " ".join(text.split())
    if len(value) > MAX_PHONE:
        return None
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


def split_signature(
    text: str, separators: tuple[str, ...] = ("—",)
) -> tuple[str | None, str | None]:
    """(name, business) of a signature "Jean Martin — Studio Martin": split at the first
    separator that leaves a business; None for what is missing."""
    name, business = text, ""
    for separator in separators:
        name, _, business = (part.strip() for part in text.partition(separator))
        if business:
            break
    return name or None, business or None


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
    buttons = [cb.PROFILE_FIELD.button(label("profile_field", f), field=f) for f in FIELDS]
    return keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def _show(context: RelanceContext, saved: str | None = None) -> None:
    user = await context.services.ensure_user(context.user_id, context.chat_id)
    await reply(
        context,
        "profile/show",
        _profile_keyboard(),
        saved=label("profile_field", saved) if saved else None,
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
    )


_DRAFTS = Drafts(FLOW)


show = _DRAFTS.end_then(_show)  # `/profil`: the profile and its buttons


async def ask(_update: object, context: RelanceContext) -> int:
    """A field's button: its question, with Passer (and Effacer, or Oui / Non)."""
    await answer_query(context)
    field = context.match["field"]
    user = await context.services.ensure_user(context.user_id, context.chat_id)
    current = getattr(user, field)
    rows = [[cb.PROFILE_SKIP.button("Passer")]]
    if field == "vat_franchise":
        rows.insert(
            0,
            [cb.PROFILE_VAT.button("Oui", choice="yes"), cb.PROFILE_VAT.button("Non", choice="no")],
        )
    elif current:
        rows[0].insert(0, cb.PROFILE_CLEAR.button("Effacer"))
    question = f"profile/ask/{field}"
    return await _DRAFTS.advance(
        context, {"field": field}, VALUE, question, keyboard(rows), current=current
    )


async def _field(context: RelanceContext) -> str | None:
    """The field being asked, None (after showing the profile) when there is none."""
    field = (await _DRAFTS.load(context)).get("field")
    if field in FIELDS:
        return field
    await _DRAFTS.end(context)
    await _show(context)
    return None


async def _done(context: RelanceContext, saved: str | None) -> int:
    state = await _DRAFTS.end(context)
    await _show(context, saved=saved)
    return state


def _button(act: Callable[[RelanceContext, str], Awaitable[int]]):
    """The handler of a button under a field's question: `act` on the field being asked."""

    async def handler(_update: object, context: RelanceContext) -> int:
        field = await _field(context)
        if field is None:
            return ConversationHandler.END
        await answer_query(context)
        return await act(context, field)

    return handler


@_button
async def skipped(context: RelanceContext, field: str) -> int:
    """ "Passer": nothing changes."""
    return await _done(context, None)


@_button
async def chosen_vat(context: RelanceContext, field: str) -> int:
    """Oui / Non to the VAT franchise (on another field's question they change nothing)."""
    if field != "vat_franchise":
        return await _done(context, None)
    franchise = context.match["choice"] == "yes"
    await context.repo.update_profile(context.user_id, vat_franchise=franchise)
    return await _done(context, field)


@_button
async def cleared(context: RelanceContext, field: str) -> int:
    """ "Effacer": the field emptied."""
    await context.repo.update_profile(context.user_id, **{field: None})
    return await _done(context, field)


async def got_value(_update: object, context: RelanceContext) -> int:
    """The typed value: checked by its field's cleaner, then stored."""
    field = await _field(context)
    if field is None:
        return ConversationHandler.END
    text = context.text
    cleaner, error = CLEANERS[field]
    value = cleaner(text)
    if value is None:
        raise Invalid(error)
    if field in ("full_name", "business_name"):
        await guard_reply(context, value)
    repo, user_id = context.repo, context.user_id
    extra: dict[str, Any] = {"contact": None} if field in CONTACT_FIELDS else {}
    if field == "address" and not (await repo.get_user(user_id)).city:
        extra["city"] = value.rsplit("\n", 1)[-1].split(" ", 1)[-1]
    await repo.update_profile(user_id, **{field: value}, **extra)
    return await _done(context, field)


cancel = _DRAFTS.cancel_saying("profile/cancelled")


def build() -> ConversationHandler:
    return dialog(
        FLOW,
        [
            CommandHandler("profil", show),
            on(cb.PROFILE_FIELD, ask),
        ],
        {
            **question(
                VALUE,
                got_value,
                {cb.PROFILE_SKIP: skipped, cb.PROFILE_CLEAR: cleared, cb.PROFILE_VAT: chosen_vat},
            ),
        },
        cancel,
    )
