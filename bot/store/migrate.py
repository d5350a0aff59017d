"""Alembic, configured in code: works from any cwd, no alembic.ini needed.

`upgrade(url)` brings a database to the current schema (sync; used by `python -m bot db
upgrade`), `ensure_schema(url)` does the same from async code without blocking the loop.
"""

from __future__ import annotations

import asyncio
import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

from bot.store import urls
from bot.store.engine import install_sqlite_pragmas
from bot.store.trouble import unusable_reason

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaError(RuntimeError):
    """The database cannot be brought to the current schema; the message says why."""


def alembic_config(url: str | URL) -> Config:
    """An Alembic Config pointing at our migrations and at `url` (sync driver)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = urls.sync_url(url)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(url: str | URL) -> str | None:
    """The revision the database is at, None when it has no schema yet."""
    target = urls.sync_url(url)
    urls.ensure_sqlite_dir(target)
    engine = sync_engine(target)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


# Any constant: PostgreSQL advisory locks are per database, keyed by a 64-bit integer.
MIGRATION_LOCK_KEY = 0x52656C616E6365  # "Relance"


@contextmanager
def migration_lock(url: str | URL) -> Iterator[None]:
    """Held while migrating, so that processes starting together migrate one after the other:
    a PostgreSQL advisory lock (on a connection of its own), a lock file beside SQLite's."""
    target = urls.sync_url(url)
    if urls.is_sqlite(target):
        path = urls.sqlite_path(target)
        if path is None:  # in memory: one process only
            yield
            return
        with open(f"{path}.migrate-lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    engine = create_engine(target, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
                connection.commit()
    finally:
        engine.dispose()


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Upgrade to `revision` (default: the latest), under the migration lock, then check
    that the database takes writes (a read-only or locked one is refused here, in one line,
    rather than by every later step). Creates the SQLite file and its dir."""
    urls.ensure_sqlite_dir(url)
    shown = urls.safe(urls.sync_url(url))
    try:
        with migration_lock(url):
            command.upgrade(alembic_config(url), revision)
            check_writable(url)
    except Exception as exc:
        unusable = unusable_reason(exc)
        if unusable:
            raise SchemaError(f"could not upgrade the database {shown}: it {unusable}") from exc
        raise SchemaError(
            f"could not upgrade the database {shown} to {revision}: {_first_line(exc)}"
        ) from exc


def check_writable(url: str | URL) -> None:
    """One write, rolled back: raises what the bot's first write would raise."""
    engine = sync_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = version_num"))
            connection.rollback()
    finally:
        engine.dispose()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def downgrade(url: str | URL, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


async def ensure_schema(url: str | URL) -> None:
    """Bring the database to head at start (in a thread: the event loop never blocks)."""
    await asyncio.to_thread(upgrade, url)


def sync_engine(url: str | URL) -> Engine:
    """A sync engine with the same SQLite PRAGMAs as the bot's (Alembic uses it)."""
    target = urls.sync_url(url)
    engine = create_engine(target, poolclass=NullPool)
    if urls.is_sqlite(target):
        install_sqlite_pragmas(engine)
    return engine
