"""One sweep's state, shared by its producer (bot/reminders/sweep.py) and its senders
(bot/reminders/delivery.py): the report, the queue of prepared digests, the lease."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.reminders.pacer import Pacer
from bot.reminders.plan import DigestPlan
from bot.store import reminder_outcomes as o
from bot.store import reminder_queries as q

if TYPE_CHECKING:
    from telegram import Bot, InlineKeyboardMarkup

    from bot.runtime.services import Services
    from bot.store.engine import Database

QUEUE = 1500  # prepared digests waiting at most (about 50 s of sending at 29/s)


@dataclass
class SweepReport:
    """What one sweep did (or, dry run, would do). `lines`: (user, case, step or nudge kind)."""

    at: datetime
    dry_run: bool = False
    claimed: int = 0  # digests claimed (new claims + take-overs)
    recovered: int = 0  # take-overs of claims left behind by a crashed sender
    sent: int = 0  # digest messages delivered
    empty: int = 0  # users handled with nothing due (nothing sent, day recorded)
    nudges: int = 0  # nudges delivered (inside digests)
    blocked: int = 0  # 403: reminders switched off
    failed: int = 0  # other errors: claim released for a later sweep
    retried: int = 0  # RetryAfter waits
    starved: float = 0.0  # seconds every sender waited for a digest still being prepared
    lines: list[tuple[int, int, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"at={self.at.isoformat()} dry_run={self.dry_run} claimed={self.claimed} "
            f"recovered={self.recovered} sent={self.sent} empty={self.empty} "
            f"nudges={self.nudges} blocked={self.blocked} failed={self.failed} "
            f"retried={self.retried} lines={len(self.lines)} seconds={self.seconds:.2f}"
        )


@dataclass(slots=True)
class Job:
    """A claimed, rendered digest waiting for a sender."""

    prepared: o.Prepared
    chat_id: int
    plan: DigestPlan
    text: str
    markup: InlineKeyboardMarkup

    @property
    def owner(self) -> int:
        return self.prepared.owner


@dataclass
class Run:
    services: Services
    bot: Bot | None
    at: datetime
    report: SweepReport
    pacer: Pacer
    stale_after: timedelta
    lease: timedelta
    holder: str
    send_gate: asyncio.Semaphore  # the senders' connections (their decisions never wait long)
    loop: asyncio.AbstractEventLoop  # the senders' event loop
    producer_db: Database | None = None  # the producer's own engine, in its own thread
    failed_owners: set[int] = field(default_factory=set)
    queue: asyncio.Queue[Job | None] = field(default_factory=lambda: asyncio.Queue(QUEUE))
    senders: int = 0  # sender workers running
    producing: bool = True  # the producer may still enqueue digests
    stopped: bool = False  # the sweep was cancelled: the producer stops at its next step
    sending: bool = False  # a first digest was taken off the queue
    _waiting: int = 0
    _idle_from: float | None = None
    _counting: threading.Lock = field(default_factory=threading.Lock)

    async def next_job(self) -> Job | None:
        """The next prepared digest (None: no more). Counts the time every sender spends
        waiting for one while the producer is still at work (`report.starved`)."""
        if not self.queue.empty() or not self.producing or not self.sending:
            job = await self.queue.get()
            self.sending = True
            return job
        self._waiting += 1
        if self._waiting == self.senders:
            self._idle_from = time.monotonic()
        try:
            return await self.queue.get()
        finally:
            if self._idle_from is not None:
                self.report.starved += time.monotonic() - self._idle_from
                self._idle_from = None
            self._waiting -= 1

    def lease_until(self) -> datetime:
        return datetime.now(UTC) + self.lease

    def new_lease(self) -> q.Lease:
        now = datetime.now(UTC)
        return q.Lease(self.holder, now + self.lease, now)

    @property
    def db(self) -> Database:
        """The producer's database engine."""
        assert self.producer_db is not None
        return self.producer_db

    async def release(self, owner: int, log_ids: list[int]) -> None:
        """Give up unsent claims (a later sweep claims them again); the producer's side."""
        await o.release(self.db, owner, log_ids)

    async def enqueue(self, job: Job) -> None:
        """Hand a prepared digest from the producer's thread to the senders' queue (waits
        while the queue is full; dropped once the sweep is stopped: its claims lapse)."""
        if not self.stopped:
            put = asyncio.run_coroutine_threadsafe(self.queue.put(job), self.loop)
            await asyncio.wrap_future(put)

    def stop(self) -> None:
        """The sweep is cancelled: the producer's thread ends at its next step (a put it is
        waiting on gets room)."""
        self.stopped = True
        while not self.queue.empty():
            self.queue.get_nowait()

    def count(self, **added: int) -> None:
        """Add to the report's counters, from either thread."""
        with self._counting:
            for name, value in added.items():
                setattr(self.report, name, getattr(self.report, name) + value)
