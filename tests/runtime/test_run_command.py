"""`python -m bot run`: settings checked at start; webhook mode checks the secret token."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.runtime.logs import setup_logging
from tests.support.reminders_support import bot_api_stub

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    env.update(extra)
    return env


@pytest.mark.parametrize(
    ("extra", "args", "named"),
    [
        ({}, [], "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, [], "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TZ": "Mars/Olympus"}, [], "TZ"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": "ftp://x"}, [], "TELEGRAM_BASE_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN}, ["--webhook"], "WEBHOOK_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://x.example"}, ["--webhook"],
         "WEBHOOK_SECRET"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PORT": "eighty"}, [], "PORT"),
    ],
)
def test_bad_settings_give_one_clear_line(tmp_path, extra, args, named):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", *args], env=_env(tmp_path, **extra), cwd=ROOT,
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], result.stderr
    assert TOKEN not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post(port: int, update: dict, secret: str) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/telegram", data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json",
                 "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _health(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _refused_unread(port: int) -> int:
    """Announce a 90 MB body without the secret and send none of it: the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 94371840\r\n\r\n")
        return int(sock.makefile("rb").readline().split()[1])


def test_webhook_mode_checks_the_secret_token(tmp_path):
    port = _free_port()
    update = {"update_id": 1, "message": {
        "message_id": 1, "date": int(time.time()), "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        "chat": {"id": 777, "type": "private"},
        "from": {"id": 777, "is_bot": False, "first_name": "Camille"}}}
    with bot_api_stub() as stub:
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=stub.base_url,
                   WEBHOOK_URL=f"http://127.0.0.1:{port}", WEBHOOK_SECRET="s3cret-value",
                   PORT=str(port))
        process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--webhook"], env=env,
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            status = None
            while time.monotonic() < deadline:
                try:
                    status = _post(port, update, "wrong-secret")
                    break
                except (ConnectionError, urllib.error.URLError, OSError):
                    time.sleep(0.2)
            assert status == 403
            assert _refused_unread(port) == 403
            # 503 (Telegram retries) until the process holds the lead and serves updates
            while time.monotonic() < deadline and _health(port) != 200:
                time.sleep(0.1)
            assert _post(port, {**update, "update_id": 2}, "s3cret-value") == 200
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not stub.sends:
                time.sleep(0.1)
            assert [chat for chat, _ in stub.sends] == [777]
            assert "Relance" in stub.sends[0][1]
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                output = process.communicate(timeout=15)[0].decode()
            except subprocess.TimeoutExpired:
                process.kill()
                output = process.communicate()[0].decode()
        assert TOKEN not in output and TOKEN.split(":")[1] not in output


class _Refusing(BaseHTTPRequestHandler):
    """A Bot API that knows neither the token nor the path (401 on getMe, 404 elsewhere)."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        code = 401 if self.path.endswith("/getMe") and "/bot" in self.path else 404
        data = json.dumps({"ok": False, "error_code": code, "description": "Unauthorized"})
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data.encode())

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        return


@pytest.mark.parametrize("suffix", ["/bot", "/wrong/path"])
@pytest.mark.parametrize("webhook", [False, True])
def test_a_refused_token_gives_one_line_without_the_token(tmp_path, suffix, webhook):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}{suffix}"
        env = _env(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=base,
                   WEBHOOK_URL="https://x.example", WEBHOOK_SECRET="s3cret-value",
                   PORT=str(_free_port()))
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run", *(["--webhook"] if webhook else [])], env=env,
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "Traceback" not in output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "TELEGRAM_BASE_URL" in errors[0], output


def test_the_log_filter_redacts_tokens_in_tracebacks(capsys):
    setup_logging()
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError:
        logging.getLogger("telegram.ext.Application").exception("failed with %s", TOKEN)
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError" in err
    assert TOKEN not in err and TOKEN.split(":")[1] not in err
    assert err.count("<token>") == 2


async def test_an_unparsable_polled_update_is_logged_without_its_text(capsys):
    from telegram import Bot

    from bot.local.bot_api import STANDIN_TOKEN, StandinRequest

    setup_logging()
    request = StandinRequest()
    request.push_update({"update_id": 41, "message": {"text": "mes mots secrets"}})
    bot = Bot(STANDIN_TOKEN, request=request, get_updates_request=request.companion())
    async with bot:
        with pytest.raises((TypeError, KeyError)):
            await bot.get_updates()
    err = capsys.readouterr().err
    assert "unparsable updates [41]" in err
    assert "mes mots secrets" not in err
