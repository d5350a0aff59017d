"""Two real `python -m bot run` processes on one database: one active, one on standby that
takes over when the active one is killed with SIGKILL, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.local.bot_api import Failure, make_text_update
from bot.runtime.clock import PARIS
from bot.runtime.leadership import LOCK_CLASS
from bot.runtime.webhook import SECRET_HEADER
from bot.store import Database, Repo, upgrade, urls
from tests.support.http_bot_api import HttpBotApi

pytestmark = pytest.mark.slow  # two bot processes per test

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:STANDIN-token-for-local-use"
USER = 4242
START_TIMEOUT = 60.0  # seconds: only so that a broken start fails instead of hanging


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(port: int) -> int | None:
    """The status of GET /healthz, None while nothing listens."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Bot:
    """One `python -m bot run` process with its health port."""

    def __init__(self, env: dict[str, str], *args: str, port: int | None = None) -> None:
        self.port = port or _free_port()
        self.env = {**env, "HEALTH_PORT": str(self.port), "PORT": str(self.port)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", *args], env=self.env, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def health(self) -> int | None:
        return _health(self.port)

    def wait_health(self, *wanted: int) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            status = self.health()
            if status in wanted:
                return status
            if self.process.poll() is not None:
                raise AssertionError(f"the bot exited:\n{self.output()}")
            time.sleep(0.05)
        raise TimeoutError(f"/healthz never answered {wanted}:\n{self.output()}")

    def output(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.communicate(timeout=20)[0].decode()
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.communicate()[0].decode()


def _env(url: str, api: HttpBotApi) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(DATABASE_URL=url, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=api.base_url,
               RELANCE_OUTSIDE_SERVICES="off", TZ="Europe/Paris")  # fmt: skip
    return env


def time_now_paris():
    return datetime.now(PARIS)


async def _cases(url: str) -> list:
    db = Database(url)
    try:
        return await Repo(db).list_open_cases(USER)
    finally:
        await db.dispose()


def test_the_standby_takes_over_an_intake_after_kill_9(db_url):
    upgrade(db_url)
    due = (time_now_paris() - timedelta(days=40)).strftime("%d/%m/%Y")
    with HttpBotApi() as api:
        env = _env(db_url, api)
        first = Bot(env)
        assert first.wait_health(200) == 200
        second = Bot(env)
        assert second.wait_health(503) == 503  # up, on standby
        bots = [first, second]
        try:
            chat = api.chat(USER)
            chat.send("/nouveau")
            assert "client" in chat.last_text.lower()
            chat.send("Atelier Dupuis")
            chat.press("Une entreprise")
            chat.send("1 250,50 €")
            # Mid-intake: the amount is saved, the number is asked. The active one dies.
            asked = chat.last_text
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            killed_at = time.monotonic()
            assert second.wait_health(200) == 200
            took_over = time.monotonic() - killed_at
            print(f"takeover after kill -9: {took_over:.2f} s")
            chat.send("F-12")
            assert chat.last_text != asked  # the next question, not the same one again
            chat.send(due)
            chat.press("Rien encore")
            chat.press("Non")  # no part paid already
            chat.press("Passer")  # the signature
        finally:
            outputs = [bot.output() for bot in bots]
        calls = [c for c in api.calls() if c.chat_id == USER]
        texts = "\n".join(c.plain_text or "" for c in calls)
        assert "Votre message prêt à envoyer" in texts, (calls, outputs)
        assert TOKEN not in "".join(outputs)
        assert "lead taken" in outputs[1] and "standby" in outputs[1], outputs[1]
    [stored] = asyncio.run(_cases(db_url))
    assert stored.case.debtor.name == "Atelier Dupuis"
    assert stored.case.invoice.amount == Decimal("1250.50")
    assert stored.case.invoice.number == "F-12"
    assert stored.case.invoice.due_date.strftime("%d/%m/%Y") == due


def _post_update(port: int, update: dict, secret: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/telegram", data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json", SECRET_HEADER: secret},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_standby_webhook_refuses_updates_until_it_takes_over(tmp_path):
    url = f"sqlite:///{tmp_path / 'hook.sqlite3'}"
    secret = "s3cret-value"
    with HttpBotApi() as api:
        env = {**_env(url, api), "WEBHOOK_SECRET": secret}
        first = Bot({**env, "WEBHOOK_URL": "http://127.0.0.1:1"}, "--webhook")
        first.wait_health(200)
        second = Bot({**env, "WEBHOOK_URL": "http://127.0.0.1:1"}, "--webhook")
        second.wait_health(503)
        bots = [first, second]
        try:
            update = make_text_update(USER, "/aide", 900, message_id=1)
            assert _post_update(second.port, update, secret) == 503  # Telegram will retry
            assert _post_update(second.port, update, "wrong") == 403
            assert [c.method for c in api.calls()].count("setWebhook") == 1
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            second.wait_health(200)
            assert [c.method for c in api.calls()].count("setWebhook") == 2
            chat = api.chat(USER)
            start = len(api.calls())
            assert _post_update(second.port, update, secret) == 200
            chat.wait_answer(start)
            assert "/nouveau" in (chat.last_text or "")
        finally:
            for bot in bots:
                bot.output()


def _lock_holder(url: str) -> int | None:
    """The backend pid holding the active lock of `url`'s schema, if any."""
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        row = conn.execute(
            "SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
            " AND l.classid = %s AND l.objid = (hashtext(current_schema())::bigint & 4294967295)"
            " AND l.objsubid = 2",
            (LOCK_CLASS,),
        ).fetchone()
        return row[0] if row else None


def _terminate(url: str, pid: int) -> None:
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)  # fmt: skip
def test_an_active_process_whose_session_is_cut_steps_down(db_url):
    url = db_url
    upgrade(url)
    with HttpBotApi() as api:
        env = _env(url, api)
        first = Bot(env)
        first.wait_health(200)
        second = Bot(env)
        second.wait_health(503)
        bots = [first, second]
        try:
            chat = api.chat(USER)
            chat.send("/nouveau")
            chat.send("Atelier Dupuis")
            # The lock's session is cut while its process lives on, six times in a row (the
            # lead goes back and forth). The new holder must wait until the old one has seen its
            # loss and stopped polling: at no moment may both serve, and the user's answer sent
            # inside the first switch is served exactly once.
            both_active = 0
            for switch in range(6):
                holder = _lock_holder(url)
                assert holder is not None
                _terminate(url, holder)
                if switch == 0:
                    chat.press("Une entreprise")
                deadline = time.monotonic() + START_TIMEOUT
                while time.monotonic() < deadline:
                    statuses = sorted([first.health(), second.health()])
                    both_active += statuses == [200, 200]
                    if _lock_holder(url) not in (None, holder) and statuses == [200, 503]:
                        break
                    time.sleep(0.02)
                else:
                    raise AssertionError("no single active process after the session was cut")
            assert both_active == 0, f"both processes served in {both_active} samples"
            assert first.process.poll() is None and second.process.poll() is None
            chat.send("980 €")
            chat.press("Passer")  # no invoice number
            chat.send((time_now_paris() - timedelta(days=20)).strftime("%d/%m/%Y"))
            chat.press("Rien encore")
            chat.press("Non")  # no part paid already
            chat.press("Passer")
        finally:
            outputs = [bot.output() for bot in bots]
        assert "the active lock was lost" in outputs[0], outputs[0]
        asked = [c for c in api.calls() if c.method == "sendMessage" and c.chat_id == USER]
        amount_questions = [c for c in asked if "Quel est le montant" in (c.plain_text or "")]
        assert len(amount_questions) == 1, [c.plain_text for c in asked]
    [stored] = asyncio.run(_cases(url))
    assert stored.case.debtor.name == "Atelier Dupuis"
    assert stored.case.invoice.amount == Decimal("980") and stored.case.invoice.number is None


def test_a_bot_api_unreachable_at_takeover_makes_the_standby_retry(tmp_path):
    url = f"sqlite:///{tmp_path / 'retry.sqlite3'}"
    with HttpBotApi() as api:
        env = _env(url, api)
        first = Bot(env)
        first.wait_health(200)
        second = Bot(env)
        second.wait_health(503)
        bots = [first, second]
        try:
            api.call(api.standin.fail_method.__setitem__, "getMe", Failure(500, times=1))
            first.process.send_signal(signal.SIGKILL)
            first.process.wait(10)
            second.wait_health(200)  # after one failed initialize and a pause
            chat = api.chat(USER)
            chat.send("/aide")
            assert "/nouveau" in (chat.last_text or "")
        finally:
            outputs = [bot.output() for bot in bots]
        assert "cannot reach the Bot API" in outputs[1], outputs[1]
        assert "Traceback" not in outputs[1]


@contextlib.contextmanager
def _lock_held_by_the_test(url: str) -> Iterator[None]:
    """The active lock, taken by this test as a running bot would take it."""
    path = urls.sqlite_path(url)
    if path is not None:
        with open(f"{path.resolve()}.active-lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        return
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        taken = conn.execute(
            "SELECT pg_try_advisory_lock(%s, hashtext(current_schema()))", (LOCK_CLASS,)
        ).fetchone()
        assert taken == (True,)
        yield


def test_a_standby_neither_polls_nor_answers_until_it_holds_the_lock(db_url):
    upgrade(db_url)
    with HttpBotApi() as api:
        env = _env(db_url, api)
        with _lock_held_by_the_test(db_url):
            bot = Bot(env)
            try:
                bot.wait_health(503)
                chat = api.chat(USER)
                start = len(api.calls())
                chat.send_nowait("/aide")
                with pytest.raises(TimeoutError):  # queued, unread: nobody polls
                    chat.wait_answer(start, timeout=3.0)
                assert "getUpdates" not in {c.method for c in api.calls()}
            except BaseException:
                print(bot.output())
                raise
        try:
            bot.wait_health(200)
            chat.wait_answer(start)  # the queued /aide, served once the lock is free
            assert "/nouveau" in (chat.last_text or "")
        finally:
            bot.output()
