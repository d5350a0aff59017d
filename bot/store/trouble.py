"""A database the bot cannot use: read-only, locked, gone or unreachable, said in words.

No retry of the same step fixes these, so the bot says so once (at start: one line and a
non-zero exit; while running: one sentence to the user) instead of apologising forever."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

from bot.store import urls


def unusable_reason(error: BaseException) -> str | None:
    """'is read-only', 'is locked…', 'is unreachable…' for a database error that no retry
    of the same step can fix; None for anything else."""
    seen: BaseException | None = error
    while seen is not None:
        if not _from_the_database(seen):
            seen = seen.__cause__ or seen.__context__
            continue
        text_ = str(seen).lower()
        if "readonly" in text_ or "read-only" in text_ or "read only" in text_:
            return "is read-only: nothing can be recorded"
        if "is locked" in text_ or "lock timeout" in text_:
            return "is locked by another program (waited for it in vain)"
        if "disk i/o error" in text_ or "unable to open database file" in text_:
            return "cannot be opened or written (disk error, or its file or folder is gone)"
        if "does not exist" in text_ and "database" in text_:
            return "does not exist"
        if "connection" in text_ and ("refused" in text_ or "failed" in text_):
            return "is unreachable (no connection to the server)"
        seen = seen.__cause__ or seen.__context__
    return None


def _from_the_database(error: BaseException) -> bool:
    """SQLAlchemy's errors and the drivers' own (a Telegram network error is not one)."""
    module = type(error).__module__.split(".")[0]
    return module in {"sqlalchemy", "sqlite3", "aiosqlite", "psycopg", "alembic"}


def missing_database(url: str | URL) -> str | None:
    """Why a SQLite file a bot has served from is gone (deleted or moved), else None.

    A missing file is otherwise a first start: `upgrade` creates an empty database. Beside
    a file `run` has used lies its `.active-lock`; the lock without the file means the data
    went away, and starting afresh silently would hide that."""
    path = urls.sqlite_path(url)
    if path is None or path.exists() or not Path(f"{path}.active-lock").exists():
        return None
    return (
        f"the database file {path} is missing, though a bot has run on it ({path.name}"
        ".active-lock is there): restore the file, or create an empty database with "
        "python -m bot db upgrade"
    )
