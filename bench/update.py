"""Per-update capacity (bench item 2): many users at once through the real Application.

    python -m bench.update [--users 40] [--rounds 3] [--profile]

The real `Application` (bot/app.py) on a fresh SQLite file, driven through the in-process
Bot API stand-in (`StandinRequest`, no rate limit). `users` simulated users are interleaved
round-robin — one update of each in turn, as a busy morning looks to the bot, which handles
updates one at a time (`concurrent_updates(False)`) — each going through a whole `/nouveau`
intake (9 updates, the "Non" to "already paid a part?" being the one that assesses, writes the case
and renders the card and the ready message), then `/dossiers`, a case card (button), and a
free-text message (read by the guard). Every update is timed around
`Application.process_update` (via `LocalChat`): median and p99 wall time; capacity is the
updates handled per second of CPU time of this process (one core), compared with the 30
messages a second Telegram lets a bot send.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.common import emit, median

START = datetime(2026, 11, 23, 10, 0)  # a Monday, Europe/Paris
STEPS = [
    ("/nouveau", "send", "/nouveau"),
    ("name", "send", "Atelier Dupuis"),
    ("kind (button)", "press", "Une entreprise"),
    ("amount (parse)", "send", "1 250,50 €"),
    ("number", "send", "F-12"),
    ("due date (parse)", "send", "15/10/2026"),
    ("nothing sent yet", "press", "Rien encore"),
    ("no part paid (engine, DB write, card + message)", "press", "Non"),
    ("signature", "send", "Julie Moreau — Studio Moreau"),
    ("/dossiers", "send", "/dossiers"),
    ("case card (button)", "press", 0),
    ("free text (guard)", "send", "Il m'a dit qu'il paierait la semaine prochaine, je fais quoi ?"),
]
TELEGRAM_PER_S = 30
SPENT = {"db": 0.0}


async def _timed(chat: Any, action: str, arg: Any) -> float:
    started = time.perf_counter()
    calls = await (chat.send(arg) if action == "send" else chat.press(arg))
    elapsed = time.perf_counter() - started
    if not any(c.ok and c.is_message for c in calls):
        raise RuntimeError(f"no reply to {action} {arg!r}: {[str(c) for c in calls]}")
    return elapsed


async def relance_round(users: int, workdir: Path, profile: cProfile.Profile | None = None):
    """Per-step timings of `users` complete intakes through the real Application."""
    from sqlalchemy import event

    from bot.config import load_settings
    from bot.local.bot_api import LocalChat, StandinRequest
    from bot.local.offline_app import offline_application
    from bot.runtime.clock import FixedClock
    from bot.runtime.services import Services
    from bot.store import Database, upgrade

    url = f"sqlite:///{workdir / 'relance.sqlite3'}"
    upgrade(url)
    _time_repo(SPENT)
    db = Database(url)
    settings = load_settings({"DATABASE_URL": url})
    services = Services.create(db, settings, FixedClock(START))
    request = StandinRequest()
    app = offline_application(settings, services, request)
    per_step: dict[str, list[float]] = defaultdict(list)
    counts = {"statements": 0, "commits": 0}
    event.listen(db.engine.sync_engine, "before_cursor_execute", _count(counts, "statements"))
    event.listen(db.engine.sync_engine, "commit", _count(counts, "commits"))
    async with app:
        # warm-up user (imports, template compilation, first connections): not counted
        warm = LocalChat(app, request, 500)
        for _, action, arg in STEPS:
            await _timed(warm, action, arg)
        if profile is not None:
            profile.enable()
        counts.update(statements=0, commits=0)
        SPENT["db"] = 0.0
        total_started = time.perf_counter()
        cpu_started = time.process_time()
        chats = [LocalChat(app, request, 1000 + n) for n in range(users)]
        for name, action, arg in STEPS:
            for chat in chats:
                per_step[name].append(await _timed(chat, action, arg))
        if profile is not None:
            profile.disable()
        total = time.perf_counter() - total_started
        cpu = time.process_time() - cpu_started
    await db.dispose()
    per_update = users * len(STEPS)
    sql = {k: v / per_update for k, v in counts.items()}
    sql["db_share"] = SPENT["db"] / total
    return per_step, sql, cpu


def _time_repo(spent: dict[str, float]) -> None:
    """Wrap every public async method of the repository: time spent in the storage layer."""
    import functools
    import inspect

    from bot.store.repo import Repo

    for name, method in inspect.getmembers(Repo, inspect.iscoroutinefunction):
        if not name.startswith("_") and not hasattr(method, "_bench"):

            @functools.wraps(method)
            async def timed(*args: Any, __m: Any = method, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await __m(*args, **kwargs)
                finally:
                    spent["db"] += time.perf_counter() - started

            timed._bench = True  # type: ignore[attr-defined]
            setattr(Repo, name, timed)


def _count(counts: dict[str, int], key: str) -> Any:
    def listener(*args: Any, **kwargs: Any) -> None:
        counts[key] += 1

    return listener


def _profile_top(profile: cProfile.Profile, lines: int = 15) -> str:
    parts = []
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
        text = out.getvalue()
        parts.append(
            f"-- by {order}\n" + (text[text.find("ncalls") :] if "ncalls" in text else text)
        )
    return "\n".join(parts)


async def main_async(users: int, rounds: int, profile: bool) -> dict[str, Any]:
    everything: list[float] = []
    cpu_rates: list[float] = []
    step_medians: dict[str, list[float]] = defaultdict(list)
    sql: dict[str, float] = {}
    for _ in range(rounds):
        workdir = Path(tempfile.mkdtemp(prefix="relance_bench_"))
        try:
            per_step, sql, cpu = await relance_round(users, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        times = [t for values in per_step.values() for t in values]
        everything += times
        cpu_rates.append(len(times) / cpu)
        for name, values in per_step.items():
            step_medians[name].append(median(values))
    everything.sort()
    capacity = median(cpu_rates)
    result: dict[str, Any] = {
        "users": users,
        "rounds": rounds,
        "updates_per_round": users * len(STEPS),
        "median_ms": median(everything) * 1000,
        "p99_ms": everything[min(len(everything) - 1, int(len(everything) * 0.99))] * 1000,
        "updates_per_cpu_s": capacity,
        "ratio_to_telegram": capacity / TELEGRAM_PER_S,
        "sql_per_update": sql,
        "steps_ms": {name: median(v) * 1000 for name, v in step_medians.items()},
    }
    if profile:
        prof = cProfile.Profile()
        workdir = Path(tempfile.mkdtemp(prefix="relance_bench_"))
        try:
            await relance_round(max(5, users // 3), workdir, prof)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        result["profile"] = _profile_top(prof)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.update")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    emit(asyncio.run(main_async(args.users, args.rounds, args.profile)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
