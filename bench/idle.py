"""Idle memory and start-up (bench item 4): RSS of `python -m bot run` (polling, SQLite)
once started, against a bare `python -c "import telegram"` and a bare PTB polling bot; the
import time of `python -m bot run` (`-X importtime`: the sum of the top-level imports'
cumulative times, the lazy ones included) and its start-up (spawn → first getUpdates).

    python -m bench.idle [--wait 4] [--runs 3]

A tiny local HTTP stub of the Bot API (getMe, deleteWebhook, setMyCommands, getUpdates with
empty results, anything else `true`) runs in this process; the bot is pointed at it with
TELEGRAM_BASE_URL. VmRSS is read from /proc/<pid>/status `wait` seconds after the first
getUpdates (the bare import: `wait` seconds after the start).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.common import ROOT, emit, median, rss_mb

TOKEN = "123456:BENCH-idle-token"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Relance",
    "username": "relance_bench_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
BARE_BOT = """
from telegram.ext import Application, MessageHandler, filters
async def echo(update, context):
    await update.effective_message.reply_text(update.effective_message.text)
app = Application.builder().token({token!r}).base_url({base!r}).build()
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling()
"""


START_TIMEOUT = 60.0  # seconds a polling process may take to send its first getUpdates
SEEN: dict[str, int] = {}
FIRST_POLL: list[float] = []


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client stopped mid-poll: expected when we terminate it


class StubBotApi(BaseHTTPRequestHandler):
    """Answers every Bot API method with an empty success; getUpdates waits a little, as
    long polling does."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        method = self.path.rstrip("/").rsplit("/", 1)[-1]
        SEEN[method] = SEEN.get(method, 0) + 1
        if method == "getUpdates" and not FIRST_POLL:
            FIRST_POLL.append(time.perf_counter())
        result: Any = True
        if method == "getMe":
            result = BOT_USER
        elif method in ("getUpdates", "getMyCommands"):
            result = []
            if method == "getUpdates":
                time.sleep(0.5)
        body = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        return


def start_stub() -> tuple[ThreadingHTTPServer, str]:
    server = _Server(("127.0.0.1", 0), StubBotApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/bot"


def import_seconds(stderr: str) -> float:
    """Total import time from `-X importtime` output: the top-level imports' cumulative µs."""
    total = 0
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit() and not name.startswith("  "):
                total += int(cumulative)
    return total / 1e6


def measure(
    cmd: list[str], env: dict[str, str], wait: float, timings: dict[str, float] | None = None
) -> float:
    """Start `cmd`, wait, read its VmRSS, stop it (by its pid). With `timings`, `cmd` runs
    under `-X importtime` and its import time and start-up are put there."""
    if timings is not None:
        cmd = [cmd[0], "-X", "importtime", *cmd[1:]]
    SEEN.clear()
    FIRST_POLL.clear()
    spawned = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:  # a file, not a pipe: importtime says a lot
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        try:
            polling = "bot" in cmd or "run_polling" in " ".join(cmd)
            deadline = time.perf_counter() + START_TIMEOUT
            while polling and not FIRST_POLL and time.perf_counter() < deadline:
                if proc.poll() is not None:
                    break
                time.sleep(0.05)
            time.sleep(wait)  # then idle for `wait` seconds
            if proc.poll() is not None:
                errors.seek(0)
                raise RuntimeError(f"{cmd} exited early: {errors.read()[-2000:]}")
            if polling and not SEEN.get("getUpdates"):
                raise RuntimeError(f"{cmd} is not polling yet (calls seen: {SEEN})")
            rss = rss_mb(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        errors.seek(0)
        stderr = errors.read()
    if timings is not None:
        timings["import_s"] = import_seconds(stderr)
        timings["startup_s"] = FIRST_POLL[0] - spawned if FIRST_POLL else float("nan")
    return rss


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.idle")
    parser.add_argument("--wait", type=float, default=4.0, help="seconds idle, once polling")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    server, base = start_stub()
    workdir = Path(tempfile.mkdtemp(prefix="relance_idle_"))
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": base,
        "DATABASE_URL": f"sqlite:///{workdir / 'relance.sqlite3'}",
    }
    bot: list[float] = []
    imports: list[float] = []
    startups: list[float] = []
    bare_import: list[float] = []
    bare_bot: list[float] = []
    try:
        for _ in range(args.runs):
            bot.append(measure([sys.executable, "-m", "bot", "run"], env, args.wait))
            timings: dict[str, float] = {}
            measure([sys.executable, "-m", "bot", "run"], env, args.wait, timings)
            imports.append(timings["import_s"])
            startups.append(timings["startup_s"])
            bare_import.append(
                measure([sys.executable, "-c", "import telegram, time; time.sleep(60)"], env, 2.0)
            )
            script = BARE_BOT.format(token=TOKEN, base=base)
            bare_bot.append(measure([sys.executable, "-c", script], env, args.wait))
    finally:
        server.shutdown()
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()
    emit(
        {
            "runs": args.runs,
            "wait_s": args.wait,
            "bot_run_mb": median(bot),
            "import_telegram_mb": median(bare_import),
            "bare_ptb_bot_mb": median(bare_bot),
            "bot_runs": bot,
            "import_s": median(imports),
            "startup_s": median(startups),
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
