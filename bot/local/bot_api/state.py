"""The emulated Bot API server's memory: calls, messages per chat, files, updates."""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.local.bot_api.failures import Failure, RateLimit
from bot.local.bot_api.limits import JSON
from bot.local.bot_api.records import BotCall


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

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def next_message_id(self, chat_id: int) -> int:
        """Message ids are per chat and shared by both sides, as in a private chat."""
        value = self.last_message_id.get(chat_id, 0) + 1
        self.last_message_id[chat_id] = value
        return value

    def remember_message(self, message: JSON) -> None:
        self.messages[(message["chat"]["id"], message["message_id"])] = message

    def new_message(self, chat_id: int, **content: Any) -> JSON:
        """A message from the bot in `chat_id`, remembered (None fields left out)."""
        message: JSON = {
            "message_id": self.next_message_id(chat_id),
            "from": self.bot_user,
            "chat": {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"},
            "date": int(self.clock()),
        }
        message.update({k: v for k, v in content.items() if v is not None})
        self.remember_message(message)
        return message
