"""The cases dialog's states, its typed draft, and what every step about a case shares:
the case a button names, the start of a multi-step action, the ending after a fact is stored.

One persistent ConversationHandler (FLOW "cases") holds every multi-step action, so only one
question about a case is pending at a time: pressing any case button (a card, the list,
another action) ends the pending question. Every case id that arrives in callback data is
read back through `repo.get_case(user, id)`: another user's id, or garbage, answers
`stale_button` and reveals nothing. Each step writes its next state and draft before it
replies (`advance`), so a restart resumes at the question the user was shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup
from telegram import InlineKeyboardMarkup
from telegram.ext import ConversationHandler

from bot.domain.assess import assess
from bot.domain.facts import Assessment, Channel, Step
from bot.store import StoredCase
from conversations import callbacks as cb
from conversations import case_reply
from conversations.context import RelanceContext
from conversations.drafts import Drafts
from conversations.replying import answer_query, keyboard, reply

FLOW = "cases"

(
    CONTACT_STEP,
    CONTACT_CHANNEL,
    CONTACT_DATE,
    RESPONSE_KIND,
    RESPONSE_PROMISE,
    RESPONSE_NOTE,
    PAY_AMOUNT,
    PAY_DATE,
    EDIT_FIELD,
    EDIT_VALUE,
    INSOLVENCY_KIND,
    INSOLVENCY_PUBLISHED,
    INSOLVENCY_OPENED,
) = range(13)

DRAFTS = Drafts(FLOW)
MY_CASES = [[("📁 Mes dossiers", cb.CASES.data())]]


@dataclass(slots=True)
class CaseDraft:
    """The answers of one action on a case (stored as JSON, only the keys that are set)."""

    flow: str  # contact | response | payment | insolvency | edit
    case_id: int
    step: Step | None = None
    channel: Channel | None = None
    kind: str | None = None  # a ResponseKind or an InsolvencyKind
    amount: Decimal | None = None
    field: str | None = None
    published_on: date | None = None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Step | Channel):
                value = value.value
            elif isinstance(value, Decimal):
                value = str(value)
            elif isinstance(value, date):
                value = value.isoformat()
            if value is not None:
                data[f.name] = value
        return data

    @classmethod
    def of(cls, data: dict[str, Any]) -> CaseDraft | None:
        """The draft of the stored answers, None when there is none (ended, never begun)."""
        if "case_id" not in data:
            return None
        published = data.get("published_on")
        return cls(
            flow=data.get("flow", ""),
            case_id=data["case_id"],
            step=Step(data["step"]) if data.get("step") else None,
            channel=Channel(data["channel"]) if data.get("channel") else None,
            kind=data.get("kind"),
            amount=Decimal(data["amount"]) if data.get("amount") else None,
            field=data.get("field"),
            published_on=date.fromisoformat(published) if published else None,
        )


async def load(context: RelanceContext) -> CaseDraft | None:
    return CaseDraft.of(await DRAFTS.load(context))


async def pressed(context: RelanceContext) -> CaseDraft | None:
    """A button of the pending question: its spinner stopped, the draft it answers."""
    await answer_query(context)
    return await load(context)


async def advance(
    context: RelanceContext,
    draft: CaseDraft,
    state: int,
    question: str,
    markup: InlineKeyboardMarkup | None = None,
    /,
    **values: object,
) -> int:
    """Save the draft with the next state, then ask `cases/ask/<question>`."""
    return await DRAFTS.advance(
        context, draft.to_data(), state, f"cases/ask/{question}", markup, **values
    )


async def stale_end(context: RelanceContext) -> int:
    """A forged, stale or foreign button: say so politely, reveal nothing, end the flow."""
    await reply(context, "stale_button")
    return await DRAFTS.end(context)


async def on_stale(_update: object, context: RelanceContext) -> int:
    """A case button that no longer applies (or never did)."""
    await answer_query(context)
    return await stale_end(context)


async def draft_case(context: RelanceContext) -> tuple[CaseDraft | None, StoredCase | None]:
    """The draft and its case, read again (it may have been deleted meanwhile)."""
    draft = await load(context)
    stored = await context.case(draft.case_id) if draft is not None else None
    return draft, stored


async def pressed_case(context: RelanceContext) -> StoredCase | None:
    """The user's case named by the button pressed (its `case` group)."""
    return await context.case(context.match["case"])


async def start_flow(context: RelanceContext, *, open_only: bool = True) -> StoredCase | None:
    """The case of an action button, None (after saying why) when it cannot be acted on."""
    await answer_query(context)
    stored = await pressed_case(context)
    if stored is None:
        await stale_end(context)
        return None
    if open_only and not stored.is_open:
        await DRAFTS.end(context)
        await reply(context, "cases/not_open", debtor=stored.case.debtor.name)
        return None
    return stored


async def begin(
    context: RelanceContext,
    flow: str,
    state: int,
    question: str,
    markup: InlineKeyboardMarkup | None = None,
    /,
    *,
    open_only: bool = True,
    **values: object,
) -> int:
    """The first question of a multi-step action on the case the button names (the case
    must be open unless `open_only` is False)."""
    stored = await start_flow(context, open_only=open_only)
    if stored is None:
        return ConversationHandler.END
    return await first_question(context, stored, flow, state, question, markup, **values)


async def first_question(
    context: RelanceContext,
    stored: StoredCase,
    flow: str,
    state: int,
    question: str,
    markup: InlineKeyboardMarkup | None = None,
    /,
    **values: object,
) -> int:
    """A new draft for the action `flow` on `stored`, and its first question."""
    draft = CaseDraft(flow, stored.id)
    debtor = stored.case.debtor.name
    return await advance(context, draft, state, question, markup, debtor=debtor, **values)


Act = Callable[[RelanceContext, StoredCase], Awaitable[None]]


def case_button(act: Act) -> Callable[[object, RelanceContext], Awaitable[int]]:
    """The handler of a one-tap button on a case: the user's case (else stale), any pending
    question about a case ended, then `act`."""

    async def handler(_update: object, context: RelanceContext) -> int:
        await answer_query(context)
        stored = await pressed_case(context)
        if stored is None:
            return await stale_end(context)
        state = await DRAFTS.end(context)
        await act(context, stored)
        return state

    return handler


def warnings(result: Assessment, stored: StoredCase) -> list[Markup]:
    return case_reply.warning_items(result, stored.case)


def today_button(action: cb.Action) -> InlineKeyboardMarkup:
    return keyboard([[action.button("Aujourd'hui")]])


async def recorded(context: RelanceContext, case_id: int, what: str, **values: object) -> int:
    """After a fact was stored: confirm, give the next step, offer the message and the card."""
    state = await DRAFTS.end(context)
    stored = await context.case(case_id)  # read back: a repeated update recorded nothing new
    if stored is None:  # deleted meanwhile
        await reply(context, "stale_button")
        return state
    result = assess(stored.case, context.today())
    await reply(
        context,
        "cases/recorded",
        keyboard(
            [
                [cb.MESSAGE.button("✉️ Voir le message", case=case_id, channel="email")],
                [cb.CASE.button("📁 Voir le dossier", case=case_id)],
            ]
        ),
        what=what,
        stage=result.stage.value,
        due_now=result.due_now,
        next_step_on=result.next_step_on,
        balance=result.amounts.principal,
        warnings=warnings(result, stored),
        **values,
    )
    return state
