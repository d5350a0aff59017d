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
from conversations.cases.flow import (
    DRAFTS,
    MY_CASES,
    PAY_AMOUNT,
    PAY_DATE,
    CaseDraft,
    advance,
    draft_case,
    recorded,
    stale_end,
    start_flow,
    today_button,
)
from conversations.context import RelanceContext
from conversations.replying import answer_query, keyboard, reply, retry


async def start(_update: object, context: RelanceContext) -> int:
    stored = await start_flow(context)
    if stored is None:
        return ConversationHandler.END
    owed = balance(stored.case)
    markup = keyboard([[cb.PAID_ALL.button(f"✅ Tout est payé ({money(owed)})")]])
    draft = CaseDraft("payment", stored.id)
    debtor = stored.case.debtor.name
    return await advance(
        context, draft, PAY_AMOUNT, "pay_amount", markup, debtor=debtor, balance=owed
    )


async def paid_all(_update: object, context: RelanceContext) -> int:
    """The shortcut: the remaining balance, dated today, and the case closed as paid."""
    await answer_query(context)
    _, stored = await draft_case(context)
    if stored is None or not stored.is_open:
        return await stale_end(context)
    return await record_payment(context, stored, balance(stored.case), context.today())


async def got_amount(_update: object, context: RelanceContext) -> int:
    amount = inputs.amount(context)
    if isinstance(amount, inputs.Invalid):
        return await inputs.again(context, amount, PAY_AMOUNT)
    draft, stored = await draft_case(context)
    if draft is None or stored is None:
        return await stale_end(context)
    # [v2] Paying the interest and the indemnity too is paying what is owed (§5 overpayment).
    claimable = assess(stored.case, context.today()).amounts.total
    if amount > claimable:
        return await retry(context, "cases/error/pay_too_big", PAY_AMOUNT, total=money(claimable))
    draft.amount = amount
    return await advance(
        context, draft, PAY_DATE, "pay_date", today_button(cb.PAID_TODAY), amount=amount
    )


async def got_date(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    when = inputs.past_date(context)
    if isinstance(when, inputs.Invalid):
        return await inputs.again(context, when, PAY_DATE)
    draft, stored = await draft_case(context)
    if draft is None or draft.amount is None or stored is None or not stored.is_open:
        return await stale_end(context)
    return await record_payment(context, stored, draft.amount, when)


async def record_payment(
    context: RelanceContext, stored: StoredCase, amount: Decimal, when: date
) -> int:
    """Store the payment; what pays the balance in full closes the case as paid."""
    repo = context.repo
    if amount > 0:
        await repo.add_payment(context.user_id, stored.id, Payment(date=when, amount=amount))
    if amount >= balance(stored.case):
        await repo.close_case(context.user_id, stored.id, "paid")
        state = await DRAFTS.end(context)
        name = stored.case.debtor.name
        await reply(
            context, "cases/paid", keyboard(MY_CASES), debtor=name, amount=amount, when=when
        )
        return state
    return await recorded(context, stored.id, "payment", amount=amount, when=when)
