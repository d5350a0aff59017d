"""Alembic, configured in code: works from any cwd, no alembic.ini needed.

`upgrade(url)` brings a database to the current schema (sync; used by `python -m bot db
upgrade`), `ensure_schema(url)` does the same from async code without blocking the loop.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

from bot.store import urls
from bot.store.engine import install_sqlite_pragmas

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


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Upgrade to `revision` (default: the latest). Creates the SQLite file and its dir."""
    urls.ensure_sqlite_dir(url)
    try:
        command.upgrade(alembic_config(url), revision)
    except Exception as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise SchemaError(
            f"could not upgrade the database {urls.safe(urls.sync_url(url))} "
            f"to {revision}: {reason}"
        ) from exc


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
