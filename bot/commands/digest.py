"""`python -m bot digest [--dry-run] --at ISO_DATETIME`: the reminders sweep at that moment.

The same sweep the bot's clock runs (bot/reminders/sweep.py), as if it were `--at` (a naive
time is Europe/Paris). A real run sends the digests and nudges then due through the
configured Bot API (TELEGRAM_BOT_TOKEN, TELEGRAM_BASE_URL) and records them: running it again
sends nothing twice. It shares the bot's sending quota (--rate messages a second in all,
whichever processes send), and takes over the claims of a sweep that died (it waits up to
two leases for claims another sweep still holds). `--dry-run` prints one line per (user,
case, step) that would be sent and neither sends nor records anything. The summary goes to
stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime, timedelta

from bot.commands._shared import CommandError, fail, prepare_database
from bot.config import ConfigError, Settings, load_settings
from bot.runtime.clock import PARIS, FixedClock


def parse_moment(text: str) -> datetime:
    """ISO 8601 date-time; naive means Europe/Paris."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=PARIS)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot digest", description=__doc__)
    parser.add_argument("--at", required=True, help="the moment, e.g. 2026-11-12T09:00")
    parser.add_argument("--dry-run", action="store_true", help="print, send and record nothing")
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="messages per second, all sending processes together (default 29: Telegram's "
        "limit is 30)",
    )
    parser.add_argument(
        "--lease",
        type=float,
        default=None,
        help="seconds this run's claims stay its own without renewal (default 60)",
    )
    args = parser.parse_args(argv)
    try:
        at = parse_moment(args.at)
    except ValueError:
        print(f"error: --at must be an ISO date-time, got {args.at!r}", file=sys.stderr)
        return 2
    try:
        settings = load_settings()
        if not args.dry_run:
            settings.require_token()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return asyncio.run(_run(settings, at, dry_run=args.dry_run, rate=args.rate, lease=args.lease))


async def _run(
    settings: Settings, at: datetime, *, dry_run: bool, rate: float | None, lease: float | None
) -> int:
    from telegram import Bot

    from bot.reminders import Pacer, SendQuota, sweep
    from bot.reminders.pacer import MESSAGES_PER_SECOND
    from bot.reminders.sweep import LEASE
    from bot.runtime.services import Services
    from bot.store import Database

    try:
        await asyncio.to_thread(prepare_database, settings.database_url)
    except CommandError as error:
        return fail(str(error))
    db = Database(settings.database_url)
    services = Services.create(db, settings, FixedClock(at))
    rate = rate or MESSAGES_PER_SECOND
    pacer = Pacer(rate, quota=SendQuota(db, rate))
    held = timedelta(seconds=lease) if lease else LEASE
    try:
        if dry_run:
            report = await sweep(services, None, at, dry_run=True, pacer=pacer)
        else:
            token = settings.require_token()
            kwargs = {"base_url": settings.base_url} if settings.base_url else {}
            async with Bot(token, **kwargs) as bot:
                report = await sweep(services, bot, at, pacer=pacer, lease=held, await_leases=True)
    finally:
        await db.dispose()
    for user, case, step in report.lines:
        print(f"user={user} case={case} step={step}")
    print(report.summary(), file=sys.stderr)
    return 0
