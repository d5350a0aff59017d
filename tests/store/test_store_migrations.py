"""Migrations from empty on SQLite and PostgreSQL, `python -m bot db upgrade`, engine setup."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.store import Database, ensure_schema, urls
from bot.store.migrate import current_revision, downgrade, head_revision, sync_engine, upgrade
from bot.store.models import TABLES, metadata

ROOT = Path(__file__).resolve().parents[2]
TABLE_NAMES = {model.__tablename__ for model in TABLES}


def table_names(url: str) -> set[str]:
    engine = sync_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty(db_url: str) -> None:
    assert current_revision(db_url) is None
    assert not TABLE_NAMES & table_names(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()
    assert table_names(db_url) >= TABLE_NAMES | {"alembic_version"}
    upgrade(db_url)  # idempotent
    assert current_revision(db_url) == head_revision()


def test_migrations_match_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = sync_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert diff == [], "models and migrations differ: add a migration"


def test_downgrade_to_empty_and_back(db_url: str) -> None:
    upgrade(db_url)
    downgrade(db_url, "base")
    assert current_revision(db_url) is None
    assert not TABLE_NAMES & table_names(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()


async def test_ensure_schema_then_use(db_url: str) -> None:
    await ensure_schema(db_url)
    await ensure_schema(db_url)
    db = Database(db_url)
    try:
        async with db.sessions() as s:
            assert await s.scalar(sa.text("SELECT count(*) FROM cases")) == 0
    finally:
        await db.dispose()


def _run_cli(args: list[str], cwd: Path, database_url: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_db_upgrade_default_sqlite_file(tmp_path: Path) -> None:
    """No DATABASE_URL: ./data/relance.sqlite3 is created, in WAL mode, at head."""
    done = _run_cli(["db", "upgrade"], tmp_path, None)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "data" / "relance.sqlite3"
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    current = _run_cli(["db", "current"], tmp_path, None)
    assert current.returncode == 0 and head_revision() in current.stdout


def test_cli_db_upgrade_database_url(db_url: str, tmp_path: Path) -> None:
    done = _run_cli(["db", "upgrade"], tmp_path, db_url)
    assert done.returncode == 0, done.stderr
    assert current_revision(db_url) == head_revision()


def test_cli_db_upgrade_reports_errors(tmp_path: Path) -> None:
    bad = _run_cli(["db", "upgrade"], tmp_path, "mysql://u@h/db")
    assert bad.returncode == 2 and "DATABASE_URL" in bad.stderr
    unreachable = _run_cli(
        ["db", "upgrade"], tmp_path, "postgresql://nobody:secretpw@127.0.0.1:1/none"
    )
    assert unreachable.returncode == 1 and "could not upgrade" in unreachable.stderr
    assert "secretpw" not in unreachable.stderr


async def test_sqlite_connections_are_configured(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/sub/dir/x.sqlite3"  # driver-qualified, dirs missing
    db = Database(url)
    try:
        async with db.sessions() as s:
            assert (await s.scalar(sa.text("PRAGMA journal_mode"))) == "wal"
            assert (await s.scalar(sa.text("PRAGMA foreign_keys"))) == 1
            assert (await s.scalar(sa.text("PRAGMA busy_timeout"))) >= 5000
    finally:
        await db.dispose()
    assert (tmp_path / "sub" / "dir" / "x.sqlite3").exists()


@pytest.mark.parametrize("form", ["plain", "driver"])
async def test_plain_and_driver_qualified_urls(db_url: str, form: str) -> None:
    url = db_url if form == "plain" else urls.render(urls.async_url(db_url))
    await ensure_schema(url)
    db = Database(url)
    try:
        assert db.url.drivername in {"sqlite+aiosqlite", "postgresql+psycopg"}
        async with db.sessions() as s:
            assert await s.scalar(sa.text("SELECT count(*) FROM users")) == 0
    finally:
        await db.dispose()


# --- upgrading a v1 database with data in it ------------------------------------------------

V1_ROWS = [
    "INSERT INTO users (user_id, chat_id, full_name, contact, tz, reminder_hour, reminders_on,"
    " signature_asked, user_data, created_at, updated_at) VALUES"
    " (11, 11, 'Camille', 'camille@example.fr', 'Europe/Paris', 9, true, true, '{}', :now, :now),"
    " (12, 12, NULL, '06 12 34 56 78', 'Europe/Paris', 9, true, false, '{}', :now, :now)",
    "INSERT INTO debtors (id, owner, name, kind, created_at) VALUES"
    " (1, 11, 'Atelier Dupuis', 'business', :now), (2, 12, 'Mme Roux', 'consumer', :now)",
    "INSERT INTO cases (id, owner, debtor_id, invoice_number, amount, issue_date, due_date,"
    " penalty_rate, status, created_at, updated_at) VALUES"
    " (1, 11, 1, 'F-1', 1200.00, NULL, '2026-10-01', NULL, 'open', :now, :now),"
    " (2, 12, 2, NULL, 300.50, '2026-09-01', '2026-09-01', 12.5, 'paid', :now, :now)",
    "INSERT INTO contacts (owner, case_id, date, step, channel, created_at) VALUES"
    " (11, 1, '2026-10-05', 'friendly_reminder', 'email', :now)",
    "INSERT INTO responses (owner, case_id, date, kind, created_at) VALUES"
    " (11, 1, '2026-10-06', 'hardship', :now)",
    "INSERT INTO payments (owner, case_id, date, amount, created_at) VALUES"
    " (12, 2, '2026-09-20', 300.50, :now)",
    "INSERT INTO plans (id, owner, case_id, created_at) VALUES (1, 11, 1, :now)",
    "INSERT INTO installments (owner, plan_id, seq, date, amount) VALUES"
    " (11, 1, 0, '2026-11-01', 600.00), (11, 1, 1, '2026-12-01', 600.00)",
    "INSERT INTO insolvencies (owner, case_id, kind, published_on, created_at) VALUES"
    " (12, 2, 'safeguard', '2026-09-25', :now)",
    "INSERT INTO reminder_log (owner, case_id, case_key, kind, key, status, claimed_at,"
    " attempts) VALUES (11, NULL, 0, 'digest', '2026-10-05', 'sent', :now, 1)",
]
V1_TABLES = ("users", "debtors", "cases", "contacts", "responses", "payments", "plans",
             "installments", "insolvencies", "reminder_log")  # fmt: skip


async def test_v1_database_upgrades_with_every_row_kept(db_url: str) -> None:
    import datetime as dt

    upgrade(db_url, "0001")
    engine = sync_engine(db_url)
    now = dt.datetime(2026, 10, 7, 8, 0, tzinfo=dt.UTC)
    try:
        with engine.begin() as connection:
            for statement in V1_ROWS:
                connection.execute(sa.text(statement), {"now": now})
        with engine.connect() as connection:
            before = {
                t: connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in V1_TABLES
            }
    finally:
        engine.dispose()
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()
    engine = sync_engine(db_url)
    try:
        with engine.connect() as connection:
            after = {
                t: connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in V1_TABLES
            }
            profiles = connection.execute(
                sa.text("SELECT user_id, email, phone, contact FROM users ORDER BY user_id")
            ).all()
    finally:
        engine.dispose()
    assert after == before and all(before.values())
    assert [tuple(row) for row in profiles] == [
        (11, "camille@example.fr", None, "camille@example.fr"),
        (12, None, "06 12 34 56 78", "06 12 34 56 78"),
    ]
    # The upgraded rows read back as cases, v2 facts empty.
    db = Database(db_url)
    try:
        from bot.store import Repo

        repo = Repo(db)
        first = await repo.get_case(11, 1)
        second = await repo.get_case(12, 2)
    finally:
        await db.dispose()
    assert first is not None and second is not None
    assert first.case.invoice.amount == Decimal("1200.00")
    assert first.case.plan is not None and first.case.plan.agreed_on is None
    assert [i.amount for i in first.case.plan.installments] == [Decimal("600.00")] * 2
    assert first.case.invoice.service_date is None and first.case.debtor.siren is None
    assert second.status == "paid" and second.case.insolvency is not None
    assert second.case.insolvency.opened_on is None
    assert second.case.insolvency.judgment_on == second.case.insolvency.published_on


@pytest.mark.slow
def test_concurrent_upgrades_of_a_fresh_database_all_succeed(db_url: str) -> None:
    """Four `db upgrade` at once (several dynos starting): one migrates, the others wait."""
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "db", "upgrade", "--url", db_url], cwd=root, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for _ in range(4)
    ]  # fmt: skip
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], outputs
    assert current_revision(db_url) == head_revision()


def test_sqlite_secure_delete_is_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'secure.sqlite3'}"
    engine = sync_engine(url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        engine.dispose()


async def test_sqlite_secure_delete_is_on_for_the_bot(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    async with db, db.engine.connect() as connection:
        result = await connection.exec_driver_sql("PRAGMA secure_delete")
        assert result.scalar() == 1
