"""`StandinRequest`: the `telegram.request.BaseRequest` that answers the Bot API in-process."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.local.bot_api.checks import BadRequest
from bot.local.bot_api.failures import Failure, RateLimit, injected_failure, over_flood_limit
from bot.local.bot_api.limits import DEFAULT_BOT_ID, JSON
from bot.local.bot_api.methods import answer
from bot.local.bot_api.records import BotCall, UploadedFile
from bot.local.bot_api.state import StandinState


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
        return self.state.bot_user

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
        return self.state.next_message_id(chat_id)

    def remember_message(self, message: JSON) -> None:
        self.state.remember_message(message)

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
        failure = self._failure(api_method, call.chat_id)
        if failure is not None:
            body = failure.to_json()
            call.ok, call.error = False, body
            return body["error_code"], _dump(body)
        try:
            result = answer(self.state, api_method, params, files)
        except BadRequest as exc:
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

    # -- internals ------------------------------------------------------------------------

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

    def _failure(self, method: str, chat_id: int | None) -> Failure | None:
        """An injected failure, else a 429 when the emulated flood limits are exceeded."""
        state = self.state
        failure = injected_failure(state.fail_method, state.fail_for, method, chat_id)
        if failure is not None:
            return failure
        limit = state.rate_limit
        if over_flood_limit(limit, state.sent_times, state.clock(), method, chat_id):
            assert limit is not None
            state.rate_limited += 1
            return Failure(429, retry_after=limit.retry_after)
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
