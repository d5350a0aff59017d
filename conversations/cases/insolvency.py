"""Record insolvency proceedings: the kind → the BODACC publication → the opening judgment."""

from __future__ import annotations

from telegram.ext import ConversationHandler

from bot.domain.facts import DebtorKind, Insolvency, InsolvencyKind
from bot.domain.parsing import ParseError, parse_date
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases import flow
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, error_name, keyboard


async def start(_update: object, context: RelanceContext) -> int:
    stored = await flow.start_flow(context)
    if stored is None:
        return ConversationHandler.END
    if stored.case.debtor.kind is DebtorKind.PUBLIC:  # never a public person's proceedings
        return await flow.stale_end(context)
    kinds = [[cb.INSOLVENCY_KIND.button(label("proceeding", k), kind=k)] for k in InsolvencyKind]
    return await flow.first_question(
        context, stored, "insolvency", flow.INSOLVENCY_KIND, "insolvency_kind", keyboard(kinds)
    )


async def got_kind(_update: object, context: RelanceContext) -> int:
    draft = await flow.pressed(context)
    if draft is None:
        return await flow.stale_end(context)
    draft.kind = InsolvencyKind(context.match["kind"]).value
    markup = flow.today_button(cb.INSOLVENCY_TODAY)
    return await flow.advance(
        context, draft, flow.INSOLVENCY_PUBLISHED, "insolvency_published", markup
    )


async def got_published(_update: object, context: RelanceContext) -> int:
    """The BODACC's publication date typed, or "Aujourd'hui"."""
    await answer_query(context)
    when = inputs.past_date(context)
    draft = await flow.load(context)
    if draft is None:
        return await flow.stale_end(context)
    draft.published_on = when
    same = keyboard([[cb.INSOLVENCY_SAME_DATE.button("Même date que la publication")]])
    return await flow.advance(
        context, draft, flow.INSOLVENCY_OPENED, "insolvency_opened", same, published_on=when
    )


async def got_opened(_update: object, context: RelanceContext) -> int:
    """The opening judgment's date (not after the publication), or the same date."""
    await answer_query(context)
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None or not stored.is_open:
        return await flow.stale_end(context)
    published = draft.published_on
    assert published is not None and draft.kind is not None
    if context.pressed:
        opened = published
    else:
        try:
            opened = parse_date(context.text, published, prefer="past", not_after=published)
        except ParseError as error:
            raise inputs.Invalid(error_name(error, "date_invalid")) from None
    insolvency = Insolvency(InsolvencyKind(draft.kind), published_on=published, opened_on=opened)
    await context.repo.set_insolvency(context.user_id, stored.id, insolvency)
    return await flow.recorded(context, stored.id, "insolvency")
