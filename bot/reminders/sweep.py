"""The reminders sweep (DESIGN §10): each user's digest and nudges, sent once.

`sweep(services, bot, at)` is run every minute by the bot's clock (bot/reminders/ticks.py)
and by `python -m bot digest --at ISO_DATETIME`. For the moment `at`, per time zone:

1. the local date must be a working day and the user's hour reached; the digest is keyed by
   that local date, so a later sweep the same day catches up and the next day's never sends
   yesterday's;
2. digests are claimed in the database (bot/store/reminder_queries.py), batch after batch,
   under this sweep's lease (renewed while it runs: claims held by a sweep that died are
   taken over by another within `LEASE`, at most `MAX_ATTEMPTS` times in all);
3. the producer runs ahead of the sending, in a thread of its own (its own event loop and
   database engine, so the senders' loop stays free): each batch is loaded, assessed,
   its nudges claimed, rendered and put on a bounded queue, then the next is claimed;
4. senders (bot/reminders/delivery.py) drain the queue at the pacer's rate; right before
   each send the user and the cases are re-checked and the digest marked sent, in one
   transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.calendar import is_working_day
from bot.reminders.delivery import sender
from bot.reminders.digest_text import render_digest
from bot.reminders.nudges import MAX_NUDGES, Nudge
from bot.reminders.pacer import Pacer, SendQuota
from bot.reminders.plan import plan_for
from bot.reminders.run import Job, Run, SweepReport
from bot.runtime.clock import PARIS
from bot.store import reminder_outcomes as o
from bot.store import reminder_queries as q
from bot.store.engine import Database

if TYPE_CHECKING:
    from telegram import Bot

    from bot.runtime.services import Services

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)  # a claim without a lease this old: its sender died
LEASE = timedelta(seconds=60)  # a claim's lease (wall clock), renewed every third of it
MAX_ATTEMPTS = 3  # first claim + at most two take-overs after crashes
ANALYZE_EVERY = 10  # batches between refreshes of PostgreSQL's statistics of the log
BATCH = 200  # digests claimed per statement, prepared together (short writes: SQLite)
FIRST_BATCH = 25  # the first claims of a sweep: a small batch, so that sending starts at once
SENDERS = 12  # sender workers, each holding the next moment the pacer gave it (> 29 × lead)
SEND_CONNECTIONS = 2  # connections the senders hold at once
SWITCH_INTERVAL = 0.001  # seconds the producer's thread holds the interpreter at most
RESTART_PASSES = 3  # extra passes from the start when the cursor runs dry (SKIP LOCKED)
RESTART_PAUSE = 0.05  # seconds, times the pass number
LEASE_WAIT_MARGIN = 0.5  # seconds past another sweeper's lease before taking its claims


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return PARIS


async def sweep(
    services: Services,
    bot: Bot | None,
    at: datetime,
    *,
    dry_run: bool = False,
    pacer: Pacer | None = None,
    stale_after: timedelta = STALE_AFTER,
    lease: timedelta = LEASE,
    await_leases: bool = False,
    owners: Iterable[int] | None = None,
    report: SweepReport | None = None,
) -> SweepReport:
    """Send every digest and nudge due at moment `at` (naive = Europe/Paris), exactly once.
    With `dry_run`, nothing is claimed, sent or recorded: `report.lines` says what would go.
    `owners` limits the sweep to those users (the terminal chat); None means everyone. The
    default pacer takes the bot's shared quota in the database. With `await_leases` (the
    `digest` command), claims another sweeper still holds are waited for, up to two leases:
    taken over if their holder is gone, left to it if it renews them. `report`: filled in
    as the sweep goes (a benchmark reads it before the end)."""
    only = None if owners is None else sorted(set(owners))
    started = time.monotonic()
    if at.tzinfo is None:
        at = at.replace(tzinfo=PARIS)
    if report is None:
        report = SweepReport(at=at, dry_run=dry_run)
    if not dry_run and bot is None:
        raise ValueError("a real sweep needs a bot")
    run = Run(
        services, bot, at, report, pacer or Pacer(quota=SendQuota(services.db)), stale_after,
        lease, uuid.uuid4().hex, asyncio.Semaphore(SEND_CONNECTIONS), asyncio.get_running_loop(),
    )  # fmt: skip
    if dry_run:
        await _dry_run(run, only)
    else:
        run.senders = SENDERS
        senders = [asyncio.create_task(sender(run)) for _ in range(SENDERS)]
        renewer = asyncio.create_task(_renew(run))
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, SWITCH_INTERVAL))
        try:
            await asyncio.to_thread(asyncio.run, _produce_apart(run, only, await_leases))
        except asyncio.CancelledError:
            run.stop()
            raise
        finally:
            sys.setswitchinterval(switch)
            run.producing = False
            for _ in senders:
                await run.queue.put(None)
            await asyncio.gather(*senders, return_exceptions=True)
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
    report.seconds = time.monotonic() - started
    if report.claimed or report.lines or report.failed:
        log.info("reminders sweep %s", report.summary())
    return report


async def _renew(run: Run) -> None:
    """Keep this sweep's claims its own while it runs (queued ones included)."""
    while True:
        await asyncio.sleep(run.lease.total_seconds() / 3)
        try:
            async with run.send_gate:
                await q.renew_leases(run.services.db, run.holder, run.lease_until())
        except Exception:
            log.exception("renewing the reminder claims' lease failed; retried")


async def _dry_run(run: Run, only: list[int] | None) -> None:
    db = run.services.db
    for tz_name in await q.reminder_timezones(db):
        local = run.at.astimezone(_zone(tz_name))
        if not is_working_day(local.date()):
            continue
        pending = await q.pending_digest_users(
            db, tz=tz_name, key=local.date().isoformat(), hour=local.hour, only=only
        )
        for start in range(0, len(pending), BATCH):
            owners = pending[start : start + BATCH]
            _, cases = await q.load_batch(db, owners)
            logged = await q.logged_nudges_of(db, owners)
            for owner in owners:
                plan = plan_for(cases.get(owner, []), local.date())
                for item in plan.items:
                    run.report.lines.append((owner, item.case_id, item.stage.value))
                for nudge in plan.nudges:
                    if (owner, nudge.kind, nudge.case_id, nudge.key) not in logged:
                        run.report.lines.append((owner, nudge.case_id, nudge.kind))


async def _produce_apart(run: Run, only: list[int] | None, await_leases: bool) -> None:
    """The producer, in a thread of its own with its own event loop and database engine:
    its loading, assessing and rendering never hold a sender up (the senders' loop gets
    the interpreter back within `SWITCH_INTERVAL`)."""
    run.producer_db = Database(run.services.db.url)
    try:
        await _produce(run, only, await_leases)
    finally:
        await run.producer_db.dispose()


async def _produce(run: Run, only: list[int] | None, await_leases: bool) -> None:
    """Claim, batch after batch, and feed the senders."""
    db, at = run.db, run.at
    for tz_name in await q.reminder_timezones(db):
        local = at.astimezone(_zone(tz_name))
        today = local.date()
        if not is_working_day(today):
            continue
        key = today.isoformat()
        await _take_over(run, tz_name, today, only)
        await _claim_due(run, tz_name, local, only)
        if await_leases:
            latest = await q.latest_foreign_lease(db, key, run.holder)
            wait = (latest - datetime.now(UTC)).total_seconds() if latest else None
            if wait is not None and wait <= 2 * run.lease.total_seconds():
                await asyncio.sleep(max(0.0, wait) + LEASE_WAIT_MARGIN)
                await _take_over(run, tz_name, today, only)


async def _take_over(run: Run, tz_name: str, today: date, only: list[int] | None) -> None:
    """The claims of today whose sweeper is gone: this sweep's now."""
    while not run.stopped:
        claims = await q.reclaim_stale_digests(
            run.db, tz=tz_name, key=today.isoformat(), now=run.at,
            stale_before=run.at - run.stale_after, max_attempts=MAX_ATTEMPTS, limit=BATCH,
            wall_now=datetime.now(UTC), holder=run.holder, lease_until=run.lease_until(),
            exclude=run.failed_owners, only=only,
        )  # fmt: skip
        if not claims:
            return
        claims = await _not_failed(run, claims)
        run.count(recovered=len(claims))
        await _prepare(run, claims, today)


async def _claim_due(run: Run, tz_name: str, local: datetime, only: list[int] | None) -> None:
    """New claims, batch after batch (the first small, then doubling up to `BATCH`), each
    prepared before the next is claimed (the queue's bound holds the producer back)."""
    db, today = run.db, local.date()
    cursor = batches = restarts = 0
    while not run.stopped:
        if batches and batches % ANALYZE_EVERY == 0:
            await q.refresh_statistics(db)
        batches += 1
        claims = await q.claim_digests(
            db, tz=tz_name, key=today.isoformat(), hour=local.hour, now=run.at,
            limit=min(BATCH, FIRST_BATCH << min(batches - 1, 10)),
            exclude=run.failed_owners, only=only, after=cursor, holder=run.holder,
            lease_until=run.lease_until(),
        )  # fmt: skip
        if not claims:
            if cursor == 0:
                if batches == 1 or restarts >= RESTART_PASSES:
                    return
                # A row another sweeper still held may be free a moment later.
                restarts += 1
                await asyncio.sleep(RESTART_PAUSE * restarts)
                continue
            # One more pass from the start: a user passed over while another sweeper held
            # its row (SKIP LOCKED) and left unclaimed is picked up here.
            cursor = 0
            continue
        cursor = max(claim.owner for claim in claims)
        await _prepare(run, await _not_failed(run, claims), today)


async def _not_failed(run: Run, claims: list[q.Claim]) -> list[q.Claim]:
    """Claims of users whose send failed in this sweep are released again: a claim taken
    while their failure was being recorded must not make them fail twice."""
    kept = []
    for claim in claims:
        if claim.owner in run.failed_owners:
            await run.release(claim.owner, [claim.log_id])
        else:
            kept.append(claim)
    return kept


async def _prepare(run: Run, claims: list[q.Claim], today: date) -> None:
    """One batch: load, assess, claim the nudges, render, enqueue."""
    run.count(claimed=len(claims))
    try:
        jobs = await _build(run, claims, today)
    except Exception:
        log.exception("preparing %d reminders failed; claims released", len(claims))
        for claim in claims:
            run.failed_owners.add(claim.owner)  # before the release: no re-claim this sweep
            await run.release(claim.owner, [claim.log_id])
            run.count(failed=1)
        return
    for job in jobs:
        await run.enqueue(job)


async def _build(run: Run, claims: list[q.Claim], today: date) -> list[Job]:
    db, at = run.db, run.at
    users, cases = await q.load_batch(db, [c.owner for c in claims])
    by_owner = {c.owner: c for c in claims}
    eligible: list[int] = []
    for claim in claims:
        user = users.get(claim.owner)
        if user is None or not user.reminders_on or user.blocked_at is not None:
            await run.release(claim.owner, [claim.log_id])
        else:
            eligible.append(claim.owner)
    plans = {}
    for owner in eligible:
        try:
            plans[owner] = plan_for(cases.get(owner, []), today)
        except Exception:  # one user's odd case must not take the batch's digests down
            await _give_up_user(run, owner, [by_owner[owner].log_id], "planning")
    wanted = [
        q.NudgeKey(owner, n.kind, n.case_id, n.key)
        for owner, plan in plans.items()
        for n in plan.nudges
    ]
    won: dict[q.NudgeKey, int] = {}
    if wanted:
        won = await q.claim_nudges(
            db, wanted, now=at, stale_before=at - run.stale_after, lease=run.new_lease()
        )
    empty: list[tuple[int, int, str | None]] = []
    to_send: list[tuple[int, o.Prepared]] = []
    for owner, plan in plans.items():
        kept: list[Nudge] = []
        nudge_ids: dict[int, list[int]] = {}
        surplus: list[int] = []
        for n in plan.nudges:
            log_id = won.get(q.NudgeKey(owner, n.kind, n.case_id, n.key))
            if log_id is None:
                continue
            if len(kept) < MAX_NUDGES:
                kept.append(n)
                nudge_ids.setdefault(n.case_id, []).append(log_id)
            else:
                surplus.append(log_id)
        plan.nudges = kept
        plan.more_nudges = len(surplus)
        if surplus:
            await run.release(owner, surplus)
        if plan.empty:
            empty.append((owner, by_owner[owner].log_id, "nothing due"))
            continue
        item_cases = tuple(i.case_id for i in plan.items)
        prepared = o.Prepared(owner, run.holder, by_owner[owner].log_id, item_cases, nudge_ids)
        to_send.append((owner, prepared))
    jobs = []
    for owner, prepared in to_send:
        try:
            text, markup = render_digest(plans[owner])
        except Exception:
            await _give_up_user(run, owner, prepared.all_ids(), "writing")
            continue
        jobs.append(Job(prepared, users[owner].chat_id, plans[owner], text, markup))
    if empty:
        await o.finish_many(db, empty, at=at)
        run.count(empty=len(empty))
    return jobs


async def _give_up_user(run: Run, owner: int, log_ids: list[int], doing: str) -> None:
    """One user's digest could not be prepared: logged (the user's id, never their data),
    their claims released for a later sweep, the others' digests go on."""
    log.exception("%s the reminders of user %s failed; claims released", doing, owner)
    run.failed_owners.add(owner)  # before the release: no re-claim this sweep
    await run.release(owner, log_ids)
    run.count(failed=1)
