"""One-tap actions on a case: close (paid or abandoned), delete, reopen — each asks to
confirm first where it cannot be undone, and ends any pending question about a case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.domain.money import balance
from bot.store import StoredCase
from conversations import callbacks as cb
from conversations.cases.card import show_card
from conversations.cases.flow import DRAFTS, MY_CASES, pressed_case, stale_end
from conversations.context import RelanceContext
from conversations.replying import answer_query, keyboard, reply

Act = Callable[[RelanceContext, StoredCase], Awaitable[None]]


def one_tap(act: Act) -> Callable[[object, RelanceContext], Awaitable[int]]:
    """The handler of one button: the user's case (else stale), the pending question ended,
    then `act`."""

    async def handler(_update: object, context: RelanceContext) -> int:
        await answer_query(context)
        stored = await pressed_case(context)
        if stored is None:
            return await stale_end(context)
        state = await DRAFTS.end(context)
        await act(context, stored)
        return state

    return handler


async def _no_longer(context: RelanceContext) -> None:
    """An action that no longer applies (already closed, already open…)."""
    await reply(context, "stale_button")


@one_tap
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


@one_tap
async def close(context: RelanceContext, stored: StoredCase) -> None:
    if not stored.is_open:
        return await _no_longer(context)
    status = context.match["status"]
    await context.repo.close_case(context.user_id, stored.id, status)
    name = stored.case.debtor.name
    await reply(context, "cases/closed", keyboard(MY_CASES), debtor=name, status=status)


@one_tap
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


@one_tap
async def delete(context: RelanceContext, stored: StoredCase) -> None:
    await context.repo.delete_case(context.user_id, stored.id)
    await reply(context, "cases/deleted", keyboard(MY_CASES), debtor=stored.case.debtor.name)


@one_tap
async def reopen(context: RelanceContext, stored: StoredCase) -> None:
    if stored.is_open:
        return await _no_longer(context)
    await context.repo.reopen_case(context.user_id, stored.id)
    await show_card(context, replace(stored, status="open", closed_at=None))
