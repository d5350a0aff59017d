"""PerUserUpdateProcessor: one user's updates in order, different users side by side."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.local.bot_api import make_text_update
from bot.runtime.per_user_updates import PerUserUpdateProcessor


def _update(user_id: int, update_id: int) -> Update:
    return Update.de_json(make_text_update(user_id, f"m{update_id}", update_id), None)


class Steps:
    """Steps that note their name when done; a stuck one waits for `release`."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.done: list[str] = []

    async def step(self, name: str, stuck: bool = False) -> None:
        if stuck:
            await self.release.wait()
        self.done.append(name)


async def test_one_users_updates_wait_for_each_other_and_other_users_do_not() -> None:
    processor, steps = PerUserUpdateProcessor(running=8), Steps()
    tasks = [
        asyncio.create_task(processor.process_update(_update(1, 1), steps.step("a1", True))),
        asyncio.create_task(processor.process_update(_update(1, 2), steps.step("a2"))),
        asyncio.create_task(processor.process_update(_update(2, 3), steps.step("b1"))),
    ]
    await asyncio.sleep(0.05)
    assert steps.done == ["b1"]  # the other user is not held up; a2 waits behind a1
    steps.release.set()
    await asyncio.gather(*tasks)
    assert steps.done == ["b1", "a1", "a2"]


async def test_many_updates_of_one_user_keep_their_order_and_leave_no_lock_behind() -> None:
    processor = PerUserUpdateProcessor(running=4)
    done: list[int] = []

    async def step(number: int) -> None:
        await asyncio.sleep(0.001 * (number % 3))
        done.append(number)

    await asyncio.gather(*(processor.process_update(_update(7, n), step(n)) for n in range(40)))
    assert done == list(range(40))
    assert processor._locks == {} and processor._waiting == {}


async def test_a_user_with_many_waiting_updates_holds_up_nobody_else() -> None:
    processor, steps = PerUserUpdateProcessor(running=4), Steps()
    burst = [
        asyncio.create_task(processor.process_update(_update(1, n), steps.step(f"a{n}", n == 0)))
        for n in range(20)  # the first one is stuck; 19 more wait for their turn
    ]
    await asyncio.sleep(0.02)
    await asyncio.wait_for(processor.process_update(_update(2, 99), steps.step("b")), 1.0)
    assert steps.done == ["b"]
    steps.release.set()
    await asyncio.gather(*burst)
    assert steps.done == ["b"] + [f"a{n}" for n in range(20)]
