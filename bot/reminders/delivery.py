"""The sweep's senders: each takes a prepared digest off the queue, books its moment with the
pacer, decides a moment before it (bot/store/reminder_outcomes.py: the user and the cases
re-checked, the digest marked sent, in one transaction) and sends it then.

Telegram: RetryAfter waited out and retried (up to `MAX_SEND_TRIES` tries; only this sender
waits, the others go on), 403 → reminders switched off, other errors → the rows reverted
for a later sweep."""

from __future__ import annotations

import asyncio
import logging
import warnings
from datetime import timedelta

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import Forbidden, RetryAfter

from bot.reminders.digest_text import render_digest
from bot.reminders.pacer import sleep_until
from bot.reminders.run import Job, Run
from bot.store import reminder_outcomes as o

log = logging.getLogger(__name__)

MAX_SEND_TRIES = 5  # RetryAfter retries for one message
DECIDE_LEAD = 0.25  # seconds before its moment a digest is decided (a slow statement included)


async def sender(run: Run) -> None:
    """A sender worker: takes prepared digests off the queue until it gets None."""
    while (job := await run.next_job()) is not None:
        try:
            await _deliver(run, job)
        except Exception:
            log.exception("reminder for user %s failed; claim released", job.owner)
            await _give_up(run, job)
            run.count(failed=1)


async def _give_up(run: Run, job: Job) -> None:
    run.failed_owners.add(job.owner)  # before the release: no re-claim this sweep
    async with run.send_gate:
        await o.revert(run.services.db, job.owner, run.holder, job.prepared.all_ids())


async def _deliver(run: Run, job: Job) -> None:
    """Book the moment, decide right before it, send then; record what happened."""
    monotonic = run.pacer.monotonic
    moment = await run.pacer.reserve(job.chat_id, ahead=DECIDE_LEAD)
    await sleep_until(moment - DECIDE_LEAD, monotonic)
    async with run.send_gate:
        decision = await o.decide_digest(
            run.services.db, job.prepared, at=run.at, lease_until=run.lease_until()
        )
    if decision.outcome is o.Outcome.EMPTY:
        run.count(empty=1)
    if decision.outcome is not o.Outcome.SEND:
        return
    plan, text, markup = job.plan, job.text, job.markup
    if not plan.case_ids() <= decision.open_cases:  # a case closed since it was prepared
        plan = plan.keep(set(decision.open_cases))
        text, markup = render_digest(plan)
    if not await run.pacer.go(job.chat_id, moment):
        await run.pacer.wait(job.chat_id)
    owner = job.owner
    try:
        await _send(run, job.chat_id, text, markup)
    except Forbidden:
        log.info("user %s blocked the bot: reminders switched off", owner)
        async with run.send_gate:
            await run.services.repo.mark_blocked(owner, run.at)
        await _give_up(run, job)
        run.count(blocked=1)
        return
    except Exception as exc:
        log.warning("sending the digest to user %s failed (%s): claim released", owner,
                    type(exc).__name__)  # fmt: skip
        await _give_up(run, job)
        run.count(failed=1)
        return
    report = run.report
    run.count(sent=1, nudges=len(plan.nudges))
    report.lines += [(owner, i.case_id, i.stage.value) for i in plan.items]
    report.lines += [(owner, n.case_id, n.kind) for n in plan.nudges]


def _retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _send(run: Run, chat_id: int, text: str, markup: InlineKeyboardMarkup) -> None:
    """Send one message at its booked moment; after a RetryAfter, wait it out and book
    another moment."""
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
