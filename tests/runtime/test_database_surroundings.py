"""A database the bot cannot use — read-only, locked, missing, deleted while running — is
said in one line at start (non-zero exit) and in one sentence to the user while running,
and the bot keeps answering /aide."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.runtime.clock import FixedClock
from bot.store import upgrade
from tests.support.dialog_fixtures import START, BotEnv
from tests.support.http_bot_api import HttpBotApi

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:STANDIN-token-for-local-use"
UNAVAILABLE = "Relance ne peut rien enregistrer pour le moment"
ME = 3003


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(DATABASE_URL=url, TELEGRAM_BOT_TOKEN=TOKEN, RELANCE_OUTSIDE_SERVICES="off")
    env.update(extra)
    return env


def _bot(url: str, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], env=_env(url, **extra), cwd=ROOT,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _one_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode != 0, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


@contextlib.contextmanager
def _read_only_file(path: Path) -> Iterator[None]:
    """The file read-only for this user (root ignores modes: the immutable flag then)."""
    path.chmod(0o444)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        path.chmod(0o644)
        pytest.skip("running as root on a file system without the immutable flag")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def _read_only_url(db_url: str) -> str:
    """The same database, opened read-only (SQLite's mode=ro, PostgreSQL's read-only
    transactions, as on a hot standby server)."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///file:{url.database}?mode=ro&uri=true"
    options = url.query.get("options", "")
    return url.update_query_dict(
        {"options": f"{options} -cdefault_transaction_read_only=on".strip()}
    ).render_as_string(hide_password=False)


# --- at start ----------------------------------------------------------------------------


def test_a_read_only_sqlite_file_is_refused_at_start(tmp_path):
    path = tmp_path / "ro.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    with _read_only_file(path):
        _one_error(_bot(url, "db", "upgrade"), "read-only")
        _one_error(_bot(url, "run"), "read-only")


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)  # fmt: skip
def test_a_read_only_postgresql_database_is_refused_at_start(db_url):
    upgrade(db_url)
    url = _read_only_url(db_url)
    _one_error(_bot(url, "db", "upgrade"), "read-only")
    _one_error(_bot(url, "run"), "read-only")


@pytest.mark.postgres
def test_a_missing_postgresql_database_is_named_at_start(pg_database):
    url = make_url(pg_database).set(database="relance_nowhere").render_as_string(False)
    _one_error(_bot(url, "db", "upgrade"), "does not exist")
    _one_error(_bot(url, "run"), "does not exist")


@pytest.mark.slow  # waits out SQLite's busy timeout
def test_a_locked_sqlite_database_is_refused_at_start(tmp_path):
    path = tmp_path / "locked.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writing and not committing
        holder.execute("UPDATE alembic_version SET version_num = version_num")
        _one_error(_bot(url, "run"), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.slow  # a bot process
def test_a_sqlite_file_deleted_while_running_stops_the_bot_and_is_named_at_restart(tmp_path):
    path = tmp_path / "gone.sqlite3"
    url = f"sqlite:///{path}"
    with HttpBotApi() as api:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], env=_env(url, TELEGRAM_BASE_URL=api.base_url),
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            api.chat(ME).send("/start")  # served: the database is in use
            path.unlink()
            _, stderr = bot.communicate(timeout=60)
        finally:
            if bot.poll() is None:
                bot.send_signal(signal.SIGKILL)
                bot.wait()
    assert bot.returncode == 1
    [error] = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "deleted" in error and str(path) in error
    # At restart the file is missing although a bot ran on it: said, not silently recreated.
    _one_error(_bot(url, "run"), "missing", "db upgrade")
    assert not path.exists()


# --- while running -----------------------------------------------------------------------


async def test_a_read_only_database_is_said_in_one_sentence_and_aide_still_answers(db_url):
    upgrade(db_url)
    env = BotEnv(db_url, FixedClock(START))
    await env.start()
    try:
        await env.chat(ME).send("/start")
    finally:
        await env.stop()
    # The same database, now read-only (a disk remounted, a server failed over to a replica).
    env = BotEnv(_read_only_url(db_url), FixedClock(START))
    await env.start()
    try:
        chat = env.chat(ME)
        for text in ("/nouveau", "/nouveau"):  # the same sentence, not an apology to retry
            calls = await chat.send(text)
            texts = [c.plain_text or "" for c in calls if c.is_message]
            assert texts == [texts[0]] and UNAVAILABLE in texts[0], texts
            assert "Désolé" not in texts[0]
        calls = await chat.send("/aide")
        assert any("/nouveau" in (c.plain_text or "") for c in calls if c.is_message)
        assert not any(UNAVAILABLE in (c.plain_text or "") for c in calls)
    finally:
        await env.stop()


@pytest.mark.slow  # waits out SQLite's busy timeout
async def test_a_locked_sqlite_database_is_said_in_one_sentence(tmp_path):
    path = tmp_path / "busy.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    env = BotEnv(url, FixedClock(START))
    await env.start()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE alembic_version SET version_num = version_num")
        calls = await env.chat(ME).send("/nouveau")
        texts = [c.plain_text or "" for c in calls if c.is_message]
        assert len(texts) == 1 and UNAVAILABLE in texts[0], texts
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        await env.stop()


def test_a_writer_waiting_on_a_locked_sqlite_file_does_not_hold_up_other_users(tmp_path):
    """Another program holds SQLite's write lock: the user whose step must write waits for it
    (within the busy timeout), while another user's reads are answered meanwhile — updates of
    different users are processed side by side, each user's own in order."""
    path = tmp_path / "shared.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    other = ME + 1
    with HttpBotApi() as api:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], env=_env(url, TELEGRAM_BASE_URL=api.base_url),
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        holder = sqlite3.connect(path, isolation_level=None)
        try:
            writer, reader = api.chat(ME), api.chat(other)
            writer.send("/start")
            reader.send("/start")
            holder.execute("BEGIN IMMEDIATE")  # another program writing and not committing
            holder.execute("UPDATE alembic_version SET version_num = version_num")
            writer.send_nowait("/nouveau")  # its first step saves the dialog: it must wait
            for command in ("/aide", "/dossiers", "/profil"):
                answer = [c for c in reader.send(command) if c.is_message]
                assert answer and UNAVAILABLE not in (answer[-1].plain_text or "")
            asked = [c.plain_text or "" for c in api.calls() if c.chat_id == ME]
            waiting = [text for text in asked if "nom du client" in text]
            assert waiting == [], "the writer was answered while the lock was held"
            start = len(api.calls())
            holder.execute("ROLLBACK")  # the other program is done: the writer goes on
            answer = writer.wait_answer(start)
            texts = [c.plain_text or "" for c in answer if c.chat_id == ME and c.is_message]
            assert any("nom du client" in text for text in texts), texts
            assert not any(UNAVAILABLE in text for text in texts), texts
        finally:
            holder.close()
            bot.send_signal(signal.SIGTERM)
            output = bot.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
