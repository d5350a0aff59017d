"""The intake's look-up of the client in the company register and the BODACC (DESIGN §9,
§11): after the client's name, up to three matches as buttons; the chosen one fills the
SIREN, the address and the kind, and a ceased company or a published proceeding is said at
once (the case then starts at the insolvency stage with the BODACC's dates).

A private person ("Mme Martin") is never looked up; when a service is down the intake goes
on by hand after one line."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date

from telegram.ext import BaseHandler, MessageHandler

from bot.domain.assess import INSOLVENCY_CLAIM_MONTHS
from bot.domain.calendar import add_months
from bot.domain.facts import DebtorKind, Insolvency, InsolvencyKind
from bot.domain.persons import names_a_private_person
from bot.outside.models import Found
from bot.outside.registry import identifier
from bot.outside.transport import ServiceDown
from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.drafts import Data, Drafts
from conversations.replying import (
    TEXT,
    buttons_only,
    close_choice,
    keyboard,
    render_html,
    reply,
    stale,
)
from conversations.routing import on

log = logging.getLogger(__name__)

LOOKUP = 100  # intake state: choosing among the register's matches
MAX_MATCHES = 3
NONE_LABEL = "Aucun de ceux-là"

Next = Callable[[RelanceContext, Data], Awaitable[int]]


def match_of(found: Found) -> Data:
    """What the draft keeps of one match (enough to fill the case after a restart)."""
    company, latest = found.company, found.latest
    return {
        "siren": company.siren,
        "name": company.name,
        "address": company.address,
        "city": company.city,
        "kind": company.kind.value,
        "active": company.active,
        "checked": found.checked,
        "proceeding": None
        if latest is None
        else {
            "kind": latest.kind.value,
            "published_on": latest.published_on.isoformat(),
            "opened_on": latest.opened_on.isoformat() if latest.opened_on else None,
        },
    }


def spaced(siren: str) -> str:
    return f"{siren[:3]} {siren[3:6]} {siren[6:]}"


def button_label(match: Data) -> str:
    parts = [match["name"], match.get("city"), spaced(match["siren"])]
    return " · ".join(part for part in parts if part)


def insolvency_from_draft(data: Data) -> Insolvency | None:
    """The proceeding the chosen company is in, as the case's insolvency fact."""
    found = data.get("insolvency")
    if not found or data.get("kind") == DebtorKind.PUBLIC.value:
        return None
    opened = found.get("opened_on")
    return Insolvency(
        kind=InsolvencyKind(found["kind"]),
        published_on=date.fromisoformat(found["published_on"]),
        opened_on=date.fromisoformat(opened) if opened else None,
    )


def chosen_text(
    name: str, match: Data, latest: Insolvency | None, *, at_the_end: bool = True
) -> str:
    """What the bot says of the chosen company: identity, public body, proceeding, ceased."""
    return render_html(
        "lookup/chosen",
        name=name,
        siren=spaced(match["siren"]),
        address=", ".join((match["address"] or "").splitlines()),
        kind=match["kind"],
        active=match["active"],
        checked=match.get("checked", True),
        latest=latest
        and {
            "kind": latest.kind.value,
            "opened_on": latest.judgment_on,
            "published_on": latest.published_on,
        },
        deadline=latest and add_months(latest.published_on, INSOLVENCY_CLAIM_MONTHS),
        at_the_end=at_the_end,
    )


class IntakeLookup:
    """The look-up step, between the intake's name question and the next one asked."""

    def __init__(self, drafts: Drafts, go_on: Next) -> None:
        self.drafts = drafts
        self.go_on = go_on  # the intake's next unanswered question (the kind, if not set)

    async def after_name(self, context: RelanceContext, data: Data) -> int:
        """Look the name up and offer the matches, or go on (to the kind question)."""
        outside = context.services.outside
        name = data["name"]
        if outside is None or names_a_private_person(name):
            return await self.go_on(context, data)
        await reply(context, "lookup/searching", name=name)
        try:
            found = await outside.lookup(name, limit=MAX_MATCHES, strict=False)
        except ServiceDown as error:
            log.warning("lookup: %s unavailable (%s)", error.service, error.reason)
            await reply(context, "lookup/down")
            return await self.go_on(context, data)
        if not found:
            await reply(context, "lookup/not_found", name=name)
            return await self.go_on(context, data)
        data["matches"] = [match_of(f) for f in found[:MAX_MATCHES]]
        rows = [
            [cb.LOOKUP_CHOICE.button(button_label(m), choice=i)]
            for i, m in enumerate(data["matches"])
        ]
        rows.append([cb.LOOKUP_CHOICE.button(NONE_LABEL, choice="none")])
        return await self.drafts.advance(context, data, LOOKUP, "lookup/matches", keyboard(rows))

    async def chosen(self, _update: object, context: RelanceContext) -> int:
        choice = context.match["choice"]
        data = await self.drafts.load(context)
        matches = data.get("matches") or []
        if choice.isdigit() and int(choice) >= len(matches):  # a forged or stale button
            await stale(context)
            return LOOKUP
        data.pop("matches", None)
        if not choice.isdigit():
            await close_choice(context, NONE_LABEL)
            return await self.go_on(context, data)
        match = matches[int(choice)]
        await close_choice(context, button_label(match))
        if identifier(data["name"]) is not None:
            data["name"] = match["name"]  # a SIREN typed as the name: the register's name
        data.update(kind=match["kind"], siren=match["siren"], address=match["address"])
        data["insolvency"] = match["proceeding"]
        latest = insolvency_from_draft(data)
        await context.send(chosen_text(data["name"], match, latest))
        return await self.go_on(context, data)

    def states(self) -> dict[object, list[BaseHandler]]:
        return {
            LOOKUP: [
                on(cb.LOOKUP_CHOICE, self.chosen),
                MessageHandler(TEXT, buttons_only(LOOKUP)),
            ]
        }
