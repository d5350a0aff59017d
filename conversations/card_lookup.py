"""The case card's look-up of a client in the company register and the BODACC (issue 20):
"🔎 Chercher dans l'annuaire" (its button: cases.card) → up to three matches → the chosen
one fills the client's SIREN and address, corrects its kind and records a published
proceeding; then the card again.

Stateless: the choice runs the search again (the client caches it), so an old button still
works after a restart."""

from __future__ import annotations

import logging

from telegram.ext import BaseHandler

from bot.domain.facts import DebtorKind
from bot.outside.models import Found
from bot.outside.transport import ServiceDown
from conversations import callbacks as cb
from conversations.cases.card import show_card
from conversations.context import RelanceContext
from conversations.lookup import (
    MAX_MATCHES,
    NONE_LABEL,
    button_label,
    chosen_text,
    insolvency_from_draft,
    match_of,
)
from conversations.replying import answer_query, close_choice, keyboard, reply, stale
from conversations.routing import on

log = logging.getLogger(__name__)


async def _search(context: RelanceContext, name: str) -> list[Found]:
    outside = context.services.outside
    if outside is None:
        await reply(context, "lookup/off")
        return []
    try:
        found = await outside.lookup(name, limit=MAX_MATCHES, strict=False)
    except ServiceDown as error:
        log.warning("card lookup: %s unavailable (%s)", error.service, error.reason)
        await reply(context, "lookup/down_card")
        return []
    if not found:
        await reply(context, "lookup/not_found_card", name=name)
    return found


async def on_search(_update: object, context: RelanceContext) -> None:
    await answer_query(context)
    stored = await context.case(context.match["case"])
    if stored is None or stored.case.debtor.kind is DebtorKind.CONSUMER:
        await reply(context, "stale_button")
        return
    name = stored.case.debtor.name
    await reply(context, "lookup/searching", name=name)
    found = await _search(context, name)
    if not found:
        return
    cid = stored.id
    rows = [
        [cb.CARD_LOOKUP_CHOICE.button(button_label(match_of(f)), case=cid, choice=i)]
        for i, f in enumerate(found)
    ]
    rows.append([cb.CARD_LOOKUP_CHOICE.button(NONE_LABEL, case=cid, choice="none")])
    await reply(context, "lookup/matches", keyboard(rows))


async def on_choice(_update: object, context: RelanceContext) -> None:
    choice = context.match["choice"]
    stored = await context.case(context.match["case"])
    if stored is None:
        return await stale(context)
    if not choice.isdigit():
        await close_choice(context, NONE_LABEL)
        await show_card(context, stored)
        return None
    found = await _search(context, stored.case.debtor.name)
    if int(choice) >= len(found):
        return await stale(context)
    match = match_of(found[int(choice)])
    await close_choice(context, button_label(match))
    repo, user_id = context.repo, context.user_id
    await repo.update_debtor_details(
        user_id, stored.id, siren=match["siren"], address=match["address"]
    )
    if match["kind"] != stored.case.debtor.kind.value:
        await repo.update_case_fields(user_id, stored.id, debtor_kind=match["kind"])
    data = {
        "name": stored.case.debtor.name,
        "kind": match["kind"],
        "insolvency": match["proceeding"],
    }
    insolvency = insolvency_from_draft(data)
    if insolvency is not None:
        await repo.set_insolvency(user_id, stored.id, insolvency)
    await context.send(chosen_text(data["name"], match, insolvency, at_the_end=False))
    refreshed = await context.case(stored.id)  # several facts changed, one relinked
    if refreshed is not None:
        await show_card(context, refreshed)
    return None


def handlers() -> list[BaseHandler]:
    return [
        on(cb.CARD_LOOKUP, on_search),
        on(cb.CARD_LOOKUP_CHOICE, on_choice),
    ]
