"""Exactly once under concurrency: two sweeps at the same moment (two tasks with their own
engines; two `python -m bot digest` processes against an HTTP Bot API stub), and the CLI's
dry run. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from bot.local.bot_api import STANDIN_TOKEN, StandinRequest
from bot.reminders import sweep
from bot.store import Database, Repo
from tests.support.reminders_support import (
    bot_api_stub,
    case,
    fast_pacer,
    paris,
    services_for,
)

ROOT = Path(__file__).resolve().parents[2]
USERS = 1000
AT = "2026-11-12T09:00"


async def seed(repo: Repo, users: int, first: int = 1_000_000) -> list[int]:
    ids = list(range(first, first + users))
    for user in ids:
        await repo.create_case(user, case(f"Client {user}"), chat_id=user)
    return ids


def cli(db_url: str, base_url: str, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "TELEGRAM_BOT_TOKEN": STANDIN_TOKEN,
        "TELEGRAM_BASE_URL": base_url,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "digest", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[str, str]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out, err


@pytest.mark.slow
async def test_two_concurrent_sweeps_deliver_each_digest_once(database: Any, db_url: str) -> None:
    repo = Repo(database)
    users = await seed(repo, USERS)
    other = Database(db_url)  # a second engine: a second sender
    request = StandinRequest()
    bots = [
        Bot(STANDIN_TOKEN, request=request, get_updates_request=request.companion()),
        Bot(STANDIN_TOKEN, request=request.companion(), get_updates_request=request.companion()),
    ]
    try:
        for bot in bots:
            await bot.initialize()
        started = time.monotonic()
        reports = await asyncio.gather(
            sweep(services_for(database, db_url), bots[0], paris(2026, 11, 12, 9),
                  pacer=fast_pacer()),
            sweep(services_for(other, db_url), bots[1], paris(2026, 11, 12, 9),
                  pacer=fast_pacer()),
        )  # fmt: skip
        elapsed = time.monotonic() - started
    finally:
        for bot in bots:
            await bot.shutdown()
        await other.dispose()
    per_chat = Counter(c.chat_id for c in request.calls_of("sendMessage") if c.ok)
    assert sum(r.sent for r in reports) == USERS
    assert len(per_chat) == USERS and set(per_chat.values()) == {1}
    assert set(per_chat) == set(users)
    print(f"\n{db_url.split(':')[0]}: 2 tasks, {USERS} digests in {elapsed:.2f}s "
          f"(split {[r.sent for r in reports]})")  # fmt: skip


@pytest.mark.slow
async def test_two_digest_processes_deliver_each_digest_once(database: Any, db_url: str) -> None:
    await seed(Repo(database), USERS)
    with bot_api_stub() as stub:
        started = time.monotonic()
        procs = [cli(db_url, stub.base_url, "--at", AT) for _ in range(2)]
        outputs = [finish(p) for p in procs]
        elapsed = time.monotonic() - started
        per_chat = Counter(chat for chat, _ in stub.sends)
    assert len(stub.sends) == USERS
    assert len(per_chat) == USERS and set(per_chat.values()) == {1}
    printed = sum(len(out.splitlines()) for out, _ in outputs)
    assert printed == USERS  # one (user, case, step) line per digest, across both
    print(f"\n{db_url.split(':')[0]}: 2 processes at 30 msg/s each, {USERS} digests in "
          f"{elapsed:.2f}s; {[err.strip() for _, err in outputs]}")  # fmt: skip


@pytest.mark.slow
async def test_cli_dry_run_prints_and_records_nothing_then_real_runs_deliver_once(
    database: Any, db_url: str
) -> None:
    repo = Repo(database)
    users = await seed(repo, 3)
    with bot_api_stub() as stub:
        out, _ = finish(cli(db_url, stub.base_url, "--dry-run", "--at", AT))
        lines = out.splitlines()
        assert lines == [f"user={u} case={i + 1} step=friendly_reminder"
                         for i, u in enumerate(users)]  # fmt: skip
        assert stub.sends == []
        assert [await repo.list_reminders(u) for u in users] == [[], [], []]
        # Two real runs at the same moment, started together, then a third one later.
        procs = [cli(db_url, stub.base_url, "--at", AT) for _ in range(2)]
        for proc in procs:
            finish(proc)
        finish(cli(db_url, stub.base_url, "--at", "2026-11-12T15:00"))
        assert sorted(chat for chat, _ in stub.sends) == users
        assert "Client" in stub.sends[0][1]
    for user in users:
        [log] = await repo.list_reminders(user)
        assert (log["kind"], log["key"], log["status"]) == ("digest", "2026-11-12", "sent")


def test_cli_rejects_a_bad_moment() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "digest", "--dry-run", "--at", "demain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert proc.returncode == 2 and "--at must be an ISO date-time" in proc.stderr


@pytest.mark.parametrize("moment", ["2026-11-12T09:00", "2026-11-12T08:00:00+00:00"])
def test_naive_moments_are_paris(moment: str) -> None:
    from bot.commands.digest import parse_moment

    assert parse_moment(moment) == paris(2026, 11, 12, 9)
