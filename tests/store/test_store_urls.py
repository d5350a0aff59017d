"""DATABASE_URL forms: plain and driver-qualified, async and sync drivers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store import urls


@pytest.mark.parametrize(
    ("given", "async_form", "sync_form"),
    [
        ("sqlite:///data/relance.sqlite3", "sqlite+aiosqlite:///data/relance.sqlite3",
         "sqlite:///data/relance.sqlite3"),
        ("sqlite+aiosqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db", "sqlite:////abs/x.db"),
        ("sqlite+pysqlite:///x.db", "sqlite+aiosqlite:///x.db", "sqlite:///x.db"),
        ("postgresql://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db",
         "postgresql+psycopg://u:p@h:5432/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db?sslmode=require",
         "postgresql+psycopg://u@h/db?sslmode=require",
         "postgresql+psycopg://u@h/db?sslmode=require"),
        ("postgresql+psycopg2://u@h/db", "postgresql+psycopg://u@h/db",
         "postgresql+psycopg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+psycopg://u@h/db",
         "postgresql+psycopg://u@h/db"),
    ],
)  # fmt: skip
def test_driver_selection(given: str, async_form: str, sync_form: str) -> None:
    assert urls.render(urls.async_url(given)) == async_form
    assert urls.render(urls.sync_url(given)) == sync_form


def test_unsupported_and_helpers(tmp_path: Path) -> None:
    with pytest.raises(urls.UnsupportedDatabaseURL):
        urls.async_url("mysql://u@h/db")
    assert urls.is_sqlite("sqlite:///x") and not urls.is_sqlite("postgresql://h/db")
    assert urls.sqlite_path("sqlite:///data/r.sqlite3") == Path("data/r.sqlite3")
    assert urls.sqlite_path("sqlite://") is None and urls.sqlite_path("postgresql://h/d") is None
    assert "secret" not in urls.safe("postgresql://u:secret@h/db")
    urls.ensure_sqlite_dir(f"sqlite:///{tmp_path}/a/b/c.sqlite3")
    assert (tmp_path / "a" / "b").is_dir()
