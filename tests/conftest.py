"""Shared fixtures: a database per test on SQLite and, when TEST_DATABASE_URL is set, on
PostgreSQL (a throwaway database for the session, a fresh schema per test, both dropped).

- `db_url`: the plain URL of an *empty* database, parametrized [sqlite, postgresql].
- `database`: a `bot.store.Database` on that URL, upgraded to the current schema.
- `repo`: a `bot.store.Repo` over `database`.

Without TEST_DATABASE_URL the postgresql params skip with the reason; with
RELANCE_REQUIRE_POSTGRES=1 (CI) they fail instead. The terminal summary says how many
PostgreSQL tests ran.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.engine import make_url

PG_ENV = "TEST_DATABASE_URL"
REQUIRE_PG = os.environ.get("RELANCE_REQUIRE_POSTGRES") == "1"
NO_PG_REASON = (
    f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/test); "
    "it is not set"
)

_pg_counts = {"collected": 0, "passed": 0, "failed": 0, "skipped": 0}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs against PostgreSQL (TEST_DATABASE_URL)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _pg_counts["collected"] = sum(1 for item in items if item.get_closest_marker("postgres"))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "postgres" not in report.keywords:
        return
    if report.when == "call":  # an expected failure (xfail) is reported as skipped
        outcome = "passed" if report.passed else "skipped" if report.skipped else "failed"
        _pg_counts[outcome] += 1
    elif report.skipped:
        _pg_counts["skipped"] += 1
    elif report.failed:  # an error in setup/teardown
        _pg_counts["failed"] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _pg_counts["collected"]:
        return
    ran = _pg_counts["passed"] + _pg_counts["failed"]
    where = make_url(os.environ[PG_ENV]).render_as_string() if os.environ.get(PG_ENV) else None
    terminalreporter.write_sep("-", "PostgreSQL")
    terminalreporter.write_line(
        f"PostgreSQL tests: {ran} ran ({_pg_counts['passed']} passed, "
        f"{_pg_counts['failed']} failed), {_pg_counts['skipped']} skipped"
        + (f" — on {where}" if where else f" — {NO_PG_REASON}")
    )


def _plain_pg_url(url: str) -> str:
    """libpq form (postgresql://…) of any accepted PostgreSQL URL, for psycopg.connect."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """TEST_DATABASE_URL, or skip (fail in CI) when unset."""
    url = os.environ.get(PG_ENV)
    if not url:
        if REQUIRE_PG:
            pytest.fail(f"RELANCE_REQUIRE_POSTGRES=1 but {PG_ENV} is not set")
        pytest.skip(NO_PG_REASON)
    return url


@pytest.fixture(scope="session")
def pg_database(pg_server_url: str) -> Iterator[str]:
    """A throwaway database for this test session, dropped at the end (plain URL)."""
    import psycopg

    name = f"relance_test_{uuid.uuid4().hex[:12]}"
    admin = _plain_pg_url(pg_server_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of an empty database (no schema yet), plain form (no driver)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "relance.sqlite3"
        yield f"sqlite:///{path}"
        return
    import psycopg

    base = request.getfixturevalue("pg_database")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
async def database(db_url: str) -> AsyncIterator[object]:
    """A `bot.store.Database` on `db_url`, upgraded to the current schema."""
    from bot.store import Database, ensure_schema

    await ensure_schema(db_url)
    db = Database(db_url)
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
def repo(database: object) -> object:
    """A `bot.store.Repo` over the upgraded `database`."""
    from bot.store import Repo

    return Repo(database)  # type: ignore[arg-type]
