"""The morning at scale (bench item 1): every user's digest due at 09:00, the real sweep with
its pacer sending to a Bot API stand-in that enforces Telegram's flood limits.

    python -m bench.morning setup --db sqlite|postgresql --users N --share 0.2
    python -m bench.morning share --db sqlite|postgresql --share 1.0
    python -m bench.morning run   --db sqlite|postgresql [--slice 60]
    python -m bench.morning drop  --db sqlite|postgresql

`setup` creates a throwaway database (a SQLite file under /tmp, or the schema
`relance_bench` inside the PostgreSQL database given by `--postgres`) and bulk-inserts N
users (reminders at 9:00) with three open cases each, in SQL (Core executemany). A share of
them (`--share`) have something due that morning (a friendly reminder, a firm reminder, a
preventive reminder with its nudge); the others' invoices fall due in two months. `share`
turns more users into "something due" in place.

`run` (a fresh process) empties the reminder log, runs the 08:59 tick (nothing due; what
a bot running since before the hour has done) and calls `bot.reminders.sweep` at 09:00
(the moment the sweep is started stands for the hour) with its default pacer (the bot's
sending quota shared through the database) and a PTB `Bot` on
`StandinRequest(rate_limit=RateLimit(overall=30, per_chat=1))`, which answers 429 above
Telegram's limits. With `--slice S` the process stops S seconds after the first digest
(the rest of the morning is extrapolated from the slice's sending rate); without, the whole
sweep runs. Measured: 09:00 → first digest, → last digest, 429 answers, peak RSS, and the
sender's idle time, three ways:
- `idle_s`, the sweep's own count (`SweepReport.starved`): the time every sender waited for
  a digest still being prepared, after the first one — compute holding the sending up;
- `idle_slots_s`: from the stand-in's clock, the time beyond an even 29 a second that
  nothing was sent (gaps over 1/29 s + 10 ms), whatever the cause (compute, a slot lost);
- `idle_window_s`: the earlier definition, the time the stand-in's 1-second window had
  room (fewer than 29 sends) and nothing was sent, over gaps longer than 10 ms — it counts
  the even spacing of the first second (29 sends over a second, not a burst) as idle.
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

from bench.common import emit, maxrss_mb

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday, a working day, 09:00 in Paris: every user's digest falls due now.
AT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=PARIS)
TODAY = AT.date()
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
PG_SCHEMA = "relance_bench"
SQLITE_PATH = Path("/tmp/relance_bench/morning.sqlite3")
FIRST_USER = 10_000_000
CASES_PER_USER = 3
CHUNK = 20_000
LATER = TODAY + dt.timedelta(days=60)  # the due date of the cases with nothing due
PACER_LIMIT = 29  # the sweep's pacer: sends in any 1-second window
IDLE_SLACK = 0.010  # a gap shorter than this is a send's own scheduling, not idleness
DUE_PROFILES = [  # (due date, debtor kind, previous contact)
    (TODAY - dt.timedelta(days=20), "business", None),
    (TODAY - dt.timedelta(days=60), "consumer", TODAY - dt.timedelta(days=40)),
    (TODAY + dt.timedelta(days=5), "business", None),
]


def pg_server() -> str:
    return os.environ.get("BENCH_POSTGRES", DEFAULT_PG)


def db_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    from sqlalchemy.engine import make_url

    return (
        make_url(pg_server())
        .update_query_dict({"options": f"-csearch_path={PG_SCHEMA}"})
        .render_as_string(hide_password=False)
    )


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_server(), autocommit=True) as conn:
        conn.execute(sql)


def drop_database(backend: str) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(SQLITE_PATH) + suffix).unlink(missing_ok=True)
    else:
        _pg_admin(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')


def reset_database(backend: str) -> str:
    """A fresh, empty database at the latest schema; returns its URL."""
    from bot.store import upgrade

    drop_database(backend)
    if backend == "sqlite":
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    else:
        _pg_admin(f'CREATE SCHEMA "{PG_SCHEMA}"')
    url = db_url(backend)
    upgrade(url)
    return url


def is_due(index: int, share: float) -> bool:
    """Spread `share` of the users evenly: user `index` has something due this morning."""
    return int((index + 1) * share) > int(index * share)


def _sync_engine(url: str) -> Any:
    import sqlalchemy as sa

    from bot.store import urls

    return sa.create_engine(urls.sync_url(url))


def populate(url: str, users: int, share: float) -> int:
    """Bulk-insert the users and their cases; returns how many have something due."""
    import sqlalchemy as sa

    from bot.store.models import CaseRow, ContactRow, Debtor, User

    engine = _sync_engine(url)
    now = dt.datetime.now(dt.UTC)
    due_users = 0
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA synchronous = OFF")
        for start in range(0, users, CHUNK):
            user_rows, debtor_rows, case_rows, contact_rows = [], [], [], []
            for i in range(start, min(start + CHUNK, users)):
                uid = FIRST_USER + i
                due = is_due(i, share)
                due_users += due
                user_rows.append(
                    {"user_id": uid, "chat_id": uid, "tz": "Europe/Paris", "reminder_hour": 9,
                     "reminders_on": True, "signature_asked": True, "user_data": {},
                     "full_name": f"Camille Martin {i}", "created_at": now, "updated_at": now}
                )  # fmt: skip
                for k, (due_date, kind, contacted) in enumerate(DUE_PROFILES):
                    cid = i * CASES_PER_USER + k + 1
                    debtor_rows.append(
                        {"id": cid, "owner": uid, "name": f"Client {k} de {i}", "kind": kind,
                         "created_at": now}
                    )  # fmt: skip
                    case_rows.append(
                        {"id": cid, "owner": uid, "debtor_id": cid, "invoice_number": f"F-{cid}",
                         "amount": Decimal(800 + (i % 50) * 37 + k * 101), "issue_date": None,
                         "due_date": due_date if due else LATER, "penalty_rate": None,
                         "status": "open", "created_at": now, "updated_at": now,
                         "closed_at": None}
                    )  # fmt: skip
                    if due and contacted is not None:
                        contact_rows.append(_contact(uid, cid, contacted, now))
            conn.execute(sa.insert(User.__table__), user_rows)
            conn.execute(sa.insert(Debtor.__table__), debtor_rows)
            conn.execute(sa.insert(CaseRow.__table__), case_rows)
            if contact_rows:
                conn.execute(sa.insert(ContactRow.__table__), contact_rows)
        if engine.dialect.name == "postgresql":
            top = users * CASES_PER_USER + 1
            for table in ("debtors", "cases"):
                conn.exec_driver_sql(f"SELECT setval('{table}_id_seq', {top})")
    _analyze(engine)
    engine.dispose()
    return due_users


def _contact(owner: int, case_id: int, on: dt.date, now: dt.datetime) -> dict[str, Any]:
    return {"owner": owner, "case_id": case_id, "date": on, "step": "friendly_reminder",
            "channel": "email", "deadline": None, "created_at": now}  # fmt: skip


def _analyze(engine: Any) -> None:
    """Fresh planner statistics after a bulk change."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")


def reshare(url: str, share: float) -> int:
    """Give `share` of all users something due (in place); returns how many have."""
    import sqlalchemy as sa

    from bot.store.models import CaseRow, ContactRow, User

    engine = _sync_engine(url)
    users, cases = User.__table__, CaseRow.__table__
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        owners = [r[0] for r in conn.execute(sa.select(users.c.user_id).order_by("user_id"))]
        wanted = {o for i, o in enumerate(owners) if is_due(i, share)}
        later = conn.execute(
            sa.select(cases.c.id, cases.c.owner).where(cases.c.due_date == LATER)
        ).all()
        contacts = []
        for k, (due_date, _, contacted) in enumerate(DUE_PROFILES):
            ids = [cid for cid, owner in later if owner in wanted and (cid - 1) % 3 == k]
            for start in range(0, len(ids), CHUNK):
                conn.execute(
                    sa.update(cases).where(cases.c.id.in_(ids[start : start + CHUNK]))
                    .values(due_date=due_date)
                )  # fmt: skip
            if contacted is not None:
                by_id = dict(later)
                contacts += [_contact(by_id[cid], cid, contacted, now) for cid in ids]
        if contacts:
            conn.execute(sa.insert(ContactRow.__table__), contacts)
        due = conn.execute(
            sa.select(sa.func.count(sa.distinct(cases.c.owner))).where(cases.c.due_date != LATER)
        ).scalar_one()
    _analyze(engine)
    engine.dispose()
    return int(due)


def idle_slot_seconds(sends: list[float], rate: int = PACER_LIMIT) -> float:
    """Time beyond an even `rate` a second that nothing was sent, between the first and the
    last send (each gap counted beyond 1/rate + IDLE_SLACK)."""
    return sum(
        max(0.0, sends[i] - sends[i - 1] - 1.0 / rate - IDLE_SLACK) for i in range(1, len(sends))
    )


def idle_seconds(sends: list[float], limit: int = PACER_LIMIT, window: float = 1.0) -> float:
    """Time the 1-second window had room and nothing was sent, between the first and the
    last send (each gap counted beyond IDLE_SLACK)."""
    idle = 0.0
    for i in range(1, len(sends)):
        free_from = sends[i - 1]
        if i >= limit:  # the window was full after send i-1 until send i-limit expired
            free_from = max(free_from, sends[i - limit] + window)
        idle += max(0.0, sends[i] - free_from - IDLE_SLACK)
    return idle


async def _run(backend: str, digests: int, slice_s: float | None) -> dict[str, Any]:
    import sqlalchemy as sa
    from telegram import Bot

    from bot.config import load_settings
    from bot.local.bot_api import STANDIN_TOKEN, RateLimit, StandinRequest
    from bot.reminders import SweepReport, sweep
    from bot.runtime.clock import FixedClock
    from bot.runtime.services import Services
    from bot.store import Database

    url = db_url(backend)
    engine = _sync_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM reminder_log"))
        users = conn.execute(sa.text("SELECT count(*) FROM users")).scalar_one()
    _analyze(engine)
    engine.dispose()
    db = Database(url)
    services = Services.create(db, load_settings({"DATABASE_URL": url}), FixedClock(AT))
    request = StandinRequest(rate_limit=RateLimit(overall=30, per_chat=1))
    bot = Bot(STANDIN_TOKEN, request=request, get_updates_request=request.companion())
    calls = request.calls
    async with bot:
        # The bot has been up since before the hour: its previous tick (08:59) found
        # nothing due but loaded what a sweep needs (holidays, connections, queries).
        await sweep(services, bot, AT - dt.timedelta(minutes=1))
        started = time.time()
        live = SweepReport(at=AT)
        task = asyncio.create_task(sweep(services, bot, AT, report=live))
        first: float | None = None
        while not task.done():
            await asyncio.wait({task}, timeout=0.25)
            if first is None:
                first = next((c.at for c in calls if c.method == "sendMessage" and c.ok), None)
            if slice_s is not None and first is not None and time.time() - first >= slice_s:
                break
        complete = task.done()
        report = task.result() if complete else None
        sends = [c.at - started for c in calls if c.method == "sendMessage" and c.ok]
        result = _figures(backend, users, digests, slice_s, sends, report, request.rate_limited)
        result["idle_s"] = live.starved
        if not complete:
            emit(result)
            os._exit(0)  # the sweep is cut off with the slice: the process ends here
    await db.dispose()
    return result


def _figures(
    backend: str, users: int, digests: int, slice_s: float | None, sends: list[float],
    report: Any, rate_limited: int,
) -> dict[str, Any]:  # fmt: skip
    sent = len(sends)
    # The sending rate past the first second (the pacer's first window is a burst).
    steady = [t for t in sends if t >= sends[0] + 1.0] if sends else []
    span = steady[-1] - steady[0] if len(steady) > 1 else 0.0
    rate = (len(steady) - 1) / span if span else 0.0
    if report is not None:
        last = sends[-1] if sends else 0.0
    else:
        last = steady[0] + (digests - sent + len(steady) - 1) / rate if rate else 0.0
    return {
        "backend": backend,
        "users": users,
        "digests": digests,
        "share": digests / users if users else 0.0,
        "complete": report is not None,
        "slice_s": slice_s,
        "sent": sent,
        "first_s": sends[0] if sends else None,
        "last_s": last,
        "last_target_s": digests / PACER_LIMIT,
        "rate": rate,
        "idle_slots_s": idle_slot_seconds(sends),
        "idle_window_s": idle_seconds(sends),
        "rate_limited_429": rate_limited,
        "peak_rss_mb": maxrss_mb(),
        "report": report.summary() if report is not None else None,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.morning")
    parser.add_argument("action", choices=["setup", "share", "run", "drop"])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", help=f"PostgreSQL database to work in ({DEFAULT_PG})")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--share", type=float, default=0.2)
    parser.add_argument("--digests", type=int, help="run: digests expected (from setup)")
    parser.add_argument("--slice", type=float, default=None, help="run: seconds of sending")
    args = parser.parse_args(argv)
    if args.postgres:
        os.environ["BENCH_POSTGRES"] = args.postgres
    if args.action == "setup":
        started = time.perf_counter()
        due = populate(reset_database(args.db), args.users, args.share)
        emit({"setup_seconds": time.perf_counter() - started, "digests": due})
    elif args.action == "share":
        started = time.perf_counter()
        due = reshare(db_url(args.db), args.share)
        emit({"setup_seconds": time.perf_counter() - started, "digests": due})
    elif args.action == "drop":
        drop_database(args.db)
        emit({"dropped": args.db})
    else:
        emit(asyncio.run(_run(args.db, args.digests or 0, args.slice)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
