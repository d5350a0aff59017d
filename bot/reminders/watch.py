"""The daily BODACC watch (issue 20): once a day, the collective proceedings of the clients of
open cases; a new one moves the case to the insolvency stage and pushes one nudge.

Exactly once per case and notice: the nudge is claimed in the reminder log under
(`watch:bodacc`, case, notice id) before it is sent, so a second worker or a rerun never sends
it again; the case is moved once the nudge went out (a failed send is released and retried the
next day, a claim left by a crash only moves the case). Requests go through the outside
services' client: paced, cached, one per SIREN."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ContextTypes, Job

from bot.domain.assess import INSOLVENCY_CLAIM_MONTHS, INSOLVENCY_RELIEF_MONTHS
from bot.domain.calendar import add_months
from bot.domain.facts import Insolvency
from bot.outside.models import Proceeding
from bot.outside.transport import ServiceDown
from bot.runtime.services import Services
from bot.store.watch_queries import Watched, cases_to_watch
from bot.words.render import render
from conversations import callbacks as cb

log = logging.getLogger(__name__)

KIND = "watch:bodacc"
BATCH = 50  # cases per round of BODACC queries
START_HOUR = time(8)  # local time: the watch runs once a day, from then on
TICK_SECONDS = 1800.0
JOB_NAME = "bodacc-watch"
DONE_KEY = "bodacc_watch_done"


@dataclass(slots=True)
class WatchReport:
    checked: int = 0  # cases looked at
    found: int = 0  # new proceedings
    sent: int = 0  # nudges sent
    failed: int = 0  # nudges that could not be sent (retried next time)
    complete: bool = True  # False when the BODACC could not be reached


def nudge_text(watched: Watched, proceeding: Proceeding, today: date) -> str:
    deadline = add_months(proceeding.published_on, INSOLVENCY_CLAIM_MONTHS)
    relief = add_months(proceeding.published_on, INSOLVENCY_RELIEF_MONTHS)
    return render(
        "reminders/bodacc.html.j2",
        html=True,
        name=watched.name,
        kind=proceeding.kind.value,
        opened_on=proceeding.opened_on or proceeding.published_on,
        published_on=proceeding.published_on,
        deadline=deadline,
        relief=relief,
        late=today > deadline,
        too_late=today > relief,
    )


async def watch(services: Services, bot: Bot, today: date) -> WatchReport:
    """Check every watchable open case against the BODACC, as of `today`."""
    report = WatchReport()
    if services.outside is None:
        return report
    cursor = 0
    while rows := await cases_to_watch(services.db, after=cursor, limit=BATCH):
        cursor = rows[-1].case_id
        report.checked += len(rows)
        try:
            found = await services.outside.bodacc.proceedings((r.siren for r in rows), fresh=True)
        except ServiceDown as error:
            log.warning("BODACC watch stopped: %s", error)
            report.complete = False
            return report
        for row in rows:
            latest = next((p for p in found[row.siren] if p.published_on <= today), None)
            if latest is not None:
                report.found += 1
                await _notify(services, bot, row, latest, today, report)
    return report


async def _notify(
    services: Services,
    bot: Bot,
    row: Watched,
    proceeding: Proceeding,
    today: date,
    report: WatchReport,
) -> None:
    repo = services.repo
    insolvency = Insolvency(proceeding.kind, proceeding.published_on, proceeding.opened_on)
    log_id = await repo.claim_reminder(row.owner, KIND, proceeding.notice_id, row.case_id)
    if log_id is None:  # nudged already (the case was not moved: a crash in between)
        await repo.set_insolvency(row.owner, row.case_id, insolvency)
        return
    data = cb.CASE.data(case=row.case_id)
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"📁 {row.name[:40]}", callback_data=data)]]
    )
    try:
        await bot.send_message(
            row.chat_id,
            nudge_text(row, proceeding, today),
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except Forbidden:
        await repo.mark_blocked(row.owner)
        await repo.release_reminder(row.owner, log_id)
        report.failed += 1
        return
    except TelegramError:
        log.warning("BODACC watch: nudge for case %s not sent; retried later", row.case_id)
        await repo.release_reminder(row.owner, log_id)
        report.failed += 1
        return
    await repo.set_insolvency(row.owner, row.case_id, insolvency)
    await repo.mark_reminder_sent(row.owner, log_id)
    report.sent += 1


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    services: Services = context.bot_data["services"]
    now: datetime = services.clock.now()
    today = now.date()
    if context.bot_data.get(DONE_KEY) == today or now.time() < START_HOUR:
        return
    try:
        report = await watch(services, context.bot, today)
    except Exception:
        log.exception("BODACC watch failed; the next tick retries")
        return
    if report.complete:
        context.bot_data[DONE_KEY] = today
    if report.found:
        log.info("BODACC watch: %s", report)


def schedule(app: Application) -> Job:
    """Run the watch once a day (checked every half hour) on the application's JobQueue."""
    if app.job_queue is None:
        raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
    return app.job_queue.run_repeating(
        _tick,
        interval=TICK_SECONDS,
        first=60.0,
        name=JOB_NAME,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
