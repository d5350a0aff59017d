"""The bot's clock for the reminders: the sweep every minute, on the whole minute."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from bot.reminders.sweep import sweep

if TYPE_CHECKING:
    from telegram.ext import Application, ContextTypes, Job

log = logging.getLogger(__name__)

JOB_NAME = "reminders-sweep"
SWEEP_INTERVAL_SECONDS = 60.0


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
