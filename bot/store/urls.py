"""Database URLs: accept plain and driver-qualified forms, pick the driver each side needs.

`sqlite:///data/x.sqlite3`, `sqlite+aiosqlite:///…`, `postgresql://…`, `postgres://…`,
`postgresql+psycopg://…` (and `+psycopg2`/`+asyncpg`) are all accepted. The bot runs on
the async drivers (aiosqlite, psycopg 3 async); Alembic runs on the sync ones (sqlite3,
psycopg 3 sync).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url


class UnsupportedDatabaseURL(ValueError):
    """The URL names a database this project does not support."""


def _parse(url: str | URL) -> URL:
    parsed = make_url(url) if isinstance(url, str) else url
    backend = parsed.get_backend_name()
    if backend == "postgres":  # Heroku-style alias
        parsed = parsed.set(drivername="postgresql")
        backend = "postgresql"
    if backend not in {"sqlite", "postgresql"}:
        raise UnsupportedDatabaseURL(
            f"DATABASE_URL must be sqlite:///… or postgresql://…, got {parsed.drivername}://…"
        )
    return parsed


def backend(url: str | URL) -> str:
    """`sqlite` or `postgresql`."""
    return _parse(url).get_backend_name()


def is_sqlite(url: str | URL) -> bool:
    return backend(url) == "sqlite"


def async_url(url: str | URL) -> URL:
    """The URL with the async driver: sqlite+aiosqlite or postgresql+psycopg."""
    parsed = _parse(url)
    driver = "sqlite+aiosqlite" if parsed.get_backend_name() == "sqlite" else "postgresql+psycopg"
    return parsed.set(drivername=driver)


def sync_url(url: str | URL) -> URL:
    """The URL with the sync driver (for Alembic): sqlite (pysqlite) or postgresql+psycopg."""
    parsed = _parse(url)
    driver = "sqlite" if parsed.get_backend_name() == "sqlite" else "postgresql+psycopg"
    return parsed.set(drivername=driver)


def sqlite_path(url: str | URL) -> Path | None:
    """The file of a SQLite URL (relative paths are relative to the cwd); None for memory/PG."""
    parsed = _parse(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in {"", ":memory:"} or database.startswith("file:"):
        return None
    return Path(database)


def ensure_sqlite_dir(url: str | URL) -> None:
    """Create the directory of a SQLite file (e.g. ./data/ for the default URL)."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def render(url: URL) -> str:
    """The URL as a string, password included (for passing on to engines/Alembic)."""
    return url.render_as_string(hide_password=False)


def safe(url: str | URL) -> str:
    """The URL without its password, fit for logs and error messages."""
    return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)
