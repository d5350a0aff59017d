"""A PTB persistence whose conversation states come from the database.

Dialogs write their state and answers (`conversation_state`) *before* they reply, so what
the user was last asked survives `kill -9`. At start this persistence hands those states
back to the `ConversationHandler`s. Nothing else is persisted through PTB: user, chat and
bot data live in our own tables.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.store.engine import Database
from bot.store.repo import all_conversations


def _key(text: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in text.split(":"))
    except ValueError:
        return None


class DraftPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    def __init__(self, db: Database) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=False
            ),
            update_interval=3600,
        )
        self.db = db

    async def get_conversations(self, name: str) -> dict[tuple[int | str, ...], object]:
        records = await all_conversations(self.db, name)
        states: dict[tuple[int | str, ...], object] = {}
        for record in records:
            key = _key(record.key)
            if key is not None and record.state is not None:
                states[key] = record.state
        return states

    async def update_conversation(
        self, name: str, key: tuple[int | str, ...], new_state: object | None
    ) -> None:
        """Nothing to do: each dialog step wrote its state before replying."""

    # PTB's other stores are off (see store_data); these keep the interface whole.
    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None: ...

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None: ...

    async def update_bot_data(self, data: dict[Any, Any]) -> None: ...

    async def update_callback_data(self, data: Any) -> None: ...

    async def drop_chat_data(self, chat_id: int) -> None: ...

    async def drop_user_data(self, user_id: int) -> None: ...

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None: ...

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None: ...

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None: ...

    async def flush(self) -> None: ...
