"""Reminder sweep at scale (bench item 3) and sending at Telegram's limit (item 4).

    python -m bench.sweep setup   --db sqlite|postgresql --users N
    python -m bench.sweep measure --db sqlite|postgresql --users N --runs R
    python -m bench.sweep send    --users 2000

`setup` creates a throwaway database (a SQLite file under /tmp, or the PostgreSQL database
`relance_bench`) and bulk-inserts N users with three open cases each, in SQL (Core
executemany), not through the repository. `measure` runs in a fresh process: it times
`bot.reminders.sweep` (claiming, assessing, rendering, recording) with sending stubbed (a
bot whose `send_message` is a no-op coroutine) and no pacing, and reports the process's peak
RSS. Between runs the reminder log is emptied so that every run does the same work.
`send` sends 2 000 digests through the sweep's real sending path (PTB `Bot` + the sweep's
pacer) to the in-process Bot API stand-in answering 429 above 30 msg/s or 1/s per chat.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.common import emit, maxrss_mb, median, rss_mb

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday, working day, 10:00 in Paris: every user's 9 o'clock digest is due.
AT = dt.datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
TODAY = AT.date()
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
PG_DB = "relance_bench"
FIRST_USER = 10_000_000
CHUNK = 20_000


def db_url(backend: str) -> str:
    if backend == "sqlite":
        return "sqlite:////tmp/relance_bench/sweep.sqlite3"
    base, _, _ = PG_ADMIN.rpartition("/")
    return f"{base}/{PG_DB}"


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def reset_database(backend: str) -> str:
    """A fresh, empty database at the latest schema; returns its URL."""
    from bot.store import upgrade

    url = db_url(backend)
    if backend == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {PG_DB}")
    upgrade(url)
    return url


def drop_database(backend: str) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(db_url("sqlite").removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def populate(url: str, users: int, cases_per_user: int = 3) -> None:
    """Bulk-insert `users` users, each with `cases_per_user` open cases (one debtor each):
    a friendly reminder due, a firm reminder due (a contact 40 days ago) and an invoice due
    in 5 days (a preventive reminder and its nudge)."""
    import sqlalchemy as sa

    from bot.store import urls
    from bot.store.models import CaseRow, ContactRow, Debtor, User

    engine = sa.create_engine(urls.sync_url(url))
    now = dt.datetime.now(dt.UTC)
    profiles = [
        (TODAY - dt.timedelta(days=20), "business", None),
        (TODAY - dt.timedelta(days=60), "consumer", TODAY - dt.timedelta(days=40)),
        (TODAY + dt.timedelta(days=5), "business", None),
    ]
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA synchronous = OFF")
        for start in range(0, users, CHUNK):
            block = range(start, min(start + CHUNK, users))
            user_rows, debtor_rows, case_rows, contact_rows = [], [], [], []
            for i in block:
                uid = FIRST_USER + i
                user_rows.append(
                    {"user_id": uid, "chat_id": uid, "tz": "Europe/Paris", "reminder_hour": 9,
                     "reminders_on": True, "signature_asked": True, "user_data": {},
                     "full_name": f"Camille Martin {i}", "created_at": now, "updated_at": now}
                )  # fmt: skip
                for k in range(cases_per_user):
                    due, kind, contacted = profiles[k % len(profiles)]
                    cid = i * cases_per_user + k + 1
                    debtor_rows.append(
                        {"id": cid, "owner": uid, "name": f"Client {k} de {i}", "kind": kind,
                         "created_at": now}
                    )  # fmt: skip
                    case_rows.append(
                        {"id": cid, "owner": uid, "debtor_id": cid, "invoice_number": f"F-{cid}",
                         "amount": Decimal(800 + (i % 50) * 37 + k * 101), "issue_date": None,
                         "due_date": due, "penalty_rate": None, "status": "open",
                         "created_at": now, "updated_at": now, "closed_at": None}
                    )  # fmt: skip
                    if contacted is not None:
                        contact_rows.append(
                            {"owner": uid, "case_id": cid, "date": contacted,
                             "step": "friendly_reminder", "channel": "email", "deadline": None,
                             "created_at": now}
                        )  # fmt: skip
            conn.execute(sa.insert(User.__table__), user_rows)
            conn.execute(sa.insert(Debtor.__table__), debtor_rows)
            conn.execute(sa.insert(CaseRow.__table__), case_rows)
            if contact_rows:
                conn.execute(sa.insert(ContactRow.__table__), contact_rows)
        if engine.dialect.name == "postgresql":
            top = users * cases_per_user + 1
            for table in ("debtors", "cases"):
                conn.exec_driver_sql(f"SELECT setval('{table}_id_seq', {top})")
    with engine.connect() as conn:  # fresh planner statistics after the bulk load
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()


class NullBot:
    """Sending stubbed: every `send_message` succeeds at once and costs nothing."""

    def __init__(self) -> None:
        self.sent = 0

    async def send_message(self, *args: Any, **kwargs: Any) -> None:
        self.sent += 1


async def _measure(backend: str, users: int, runs: int) -> dict[str, Any]:
    import sqlalchemy as sa

    from bot.clock import FixedClock
    from bot.config import load_settings
    from bot.reminders import Pacer, sweep
    from bot.services import Services
    from bot.store import Database

    url = db_url(backend)
    db = Database(url)
    services = Services.create(db, load_settings({"DATABASE_URL": url}), FixedClock(AT))
    rss_before = rss_mb()
    times: list[float] = []
    report = None
    for _ in range(runs):
        async with db.transaction() as s:
            await s.execute(sa.text("DELETE FROM reminder_log"))
        bot = NullBot()
        started = time.perf_counter()
        report = await sweep(services, bot, AT, pacer=Pacer(per_second=0, per_chat=0))  # type: ignore[arg-type]
        times.append(time.perf_counter() - started)
        if report.sent != users or report.failed:
            raise RuntimeError(f"unexpected sweep report: {report.summary()}")
    await db.dispose()
    assert report is not None
    return {
        "backend": backend,
        "users": users,
        "cases": users * 3,
        "runs": runs,
        "times": times,
        "seconds": median(times),
        "users_per_s": users / median(times),
        "rss_before_mb": rss_before,
        "peak_rss_mb": maxrss_mb(),
        "sent": report.sent,
        "nudges": report.nudges,
        "lines": len(report.lines),
    }


async def _send(users: int, pacer_rate: float | None = None) -> dict[str, Any]:
    """2 000 digests through the sweep's sending path against a flood-limited stand-in."""
    from telegram import Bot

    from bot.clock import FixedClock
    from bot.config import load_settings
    from bot.reminders import Pacer, sweep
    from bot.services import Services
    from bot.standin import STANDIN_TOKEN, RateLimit, StandinRequest
    from bot.store import Database

    url = reset_database("sqlite")
    populate(url, users, cases_per_user=1)
    db = Database(url)
    services = Services.create(db, load_settings({"DATABASE_URL": url}), FixedClock(AT))
    request = StandinRequest(rate_limit=RateLimit(overall=30, per_chat=1))
    bot = Bot(STANDIN_TOKEN, request=request, get_updates_request=request.companion())
    async with bot:
        started = time.perf_counter()
        pacer = Pacer(per_second=pacer_rate) if pacer_rate else None
        report = await sweep(services, bot, AT, pacer=pacer)
        seconds = time.perf_counter() - started
    await db.dispose()
    drop_database("sqlite")
    delivered = [c for c in request.calls if c.method == "sendMessage" and c.ok]
    span = delivered[-1].at - delivered[0].at if len(delivered) > 1 else 0.0
    return {
        "digests": users,
        "pacer_rate": pacer_rate,
        "sent": report.sent,
        "failed": report.failed,
        "retried": report.retried,
        "rate_limited_429": request.rate_limited,
        "seconds": seconds,
        "rate": report.sent / seconds,
        "rate_first_to_last": (len(delivered) - 1) / span if span else 0.0,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sweep")
    parser.add_argument("action", choices=["setup", "measure", "drop", "send"])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pacer-rate", type=float, default=None, help="send: pacer msg/s")
    args = parser.parse_args(argv)
    if args.action == "setup":
        started = time.perf_counter()
        populate(reset_database(args.db), args.users)
        emit({"setup_seconds": time.perf_counter() - started})
    elif args.action == "measure":
        emit(asyncio.run(_measure(args.db, args.users, args.runs)))
    elif args.action == "drop":
        drop_database(args.db)
        emit({"dropped": args.db})
    else:
        emit(asyncio.run(_send(args.users, args.pacer_rate)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
