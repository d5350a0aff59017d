"""A case card: its status, the assessment (case_reply.card_text), the timeline of contacts,
responses and payments, and the buttons of what can be done next."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup
from telegram import InlineKeyboardMarkup

from bot.domain.assess import assess
from bot.domain.facts import Assessment, DebtorKind, MessageChannel
from bot.domain.money import balance
from bot.store import StoredCase
from conversations import callbacks as cb
from conversations import case_reply
from conversations.cases.flow import case_button, warnings
from conversations.context import RelanceContext
from conversations.replying import keyboard, reply

Rows = list[list[tuple[str, str]]]


def timeline(stored: StoredCase) -> list[dict[str, Any]]:
    """Contacts, responses and payments by date (then in that order)."""
    case = stored.case
    events: list[tuple[date, int, dict[str, Any]]] = []
    for c in case.contacts:
        contact = {
            "kind": "contact",
            "date": c.date,
            "step": c.step.value,
            "channel": c.channel.value,
        }
        events.append((c.date, 0, contact))
    for r in case.responses:
        response = {
            "kind": "response",
            "date": r.date,
            "response": r.kind.value,
            "promised_date": r.promised_date,
            "note": r.note,
        }
        events.append((r.date, 1, response))
    for p in case.payments:
        events.append((p.date, 2, {"kind": "payment", "date": p.date, "amount": p.amount}))
    return [e for _, _, e in sorted(events, key=lambda e: (e[0], e[1]))]


def card_buttons(
    stored: StoredCase, result: Assessment | None, lookup: bool = False
) -> InlineKeyboardMarkup:
    cid = stored.id
    mine = [cb.CASES.button("📁 Mes dossiers")]
    if not stored.is_open:
        return keyboard(
            [
                [
                    cb.REOPEN.button("↩️ Rouvrir", case=cid),
                    cb.DELETE.button("🗑 Supprimer", case=cid),
                ],
                mine,
            ]
        )
    return keyboard(
        [
            [cb.MESSAGE.button("✉️ Voir le message", case=cid, channel=_message_channel(result))],
            [
                cb.CONTACT.button("📤 Démarche faite", case=cid),
                cb.RESPONSE.button("💬 Réponse du client", case=cid),
            ],
            [
                cb.PAYMENT.button("💶 Paiement reçu", case=cid),
                cb.EDIT.button("✏️ Modifier", case=cid),
            ],
            *_insolvency_row(stored),
            [cb.CLOSE.button("📦 Clore", case=cid), cb.DELETE.button("🗑 Supprimer", case=cid)],
            *(_lookup_rows(stored) if lookup else []),
            mine,
        ]
    )


def _lookup_rows(stored: StoredCase) -> Rows:
    """The register look-up (conversations.card_lookup), for an open case whose client has
    no SIREN (never a consumer)."""
    debtor = stored.case.debtor
    if not stored.is_open or debtor.siren or debtor.kind is DebtorKind.CONSUMER:
        return []
    return [[cb.CARD_LOOKUP.button("🔎 Chercher dans l'annuaire", case=stored.id)]]


def _message_channel(result: Assessment | None) -> str:
    """The channel of the step's message (a letter for a formal notice), so the button asks
    just in time what that message needs (conversations.details)."""
    from bot.words.messages import default_channel, step_for

    step = step_for(result) if result is not None else None
    return default_channel(step) if step else MessageChannel.EMAIL.value


def _insolvency_row(stored: StoredCase) -> Rows:
    """Insolvency proceedings are offered for private debtors only (never a public person)."""
    if stored.case.debtor.kind is DebtorKind.PUBLIC:
        return []
    return [[cb.INSOLVENCY.button("⚖️ Procédure collective", case=stored.id)]]


async def show_card(context: RelanceContext, stored: StoredCase) -> None:
    """Status, the assessment card, the timeline, the actions."""
    case = stored.case
    card: Markup | None = None
    result: Assessment | None = None
    if stored.is_open:
        result = assess(case, context.today())
        card = Markup(card_text_for(stored, result))
    await reply(
        context,
        "cases/card",
        card_buttons(stored, result, lookup=context.services.outside is not None),
        status=stored.status,
        card=card,
        debtor=case.debtor.name,
        number=case.invoice.number,
        amount=case.invoice.amount,
        due_date=case.invoice.due_date,
        balance=balance(case),
        events=timeline(stored),
    )


def card_text_for(stored: StoredCase, result: Assessment) -> str:
    case = stored.case
    return case_reply.card_text(
        case.debtor.name, case.invoice.number, result, warnings(result, stored)
    )


on_card = case_button(show_card)  # `case:<id>`: the card (ends any pending question)
