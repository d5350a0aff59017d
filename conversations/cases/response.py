"""Record the client's response: kind → (the promised date | a note on the dispute)."""

from __future__ import annotations

from datetime import date

from bot.domain.facts import Response, ResponseKind
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases import flow
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, keyboard


async def start(_update: object, context: RelanceContext) -> int:
    kinds = [[cb.RESPONSE_KIND.button(label("response", k), kind=k)] for k in ResponseKind]
    return await flow.begin(
        context, "response", flow.RESPONSE_KIND, "response_kind", keyboard(kinds)
    )


async def got_kind(_update: object, context: RelanceContext) -> int:
    draft = await flow.pressed(context)
    if draft is None:
        return await flow.stale_end(context)
    kind = ResponseKind(context.match["kind"])
    draft.kind = kind.value
    if kind == ResponseKind.PROMISE:
        return await flow.advance(context, draft, flow.RESPONSE_PROMISE, "promise_date")
    if kind == ResponseKind.DISPUTE:
        skip = keyboard([[cb.RESPONSE_NO_NOTE.button("Passer")]])
        return await flow.advance(context, draft, flow.RESPONSE_NOTE, "dispute_note", skip)
    return await record_response(context, draft.case_id, kind)


async def got_promise(_update: object, context: RelanceContext) -> int:
    promised = inputs.promised_date(context)
    draft = await flow.load(context)
    if draft is None:
        return await flow.stale_end(context)
    return await record_response(context, draft.case_id, ResponseKind.PROMISE, promised=promised)


async def got_note(_update: object, context: RelanceContext) -> int:
    """The dispute's note typed, or "Passer"."""
    draft = await flow.load(context)
    if context.pressed:
        await answer_query(context)
        note = None
    else:
        note = await inputs.note(context)
    if draft is None:
        return await flow.stale_end(context)
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
        return await flow.stale_end(context)
    response = Response(date=context.today(), kind=kind, promised_date=promised, note=note)
    flow.DRAFTS.with_the_fact(context)  # the response and the dialog's end commit together
    await context.repo.add_response(context.user_id, stored.id, response)
    return await flow.recorded(context, stored.id, "response", response=kind.value)
