"""One-tap actions on a case: close (paid or abandoned), delete, reopen — each asks to
confirm first where it cannot be undone, and ends any pending question about a case
(`flow.case_button`)."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.money import balance
from bot.store import StoredCase
from conversations import callbacks as cb
from conversations.cases.card import show_card
from conversations.cases.flow import MY_CASES, case_button
from conversations.context import RelanceContext
from conversations.replying import keyboard, reply


async def _no_longer(context: RelanceContext) -> None:
    """An action that no longer applies (already closed, already open…)."""
    await reply(context, "stale_button")


@case_button
async def ask_close(context: RelanceContext, stored: StoredCase) -> None:
    if not stored.is_open:
        return await _no_longer(context)
    cid = stored.id
    buttons = [
        [cb.CLOSE_AS.button("✅ Payé", case=cid, status="paid"),
         cb.CLOSE_AS.button("🚫 Abandonné", case=cid, status="abandoned")],
        [cb.CASE.button("Non, le garder ouvert", case=cid)],
    ]  # fmt: skip
    name = stored.case.debtor.name
    await reply(
        context, "cases/close_confirm", keyboard(buttons), debtor=name, balance=balance(stored.case)
    )


@case_button
async def close(context: RelanceContext, stored: StoredCase) -> None:
    if not stored.is_open:
        return await _no_longer(context)
    status = context.match["status"]
    await context.repo.close_case(context.user_id, stored.id, status)
    name = stored.case.debtor.name
    await reply(context, "cases/closed", keyboard(MY_CASES), debtor=name, status=status)


@case_button
async def ask_delete(context: RelanceContext, stored: StoredCase) -> None:
    cid = stored.id
    buttons = [
        [cb.DELETE_YES.button("🗑 Oui, supprimer", case=cid), cb.CASE.button("Non", case=cid)]
    ]
    case = stored.case
    await reply(
        context,
        "cases/delete_confirm",
        keyboard(buttons),
        debtor=case.debtor.name,
        number=case.invoice.number,
    )


@case_button
async def delete(context: RelanceContext, stored: StoredCase) -> None:
    await context.repo.delete_case(context.user_id, stored.id)
    await reply(context, "cases/deleted", keyboard(MY_CASES), debtor=stored.case.debtor.name)


@case_button
async def reopen(context: RelanceContext, stored: StoredCase) -> None:
    if stored.is_open:
        return await _no_longer(context)
    await context.repo.reopen_case(context.user_id, stored.id)
    await show_card(context, replace(stored, status="open", closed_at=None))
