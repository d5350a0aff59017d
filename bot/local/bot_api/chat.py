"""`LocalChat`: one Telegram user in a private chat with the bot, through the stand-in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.local.bot_api.limits import JSON
from bot.local.bot_api.records import BotCall, UploadedFile
from bot.local.bot_api.request import StandinRequest
from bot.local.bot_api.updates import make_callback_update, make_text_update, make_user


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

    async def send(
        self, text: str, *, forwarded_from: str | None = None, forwarded_at: int | None = None
    ) -> list[BotCall]:
        """The user types `text` (commands included), or forwards it from a user named
        `forwarded_from` who wrote it at `forwarded_at` (epoch seconds; default: now)."""
        update = self._new_message_update(text)
        message = update["message"]
        if forwarded_from:
            _forwarded(message, forwarded_from, forwarded_at)
        self.request.remember_message(message)
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
        update = self._new_message_update("")
        message = update["message"]
        del message["text"]
        message.update(content)
        if forwarded_from:
            _forwarded(message, forwarded_from, None)
        self.request.remember_message(message)
        return await self.feed(update)

    def _new_message_update(self, text: str) -> JSON:
        """An update with the user's next message in this chat, dated by the stand-in's clock."""
        return make_text_update(
            self.user_id,
            text,
            self.request.next_update_id(),
            message_id=self.request.next_message_id(self.user_id),
            date=int(self.request.state.clock()),
            user=self.user,
        )

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


def _forwarded(message: JSON, sender_name: str, sent_at: int | None) -> None:
    """Mark `message` as forwarded from a user (who hides their account) named `sender_name`."""
    message["forward_origin"] = {
        "type": "hidden_user",
        "sender_user_name": sender_name,
        "date": message["date"] if sent_at is None else sent_at,
    }
