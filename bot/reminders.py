"""Daily reminders (DESIGN §10): the sweep that sends each user's digest and nudges, once.

`sweep(services, bot, at)` is run every minute by the bot's JobQueue (`schedule(app)`) and by
`python -m bot digest --at ISO_DATETIME`. For the moment `at`, per time zone of the users:

1. the local date must be a working day (weekends and French public holidays are skipped) and
   the user's hour reached; the digest is keyed by that local date, so a sweep later the same
   day catches up a missed run and a sweep the next day never sends yesterday's;
2. digests are claimed in the database (`bot.store.reminder_queries`: INSERT … ON CONFLICT
   DO NOTHING RETURNING on the reminder log's unique key, FOR UPDATE SKIP LOCKED on
   PostgreSQL; claims left behind by a crashed sender are taken over after `STALE_AFTER`
   with UPDATE … RETURNING, at most `MAX_ATTEMPTS` times in all);
3. each claimed user's open cases are assessed as of their local date; the digest lists the
   cases due today, most urgent first, with a button to the ready message and a "Fait"
   button; the one-off nudges (preventive reminder, promise expired, formal-notice deadline
   passed, limitation near, insolvency declaration deadline) are folded into it as lines,
   each claimed under its own key (kind, case, date) so it is never repeated;
4. right before sending, the cases are checked again (a case paid or closed meanwhile is
   dropped); nothing is sent when nothing is due, but the day is recorded as handled;
5. Telegram: our own pacing (≤ 30 messages/s per process, ≤ 1/s per chat), RetryAfter
   waited out and retried, 403 → reminders switched off (not retried), other errors → the
   claim is released for a later sweep.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter

from bot.domain import warnings as w
from bot.domain.assess import assess
from bot.domain.calendar import is_working_day
from bot.domain.facts import CONTACT_STEP, Assessment, ResponseKind, Stage, Step
from bot.runtime.clock import PARIS
from bot.store import reminder_queries as q
from bot.store.convert import StoredCase
from bot.words.html_split import TELEGRAM_LIMIT, parsed_length
from bot.words.render import render

if TYPE_CHECKING:
    from telegram import Bot
    from telegram.ext import Application, ContextTypes, Job

    from bot.runtime.services import Services

log = logging.getLogger(__name__)

JOB_NAME = "reminders-sweep"
SWEEP_INTERVAL_SECONDS = 60.0
STALE_AFTER = timedelta(minutes=10)  # a claim this old, still unsent: its sender died
MAX_ATTEMPTS = 3  # first claim + at most two take-overs after crashes
ANALYZE_EVERY = 10  # batches between refreshes of PostgreSQL's statistics of the log
BATCH = 500  # digests claimed per statement, prepared together
FIRST_BATCH = 25  # the first claims of a sweep: a small batch, so that sending starts at once
PIPELINE = 2  # batches prepared at once (one's queries overlap the other's assessing)
SENDERS = 8  # sender workers draining the queue of rendered digests
QUEUE = 2 * BATCH  # rendered digests waiting at most (claims are not taken far ahead)
DB_CONCURRENCY = 3  # connections the sweep holds at once (within the engine's pool)
MAX_SEND_TRIES = 5  # RetryAfter retries for one message
RESTART_PASSES = 3  # extra passes from the start when the cursor runs dry (SKIP LOCKED)
RESTART_PAUSE = 0.05  # seconds, times the pass number
MAX_ITEMS = 10  # cases listed (with buttons) in one digest; the rest: /dossiers
MAX_NUDGES = 8  # one-off events in one digest; the others are released for another day
DIGEST_NAME = 60  # characters of a client's name shown in the digest
INSOLVENCY_NUDGE_DAYS = 15  # nudge when the declaration deadline is this close
MESSAGES_PER_SECOND = 29  # sends in any 1-second window (Telegram: 30)
PER_CHAT_INTERVAL = 1.05  # seconds between two sends in one chat (Telegram: 1/s)

# Most urgent first.
URGENCY: dict[Stage, int] = {
    Stage.INSOLVENCY: 0,
    Stage.ESCALATION: 1,
    Stage.FORMAL_NOTICE: 2,
    Stage.FINAL_NOTICE: 3,
    Stage.DISPUTE: 4,
    Stage.VERIFY_PAYMENT: 5,
    Stage.PAYMENT_PLAN: 6,
    Stage.FIRM_REMINDER: 7,
    Stage.FRIENDLY_REMINDER: 8,
    Stage.AWAITING_PROMISE: 9,
    Stage.PREVENTIVE_REMINDER: 10,
}

# Nudge kinds (the reminder log's `kind`); the key is the date the event is about.
NUDGE_PREVENTIVE = "nudge:preventive"
NUDGE_PROMISE_EXPIRED = "nudge:promise_expired"
NUDGE_FORMAL_NOTICE_DEADLINE = "nudge:formal_notice_deadline"
NUDGE_LIMITATION_NEAR = "nudge:limitation_near"
NUDGE_INSOLVENCY_DEADLINE = "nudge:insolvency_deadline"
NUDGE_KINDS = (
    NUDGE_PREVENTIVE,
    NUDGE_PROMISE_EXPIRED,
    NUDGE_FORMAL_NOTICE_DEADLINE,
    NUDGE_LIMITATION_NEAR,
    NUDGE_INSOLVENCY_DEADLINE,
)


# --- the report -------------------------------------------------------------------------------


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
    lines: list[tuple[int, int, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"at={self.at.isoformat()} dry_run={self.dry_run} claimed={self.claimed} "
            f"recovered={self.recovered} sent={self.sent} empty={self.empty} "
            f"nudges={self.nudges} blocked={self.blocked} failed={self.failed} "
            f"retried={self.retried} lines={len(self.lines)} seconds={self.seconds:.2f}"
        )


# --- pacing -----------------------------------------------------------------------------------


class Pacer:
    """Telegram's limits, on our side, strictly inside the Bot API's own counting (a sliding
    1-second window): at most `per_second` sends (rounded down) in any window of `window`
    seconds overall, and at least `per_chat` seconds between two sends in one chat.

    `wait(chat_id)` returns when a send may go *now* and records it at that moment; call it
    right before `send_message` (after rendering and any query), so the recorded times are
    the real ones. Waiters are served in order (a lock); sleeping is done outside it only
    for the per-chat gap, so another chat's send is never held up by one busy chat.
    `per_second <= 0` means no limit (benchmarks, tests)."""

    def __init__(
        self,
        per_second: float = MESSAGES_PER_SECOND,
        per_chat: float = PER_CHAT_INTERVAL,
        *,
        window: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = max(1, int(per_second)) if per_second > 0 else 0
        self.window = window
        self.per_chat = per_chat
        self._monotonic = monotonic
        self._sent: deque[float] = deque()
        self._chat_next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        while True:
            ready = self._chat_next.get(chat_id, 0.0)
            now = self._monotonic()
            if ready > now:  # this chat's gap: sleep without holding the others up
                await asyncio.sleep(ready - now)
                continue
            async with self._lock:
                while True:
                    now = self._monotonic()
                    if self._chat_next.get(chat_id, 0.0) > now:
                        break  # another send to this chat got in: back to the gap
                    sent = self._sent
                    while sent and now - sent[0] >= self.window:
                        sent.popleft()
                    if not self.limit or len(sent) < self.limit:
                        if self.limit:
                            sent.append(now)
                        if self.per_chat > 0:
                            self._chat_next[chat_id] = now + self.per_chat
                            if len(self._chat_next) > 10_000:
                                self._chat_next = {
                                    c: t for c, t in self._chat_next.items() if t > now
                                }
                        return
                    await asyncio.sleep(sent[0] + self.window - now)


# --- what a user's digest says ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """A case due today."""

    case_id: int
    debtor: str
    number: str | None
    stage: Stage
    step: Step | None
    channel: str
    balance: Any
    days_overdue: int
    urgent: bool

    def sort_key(self) -> tuple[int, int, int, Any, int]:
        return (
            0 if self.urgent else 1,
            URGENCY.get(self.stage, 99),
            -self.days_overdue,
            -self.balance,
            self.case_id,
        )


@dataclass(frozen=True, slots=True)
class Nudge:
    """A one-off event about a case, logged once under (kind, case, key)."""

    kind: str
    case_id: int
    key: str
    debtor: str
    on: date

    @property
    def event(self) -> str:
        return self.kind.split(":", 1)[1]


@dataclass
class Plan:
    """A user's digest for one day, before it is claimed and sent."""

    today: date
    items: list[Item] = field(default_factory=list)
    nudges: list[Nudge] = field(default_factory=list)
    case_names: dict[int, str] = field(default_factory=dict)
    more_nudges: int = 0  # events held back by MAX_NUDGES

    @property
    def empty(self) -> bool:
        return not self.items and not self.nudges

    def case_ids(self) -> set[int]:
        return {i.case_id for i in self.items} | {n.case_id for n in self.nudges}

    def keep(self, case_ids: set[int]) -> Plan:
        return Plan(
            today=self.today,
            items=[i for i in self.items if i.case_id in case_ids],
            nudges=[n for n in self.nudges if n.case_id in case_ids],
            case_names=self.case_names,
            more_nudges=self.more_nudges,
        )


def _channel(stage: Stage) -> str:
    return "letter" if stage is Stage.FORMAL_NOTICE else "email"


def due_item(stored: StoredCase, result: Assessment) -> Item | None:
    """The digest line of a case, or None when nothing is due on it today."""
    if not stored.is_open or not result.due_now or result.stage in (Stage.PAID, Stage.NOT_DUE):
        return None
    return Item(
        case_id=stored.id,
        debtor=stored.case.debtor.name,
        number=stored.case.invoice.number,
        stage=result.stage,
        step=CONTACT_STEP.get(result.stage),
        channel=_channel(result.stage),
        balance=result.amounts.principal,
        days_overdue=max(result.days_overdue, 0),
        urgent=w.LIMITATION_NEAR in result.warnings,
    )


def _broken_promise_date(stored: StoredCase, today: date) -> date | None:
    promises = [
        r
        for r in stored.case.responses
        if r.kind is ResponseKind.PROMISE
        and r.promised_date is not None
        and r.date <= today
        and r.promised_date < today
    ]
    if not promises:
        return None
    return max(promises, key=lambda r: (r.date, r.promised_date)).promised_date


def nudge_events(stored: StoredCase, result: Assessment, today: date) -> list[Nudge]:
    """The one-off events of a case as of `today` (each to be sent at most once)."""
    if not stored.is_open or result.stage is Stage.PAID:
        return []
    name = stored.case.debtor.name
    found: list[tuple[str, date]] = []
    if result.stage is Stage.PREVENTIVE_REMINDER and result.due_now:
        found.append((NUDGE_PREVENTIVE, stored.case.invoice.due_date))
    if w.BROKEN_PROMISE in result.warnings:
        promised = _broken_promise_date(stored, today)
        if promised is not None:
            found.append((NUDGE_PROMISE_EXPIRED, promised))
    if (
        result.stage is Stage.ESCALATION
        and result.due_now
        and result.last_step is Step.FORMAL_NOTICE
        and result.formal_notice_date is not None
    ):
        found.append((NUDGE_FORMAL_NOTICE_DEADLINE, result.formal_notice_date))
    if w.LIMITATION_NEAR in result.warnings and result.limitation_date is not None:
        found.append((NUDGE_LIMITATION_NEAR, result.limitation_date))
    if (
        result.stage is Stage.INSOLVENCY
        and result.claim_deadline is not None
        and 0 <= (result.claim_deadline - today).days <= INSOLVENCY_NUDGE_DAYS
    ):
        found.append((NUDGE_INSOLVENCY_DEADLINE, result.claim_deadline))
    return [Nudge(kind, stored.id, on.isoformat(), name, on) for kind, on in found]


def plan_for(cases: list[StoredCase], today: date) -> Plan:
    """Assess each open case as of `today`: the items due and the nudge events."""
    plan = Plan(today=today)
    for stored in cases:
        if not stored.is_open:
            continue
        result = assess(stored.case, today)
        plan.case_names[stored.id] = stored.case.debtor.name
        item = due_item(stored, result)
        if item is not None:
            plan.items.append(item)
        plan.nudges.extend(nudge_events(stored, result, today))
    plan.items.sort(key=Item.sort_key)
    return plan


def render_digest(plan: Plan) -> tuple[str, InlineKeyboardMarkup]:
    """The digest's text (Telegram HTML, user strings escaped) and its buttons.

    At most MAX_ITEMS cases are listed, fewer when the text would not fit in one Telegram
    message; the others are counted, with a button to /dossiers."""
    count = min(len(plan.items), MAX_ITEMS)
    while True:
        shown = plan.items[:count]
        text = render(
            "reminders/digest.html.j2",
            html=True,
            today=plan.today,
            items=[replace(i, debtor=_short(i.debtor, DIGEST_NAME)) for i in shown],
            more=len(plan.items) - len(shown),
            nudges=[replace(n, debtor=_short(n.debtor, DIGEST_NAME)) for n in plan.nudges],
            more_nudges=plan.more_nudges,
        )
        if count == 0 or _fits(text):
            break
        count -= 1
    rows: list[list[InlineKeyboardButton]] = []
    for index, item in enumerate(shown, start=1):
        row = [
            InlineKeyboardButton(
                f"{index}. {_short(item.debtor)}",
                callback_data=f"a:{item.case_id}:ch:{item.channel}",
            )
        ]
        if item.step is not None:
            row.append(
                InlineKeyboardButton(
                    "✅ Fait",
                    callback_data=f"a:{item.case_id}:sent:{item.step.value}:{item.channel}",
                )
            )
        rows.append(row)
    listed = {i.case_id for i in shown}
    for nudge in plan.nudges:
        if nudge.case_id not in listed:
            listed.add(nudge.case_id)
            rows.append(
                [
                    InlineKeyboardButton(
                        f"📁 {_short(nudge.debtor)}", callback_data=f"case:{nudge.case_id}"
                    )
                ]
            )
    if len(plan.items) > len(shown) or plan.more_nudges:
        rows.append([InlineKeyboardButton("📁 Tous mes dossiers", callback_data="cases")])
    return text, InlineKeyboardMarkup(rows)


def _fits(text: str) -> bool:
    """Within one Telegram message. The raw UTF-16 length bounds the parsed one (tags and
    entities only shrink), so the parse is needed only for a long text."""
    raw = len(text.encode("utf-16-le")) // 2
    return raw <= TELEGRAM_LIMIT or parsed_length(text) <= TELEGRAM_LIMIT


def _short(name: str, limit: int = 28) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1] + "…"


# --- the sweep --------------------------------------------------------------------------------


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return PARIS


@dataclass(slots=True)
class _Job:
    """A claimed, rendered digest waiting for a sender."""

    owner: int
    chat_id: int
    digest_id: int
    nudge_ids: list[int]
    plan: Plan
    text: str
    markup: InlineKeyboardMarkup


@dataclass
class _Run:
    services: Services
    bot: Bot | None
    at: datetime
    report: SweepReport
    pacer: Pacer
    stale_after: timedelta
    db_gate: asyncio.Semaphore
    failed_owners: set[int] = field(default_factory=set)
    queue: asyncio.Queue[_Job | None] = field(default_factory=lambda: asyncio.Queue(QUEUE))
    done: list[tuple[int, int, str | None]] = field(default_factory=list)
    done_event: asyncio.Event = field(default_factory=asyncio.Event)
    flushing: bool = False


def _db_slots(services: Services) -> int:
    """How many connections the sweep may hold at once: a few, within the engine's pool."""
    pool = services.db.engine.pool
    size = getattr(pool, "size", None)
    if callable(size):
        overflow = getattr(pool, "_max_overflow", 0)
        return max(1, min(DB_CONCURRENCY, size() + max(overflow, 0) - 1))
    return DB_CONCURRENCY


async def sweep(
    services: Services,
    bot: Bot | None,
    at: datetime,
    *,
    dry_run: bool = False,
    pacer: Pacer | None = None,
    stale_after: timedelta = STALE_AFTER,
    owners: Iterable[int] | None = None,
) -> SweepReport:
    """Send every digest and nudge due at moment `at` (naive = Europe/Paris), exactly once.
    With `dry_run`, nothing is claimed, sent or recorded: `report.lines` says what would go.
    `owners` limits the sweep to those users (the terminal chat); None means everyone.

    Claims are taken `BATCH` users at a time (the first batches smaller, from `FIRST_BATCH`
    up, so that the first digest goes at once), `PIPELINE` batches in preparation at once;
    each batch is loaded, nudge-claimed and
    re-checked in a few statements, assessed and rendered in a worker thread (the event loop
    stays free for the senders), then fed to a queue that `SENDERS` workers drain at the
    pacer's rate while the next batch is prepared; a finisher marks the sent claims in one
    statement per group."""
    only = None if owners is None else sorted(set(owners))
    started = time.monotonic()
    if at.tzinfo is None:
        at = at.replace(tzinfo=PARIS)
    report = SweepReport(at=at, dry_run=dry_run)
    if not dry_run and bot is None:
        raise ValueError("a real sweep needs a bot")
    run = _Run(
        services, bot, at, report, pacer or Pacer(), stale_after,
        asyncio.Semaphore(_db_slots(services)),
    )  # fmt: skip
    db = services.db
    if dry_run:
        for tz_name in await q.reminder_timezones(db):
            local = at.astimezone(_zone(tz_name))
            if not is_working_day(local.date()):
                continue
            pending = await q.pending_digest_users(
                db, tz=tz_name, key=local.date().isoformat(), hour=local.hour, only=only
            )
            for start in range(0, len(pending), BATCH):
                await _dry_run_batch(run, pending[start : start + BATCH], local.date())
        report.seconds = time.monotonic() - started
        return report
    senders = [asyncio.create_task(_sender(run)) for _ in range(SENDERS)]
    finisher = asyncio.create_task(_finisher(run))
    try:
        await _produce(run, only)
    finally:
        for _ in senders:
            await run.queue.put(None)
        await asyncio.gather(*senders, return_exceptions=True)
        run.flushing = True
        run.done_event.set()
        await finisher
    report.seconds = time.monotonic() - started
    if report.claimed or report.lines or report.failed:
        log.info("reminders sweep %s", report.summary())
    return report


async def _produce(run: _Run, only: list[int] | None) -> None:
    """Claim, batch after batch, and feed the senders."""
    db, at = run.services.db, run.at
    for tz_name in await q.reminder_timezones(db):
        local = at.astimezone(_zone(tz_name))
        today = local.date()
        if not is_working_day(today):
            continue
        key = today.isoformat()
        while True:
            async with run.db_gate:
                claims = await q.reclaim_stale_digests(
                    db, tz=tz_name, key=key, now=at, stale_before=at - run.stale_after,
                    max_attempts=MAX_ATTEMPTS, limit=BATCH, exclude=run.failed_owners,
                    only=only,
                )  # fmt: skip
            if not claims:
                break
            run.report.recovered += len(claims)
            await _prepare(run, claims, today)
        cursor = 0
        batches = 0
        restarts = 0
        preparing: set[asyncio.Task[None]] = set()
        while True:
            if len(preparing) >= PIPELINE:
                _, preparing = await asyncio.wait(preparing, return_when=asyncio.FIRST_COMPLETED)
            if batches and batches % ANALYZE_EVERY == 0:
                async with run.db_gate:
                    await q.refresh_statistics(db)
            batches += 1
            async with run.db_gate:
                claims = await q.claim_digests(
                    db, tz=tz_name, key=key, hour=local.hour, now=at,
                    limit=min(BATCH, FIRST_BATCH << min(batches - 1, 10)),
                    exclude=run.failed_owners, only=only, after=cursor,
                )  # fmt: skip
            if not claims:
                if preparing:  # the batches under way settle first (failures excluded)
                    await asyncio.gather(*preparing)
                    preparing = set()
                if cursor == 0:
                    if batches == 1 or restarts >= RESTART_PASSES:
                        break
                    # A row another sweeper still held may be free a moment later.
                    restarts += 1
                    await asyncio.sleep(RESTART_PAUSE * restarts)
                    continue
                # One more pass from the start: a user passed over while another sweeper
                # held its row (SKIP LOCKED) and left unclaimed is picked up here.
                cursor = 0
                continue
            cursor = max(claim.owner for claim in claims)
            if batches == 1:  # the first batch alone: nothing slows the first digest down
                await _prepare(run, claims, today)
            else:
                preparing.add(asyncio.create_task(_prepare(run, claims, today)))


async def _prepare(run: _Run, claims: list[q.Claim], today: date) -> None:
    """One batch: load, assess, claim the nudges, re-check, render, enqueue."""
    run.report.claimed += len(claims)
    try:
        jobs = await _build(run, claims, today)
    except Exception:
        log.exception("preparing %d reminders failed; claims released", len(claims))
        for claim in claims:
            run.failed_owners.add(claim.owner)  # before the release: no re-claim this sweep
            await _release(run, claim.owner, [claim.log_id])
            run.report.failed += 1
        return
    for job in jobs:
        await run.queue.put(job)


async def _build(run: _Run, claims: list[q.Claim], today: date) -> list[_Job]:
    db, at = run.services.db, run.at
    owners = [c.owner for c in claims]
    async with run.db_gate:
        users, cases = await q.load_batch(db, owners)
    skipped: list[q.Claim] = []
    eligible: list[int] = []
    for claim in claims:
        user = users.get(claim.owner)
        if user is None or not user.reminders_on or user.blocked_at is not None:
            skipped.append(claim)
        else:
            eligible.append(claim.owner)
    plans = await asyncio.to_thread(
        lambda: {owner: plan_for(cases.get(owner, []), today) for owner in eligible}
    )
    for claim in skipped:
        await _release(run, claim.owner, [claim.log_id])
    wanted = [
        q.NudgeKey(owner, n.kind, n.case_id, n.key)
        for owner, plan in plans.items()
        for n in plan.nudges
    ]
    won: dict[q.NudgeKey, int] = {}
    if wanted:
        async with run.db_gate:
            won = await q.claim_nudges(db, wanted, now=at, stale_before=at - run.stale_after)
    nudge_ids: dict[int, dict[int, list[int]]] = {}  # owner → case → log ids
    for owner, plan in plans.items():
        kept: list[Nudge] = []
        surplus: list[int] = []
        for n in plan.nudges:
            log_id = won.get(q.NudgeKey(owner, n.kind, n.case_id, n.key))
            if log_id is None:
                continue
            if len(kept) < MAX_NUDGES:
                kept.append(n)
                nudge_ids.setdefault(owner, {}).setdefault(n.case_id, []).append(log_id)
            else:
                surplus.append(log_id)
        plan.nudges = kept
        plan.more_nudges = len(surplus)
        if surplus:
            await _release(run, owner, surplus)
    # The re-check, right before this batch's sends: a case paid or closed since it was
    # loaded is not mentioned (its nudges released).
    mentioned = [cid for plan in plans.values() for cid in plan.case_ids()]
    async with run.db_gate:
        still_open = await q.open_cases_among(db, list(plans), mentioned)
    empty: list[tuple[int, int, str | None]] = []
    dropped: dict[int, list[int]] = {}
    by_owner = {c.owner: c for c in claims}
    to_send: list[tuple[int, Plan, list[int]]] = []
    for owner, plan in plans.items():
        ids = nudge_ids.get(owner, {})
        gone = [i for cid, lids in ids.items() if cid not in still_open for i in lids]
        if gone:
            dropped[owner] = gone
        plan = plan.keep(still_open) if not plan.case_ids() <= still_open else plan
        if plan.empty:
            empty.append((owner, by_owner[owner].log_id, "nothing due"))
            continue
        kept_ids = [i for cid, lids in ids.items() if cid in still_open for i in lids]
        to_send.append((owner, plan, kept_ids))
    rendered = await asyncio.to_thread(lambda: [render_digest(p) for _, p, _ in to_send])
    jobs = [
        _Job(owner, users[owner].chat_id, by_owner[owner].log_id, kept_ids, plan, text, markup)
        for (owner, plan, kept_ids), (text, markup) in zip(to_send, rendered, strict=True)
    ]
    for owner, gone in dropped.items():
        await _release(run, owner, gone)
    if empty:
        async with run.db_gate:
            await q.finish_many(db, empty, at=at)
        run.report.empty += len(empty)
    return jobs


async def _release(run: _Run, owner: int, log_ids: list[int]) -> None:
    async with run.db_gate:
        await q.release(run.services.db, owner, log_ids)


async def _dry_run_batch(run: _Run, owners: list[int], today: date) -> None:
    db = run.services.db
    _, cases = await q.load_batch(db, owners)
    logged = await q.logged_nudges_of(db, owners)
    for owner in owners:
        plan = plan_for(cases.get(owner, []), today)
        for item in plan.items:
            run.report.lines.append((owner, item.case_id, item.stage.value))
        for nudge in plan.nudges:
            if (owner, nudge.kind, nudge.case_id, nudge.key) not in logged:
                run.report.lines.append((owner, nudge.case_id, nudge.kind))


async def _sender(run: _Run) -> None:
    """A sender worker: takes rendered digests off the queue until it gets None."""
    while (job := await run.queue.get()) is not None:
        try:
            await _deliver(run, job)
        except Exception:
            log.exception("reminder for user %s failed; claim released", job.owner)
            run.failed_owners.add(job.owner)  # before the release: no re-claim this sweep
            await _release(run, job.owner, [job.digest_id, *job.nudge_ids])
            run.report.failed += 1


async def _deliver(run: _Run, job: _Job) -> None:
    """Send one rendered digest; record the outcome (sent: handed to the finisher)."""
    owner = job.owner
    all_ids = [job.digest_id, *job.nudge_ids]
    try:
        await _send(run, job.chat_id, job.text, job.markup)
    except Forbidden:
        log.info("user %s blocked the bot: reminders switched off", owner)
        async with run.db_gate:
            await run.services.repo.mark_blocked(owner, run.at)
        run.failed_owners.add(owner)  # before the release: no re-claim this sweep
        await _release(run, owner, all_ids)
        run.report.blocked += 1
        return
    except Exception as exc:
        log.warning("sending the digest to user %s failed (%s): claim released", owner,
                    type(exc).__name__)  # fmt: skip
        run.failed_owners.add(owner)  # before the release: no re-claim this sweep
        await _release(run, owner, all_ids)
        run.report.failed += 1
        return
    detail = "cases:" + ",".join(str(i.case_id) for i in job.plan.items)
    run.done.append((owner, job.digest_id, detail))
    run.done.extend((owner, i, None) for i in job.nudge_ids)
    run.done_event.set()
    report = run.report
    report.sent += 1
    report.nudges += len(job.nudge_ids)
    report.lines += [(owner, i.case_id, i.stage.value) for i in job.plan.items]
    report.lines += [(owner, n.case_id, n.kind) for n in job.plan.nudges]


async def _finisher(run: _Run) -> None:
    """Mark the sent claims: whatever has accumulated since the last write, in one
    transaction (so the window between a send and its record stays a few milliseconds)."""
    while True:
        await run.done_event.wait()
        run.done_event.clear()
        done, run.done = run.done, []
        if done:
            try:
                async with run.db_gate:
                    await q.finish_many(run.services.db, done, at=run.at)
            except Exception:
                log.exception("recording %d sent reminders failed", len(done))
        if run.flushing and not run.done:
            return


def _retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _send(run: _Run, chat_id: int, text: str, markup: InlineKeyboardMarkup) -> None:
    """Send one message: the pacer's slot right before it, RetryAfter waited out (up to
    MAX_SEND_TRIES tries; only this worker waits, the others go on)."""
    assert run.bot is not None
    for attempt in range(1, MAX_SEND_TRIES + 1):
        await run.pacer.wait(chat_id)
        try:
            await run.bot.send_message(
                chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
            return
        except RetryAfter as error:
            if attempt == MAX_SEND_TRIES:
                raise
            run.report.retried += 1
            await asyncio.sleep(_retry_seconds(error))


# --- the bot's clock ---------------------------------------------------------------------------


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    services = context.bot_data["services"]
    try:
        await sweep(services, context.bot, services.clock.now())
    except Exception:
        log.exception("reminders sweep failed; the next tick retries")


def first_tick(interval: float, now: float | None = None) -> float:
    """Seconds until the next whole `interval` of the wall clock (and a twentieth of a
    second past it): the ticks fall right on the minute, so a 09:00 digest goes at 09:00."""
    now = time.time() if now is None else now
    return interval - now % interval + 0.05


def schedule(app: Application, *, interval: float = SWEEP_INTERVAL_SECONDS) -> Job:
    """Run the sweep every `interval` seconds on the application's JobQueue, on the whole
    minute (one at a time: a run still going when the next is due makes that one skip)."""
    if app.job_queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    return app.job_queue.run_repeating(
        _tick,
        interval=interval,
        first=first_tick(interval),
        name=JOB_NAME,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": 30},
    )
