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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter

from bot.clock import PARIS
from bot.domain import warnings as w
from bot.domain.assess import assess
from bot.domain.calendar import is_working_day
from bot.domain.facts import CONTACT_STEP, Assessment, ResponseKind, Stage, Step
from bot.render import render
from bot.store import reminder_queries as q
from bot.store.convert import StoredCase

if TYPE_CHECKING:
    from telegram import Bot
    from telegram.ext import Application, ContextTypes, Job

    from bot.services import Services

log = logging.getLogger(__name__)

JOB_NAME = "reminders-sweep"
SWEEP_INTERVAL_SECONDS = 60.0
STALE_AFTER = timedelta(minutes=10)  # a claim this old, still unsent: its sender died
MAX_ATTEMPTS = 3  # first claim + at most two take-overs after crashes
BATCH = 100  # digests claimed per statement
CONCURRENCY = 16  # digests being prepared/sent at once in one process
MAX_SEND_TRIES = 5  # RetryAfter retries for one message
MAX_ITEMS = 15  # cases listed (with buttons) in one digest; the rest: /dossiers
INSOLVENCY_NUDGE_DAYS = 15  # nudge when the declaration deadline is this close
MESSAGES_PER_SECOND = 30.0
PER_CHAT_INTERVAL = 1.0

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
    """Telegram's limits, on our side: at most `per_second` sends overall and one send per
    `per_chat` seconds in a chat. `wait(chat_id)` reserves the next free slot and sleeps
    until it (reservations are taken under a lock, sleeping is not)."""

    def __init__(
        self,
        per_second: float = MESSAGES_PER_SECOND,
        per_chat: float = PER_CHAT_INTERVAL,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.per_chat = per_chat
        self._monotonic = monotonic
        self._next = 0.0
        self._chat_next: dict[int, float] = {}
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        async with self._lock:
            now = self._monotonic()
            slot = max(now, self._next, self._chat_next.get(chat_id, 0.0))
            self._next = slot + self.interval
            self._chat_next[chat_id] = slot + self.per_chat
            if len(self._chat_next) > 10_000:
                self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        delay = slot - now
        if delay > 0:
            await asyncio.sleep(delay)


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
    """The digest's text (Telegram HTML, user strings escaped) and its buttons."""
    shown = plan.items[:MAX_ITEMS]
    text = render(
        "reminders/digest.html.j2",
        html=True,
        today=plan.today,
        items=shown,
        more=len(plan.items) - len(shown),
        nudges=plan.nudges,
    )
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
    if len(plan.items) > len(shown):
        rows.append([InlineKeyboardButton("📁 Tous mes dossiers", callback_data="cases")])
    return text, InlineKeyboardMarkup(rows)


def _short(name: str, limit: int = 28) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1] + "…"


# --- the sweep --------------------------------------------------------------------------------


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return PARIS


@dataclass
class _Run:
    services: Services
    bot: Bot | None
    at: datetime
    report: SweepReport
    pacer: Pacer
    failed_owners: set[int] = field(default_factory=set)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


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
    `owners` limits the sweep to those users (the terminal chat); None means everyone."""
    only = None if owners is None else sorted(set(owners))
    started = time.monotonic()
    if at.tzinfo is None:
        at = at.replace(tzinfo=PARIS)
    report = SweepReport(at=at, dry_run=dry_run)
    if not dry_run and bot is None:
        raise ValueError("a real sweep needs a bot")
    run = _Run(services, bot, at, report, pacer or Pacer())
    db = services.db
    for tz_name in await q.reminder_timezones(db):
        local = at.astimezone(_zone(tz_name))
        today = local.date()
        if not is_working_day(today):
            continue
        key = today.isoformat()
        if dry_run:
            pending = await q.pending_digest_users(
                db, tz=tz_name, key=key, hour=local.hour, only=only
            )
            for owner in pending:
                await _dry_run_user(run, owner, today)
            continue
        while claims := await q.reclaim_stale_digests(
            db,
            tz=tz_name,
            key=key,
            now=at,
            stale_before=at - stale_after,
            max_attempts=MAX_ATTEMPTS,
            limit=BATCH,
            exclude=run.failed_owners,
            only=only,
        ):
            report.recovered += len(claims)
            await _deliver_all(run, claims, today, stale_after)
        while claims := await q.claim_digests(
            db,
            tz=tz_name,
            key=key,
            hour=local.hour,
            now=at,
            limit=BATCH,
            exclude=run.failed_owners,
            only=only,
        ):
            await _deliver_all(run, claims, today, stale_after)
    report.seconds = time.monotonic() - started
    if report.claimed or report.lines or report.failed:
        log.info("reminders sweep %s", report.summary())
    return report


async def _dry_run_user(run: _Run, owner: int, today: date) -> None:
    services = run.services
    plan = plan_for(await services.repo.list_open_cases(owner), today)
    logged = await q.logged_nudges(services.db, owner, sorted(plan.case_ids()))
    plan.nudges = [n for n in plan.nudges if (n.kind, n.case_id, n.key) not in logged]
    for item in plan.items:
        run.report.lines.append((owner, item.case_id, item.stage.value))
    for nudge in plan.nudges:
        run.report.lines.append((owner, nudge.case_id, nudge.kind))


async def _deliver_all(run: _Run, claims: list[q.Claim], today: date, stale: timedelta) -> None:
    run.report.claimed += len(claims)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(claim: q.Claim) -> None:
        async with gate:
            try:
                await _deliver(run, claim, today, stale)
            except Exception:
                log.exception("reminder for user %s failed; claim released", claim.owner)
                await q.release(run.services.db, claim.owner, [claim.log_id])
                run.report.failed += 1
                run.failed_owners.add(claim.owner)

    await asyncio.gather(*(one(c) for c in claims))


async def _deliver(run: _Run, claim: q.Claim, today: date, stale: timedelta) -> None:
    """Build, re-check, send and record one claimed digest (with its nudges)."""
    services, db, at = run.services, run.services.db, run.at
    owner = claim.owner
    user = await services.repo.get_user(owner)
    if user is None or not user.reminders_on or user.blocked_at is not None:
        await q.release(db, owner, [claim.log_id])
        return
    plan = plan_for(await services.repo.list_open_cases(owner), today)
    nudge_ids: dict[tuple[int, str], int] = {}
    claimed_nudges: list[Nudge] = []
    for nudge in plan.nudges:
        log_id = await q.claim_nudge(
            db,
            owner,
            kind=nudge.kind,
            case_id=nudge.case_id,
            key=nudge.key,
            now=at,
            stale_before=at - stale,
        )
        if log_id is not None:
            nudge_ids[(nudge.case_id, nudge.kind)] = log_id
            claimed_nudges.append(nudge)
    plan.nudges = claimed_nudges
    if not plan.empty:
        await run.pacer.wait(user.chat_id)
        # Re-check right before sending: a case paid or closed meanwhile is not mentioned.
        still_open = await q.open_case_ids(db, owner, sorted(plan.case_ids()))
        dropped = [v for (cid, _), v in nudge_ids.items() if cid not in still_open]
        if dropped:
            await q.release(db, owner, dropped)
            nudge_ids = {k: v for k, v in nudge_ids.items() if k[0] in still_open}
        plan = plan.keep(still_open)
    if plan.empty:
        await q.finish(db, owner, [claim.log_id], at=at, detail="nothing due")
        run.report.empty += 1
        return
    all_ids = [claim.log_id, *nudge_ids.values()]
    text, markup = render_digest(plan)
    try:
        await _send(run, user.chat_id, text, markup)
    except Forbidden:
        log.info("user %s blocked the bot: reminders switched off", owner)
        await services.repo.mark_blocked(owner, at)
        await q.release(db, owner, all_ids)
        run.report.blocked += 1
        run.failed_owners.add(owner)
        return
    except Exception as exc:
        log.warning("sending the digest to user %s failed (%s): claim released", owner,
                    type(exc).__name__)  # fmt: skip
        await q.release(db, owner, all_ids)
        run.report.failed += 1
        run.failed_owners.add(owner)
        return
    detail = "cases:" + ",".join(str(i.case_id) for i in plan.items)
    await q.finish(db, owner, [claim.log_id], at=at, detail=detail, others=list(nudge_ids.values()))
    run.report.sent += 1
    run.report.nudges += len(nudge_ids)
    run.report.lines += [(owner, i.case_id, i.stage.value) for i in plan.items]
    run.report.lines += [(owner, n.case_id, n.kind) for n in plan.nudges]


def _retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _send(run: _Run, chat_id: int, text: str, markup: InlineKeyboardMarkup) -> None:
    """Send one message, waiting out RetryAfter (up to MAX_SEND_TRIES tries)."""
    assert run.bot is not None
    for attempt in range(1, MAX_SEND_TRIES + 1):
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
            await run.pacer.wait(chat_id)


# --- the bot's clock ---------------------------------------------------------------------------


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    services = context.bot_data["services"]
    try:
        await sweep(services, context.bot, services.clock.now())
    except Exception:
        log.exception("reminders sweep failed; the next tick retries")


def schedule(app: Application, *, interval: float = SWEEP_INTERVAL_SECONDS) -> Job:
    """Run the sweep every `interval` seconds on the application's JobQueue (one at a time:
    a run still going when the next is due makes that one skip)."""
    if app.job_queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    return app.job_queue.run_repeating(
        _tick,
        interval=interval,
        first=5.0,
        name=JOB_NAME,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": 30},
    )
