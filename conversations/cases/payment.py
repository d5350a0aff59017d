"""Record a payment: the amount (or "all paid") → the date; paid in full closes the case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from telegram.ext import ConversationHandler

from bot.domain.assess import assess
from bot.domain.facts import Payment
from bot.domain.money import balance
from bot.store import StoredCase
from bot.words.render import money
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases import flow
from conversations.context import RelanceContext
from conversations.replying import answer_query, keyboard, reply


async def start(_update: object, context: RelanceContext) -> int:
    stored = await flow.start_flow(context)
    if stored is None:
        return ConversationHandler.END
    owed = balance(stored.case)
    markup = keyboard([[cb.PAID_ALL.button(f"✅ Tout est payé ({money(owed)})")]])
    return await flow.first_question(
        context, stored, "payment", flow.PAY_AMOUNT, "pay_amount", markup, balance=owed
    )


async def paid_all(_update: object, context: RelanceContext) -> int:
    """The shortcut: the remaining balance, dated today, and the case closed as paid."""
    await answer_query(context)
    _, stored = await flow.draft_case(context)
    if stored is None or not stored.is_open:
        return await flow.stale_end(context)
    return await record_payment(context, stored, balance(stored.case), context.today())


async def got_amount(_update: object, context: RelanceContext) -> int:
    amount = inputs.amount(context)
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None:
        return await flow.stale_end(context)
    # [v2] Paying the interest and the indemnity too is paying what is owed (§5 overpayment).
    claimable = assess(stored.case, context.today()).amounts.total
    if amount > claimable:
        raise inputs.Invalid("cases/error/pay_too_big", total=money(claimable))
    draft.amount = amount
    markup = flow.today_button(cb.PAID_TODAY)
    return await flow.advance(context, draft, flow.PAY_DATE, "pay_date", markup, amount=amount)


async def got_date(_update: object, context: RelanceContext) -> int:
    """The date typed, or "Aujourd'hui": the payment is stored."""
    await answer_query(context)
    when = inputs.past_date(context)
    draft, stored = await flow.draft_case(context)
    if draft is None or draft.amount is None or stored is None or not stored.is_open:
        return await flow.stale_end(context)
    return await record_payment(context, stored, draft.amount, when)


async def record_payment(
    context: RelanceContext, stored: StoredCase, amount: Decimal, when: date
) -> int:
    """Store the payment; what pays the balance in full closes the case as paid."""
    repo = context.repo
    if amount > 0:
        flow.DRAFTS.with_the_fact(context)  # the payment and the dialog's end commit together
        await repo.add_payment(context.user_id, stored.id, Payment(date=when, amount=amount))
    if amount >= balance(stored.case):
        await repo.close_case(context.user_id, stored.id, "paid")
        state = await flow.DRAFTS.end(context)
        markup = keyboard(flow.MY_CASES)
        name = stored.case.debtor.name
        await reply(context, "cases/paid", markup, debtor=name, amount=amount, when=when)
        return state
    return await flow.recorded(context, stored.id, "payment", amount=amount, when=when)
