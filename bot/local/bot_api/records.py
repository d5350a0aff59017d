"""What the stand-in records: each Bot API call the bot made and the files it uploaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.local.bot_api.checks import html_to_plain
from bot.local.bot_api.limits import EDIT_METHODS, JSON, MESSAGE_METHODS


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
