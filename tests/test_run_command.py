"""`python -m bot run`: settings checked at start; webhook mode checks the secret token."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_reminders_support import bot_api_stub

ROOT = Path(__file__).resolve().parents[1]
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
