"""Async engines and sessions: aiosqlite (WAL, foreign keys, busy timeout) or psycopg 3;
NUL characters stripped from every bound string."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.store import urls

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Every new SQLite connection: WAL, foreign keys enforced, wait on locks, deleted data
    overwritten (secure_delete: an erased case does not linger in free pages).

    synchronous=NORMAL in WAL mode: a commit survives the process being killed (kill -9),
    which is the promise; only a power cut may lose the last commits. FULL would fsync on
    every commit, which costs more than the whole rest of a dialog step."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def install_sqlite_pragmas(sync_engine: Any) -> None:
    """Attach the PRAGMAs to a (sync) engine's connect event; used by Alembic too."""
    event.listen(sync_engine, "connect", _sqlite_pragmas)


def _without_nul(value: Any) -> Any:
    """Bound parameters with U+0000 removed from every string (PostgreSQL refuses it)."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_nul(item) for item in value)
    return value


def _strip_nul(
    _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> tuple[str, Any]:
    return statement, _without_nul(parameters)


def create_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """An async engine for DATABASE_URL (plain or driver-qualified)."""
    target = urls.async_url(url)
    if urls.is_sqlite(target):
        urls.ensure_sqlite_dir(target)
        engine = create_async_engine(target, **kwargs)
        install_sqlite_pragmas(engine.sync_engine)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_async_engine(target, **kwargs)
    # Every user text, whichever statement writes it (ORM or Core), is stored without NUL.
    event.listen(engine.sync_engine, "before_cursor_execute", _strip_nul, retval=True)
    return engine


class Database:
    """One engine and its session factory. Sessions never expire loaded rows on commit."""

    def __init__(self, url: str | URL, **engine_kwargs: Any) -> None:
        self.url = urls.async_url(url)
        self.engine: AsyncEngine = create_engine(self.url, **engine_kwargs)
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.url.get_backend_name()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: committed when the block ends, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.dispose()
