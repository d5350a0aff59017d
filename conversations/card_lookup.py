"""The case card's look-up of a client in the company register and the BODACC (issue 20):
"🔎 Chercher dans l'annuaire" → up to three matches → the chosen one fills the client's SIREN
and address, corrects its kind and records a published proceeding; then the card again.

Stateless: the choice runs the search again (the client caches it), so an old button still
works after a restart."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot.domain.facts import DebtorKind
from bot.outside.models import Found
from bot.outside.transport import ServiceDown
from bot.store import StoredCase
from conversations.cases import show_card
from conversations.lookup import (
    MAX_MATCHES,
    NONE_LABEL,
    button_label,
    chosen_text,
    insolvency_from_draft,
    match_of,
)
from conversations.replying import (
    answer_query,
    close_choice,
    keyboard,
    render_html,
    send,
    services,
    user_ids,
)

log = logging.getLogger(__name__)

PREFIX = "lkc"


def rows_for(stored: StoredCase) -> list[list[tuple[str, str]]]:
    """The card's button row for an open case whose client has no SIREN (never a consumer)."""
    debtor = stored.case.debtor
    if not stored.is_open or debtor.siren or debtor.kind is DebtorKind.CONSUMER:
        return []
    return [[("🔎 Chercher dans l'annuaire", f"{PREFIX}:{stored.id}")]]


async def _search(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str) -> list[Found]:
    outside = services(context).outside
    if outside is None:
        await send(update, context, render_html("lookup/off"))
        return []
    try:
        found = await outside.lookup(name, limit=MAX_MATCHES, strict=False)
    except ServiceDown as error:
        log.warning("card lookup: %s unavailable (%s)", error.service, error.reason)
        await send(update, context, render_html("lookup/down_card"))
        return []
    if not found:
        await send(update, context, render_html("lookup/not_found_card", name=name))
    return found


async def on_search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update)
    user_id, _ = user_ids(update)
    parts = (update.callback_query.data or "").split(":")
    stored = await services(context).case(user_id, parts[1])
    if stored is None or stored.case.debtor.kind is DebtorKind.CONSUMER:
        await send(update, context, render_html("stale_button"))
        return
    name = stored.case.debtor.name
    await send(update, context, render_html("lookup/searching", name=name))
    found = await _search(update, context, name)
    if not found:
        return
    rows = [[(button_label(match_of(f)), f"{PREFIX}:{stored.id}:{i}")] for i, f in enumerate(found)]
    rows.append([(NONE_LABEL, f"{PREFIX}:{stored.id}:none")])
    await send(update, context, render_html("lookup/matches"), keyboard(rows))


async def on_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user_id, _ = user_ids(update)
    svc = services(context)
    _, raw_id, choice = (update.callback_query.data or "").split(":")
    stored = await svc.case(user_id, raw_id)
    if stored is None:
        await answer_query(update)
        await send(update, context, render_html("stale_button"))
        return
    if not choice.isdigit():
        await close_choice(update, NONE_LABEL)
        await show_card(update, context, stored)
        return
    found = await _search(update, context, stored.case.debtor.name)
    if int(choice) >= len(found):
        await answer_query(update)
        await send(update, context, render_html("stale_button"))
        return
    match = match_of(found[int(choice)])
    await close_choice(update, button_label(match))
    await svc.repo.update_debtor_details(
        user_id, stored.id, siren=match["siren"], address=match["address"]
    )
    if match["kind"] != stored.case.debtor.kind.value:
        await svc.repo.update_case_fields(user_id, stored.id, debtor_kind=match["kind"])
    data = {
        "name": stored.case.debtor.name,
        "kind": match["kind"],
        "insolvency": match["proceeding"],
    }
    insolvency = insolvency_from_draft(data)
    if insolvency is not None:
        await svc.repo.set_insolvency(user_id, stored.id, insolvency)
    await send(update, context, chosen_text(data["name"], match, insolvency, at_the_end=False))
    refreshed = await svc.case(user_id, stored.id)
    if refreshed is not None:
        await show_card(update, context, refreshed)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(on_search, pattern=rf"^{PREFIX}:\d{{1,18}}$"),
        CallbackQueryHandler(on_choice, pattern=rf"^{PREFIX}:\d{{1,18}}:(\d|none)$"),
    ]
