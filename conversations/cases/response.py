"""Record the client's response: kind → (the promised date | a note on the dispute)."""

from __future__ import annotations

from datetime import date

from telegram.ext import ConversationHandler

from bot.domain.facts import Response, ResponseKind
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases.flow import (
    RESPONSE_KIND,
    RESPONSE_NOTE,
    RESPONSE_PROMISE,
    CaseDraft,
    advance,
    load,
    recorded,
    stale_end,
    start_flow,
)
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, keyboard

OFFERED = tuple(ResponseKind)


async def start(_update: object, context: RelanceContext) -> int:
    stored = await start_flow(context)
    if stored is None:
        return ConversationHandler.END
    markup = keyboard([[cb.RESPONSE_KIND.button(label("response", k), kind=k)] for k in OFFERED])
    draft = CaseDraft("response", stored.id)
    debtor = stored.case.debtor.name
    return await advance(context, draft, RESPONSE_KIND, "response_kind", markup, debtor=debtor)


async def got_kind(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    draft = await load(context)
    if draft is None:
        return await stale_end(context)
    kind = ResponseKind(context.match["kind"])
    draft.kind = kind.value
    if kind == ResponseKind.PROMISE:
        return await advance(context, draft, RESPONSE_PROMISE, "promise_date")
    if kind == ResponseKind.DISPUTE:
        skip = keyboard([[cb.RESPONSE_NO_NOTE.button("Passer")]])
        return await advance(context, draft, RESPONSE_NOTE, "dispute_note", skip)
    return await record_response(context, draft.case_id, kind)


async def got_promise(_update: object, context: RelanceContext) -> int:
    promised = inputs.promised_date(context)
    if isinstance(promised, inputs.Invalid):
        return await inputs.again(context, promised, RESPONSE_PROMISE)
    draft = await load(context)
    if draft is None:
        return await stale_end(context)
    return await record_response(context, draft.case_id, ResponseKind.PROMISE, promised=promised)


async def got_note(_update: object, context: RelanceContext) -> int:
    draft = await load(context)
    if context.pressed:  # "Passer"
        await answer_query(context)
        note = None
    else:
        note = await inputs.note(context)
    if draft is None:
        return await stale_end(context)
    return await record_response(context, draft.case_id, ResponseKind.DISPUTE, note=note)


async def record_response(
    context: RelanceContext,
    case_id: object,
    kind: ResponseKind,
    *,
    promised: date | None = None,
    note: str | None = None,
) -> int:
    """Store the response (dated today) on the user's case, then `recorded`."""
    stored = await context.case(case_id)
    if stored is None:
        return await stale_end(context)
    response = Response(date=context.today(), kind=kind, promised_date=promised, note=note)
    await context.repo.add_response(context.user_id, stored.id, response)
    return await recorded(context, stored.id, "response", response=kind.value)
