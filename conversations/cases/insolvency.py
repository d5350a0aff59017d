"""Record insolvency proceedings: the kind → the BODACC publication → the opening judgment."""

from __future__ import annotations

from telegram.ext import ConversationHandler

from bot.domain.facts import DebtorKind, Insolvency, InsolvencyKind
from bot.domain.parsing import ParseError, parse_date
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases.flow import (
    INSOLVENCY_KIND,
    INSOLVENCY_OPENED,
    INSOLVENCY_PUBLISHED,
    CaseDraft,
    advance,
    draft_case,
    load,
    recorded,
    stale_end,
    start_flow,
    today_button,
)
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, error_name, keyboard, retry


async def start(_update: object, context: RelanceContext) -> int:
    stored = await start_flow(context)
    if stored is None:
        return ConversationHandler.END
    if stored.case.debtor.kind is DebtorKind.PUBLIC:
        return await stale_end(context)
    kinds = [[cb.INSOLVENCY_KIND.button(label("proceeding", k), kind=k)] for k in InsolvencyKind]
    draft = CaseDraft("insolvency", stored.id)
    debtor = stored.case.debtor.name
    return await advance(
        context, draft, INSOLVENCY_KIND, "insolvency_kind", keyboard(kinds), debtor=debtor
    )


async def got_kind(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    draft = await load(context)
    if draft is None:
        return await stale_end(context)
    draft.kind = InsolvencyKind(context.match["kind"]).value
    markup = today_button(cb.INSOLVENCY_TODAY)
    return await advance(context, draft, INSOLVENCY_PUBLISHED, "insolvency_published", markup)


async def got_published(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    when = inputs.past_date(context)
    if isinstance(when, inputs.Invalid):
        return await inputs.again(context, when, INSOLVENCY_PUBLISHED)
    draft = await load(context)
    if draft is None:
        return await stale_end(context)
    draft.published_on = when
    same = keyboard([[cb.INSOLVENCY_SAME_DATE.button("Même date que la publication")]])
    return await advance(
        context, draft, INSOLVENCY_OPENED, "insolvency_opened", same, published_on=when
    )


async def got_opened(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    draft, stored = await draft_case(context)
    if draft is None or stored is None or not stored.is_open:
        return await stale_end(context)
    published = draft.published_on
    assert published is not None and draft.kind is not None
    if context.pressed:  # "the same date as the publication"
        opened = published
    else:
        try:
            opened = parse_date(context.text, published, prefer="past", not_after=published)
        except ParseError as error:
            return await retry(context, error_name(error, "date_invalid"), INSOLVENCY_OPENED)
    insolvency = Insolvency(InsolvencyKind(draft.kind), published_on=published, opened_on=opened)
    await context.repo.set_insolvency(context.user_id, stored.id, insolvency)
    return await recorded(context, stored.id, "insolvency")
