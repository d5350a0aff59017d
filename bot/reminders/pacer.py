"""Telegram's sending limits, on our side: about 30 messages a second overall, for the whole
bot however many processes send, and one a second in one chat.

`SendQuota` is the overall limit shared through the database (bot/store/send_quota.py): time
is cut into slots of 1/rate second and each process sends one message per slot it won, so
all of them together send at most `rate` messages a second, evenly spaced. Without a quota
(one process alone, tests, benchmarks) `Pacer` keeps the same even spacing in memory.

`Pacer.reserve(chat)` books the next moment a message to `chat` may go and returns it (the
event loop's clock); `Pacer.wait(chat)` also sleeps until then. Any sender of the bot can
use them: the reminders sweep does; the dialog process's replies can, through
`QuotaRateLimiter` given to PTB's `ApplicationBuilder().rate_limiter(…)`."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import BaseRateLimiter

from bot.store import send_quota
from bot.store.engine import Database

log = logging.getLogger(__name__)

MESSAGES_PER_SECOND = 29  # overall (Telegram: about 30)
PER_CHAT_INTERVAL = 1.05  # seconds between two sends in one chat (Telegram: 1/s)
SLOTS_AHEAD = 1.0  # seconds of slots a process asks for at once
REFILL_TRIES = 8  # further ranges looked at when every slot asked for was taken
PRUNE_EVERY = 200  # refills between two prunings of old slots
LATE = 0.025  # seconds past its moment a send gives a quota's moment up (1/29 s = 34 ms)
CHAT_MEMORY = 10_000  # chats whose next moment is remembered before old ones are dropped
# The Bot API methods that send a message (Telegram's flood limits count them).
SENDING_METHODS = frozenset({
    "sendMessage", "sendDocument", "sendPhoto", "sendMediaGroup", "copyMessage",
    "forwardMessage", "sendLocation", "sendContact", "sendVideo", "sendAudio", "sendVoice",
})  # fmt: skip


class SendQuota:
    """The bot's shared sending quota as one process sees it: a small stock of slots won
    ahead (a second's worth, asked for in one statement), handed out in order."""

    def __init__(
        self,
        db: Database,
        per_second: float = MESSAGES_PER_SECOND,
        *,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.rate = float(per_second)
        self.batch = max(4, int(self.rate * SLOTS_AHEAD))
        self.wall = wall
        self._stock: deque[int] = deque()
        self._cursor = 0
        self._refills = 0
        self._refilling: asyncio.Task[None] | None = None

    async def next_slot(self, ahead: float = 0.0) -> float:
        """The start (wall clock) of a slot that is now this process's, at least `ahead`
        seconds from now. The stock is topped up in the background when half gone, so that
        a slow statement (SQLite's single writer busy elsewhere) holds no send up."""
        while True:
            soonest = self.wall() + ahead
            while self._stock and self._stock[0] / self.rate < soonest:
                self._stock.popleft()  # passed unused: lost, like any unused slot
            if len(self._stock) <= self.batch // 2 and (
                self._refilling is None or self._refilling.done()
            ):
                self._refilling = asyncio.create_task(self._refill(soonest))
                self._refilling.add_done_callback(_retrieve)
            if self._stock:
                return self._stock.popleft() / self.rate
            await asyncio.shield(self._refilling)  # type: ignore[arg-type]

    async def _refill(self, soonest: float) -> None:
        start = max(self._cursor, math.ceil(soonest * self.rate))
        for _ in range(REFILL_TRIES):
            won = await send_quota.take_slots(self.db, list(range(start, start + self.batch)))
            start += self.batch
            if won:
                self._stock.extend(won)
                break
        self._cursor = start
        self._refills += 1
        if self._refills % PRUNE_EVERY == 1:
            keep = int(self.rate * send_quota.KEEP_SLOTS_SECONDS)
            await send_quota.prune_slots(self.db, start - self.batch * REFILL_TRIES - keep)


def _retrieve(task: asyncio.Task[None]) -> None:
    """A refill that failed in the background: its error is raised to whoever awaits the
    next one (logged here, not left unretrieved)."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("taking sending slots failed: %s", type(task.exception()).__name__)


class Pacer:
    """At most `per_second` sends a second overall (evenly spaced; through `quota` when
    given, for every process at once) and at least `per_chat` seconds between two sends in
    one chat. `per_second <= 0` means no overall limit (benchmarks, tests)."""

    def __init__(
        self,
        per_second: float = MESSAGES_PER_SECOND,
        per_chat: float = PER_CHAT_INTERVAL,
        *,
        quota: SendQuota | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.limit = max(1, int(per_second)) if per_second > 0 else 0  # in any 1-s window
        self.per_chat = per_chat
        self.quota = quota
        self.monotonic = monotonic
        self._next = 0.0
        self._chat_next: dict[int, float] = {}
        self._sent: deque[float] = deque()

    async def reserve(self, chat_id: int, *, ahead: float = 0.0) -> float:
        """Book the next moment (this event loop's clock), at least `ahead` seconds from
        now, when a message to `chat_id` may go."""
        while (ready := self._chat_next.get(chat_id, 0.0)) > (now := self.monotonic()):
            await asyncio.sleep(ready - now)  # this chat's gap; other chats go on meanwhile
        if self.per_chat > 0:  # held until the moment is known: a second send here waits
            self._chat_next[chat_id] = now + self.per_chat + 1.0
        if self.quota is not None:
            slot = await self.quota.next_slot(ahead)
            at = self.monotonic() + slot - self.quota.wall()
        elif self.interval:
            at = max(now + ahead, self._next)
            self._next = at + self.interval
        else:
            at = now + ahead
        if self.per_chat > 0:
            self._chat_next[chat_id] = at + self.per_chat
            if len(self._chat_next) > CHAT_MEMORY:
                self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        return at

    async def go(self, chat_id: int, moment: float) -> bool:
        """Sleep until the booked `moment`; True when the message may go now. Held up past
        it by more than `LATE`, a quota's moment is given up (False: book another), for a
        late send could crowd the moments other processes send at; alone, the last second's
        sends are counted instead, and a late send waits for room."""
        await sleep_until(moment, self.monotonic)
        if self.quota is not None:
            if self.monotonic() > moment + LATE:
                self._chat_next.pop(chat_id, None)  # the moment went unused
                return False
            return True
        if self.limit:
            sent = self._sent
            while True:
                now = self.monotonic()
                while sent and now - sent[0] >= 1.0:
                    sent.popleft()
                if len(sent) < self.limit:
                    sent.append(now)
                    break
                await asyncio.sleep(sent[0] + 1.0 - now)
        return True

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may go (booked and counted: send it now)."""
        while not await self.go(chat_id, await self.reserve(chat_id)):
            continue


async def sleep_until(moment: float, monotonic: Callable[[], float] = time.monotonic) -> None:
    delay = moment - monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


class QuotaRateLimiter(BaseRateLimiter[None]):
    """PTB's rate limiter over a `Pacer`: every call that sends a message waits for its
    moment, so replies share the bot's quota with the reminders sweep."""

    def __init__(self, pacer: Pacer) -> None:
        self.pacer = pacer

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Any:
        chat_id = data.get("chat_id")
        if endpoint in SENDING_METHODS and isinstance(chat_id, int):
            await self.pacer.wait(chat_id)
        return await callback(*args, **kwargs)
