"""Which `run` process serves the dialogs: the one holding the database's *active* lock.

PostgreSQL: a session advisory lock, keyed by the schema, taken on a connection of its own
that the process keeps open; SQLite: an `fcntl` lock on `<database>.active-lock` beside the
file. Either is released by the operating system or the server when the process dies, even
by `kill -9`, so a standby polling for it takes over within `POLL_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from bot.store import urls

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5  # how often a standby tries the lock, and the active one checks it holds
LOCK_CLASS = 0x52656C61  # "Rela": the first key of the two-key advisory lock
# A vanished machine (no FIN, no RST) frees its PostgreSQL session within about 15 s.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
              "keepalives_count": 3}  # fmt: skip


class Leadership(Protocol):
    async def try_acquire(self) -> bool:
        """Take the lock if it is free; True when this process holds it."""

    async def still_held(self) -> bool:
        """False when the lock may have passed to another process."""

    async def release(self) -> None: ...


class PostgresLeadership:
    """A session advisory lock on `(LOCK_CLASS, hashtext(current_schema()))`."""

    def __init__(self, url: str | URL) -> None:
        self.engine: AsyncEngine = create_async_engine(
            urls.async_url(url), poolclass=NullPool, connect_args=KEEPALIVES
        )
        self.connection: AsyncConnection | None = None
        self.unreachable = False  # said once per outage, not twice a second

    async def try_acquire(self) -> bool:
        try:
            if self.connection is None:
                self.connection = await self.engine.connect()
                await self.connection.execution_options(isolation_level="AUTOCOMMIT")
            got = await self.connection.scalar(
                text("SELECT pg_try_advisory_lock(:cls, hashtext(current_schema()))"),
                {"cls": LOCK_CLASS},
            )
        except Exception as error:  # server gone: try again on a new connection
            if not self.unreachable:
                log.warning("active lock: cannot ask the database (%s)", type(error).__name__)
                self.unreachable = True
            await self._drop()
            return False
        if self.unreachable:
            log.info("active lock: the database answers again")
            self.unreachable = False
        return bool(got)

    async def still_held(self) -> bool:
        if self.connection is None:
            return False
        try:
            await asyncio.wait_for(self.connection.scalar(text("SELECT 1")), POLL_SECONDS * 4)
        except Exception:  # the session, hence the lock, is gone or unreachable
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # closing the session releases it anyway
                await self.connection.scalar(
                    text("SELECT pg_advisory_unlock(:cls, hashtext(current_schema()))"),
                    {"cls": LOCK_CLASS},
                )
        await self._drop()
        await self.engine.dispose()

    async def _drop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                await connection.close()
            except Exception:
                await connection.invalidate()


class FileLeadership:
    """An exclusive `flock` on a file beside the SQLite database.

    It also notices the database file being deleted or replaced while the process runs
    (SQLite would go on writing into the deleted file, all lost at the next start)."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = Path(f"{database}.active-lock")
        self.handle: int | None = None
        self.database_id: tuple[int, int] | None = None

    async def try_acquire(self) -> bool:
        try:
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            reason = f"cannot open the lock file {self.path}: {error.strerror}"
            raise LockFileError(reason) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            return False
        self.handle = handle
        self.database_id = _file_id(self.database)
        if self.database_id is None:  # gone while this process waited on standby
            await self.release()
            raise DatabaseFileGone(self.database)
        return True

    async def still_held(self) -> bool:
        if self.handle is None:
            return False
        if _file_id(self.path) != _fd_id(self.handle):
            log.error("active lock: %s was deleted or replaced", self.path)
            return False
        if _file_id(self.database) != self.database_id:
            raise DatabaseFileGone(self.database)
        return True

    async def release(self) -> None:
        if self.handle is not None:
            os.close(self.handle)  # closing the descriptor releases the flock
            self.handle = None


class LockFileError(RuntimeError):
    """The lock file beside the SQLite database cannot be created or opened."""


class DatabaseFileGone(RuntimeError):
    """The SQLite file this process writes to was deleted or replaced under it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the database file {path} was deleted or replaced while the bot was running; "
            "stopping so that nothing more is written to a file nobody will read again"
        )


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def _fd_id(handle: int) -> tuple[int, int]:
    info = os.fstat(handle)
    return info.st_dev, info.st_ino


def leadership_for(url: str | URL) -> Leadership | None:
    """The lock for this database; None for an in-memory SQLite database (one process)."""
    if urls.is_sqlite(url):
        path = urls.sqlite_path(url)
        return FileLeadership(path.resolve()) if path is not None else None
    return PostgresLeadership(url)
