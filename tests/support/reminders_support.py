"""Shared helpers for the reminders tests (no tests here): services over a test database, a
stand-in bot, cases, and a tiny HTTP Bot API stub for the `digest` CLI (records sends)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from telegram import Bot

from bot.config import load_settings
from bot.domain.facts import (
    Case,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    Invoice,
    Payment,
    Response,
    Step,
)
from bot.local.bot_api import STANDIN_TOKEN, StandinRequest
from bot.reminders import Pacer
from bot.runtime.clock import PARIS, FixedClock
from bot.runtime.services import Services
from bot.store import Database

FAST = 1000.0  # messages/s for tests that are not about pacing


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def services_for(db: Database, url: str, at: datetime | None = None) -> Services:
    settings = load_settings({"DATABASE_URL": url})
    return Services.create(db, settings, FixedClock(at or paris(2026, 11, 9, 9)))


def standin_bot() -> tuple[Bot, StandinRequest]:
    request = StandinRequest()
    return Bot(STANDIN_TOKEN, request=request, get_updates_request=request.companion()), request


def fast_pacer() -> Pacer:
    return Pacer(FAST, per_chat=0.0)


def case(
    name: str = "Acme SARL",
    due: date = date(2026, 10, 1),
    amount: str = "1250",
    *,
    kind: DebtorKind = DebtorKind.BUSINESS,
    contacts: tuple[Contact, ...] = (),
    responses: tuple[Response, ...] = (),
    payments: tuple[Payment, ...] = (),
    insolvency: Insolvency | None = None,
    number: str | None = "F-1",
) -> Case:
    return Case(
        debtor=Debtor(name, kind),
        invoice=Invoice(Decimal(amount), due, number=number),
        contacts=contacts,
        responses=responses,
        payments=payments,
        insolvency=insolvency,
    )


def sent_texts(request: StandinRequest, chat_id: int | None = None) -> list[str]:
    calls = request.calls_of("sendMessage")
    return [c.plain_text or "" for c in calls if c.ok and (chat_id is None or c.chat_id == chat_id)]


def contact(day: date, step: Step, channel: str = "email") -> Contact:
    from bot.domain.facts import Channel

    return Contact(date=day, step=step, channel=Channel(channel))


# --- an HTTP Bot API stub for the CLI ------------------------------------------------------------


class BotApiStub:
    """Answers getMe and sendMessage like Telegram (enough for PTB) and records the sends."""

    def __init__(self) -> None:
        self.sends: list[tuple[int, str]] = []
        self.lock = threading.Lock()
        self.next_id = 0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                ctype = self.headers.get("Content-Type") or ""
                params: dict[str, Any]
                if "json" in ctype:
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw).items()}
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                body = stub.answer(method, params)
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "getMe":
            return {"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "Relance",
                                           "username": "relance_stub_bot"}}  # fmt: skip
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            with self.lock:
                self.next_id += 1
                self.sends.append((chat_id, str(params.get("text", ""))))
                message_id = self.next_id
            message = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "text": params.get("text"),
            }
            return {"ok": True, "result": message}
        return {"ok": True, "result": True}


@contextmanager
def bot_api_stub() -> Iterator[BotApiStub]:
    stub = BotApiStub()
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub.server.shutdown()
        stub.server.server_close()
