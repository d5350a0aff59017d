"""The repo's Bot API stand-in (`bot.local.bot_api.StandinRequest`) served over HTTP, for
tests that run real `python -m bot run` processes (TELEGRAM_BASE_URL=server.base_url).

    with HttpBotApi() as api:
        ... start bots with TELEGRAM_BASE_URL=api.base_url ...
        chat = api.chat(42)
        chat.send("/nouveau")            # queued for getUpdates; waits for the bot's answer
        chat.press("Une entreprise")

The server runs on its own event loop in a thread; `getUpdates` long-polls as Telegram does
and an update stays queued until a later `getUpdates` confirms it (offset), so a process
killed before that hands it to the next one, as Telegram would.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.local.bot_api import BotCall, LocalChat, StandinRequest

JSON = dict[str, Any]
# Parameters that stay strings even when they look like JSON ("123" is a valid text).
TEXT_PARAMS = frozenset(
    {"text", "caption", "callback_query_id", "parse_mode", "url", "secret_token", "file_id",
     "description", "short_description", "name", "title", "inline_message_id"}
)  # fmt: skip
QUIET = 0.5  # seconds without a new call: the bot has finished answering
ANSWER_TIMEOUT = 60.0  # seconds: only so that a broken bot fails the test instead of hanging


class _Params:
    """What `StandinRequest.do_request` reads of a PTB `RequestData`."""

    def __init__(self, parameters: JSON, files: dict[str, tuple[str, bytes, str]]) -> None:
        self.parameters = parameters
        self.multipart_data = files
        self.contains_files = bool(files)


def _decoded(name: str, raw: str) -> Any:
    """PTB sends non-string parameters JSON-encoded in a form: decode them back."""
    if name in TEXT_PARAMS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class _Handler(tornado.web.RequestHandler):
    def initialize(self, standin: StandinRequest) -> None:
        self.standin = standin

    async def post(self, _path: str) -> None:
        params: JSON = {}
        if "json" in (self.request.headers.get("Content-Type") or ""):
            params = json.loads(self.request.body or b"{}")
        else:
            for name, values in self.request.body_arguments.items():
                params[name] = _decoded(name, values[0].decode())
        files = {
            name: (parts[0].filename, parts[0].body, parts[0].content_type)
            for name, parts in self.request.files.items()
        }
        status, body = await self.standin.do_request(
            self.request.full_url(),
            "POST",
            _Params(params, files),  # type: ignore[arg-type]
        )
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(body)

    get = post

    def log_exception(self, *args: Any) -> None:  # a client gone mid-poll: expected
        return


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        return


class HttpBotApi:
    """A `StandinRequest` behind an HTTP server on 127.0.0.1 (a free port)."""

    def __init__(self) -> None:
        self.standin = StandinRequest()
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> HttpBotApi:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        app = _Quiet([(r"/(.*)", _Handler, {"standin": self.standin})])
        server = tornado.httpserver.HTTPServer(app)
        [sock] = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server.add_sockets([sock])
        self.port = sock.getsockname()[1]
        self._ready.set()
        self.loop.run_forever()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run `function(*args)` on the server's loop (the stand-in's state is not locked)."""

        async def run() -> Any:
            return function(*args)

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def calls(self) -> list[BotCall]:
        return self.call(lambda: list(self.standin.calls))

    def chat(self, user_id: int) -> HttpChat:
        return HttpChat(self, user_id)


class HttpChat(LocalChat):
    """`LocalChat` whose updates go through `getUpdates` to whichever process polls; its
    actions are plain (blocking) calls that return once the bot has answered."""

    def __init__(self, api: HttpBotApi, user_id: int) -> None:
        super().__init__(None, api.standin, user_id)  # type: ignore[arg-type]
        self.api = api

    async def feed(self, update: JSON) -> list[BotCall]:
        """Where LocalChat's actions end: queue the update for getUpdates."""
        self.standin.push_update(update)
        return []

    def send(self, text: str) -> list[BotCall]:  # type: ignore[override]
        return self._through(LocalChat.send(self, text))

    def press(self, button: str | int, message_id: int | None = None) -> list[BotCall]:  # type: ignore[override]
        return self._through(LocalChat.press(self, button, message_id))

    def send_nowait(self, text: str) -> None:
        """The user types `text`; nothing waits for an answer."""
        asyncio.run_coroutine_threadsafe(LocalChat.send(self, text), self.api.loop).result(10)

    def _through(self, action: Coroutine[Any, Any, list[BotCall]]) -> list[BotCall]:
        start = len(self.api.calls())
        asyncio.run_coroutine_threadsafe(action, self.api.loop).result(10)
        return self.wait_answer(start)

    @property
    def standin(self) -> StandinRequest:
        return self.request

    def wait_answer(self, start: int, timeout: float = ANSWER_TIMEOUT) -> list[BotCall]:
        """The calls since `start` once the bot has sent this chat a message and gone quiet
        (a pressed button's own edit comes first, the answer after it)."""
        deadline = time.monotonic() + timeout
        answered_at: float | None = None
        seen = start
        while time.monotonic() < deadline:
            calls = self.api.calls()
            if len(calls) != seen:
                seen, answered_at = len(calls), None
            mine = [c for c in calls[start:] if c.chat_id == self.user_id and c.ok
                    and c.is_message]  # fmt: skip
            if mine and answered_at is None:
                answered_at = time.monotonic()
            if answered_at is not None and time.monotonic() - answered_at > QUIET:
                return calls[start:]
            time.sleep(0.05)
        raise TimeoutError(f"no answer to user {self.user_id} within {timeout:.0f} s")
