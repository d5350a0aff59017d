"""The sweep's fast path: the batch loader builds the same `Case` objects as the repository,
and the pacer keeps within the Bot API stand-in's flood limits (no 429)."""

from __future__ import annotations

import asyncio
import time
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from telegram import Bot

from bot.domain.facts import (
    Insolvency,
    InsolvencyKind,
    Installment,
    Payment,
    Plan,
    Response,
    ResponseKind,
    Step,
)
from bot.local.bot_api import STANDIN_TOKEN, RateLimit, StandinRequest
from bot.reminders import Pacer
from bot.store import Repo
from bot.store import reminder_queries as q
from tests.support.reminders_support import case, contact


async def test_the_batch_loader_builds_the_same_cases_as_the_repository(
    database: Any, repo: Repo
) -> None:
    owners = [11, 12, 13, 14]
    for n, owner in enumerate(owners):
        full = await repo.create_case(
            owner,
            case(
                f"Complet {owner}",
                due=date(2026, 7, 1 + n),
                contacts=(
                    contact(date(2026, 7, 10), Step.FRIENDLY_REMINDER),
                    contact(date(2026, 8, 1), Step.FIRM_REMINDER, "sms"),
                ),
                responses=(
                    Response(
                        date(2026, 8, 5),
                        ResponseKind.PROMISE,
                        promised_date=date(2026, 8, 30),
                        note="virement",
                    ),
                    Response(date(2026, 9, 1), ResponseKind.DISPUTE, note="désaccord"),
                ),
                payments=(Payment(date(2026, 8, 20), Decimal("100.50")),),
                insolvency=Insolvency(InsolvencyKind.RECEIVERSHIP, date(2026, 9, 20)),
            ),
            chat_id=owner,
        )
        plan = Plan((Installment(date(2026, 12, 1), Decimal("300")),
                     Installment(date(2027, 1, 1), Decimal("849.50"))))  # fmt: skip
        assert await repo.set_plan(owner, full, plan)
        await repo.create_case(owner, case(f"Simple {owner}", due=date(2026, 10, 1)), chat_id=owner)
        closed = await repo.create_case(owner, case(f"Fermé {owner}"), chat_id=owner)
        await repo.close_case(owner, closed, "paid")
    await repo.create_case(99, case("Autre"), chat_id=99)  # not in the batch

    users, loaded = await q.load_batch(database, owners)

    assert sorted(users) == owners and sorted(loaded) == owners
    for owner in owners:
        expected = await repo.list_open_cases(owner)
        assert len(expected) == 2
        assert loaded[owner] == expected  # same StoredCase (ids, status, facts), same order
        for stored in loaded[owner]:
            assert stored == await repo.get_case(owner, stored.id)
        first = loaded[owner][0].case
        assert len(first.contacts) == 2 and len(first.responses) == 2
        assert first.payments and first.insolvency and first.plan
        assert len(first.plan.installments) == 2
        user = await repo.get_user(owner)
        assert users[owner] == user


@pytest.mark.slow
async def test_the_pacer_never_gets_a_429_from_the_stand_in() -> None:
    request = StandinRequest(rate_limit=RateLimit(overall=30, per_chat=1))
    bot = Bot(STANDIN_TOKEN, request=request, get_updates_request=request.companion())
    pacer = Pacer()  # the sweep's defaults
    chats = list(range(5_000_000, 5_000_300))
    queue: asyncio.Queue[int] = asyncio.Queue()
    for chat in chats:
        queue.put_nowait(chat)
    repeat = [chats[0], chats[1]] * 3  # the same chats again: the per-chat gap

    async def worker() -> None:
        while not queue.empty():
            chat = queue.get_nowait()
            await pacer.wait(chat)
            await bot.send_message(chat, "Bonjour")

    async with bot:
        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(8)))
        elapsed = time.monotonic() - started
        for chat in repeat:
            queue.put_nowait(chat)
        await asyncio.gather(*(worker() for _ in range(4)))
    ok = [c for c in request.calls_of("sendMessage") if c.ok]
    assert request.rate_limited == 0
    assert len(ok) == len(chats) + len(repeat)
    print(f"\npacer: {len(chats)} sends in {elapsed:.2f}s = {(len(chats) - 1) / elapsed:.1f} msg/s")
