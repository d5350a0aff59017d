"""End-to-end harness: the npm Bot API emulator `telegram-test-api`, a patching proxy, a user.

    bot  --HTTP-->  PatchingProxy (this file)  --HTTP-->  telegram-test-api (node, server.js)
                                                                ^
    EmulatorUser (this file) --- the emulator's client API -----+

The bot is an ordinary Bot API client: `base_url=harness.bot_base_url` (PTB appends the token).
The emulator deviates from the Bot API; the proxy adapts its answers on the TEST side only
(see `DEVIATIONS`), so PTB can parse them.

    async with EmulatorHarness.start() as harness:          # or the `emulator` fixture
        app = Application.builder().token(harness.token).base_url(harness.bot_base_url)...
        user = harness.user(42)
        await user.send("/start")
        [reply] = await user.wait_messages(1)
        await user.press("Oui")
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
SERVER_JS = Path(__file__).resolve().parent / "server.js"
EMULATOR_PACKAGE = ROOT / "node_modules" / "telegram-test-api" / "package.json"
DEFAULT_TOKEN = "123456:E2E-test-token"
JSON = dict[str, Any]

# What the emulator (telegram-test-api 4.2.1) does differently from the Bot API, and what the
# proxy does about it.
DEVIATIONS: dict[str, str] = {
    "getMe lacks is_bot (PTB's User needs it)": "is_bot and the can_* flags added",
    "Message.date is in milliseconds (PTB: year out of range)": "dates above 1e11 divided by 1000",
    "bot messages lack `from`": "the bot user (from getMe) added",
    "callback_query lacks chat_instance (PTB's CallbackQuery needs it)": "chat_instance added",
    "user updates carry an extra botToken field": "removed",
    "editMessageText/editMessageReplyMarkup answer result null": "a Message built from the request",
    "answerCallbackQuery/deleteMessage/setWebhook answer result null": "true",
    "editMessageText without reply_markup keeps the old keyboard (Telegram drops it)": (
        "an empty inline_keyboard forwarded so the user side sees what Telegram would show"
    ),
    "unsupported methods (setMyCommands, sendDocument, sendChatAction, getMyCommands, …) "
    "answer HTTP 500 {message}": (
        "the error reshaped as a Bot API error {ok:false,error_code,description}; methods listed "
        "in `local_methods` (default: sendDocument, sendChatAction) are answered by the proxy "
        "instead; setMyCommands is left failing so the bot's tolerance is exercised"
    ),
    "sent messages echo the request's JSON-encoded fields as strings (link_preview_options, "
    "entities...; PTB: 'argument after ** must be a mapping, not str')": (
        "those fields decoded back to JSON objects/arrays"
    ),
    "getUpdates ignores offset/timeout (returns unread updates at once)": "nothing (harmless)",
    "message text is echoed with its HTML tags (Telegram returns plain text + entities)": "kept",
}


# Message fields that are objects or arrays: the emulator echoes them as the bot sent them,
# JSON-encoded strings (PTB form-encodes non-string parameters).
JSON_MESSAGE_FIELDS = (
    "link_preview_options",
    "entities",
    "caption_entities",
    "reply_markup",
    "reply_parameters",
)


def unavailable_reason() -> str | None:
    """Why the emulator cannot run here (None if it can)."""
    if shutil.which("node") is None:
        return "node is not installed (the e2e tests need Node.js and `npm ci`)"
    if not EMULATOR_PACKAGE.exists():
        return "node_modules/telegram-test-api is missing: run `npm ci` in the project root"
    return None


# ---------------------------------------------------------------------------------------
# The emulator process


class EmulatorProcess:
    """`node tests/e2e/server.js` on a free port; stops when `stop()` is called or we die."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> None:
        self._proc = subprocess.Popen(
            ["node", str(SERVER_JS), self.host],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        result: list[bytes] = []
        reader = threading.Thread(target=_read_line, args=(self._proc, result), daemon=True)
        reader.start()
        reader.join(timeout)
        line = result[0] if result else b""
        if not line.startswith(b"READY "):
            self.stop()
            raise RuntimeError(f"emulator did not start: {line!r}")
        self.port = int(line.split()[1])

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            assert proc.stdin is not None
            proc.stdin.close()  # server.js exits when its stdin closes
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _read_line(proc: subprocess.Popen[bytes] | None, out: list[bytes]) -> None:
    if proc is not None and proc.stdout is not None:
        out.append(proc.stdout.readline())


# ---------------------------------------------------------------------------------------
# The patching proxy (bot side)


@dataclass
class ProxyCall:
    """One Bot API call the bot made, as the proxy saw it."""

    method: str
    params: JSON
    status: int
    result: Any = None
    patched: list[str] = field(default_factory=list)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def _decode_value(value: str) -> Any:
    """PTB sends non-string parameters JSON-encoded in form fields."""
    if value[:1] in "{[":
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


def parse_body(content_type: str, body: bytes) -> tuple[JSON, dict[str, tuple[str, bytes]]]:
    """Form, multipart or JSON body -> (params, files {field: (filename, bytes)})."""
    files: dict[str, tuple[str, bytes]] = {}
    if not body:
        return {}, files
    if content_type.startswith("application/json"):
        return json.loads(body), files
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        params: JSON = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                files[str(name)] = (filename, payload)
            else:
                params[str(name)] = _decode_value(payload.decode("utf-8"))
        return params, files
    pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    return {k: _decode_value(v) for k, v in pairs}, files


def fix_date(value: Any) -> Any:
    """Milliseconds since the epoch -> seconds (the emulator's `date` is in ms)."""
    if isinstance(value, int | float) and value > 100_000_000_000:
        return int(value // 1000)
    return value


class _QuietServer(ThreadingHTTPServer):
    """A bot killed with SIGKILL resets its connections: expected, not worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class PatchingProxy:
    """A small HTTP proxy in front of the emulator that makes its answers Bot API shaped."""

    def __init__(
        self,
        upstream: str,
        host: str = "127.0.0.1",
        local_methods: frozenset[str] = frozenset({"sendDocument", "sendChatAction"}),
    ) -> None:
        self.upstream = upstream.rstrip("/")
        self.local_methods = local_methods
        self.calls: list[ProxyCall] = []
        self.bot_user: JSON = {}
        self._lock = threading.Lock()
        self._local_ids = iter(range(1_000_000, 2_000_000))
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                proxy._handle(self)

            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return None

        self._server = _QuietServer((host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()  # blocks unless serve_forever() runs
        self._server.server_close()

    def calls_of(self, method: str) -> list[ProxyCall]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    # -- request handling -----------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        content_type = handler.headers.get("Content-Type", "")
        path = urllib.parse.urlsplit(handler.path).path
        method = path.rstrip("/").rsplit("/", 1)[-1]
        params, files = parse_body(content_type, body)
        if not params and "?" in handler.path:
            query = urllib.parse.urlsplit(handler.path).query
            params = {k: _decode_value(v) for k, v in urllib.parse.parse_qsl(query)}
        call = ProxyCall(method, params, 200, files=files)

        if method in self.local_methods:
            status, answer = 200, {"ok": True, "result": self._local(method, params, files, call)}
        else:
            if method == "editMessageText" and "reply_markup" not in params:
                # Telegram drops the inline keyboard on an edit without reply_markup.
                params_fwd = dict(params, reply_markup=json.dumps({"inline_keyboard": []}))
                body = urllib.parse.urlencode(
                    {k: v if isinstance(v, str) else json.dumps(v) for k, v in params_fwd.items()}
                ).encode()
                content_type = "application/x-www-form-urlencoded"
                call.patched.append("empty keyboard on edit")
            status, raw = self._forward(path, handler.path, body, content_type)
            answer = self._patch(method, params, status, raw, call)
        call.status = status
        call.result = answer.get("result")
        with self._lock:
            self.calls.append(call)
        payload = json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _forward(self, path: str, full_path: str, body: bytes, ctype: str) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.upstream + full_path,
            data=body,
            method="POST",
            headers={"Content-Type": ctype or "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def _patch(self, method: str, params: JSON, status: int, raw: bytes, call: ProxyCall) -> JSON:
        try:
            answer = json.loads(raw or b"null")
        except ValueError:
            answer = None
        if status >= 400 or not isinstance(answer, dict) or "ok" not in answer:
            description = answer.get("message") if isinstance(answer, dict) else None
            call.patched.append("error reshaped")
            return {
                "ok": False,
                "error_code": status if status >= 400 else 500,
                "description": description or raw.decode("utf-8", "replace")[:200],
            }
        if not answer.get("ok"):
            return answer
        result = answer.get("result")
        if method == "getMe":
            result = dict(result)
            result.setdefault("is_bot", True)
            result.setdefault("can_join_groups", False)
            result.setdefault("can_read_all_group_messages", False)
            result.setdefault("supports_inline_queries", False)
            self.bot_user = result
            call.patched.append("getMe is_bot")
        elif method == "getUpdates":
            result = [self._patch_update(u, call) for u in result or []]
        elif method in {"editMessageText", "editMessageReplyMarkup"} and result is None:
            result = self._synthesize_edit(params)
            call.patched.append("edit result synthesized")
        elif result is None and method in {"answerCallbackQuery", "deleteMessage", "setWebhook"}:
            result = True
            call.patched.append("null -> true")
        elif isinstance(result, dict) and "message_id" in result:
            result = self._patch_bot_message(result, call)
        return {"ok": True, "result": result}

    def _bot_from(self) -> JSON:
        user = self.bot_user or {"id": 666, "first_name": "Test First name"}
        return {"id": user["id"], "is_bot": True, "first_name": user["first_name"],
                **({"username": user["username"]} if "username" in user else {})}  # fmt: skip

    def _patch_bot_message(self, message: JSON, call: ProxyCall) -> JSON:
        message = dict(message)
        if fix_date(message.get("date")) != message.get("date"):
            message["date"] = fix_date(message["date"])
            call.patched.append("date ms->s")
        if "from" not in message:
            message["from"] = self._bot_from()
        message.pop("botToken", None)
        for key in JSON_MESSAGE_FIELDS:
            value = message.get(key)
            if isinstance(value, str) and value[:1] in "{[":
                message[key] = _decode_value(value)
                call.patched.append(f"{key} decoded")
        return message

    def _patch_message(self, message: JSON, call: ProxyCall) -> JSON:
        message = dict(message)
        message.pop("botToken", None)
        if fix_date(message.get("date")) != message.get("date"):
            message["date"] = fix_date(message["date"])
            call.patched.append("date ms->s")
        return message

    def _patch_update(self, update: JSON, call: ProxyCall) -> JSON:
        update = dict(update)
        if "message" in update:
            update["message"] = self._patch_message(update["message"], call)
        if "callback_query" in update:
            query = dict(update["callback_query"])
            if "chat_instance" not in query:
                chat = (query.get("message") or {}).get("chat") or {}
                query["chat_instance"] = f"emulator-{chat.get('id', 0)}"
                call.patched.append("chat_instance")
            if "message" in query:
                query["message"] = self._patch_message(query["message"], call)
            update["callback_query"] = query
        return update

    def _synthesize_edit(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            return True
        chat_id = int(params["chat_id"])
        message: JSON = {
            "message_id": int(params["message_id"]),
            "from": self._bot_from(),
            "chat": {"id": chat_id, "type": "private", "first_name": "User"},
            "date": int(time.time()),
            "edit_date": int(time.time()),
        }
        if "text" in params:
            message["text"] = str(params["text"])
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and markup.get("inline_keyboard"):
            message["reply_markup"] = markup
        return message

    def _local(self, method: str, params: JSON, files: JSON, call: ProxyCall) -> Any:
        call.patched.append("answered by the proxy")
        if method != "sendDocument":
            return True
        filename, content = files.get("document", ("document", b""))
        number = next(self._local_ids)
        message: JSON = {
            "message_id": number,
            "from": self._bot_from(),
            "chat": {"id": int(params["chat_id"]), "type": "private", "first_name": "User"},
            "date": int(time.time()),
            "document": {
                "file_id": f"proxy-doc-{number}",
                "file_unique_id": f"proxy-u{number}",
                "file_name": filename,
                "file_size": len(content),
            },
        }
        if params.get("caption"):
            message["caption"] = str(params["caption"])
        return message


# ---------------------------------------------------------------------------------------
# The user side (the emulator's client API)


@dataclass
class BotMessage:
    """A bot message as the user sees it (current state, after edits)."""

    message_id: int
    chat_id: int
    text: str
    reply_markup: JSON | None
    raw: JSON

    @property
    def buttons(self) -> list[JSON]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def button_labels(self) -> list[str]:
        return [b.get("text", "") for b in self.buttons]

    def as_message_json(self) -> JSON:
        """A Bot API Message for the callback query this user sends."""
        message: JSON = {
            "message_id": self.message_id,
            "from": {"id": 666, "is_bot": True, "first_name": "Test First name"},
            "chat": {"id": self.chat_id, "type": "private", "first_name": "User"},
            "date": int(time.time()),
            "text": self.text,
        }
        if self.reply_markup and self.reply_markup.get("inline_keyboard"):
            message["reply_markup"] = self.reply_markup
        return message


def _bot_message(entry: JSON) -> BotMessage | None:
    message = entry.get("message") or {}
    if "chat_id" not in message:
        return None  # a user message or a callback
    markup = message.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    return BotMessage(
        message_id=int(entry["messageId"]),
        chat_id=int(message["chat_id"]),
        text=str(message.get("text", message.get("caption", ""))),
        reply_markup=markup if isinstance(markup, dict) else None,
        raw=entry,
    )


class EmulatorUser:
    """A Telegram user in a private chat with the bot, over the emulator's client API."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        api_url: str,
        token: str,
        user_id: int,
        first_name: str = "Camille",
        username: str | None = None,
    ) -> None:
        self.client = client
        self.api_url = api_url
        self.token = token
        self.user_id = user_id
        self.user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            self.user["username"] = username
        self.received: list[BotMessage] = []

    def _chat(self) -> JSON:
        return {"id": self.user_id, "type": "private", "first_name": self.user["first_name"]}

    async def _post(self, route: str, data: JSON) -> JSON:
        response = await self.client.post(f"{self.api_url}/{route}", json=data)
        response.raise_for_status()
        return response.json()

    async def send(self, text: str) -> None:
        """Type `text`; a leading /command is sent as a command (with its entity)."""
        message: JSON = {
            "botToken": self.token,
            "from": self.user,
            "chat": self._chat(),
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
            await self._post("sendCommand", message)
        else:
            await self._post("sendMessage", message)

    async def history(self) -> list[BotMessage]:
        """Every bot message in this chat, current state (edits applied), oldest first."""
        answer = await self._post("getUpdatesHistory", {"token": self.token})
        found = [_bot_message(entry) for entry in answer.get("result") or []]
        return [m for m in found if m is not None and m.chat_id == self.user_id]

    async def wait_messages(self, count: int = 1, timeout: float = 15.0) -> list[BotMessage]:
        """Wait for `count` new bot messages (not edits) in this chat; return them."""
        new: list[BotMessage] = []
        deadline = time.monotonic() + timeout
        while len(new) < count:
            answer = await self._post("getUpdates", {"token": self.token, "chatId": self.user_id})
            for entry in answer.get("result") or []:
                message = _bot_message(entry)
                if message is not None:
                    new.append(message)
            if len(new) >= count:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"expected {count} bot message(s), got {[m.text for m in new]}")
            await asyncio.sleep(0.05)
        self.received.extend(new)
        return new

    async def wait_until(
        self, predicate: Callable[[list[BotMessage]], bool], timeout: float = 15.0
    ) -> list[BotMessage]:
        """Poll the chat history until `predicate(history)` holds (e.g. an edit arrived)."""
        deadline = time.monotonic() + timeout
        while True:
            history = await self.history()
            if predicate(history):
                return history
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met; history: {[m.text for m in history]}")
            await asyncio.sleep(0.05)

    async def press(self, button: str | int, message: BotMessage | None = None) -> BotMessage:
        """Press an inline button (label or 0-based index) of `message`; by default, as a person
        would, the latest bot message showing that label (for an index, the latest keyboard),
        so a digest pushed meanwhile does not hide the question; returns that message."""
        if message is None:
            with_keyboard = [m for m in await self.history() if m.buttons]
            if isinstance(button, str):
                with_keyboard = [m for m in with_keyboard if button in m.button_labels]
            if not with_keyboard:
                raise LookupError(f"no bot message with an inline button {button!r}")
            message = with_keyboard[-1]
        buttons = message.buttons
        if isinstance(button, int):
            chosen = buttons[button]
        else:
            matches = [b for b in buttons if b.get("text") == button]
            if not matches:
                raise LookupError(f"button {button!r} not in {message.button_labels}")
            chosen = matches[0]
        await self._post(
            "sendCallback",
            {
                "botToken": self.token,
                "from": self.user,
                "message": message.as_message_json(),
                "data": chosen["callback_data"],
                "date": int(time.time()),
            },
        )
        return message


# ---------------------------------------------------------------------------------------
# The harness


class EmulatorHarness:
    """The emulator process, the proxy in front of it, and a factory of users."""

    def __init__(self, token: str = DEFAULT_TOKEN) -> None:
        self.token = token
        self.process = EmulatorProcess()
        self.proxy: PatchingProxy | None = None
        self.client = httpx.AsyncClient(timeout=30)

    @property
    def api_url(self) -> str:
        """The emulator itself (the user side talks to it directly)."""
        return self.process.url

    @property
    def bot_base_url(self) -> str:
        """PTB's `base_url` / our TELEGRAM_BASE_URL (the token is appended)."""
        assert self.proxy is not None
        return f"{self.proxy.url}/bot"

    def user(self, user_id: int, first_name: str = "Camille") -> EmulatorUser:
        return EmulatorUser(self.client, self.api_url, self.token, user_id, first_name)

    async def wait_for_calls(
        self, method: str, count: int = 1, timeout: float = 15.0
    ) -> list[ProxyCall]:
        """The bot's calls of `method` seen by the proxy, once there are at least `count`."""
        assert self.proxy is not None
        deadline = time.monotonic() + timeout
        while len(calls := self.proxy.calls_of(method)) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the bot made {len(calls)} {method} call(s), not {count}")
            await asyncio.sleep(0.05)
        return calls

    @classmethod
    @contextlib.asynccontextmanager
    async def start(cls, token: str = DEFAULT_TOKEN) -> AsyncIterator[EmulatorHarness]:
        reason = unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        harness = cls(token)
        harness.process.start()
        try:
            harness.proxy = PatchingProxy(harness.process.url)
            harness.proxy.start()
            yield harness
        finally:
            await harness.client.aclose()
            if harness.proxy is not None:
                harness.proxy.stop()
            harness.process.stop()


def require_e2e() -> bool:
    """CI sets RELANCE_REQUIRE_E2E=1: a missing emulator then fails instead of skipping."""
    return os.environ.get("RELANCE_REQUIRE_E2E") == "1"
