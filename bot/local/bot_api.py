"""An in-process Bot API stand-in for python-telegram-bot (tests, `python -m bot chat`, bench).

`StandinRequest` is a `telegram.request.BaseRequest` that answers Bot API methods locally,
like Telegram would (realistic `Message` JSON, message ids per chat, the usual 400 errors for
too-long texts, bad HTML, oversized callback data, "message is not modified"), and records
every call. Failures can be injected per chat or per method (403 blocked, 429 retry-after,
500), and Telegram's flood limits can be emulated.

`LocalChat` plays one user in a private chat: it builds updates, feeds them through the
real `Application.process_update`, and returns what the bot did.

    request = StandinRequest()
    app = (Application.builder().token(STANDIN_TOKEN).request(request)
           .get_updates_request(request.companion()).build())
    async with app:                       # initialize(): getMe answered locally
        chat = LocalChat(app, request, user_id=42)
        await chat.send("/start")
        print(chat.last_text, chat.button_labels())
        await chat.press("Nouveau dossier")   # or chat.press(0): first button

This module must not import the bot's dialogs (`conversations/`): they import it in tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

STANDIN_TOKEN = "123456:STANDIN-token-for-local-use"
DEFAULT_BOT_ID = 123456
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_COPY_TEXT_LENGTH = 256
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files

JSON = dict[str, Any]

# Methods whose result is a Message.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendSticker",
        "sendLocation",
        "sendContact",
        "copyMessage",
        "forwardMessage",
    }
)
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup", "editMessageCaption"})
# Methods that count towards Telegram's flood limits when emulated.
FLOOD_METHODS = MESSAGE_METHODS | EDIT_METHODS
TRUE_METHODS = frozenset(
    {
        "setMyCommands",
        "deleteMyCommands",
        "deleteWebhook",
        "setWebhook",
        "sendChatAction",
        "answerCallbackQuery",
        "setChatMenuButton",
        "setMyDescription",
        "setMyShortDescription",
        "close",
        "logOut",
    }
)

ALLOWED_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)


# ---------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded (multipart part)."""

    field: str
    filename: str
    content: bytes
    mime_type: str


@dataclass
class BotCall:
    """One Bot API call made by the bot, with the answer the stand-in gave."""

    method: str
    params: JSON
    ok: bool = True
    result: Any = None
    error: JSON | None = None
    files: dict[str, UploadedFile] = field(default_factory=dict)
    at: float = 0.0

    @property
    def chat_id(self) -> int | None:
        raw = self.params.get("chat_id")
        if raw is None and isinstance(self.result, dict):
            raw = (self.result.get("chat") or {}).get("id")
        try:
            return int(raw) if raw is not None else None
        except (TypeError, ValueError):
            return None

    @property
    def text(self) -> str | None:
        """The raw text or caption sent (HTML tags kept, as the bot wrote it)."""
        value = self.params.get("text", self.params.get("caption"))
        return str(value) if value is not None else None

    @property
    def plain_text(self) -> str | None:
        """The text as the user sees it (HTML tags removed, entities unescaped)."""
        if self.text is None:
            return None
        if self.params.get("parse_mode") == "HTML":
            return html_to_plain(self.text)
        return self.text

    @property
    def message_id(self) -> int | None:
        if isinstance(self.result, dict):
            return self.result.get("message_id")
        raw = self.params.get("message_id")
        return int(raw) if raw is not None else None

    @property
    def reply_markup(self) -> JSON | None:
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    @property
    def inline_keyboard(self) -> list[list[JSON]]:
        return (self.reply_markup or {}).get("inline_keyboard") or []

    @property
    def buttons(self) -> list[JSON]:
        """The inline buttons, row after row, flattened."""
        return [button for row in self.inline_keyboard for button in row]

    @property
    def document(self) -> UploadedFile | None:
        return self.files.get("document")

    @property
    def is_message(self) -> bool:
        """A new message or an edit shown in the chat (not an action or a callback answer)."""
        return self.method in MESSAGE_METHODS or self.method in EDIT_METHODS

    def __str__(self) -> str:  # handy in assertion messages
        status = "ok" if self.ok else f"error {self.error}"
        return f"{self.method}({self.chat_id}) {status}: {self.plain_text!r}"


@dataclass
class Failure:
    """An injected error answer; `times=None` fails forever, else that many times."""

    code: int
    description: str = ""
    retry_after: int | None = None
    times: int | None = None

    def to_json(self) -> JSON:
        description = self.description or _DEFAULT_DESCRIPTIONS.get(self.code, "Error")
        body: JSON = {"ok": False, "error_code": self.code, "description": description}
        if self.code == 429:
            retry = max(1, self.retry_after or 1)  # Telegram never says 0 (PTB ignores it)
            body["parameters"] = {"retry_after": retry}
            if not self.description:
                body["description"] = f"Too Many Requests: retry after {retry}"
        return body


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    429: "Too Many Requests: retry after 1",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class RateLimit:
    """Telegram's flood limits: at most `overall` messages per second across all chats and
    `per_chat` per second in one chat (a 1-second sliding window); above them: 429."""

    overall: int = 30
    per_chat: int = 1
    retry_after: int = 1


class _BadRequest(Exception):
    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


# ---------------------------------------------------------------------------------------
# HTML checks (Telegram's HTML parse mode)

_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>"
)
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def check_html(text: str) -> None:
    """Raise `ValueError` (Telegram's wording) if `text` is not valid Telegram HTML:
    unknown or unclosed tags, a raw `<`, or a bare `&` that is not an entity."""
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                raise ValueError(f"Can't parse entities: unsupported start tag at byte offset {i}")
            closing, name = m[1] == "/", m[2].lower()
            if name not in ALLOWED_HTML_TAGS:
                raise ValueError(f'Can\'t parse entities: unsupported start tag "{name}" at {i}')
            if closing:
                if not stack or stack[-1] != name:
                    raise ValueError(f'Can\'t parse entities: unmatched end tag "{name}" at {i}')
                stack.pop()
            elif not m[4]:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY_RE.match(text, i)
            if not m:
                raise ValueError(f"Can't parse entities: unsupported entity at byte offset {i}")
            i = m.end()
        else:
            i += 1
    if stack:
        raise ValueError(
            f"Can't parse entities: can't find end tag corresponding to \"{stack[-1]}\""
        )


def html_to_plain(text: str) -> str:
    """What the user reads: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def utf16_len(text: str) -> int:
    """Telegram counts lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------------
# The shared state and the request


@dataclass
class StandinState:
    """Everything one emulated Bot API server knows; shared by companion requests."""

    bot_id: int
    bot_username: str
    bot_first_name: str
    clock: Callable[[], float]
    rate_limit: RateLimit | None = None
    calls: list[BotCall] = field(default_factory=list)
    fail_for: dict[int, int | Failure] = field(default_factory=dict)
    fail_method: dict[str, int | Failure] = field(default_factory=dict)
    messages: dict[tuple[int, int], JSON] = field(default_factory=dict)
    last_message_id: dict[int, int] = field(default_factory=dict)
    updates: list[JSON] = field(default_factory=list)
    update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    file_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    commands: list[JSON] = field(default_factory=list)
    files: dict[str, JSON] = field(default_factory=dict)  # file_id -> File JSON + content
    webhook_url: str = ""
    rate_limited: int = 0
    sent_times: deque[tuple[float, int | None]] = field(default_factory=deque)
    new_update: asyncio.Event | None = None


class StandinRequest(BaseRequest):
    """A `BaseRequest` answering the Bot API in-process and recording every call.

    Inject failures with `fail_for[chat_id] = 403` (or `Failure(429, retry_after=3, times=1)`)
    and `fail_method["setMyCommands"] = 500`. Pass `rate_limit=RateLimit()` to answer 429
    above Telegram's flood limits. `clock` (epoch seconds) dates the messages and drives the
    rate limit window.
    """

    def __init__(
        self,
        *,
        bot_id: int = DEFAULT_BOT_ID,
        bot_username: str = "relance_standin_bot",
        bot_first_name: str = "Relance",
        rate_limit: RateLimit | None = None,
        clock: Callable[[], float] = time.time,
        state: StandinState | None = None,
    ) -> None:
        self.state = state or StandinState(
            bot_id=bot_id,
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            clock=clock,
            rate_limit=rate_limit,
        )

    # -- convenience views over the shared state -----------------------------------------

    def companion(self) -> StandinRequest:
        """Another request object on the same emulated server (for `get_updates_request`)."""
        return StandinRequest(state=self.state)

    @property
    def calls(self) -> list[BotCall]:
        return self.state.calls

    @property
    def fail_for(self) -> dict[int, int | Failure]:
        return self.state.fail_for

    @property
    def fail_method(self) -> dict[str, int | Failure]:
        return self.state.fail_method

    @property
    def rate_limit(self) -> RateLimit | None:
        return self.state.rate_limit

    @rate_limit.setter
    def rate_limit(self, value: RateLimit | None) -> None:
        self.state.rate_limit = value

    @property
    def rate_limited(self) -> int:
        """How many calls were refused with 429 by the rate-limit emulation."""
        return self.state.rate_limited

    @property
    def commands(self) -> list[JSON]:
        """The commands last registered with setMyCommands."""
        return self.state.commands

    @property
    def bot_user(self) -> JSON:
        s = self.state
        return {
            "id": s.bot_id,
            "is_bot": True,
            "first_name": s.bot_first_name,
            "username": s.bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def calls_for(self, chat_id: int, method: str | None = None) -> list[BotCall]:
        return [
            c
            for c in self.state.calls
            if c.chat_id == chat_id and (method is None or c.method == method)
        ]

    def calls_of(self, method: str) -> list[BotCall]:
        return [c for c in self.state.calls if c.method == method]

    @property
    def documents(self) -> list[BotCall]:
        """Successful sendDocument calls (the bytes are in `call.document.content`)."""
        return [c for c in self.state.calls if c.method == "sendDocument" and c.ok]

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current state of a message in a chat (after edits), or None if deleted."""
        return self.state.messages.get((chat_id, message_id))

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by both sides, as in a private chat."""
        value = self.state.last_message_id.get(chat_id, 0) + 1
        self.state.last_message_id[chat_id] = value
        return value

    def remember_message(self, message: JSON) -> None:
        self.state.messages[(message["chat"]["id"], message["message_id"])] = message

    def push_update(self, update: JSON) -> None:
        """Queue an update for getUpdates (polling)."""
        self.state.updates.append(update)
        if self.state.new_update is not None:
            self.state.new_update.set()

    def next_update_id(self) -> int:
        return next(self.state.update_ids)

    # -- BaseRequest ----------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params = _decode_params(request_data)
        files = _uploaded_files(request_data)
        call = BotCall(api_method, params, files=files, at=self.state.clock())
        self.state.calls.append(call)
        if "/file/bot" in url:
            return self._download(url, call)
        if api_method == "getUpdates":
            result = await self._get_updates(params)
            call.result = result
            return 200, _dump({"ok": True, "result": result})
        failure = self._injected_failure(api_method, call.chat_id)
        if failure is None:
            failure = self._flood_check(api_method, call.chat_id)
        if failure is not None:
            body = failure.to_json()
            call.ok, call.error = False, body
            return body["error_code"], _dump(body)
        try:
            result = self._answer(api_method, params, files)
        except _BadRequest as exc:
            body = {"ok": False, "error_code": exc.code, "description": exc.description}
            call.ok, call.error = False, body
            return exc.code, _dump(body)
        call.result = result
        return 200, _dump({"ok": True, "result": result})

    def add_file(self, content: bytes, *, kind: str = "documents", suffix: str = "") -> JSON:
        """Store a file a user sends; returns its Bot API fields (file_id, file_size...)."""
        number = next(self.state.file_ids)
        file_id = f"standin-{kind}-{number}"
        self.state.files[file_id] = {
            "file_id": file_id,
            "file_unique_id": f"standin-u{number}",
            "file_size": len(content),
            "file_path": f"{kind}/file_{number}{suffix}",
            "content": content,
        }
        return {"file_id": file_id, "file_unique_id": f"standin-u{number}",
                "file_size": len(content)}  # fmt: skip

    def _download(self, url: str, call: BotCall) -> tuple[int, bytes]:
        """GET https://api.telegram.org/file/bot<token>/<file_path>: the file's bytes."""
        path = url.split("/file/bot", 1)[1].split("/", 1)[-1]
        for stored in self.state.files.values():
            if stored["file_path"] == path:
                call.result = True
                return 200, stored["content"]
        body = {"ok": False, "error_code": 404, "description": "Not Found"}
        call.ok, call.error = False, body
        return 404, _dump(body)

    # -- internals ------------------------------------------------------------------------

    def _injected_failure(self, method: str, chat_id: int | None) -> Failure | None:
        for table, key in ((self.state.fail_method, method), (self.state.fail_for, chat_id)):
            if key is None or key not in table:
                continue
            if method in {"getMe", "deleteWebhook"} and table is self.state.fail_for:
                continue
            entry = table[key]
            failure = entry if isinstance(entry, Failure) else Failure(int(entry))
            if failure.times is not None:
                failure.times -= 1
                if failure.times <= 0:
                    del table[key]
            return failure
        return None

    def _flood_check(self, method: str, chat_id: int | None) -> Failure | None:
        limit = self.state.rate_limit
        if limit is None or method not in FLOOD_METHODS:
            return None
        now = self.state.clock()
        window = self.state.sent_times
        while window and now - window[0][0] >= 1.0:
            window.popleft()
        in_chat = sum(1 for _, chat in window if chat == chat_id)
        if len(window) >= limit.overall or (chat_id is not None and in_chat >= limit.per_chat):
            self.state.rate_limited += 1
            return Failure(429, retry_after=limit.retry_after)
        window.append((now, chat_id))
        return None

    async def _get_updates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        state = self.state
        state.updates[:] = [u for u in state.updates if u["update_id"] >= offset]
        if not state.updates and timeout > 0:
            if state.new_update is None:
                state.new_update = asyncio.Event()
            state.new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(state.new_update.wait(), timeout=min(timeout, 1.0))
        limit = int(params.get("limit") or 100)
        return list(state.updates[:limit])

    def _chat(self, chat_id: int) -> JSON:
        return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}

    def _chat_id(self, params: JSON) -> int:
        raw = params.get("chat_id")
        if raw is None:
            raise _BadRequest("Bad Request: chat_id is empty")
        try:
            return int(raw)
        except (TypeError, ValueError) as exc:
            raise _BadRequest("Bad Request: chat not found") from exc

    def _check_text(self, text: Any, parse_mode: Any, limit: int, empty_ok: bool) -> str:
        text = "" if text is None else str(text)
        if parse_mode == "HTML":
            try:
                check_html(text)
            except ValueError as exc:
                raise _BadRequest(f"Bad Request: {exc}") from exc
            plain = html_to_plain(text)
        else:
            plain = text
        if not plain.strip() and not empty_ok:
            raise _BadRequest("Bad Request: message text is empty")
        if utf16_len(plain) > limit:
            kind = "message" if limit == MAX_TEXT_LENGTH else "message caption"
            raise _BadRequest(f"Bad Request: {kind} is too long")
        return plain

    def _check_markup(self, markup: Any) -> JSON | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard") or []:
            for button in row:
                if not str(button.get("text", "")).strip():
                    raise _BadRequest("Bad Request: BUTTON_TEXT_EMPTY")
                data = button.get("callback_data")
                if data is not None and not (
                    0 < len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
                ):
                    raise _BadRequest("Bad Request: BUTTON_DATA_INVALID")
                copy = button.get("copy_text")
                if copy is not None and not (
                    0 < utf16_len(str(copy.get("text", ""))) <= MAX_COPY_TEXT_LENGTH
                ):
                    raise _BadRequest("Bad Request: COPY_TEXT_INVALID")
        return markup if "inline_keyboard" in markup else None

    def _new_message(self, chat_id: int, **content: Any) -> JSON:
        message: JSON = {
            "message_id": self.next_message_id(chat_id),
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(self.state.clock()),
        }
        message.update({k: v for k, v in content.items() if v is not None})
        self.remember_message(message)
        return message

    def _answer(self, method: str, params: JSON, files: dict[str, UploadedFile]) -> Any:
        handler = getattr(self, f"_m_{method}", None)
        if handler is not None:
            return handler(params, files)
        if method in TRUE_METHODS:
            return True
        if method in MESSAGE_METHODS:
            chat_id = self._chat_id(params)
            return self._new_message(chat_id, text=f"[{method}]")
        raise _BadRequest("Not Found: method not found", code=404)

    # Methods (named `_m_<BotApiMethod>`).

    def _m_getMe(self, params: JSON, files: dict[str, UploadedFile]) -> JSON:
        return self.bot_user

    def _m_setMyCommands(self, params: JSON, files: dict[str, UploadedFile]) -> bool:
        self.state.commands = list(params.get("commands") or [])
        return True

    def _m_deleteMyCommands(self, params: JSON, files: dict[str, UploadedFile]) -> bool:
        self.state.commands = []
        return True

    def _m_getMyCommands(self, params: JSON, files: dict[str, UploadedFile]) -> list[JSON]:
        return self.state.commands

    def _m_setWebhook(self, params: JSON, files: dict[str, UploadedFile]) -> bool:
        self.state.webhook_url = str(params.get("url") or "")
        return True

    def _m_deleteWebhook(self, params: JSON, files: dict[str, UploadedFile]) -> bool:
        self.state.webhook_url = ""
        return True

    def _m_getWebhookInfo(self, params: JSON, files: dict[str, UploadedFile]) -> JSON:
        return {"url": self.state.webhook_url, "has_custom_certificate": False,
                "pending_update_count": len(self.state.updates)}  # fmt: skip

    def _m_sendMessage(self, params: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat_id = self._chat_id(params)
        text = self._check_text(
            params.get("text"), params.get("parse_mode"), MAX_TEXT_LENGTH, False
        )
        markup = self._check_markup(params.get("reply_markup"))
        return self._new_message(chat_id, text=text, reply_markup=markup)

    def _m_getFile(self, params: JSON, files: dict[str, UploadedFile]) -> JSON:
        stored = self.state.files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _BadRequest("Bad Request: invalid file_id")
        if stored["file_size"] > MAX_DOWNLOAD_BYTES:
            raise _BadRequest("Bad Request: file is too big")
        return {key: value for key, value in stored.items() if key != "content"}

    def _m_sendDocument(self, params: JSON, files: dict[str, UploadedFile]) -> JSON:
        chat_id = self._chat_id(params)
        caption = params.get("caption")
        if caption is not None:
            caption = self._check_text(
                caption, params.get("parse_mode"), MAX_CAPTION_LENGTH, empty_ok=True
            )
        markup = self._check_markup(params.get("reply_markup"))
        upload = files.get("document")
        number = next(self.state.file_ids)
        if upload is not None:
            document = {
                "file_id": f"standin-document-{number}",
                "file_unique_id": f"standin-u{number}",
                "file_name": upload.filename,
                "mime_type": upload.mime_type,
                "file_size": len(upload.content),
            }
        elif isinstance(params.get("document"), str):
            document = {"file_id": params["document"], "file_unique_id": f"standin-u{number}"}
        else:
            raise _BadRequest("Bad Request: there is no document in the request")
        return self._new_message(chat_id, document=document, caption=caption, reply_markup=markup)

    def _edited(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            return True
        chat_id = self._chat_id(params)
        key = (chat_id, int(params.get("message_id") or 0))
        message = self.state.messages.get(key)
        if message is None:
            raise _BadRequest("Bad Request: message to edit not found")
        return message

    def _m_editMessageText(self, params: JSON, files: dict[str, UploadedFile]) -> JSON | bool:
        message = self._edited(params)
        if message is True:
            return True
        assert isinstance(message, dict)
        text = self._check_text(
            params.get("text"), params.get("parse_mode"), MAX_TEXT_LENGTH, False
        )
        markup = self._check_markup(params.get("reply_markup"))
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise _BadRequest(
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message"
            )
        if "text" not in message:
            raise _BadRequest("Bad Request: there is no text in the message to edit")
        message.update(text=text, edit_date=int(self.state.clock()))
        _set_markup(message, markup)
        return message

    def _m_editMessageCaption(self, params: JSON, files: dict[str, UploadedFile]) -> JSON | bool:
        message = self._edited(params)
        if message is True:
            return True
        assert isinstance(message, dict)
        caption = self._check_text(
            params.get("caption"), params.get("parse_mode"), MAX_CAPTION_LENGTH, empty_ok=True
        )
        message.update(caption=caption, edit_date=int(self.state.clock()))
        _set_markup(message, self._check_markup(params.get("reply_markup")))
        return message

    def _m_editMessageReplyMarkup(
        self, params: JSON, files: dict[str, UploadedFile]
    ) -> JSON | bool:
        message = self._edited(params)
        if message is True:
            return True
        assert isinstance(message, dict)
        markup = self._check_markup(params.get("reply_markup"))
        if message.get("reply_markup") == markup:
            raise _BadRequest(
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message"
            )
        _set_markup(message, markup)
        message["edit_date"] = int(self.state.clock())
        return message

    def _m_deleteMessage(self, params: JSON, files: dict[str, UploadedFile]) -> bool:
        chat_id = self._chat_id(params)
        key = (chat_id, int(params.get("message_id") or 0))
        if self.state.messages.pop(key, None) is None:
            raise _BadRequest("Bad Request: message to delete not found")
        return True


def _set_markup(message: JSON, markup: JSON | None) -> None:
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = markup


def _dump(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _decode_params(request_data: RequestData | None) -> JSON:
    """The parameters as Telegram receives them (JSON types; files are in the multipart)."""
    if request_data is None:
        return {}
    return json.loads(json.dumps(request_data.parameters, default=str))


def _uploaded_files(request_data: RequestData | None) -> dict[str, UploadedFile]:
    if request_data is None or not request_data.contains_files:
        return {}
    uploads: dict[str, UploadedFile] = {}
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        uploads[name] = UploadedFile(name, filename, data, mime_type)
    return uploads


# ---------------------------------------------------------------------------------------
# Updates


def make_user(
    user_id: int,
    first_name: str = "Camille",
    last_name: str | None = None,
    username: str | None = None,
    language_code: str = "fr",
) -> JSON:
    user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def make_private_chat(user: JSON) -> JSON:
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if key in user:
            chat[key] = user[key]
    return chat


def make_text_update(
    user_id: int,
    text: str,
    update_id: int,
    *,
    message_id: int = 1,
    date: int | None = None,
    user: JSON | None = None,
) -> JSON:
    """A private text message from a user; a leading `/command` gets its bot_command entity
    (which `CommandHandler` needs)."""
    sender = user or make_user(user_id)
    message: JSON = {
        "message_id": message_id,
        "from": sender,
        "chat": make_private_chat(sender),
        "date": int(time.time()) if date is None else date,
        "text": text,
    }
    command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if command:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
    return {"update_id": update_id, "message": message}


def make_callback_update(
    user_id: int,
    data: str,
    message: JSON,
    update_id: int,
    *,
    callback_id: str | None = None,
    user: JSON | None = None,
) -> JSON:
    """A press on an inline button `data` of the bot's `message` (Message JSON)."""
    sender = user or make_user(user_id)
    return {
        "update_id": update_id,
        "callback_query": {
            "id": callback_id or f"cb-{user_id}-{update_id}",
            "from": sender,
            "message": message,
            "chat_instance": f"standin-{message['chat']['id']}",
            "data": data,
        },
    }


# ---------------------------------------------------------------------------------------
# One user in a private chat


class LocalChat:
    """Plays one Telegram user against a real `Application` (which must be initialized:
    `async with app:` or `await app.initialize()`). Each action returns the Bot API calls
    the bot made meanwhile (messages, edits, callback answers, documents…)."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        request: StandinRequest,
        user_id: int,
        *,
        first_name: str = "Camille",
        last_name: str | None = None,
        username: str | None = None,
    ) -> None:
        self.app = app
        self.request = request
        self.user_id = user_id
        self.user = make_user(user_id, first_name, last_name, username)
        self.clipboard: str | None = None  # the last copy_text button pressed
        self.unanswered_callbacks: list[str] = []

    # -- actions --------------------------------------------------------------------------

    async def send(self, text: str) -> list[BotCall]:
        """The user types `text` (commands included)."""
        update = make_text_update(
            self.user_id,
            text,
            self.request.next_update_id(),
            message_id=self.request.next_message_id(self.user_id),
            date=int(self.request.state.clock()),
            user=self.user,
        )
        self.request.remember_message(update["message"])
        return await self.feed(update)

    async def send_document(
        self,
        content: bytes,
        file_name: str = "facture.pdf",
        mime_type: str = "application/pdf",
        *,
        forwarded_from: str | None = None,
    ) -> list[BotCall]:
        """The user sends (or forwards, from a user named `forwarded_from`) a file."""
        document = self.request.add_file(content, suffix=f".{file_name.rsplit('.', 1)[-1]}")
        document.update(file_name=file_name, mime_type=mime_type)
        return await self._send_media({"document": document}, forwarded_from)

    async def send_photo(
        self, content: bytes, *, width: int = 1280, height: int = 960
    ) -> list[BotCall]:
        """The user sends a photo (Telegram gives it in several sizes; here one)."""
        photo = self.request.add_file(content, kind="photos", suffix=".jpg")
        photo.update(width=width, height=height)
        return await self._send_media({"photo": [photo]}, None)

    async def send_voice(self, duration: int = 4) -> list[BotCall]:
        """The user sends a voice note (only its metadata: nothing here downloads it)."""
        file_id = f"voice-{self.request.next_update_id()}"
        voice = {"file_id": file_id, "file_unique_id": file_id, "duration": duration}
        return await self._send_media({"voice": voice}, None)

    async def _send_media(self, content: JSON, forwarded_from: str | None) -> list[BotCall]:
        update = make_text_update(
            self.user_id,
            "",
            self.request.next_update_id(),
            message_id=self.request.next_message_id(self.user_id),
            date=int(self.request.state.clock()),
            user=self.user,
        )
        message = update["message"]
        del message["text"]
        message.update(content)
        if forwarded_from:
            message["forward_origin"] = {
                "type": "hidden_user",
                "sender_user_name": forwarded_from,
                "date": message["date"],
            }
        self.request.remember_message(message)
        return await self.feed(update)

    async def press(self, button: str | int, message_id: int | None = None) -> list[BotCall]:
        """Press an inline button of the latest bot message that has a keyboard (or of
        `message_id`): by label (exact, else a unique case-insensitive substring) or by
        0-based index over all its buttons row by row. A `copy_text` button only fills
        `clipboard` (Telegram copies on the device); a URL button raises ValueError."""
        message = self._keyboard_message(message_id)
        buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
        chosen = _pick_button(buttons, button)
        if "copy_text" in chosen:
            self.clipboard = chosen["copy_text"]["text"]
            return []
        if "callback_data" not in chosen:
            raise ValueError(f"button {chosen.get('text')!r} sends nothing to the bot")
        return await self.press_data(chosen["callback_data"], message_id=message["message_id"])

    async def press_data(self, data: str, message_id: int | None = None) -> list[BotCall]:
        """Send a callback query with arbitrary `data` (forged or stale buttons) on the
        latest bot message (or `message_id`)."""
        message = self._message_for_callback(message_id)
        update_id = self.request.next_update_id()
        update = make_callback_update(self.user_id, data, message, update_id, user=self.user)
        calls = await self.feed(update)
        callback_id = update["callback_query"]["id"]
        if not any(
            c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == callback_id
            for c in calls
        ):
            self.unanswered_callbacks.append(data)
        return calls

    async def feed(self, update: JSON) -> list[BotCall]:
        """Process a raw update dict through the application; return the calls it caused."""
        start = len(self.request.calls)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        await self._settle()
        return self.request.calls[start:]

    async def _settle(self) -> None:
        """Wait for handlers started with `block=False` (the application's own tasks)."""
        tasks: Iterable[asyncio.Task[Any]] = getattr(
            self.app, "_Application__create_task_tasks", set()
        )
        current = asyncio.current_task()
        pending = [t for t in set(tasks) if t is not current and not t.done()]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    # -- views ----------------------------------------------------------------------------

    @property
    def calls(self) -> list[BotCall]:
        """Every call the bot made in this chat."""
        return self.request.calls_for(self.user_id)

    @property
    def messages(self) -> list[BotCall]:
        """Successful messages and edits shown in this chat, in order."""
        return [c for c in self.calls if c.ok and c.is_message]

    @property
    def last(self) -> BotCall | None:
        messages = self.messages
        return messages[-1] if messages else None

    @property
    def last_text(self) -> str | None:
        """The plain text of the latest message or edit (None if none)."""
        last = self.last
        return last.plain_text if last else None

    @property
    def documents(self) -> list[UploadedFile]:
        return [
            c.document
            for c in self.request.documents
            if c.chat_id == self.user_id and c.document is not None
        ]

    def current_message(self, message_id: int) -> JSON | None:
        return self.request.message(self.user_id, message_id)

    def keyboard(self, message_id: int | None = None) -> list[list[JSON]]:
        """The inline keyboard currently attached to the latest keyboard message."""
        try:
            return self._keyboard_message(message_id)["reply_markup"]["inline_keyboard"]
        except LookupError:
            return []

    def button_labels(self, message_id: int | None = None) -> list[str]:
        return [b["text"] for row in self.keyboard(message_id) for b in row]

    def _bot_messages(self) -> list[JSON]:
        state = self.request.state
        found = [
            m
            for (chat, _), m in state.messages.items()
            if chat == self.user_id and m.get("from", {}).get("id") == state.bot_id
        ]
        return sorted(found, key=lambda m: m["message_id"])

    def _keyboard_message(self, message_id: int | None) -> JSON:
        if message_id is not None:
            message = self.current_message(message_id)
            if message is None or "reply_markup" not in message:
                raise LookupError(f"message {message_id} has no inline keyboard")
            return message
        for message in reversed(self._bot_messages()):
            if (message.get("reply_markup") or {}).get("inline_keyboard"):
                return message
        raise LookupError("no bot message with an inline keyboard in this chat")

    def _message_for_callback(self, message_id: int | None) -> JSON:
        if message_id is not None:
            message = self.current_message(message_id)
            if message is None:
                raise LookupError(f"no message {message_id} in this chat")
            return message
        messages = self._bot_messages()
        if not messages:
            raise LookupError("the bot has not sent anything in this chat")
        return messages[-1]


def _pick_button(buttons: list[JSON], wanted: str | int) -> JSON:
    if isinstance(wanted, int):
        if not 0 <= wanted < len(buttons):
            raise LookupError(f"no button #{wanted} (there are {len(buttons)})")
        return buttons[wanted]
    exact = [b for b in buttons if b.get("text") == wanted]
    if exact:
        return exact[0]
    needle = wanted.casefold()
    partial = [b for b in buttons if needle in str(b.get("text", "")).casefold()]
    if len(partial) == 1:
        return partial[0]
    labels = [b.get("text") for b in buttons]
    raise LookupError(f"button {wanted!r} not found or ambiguous among {labels}")
