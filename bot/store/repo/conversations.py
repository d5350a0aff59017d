"""Where each dialog stands (PTB conversation state and its draft), per owner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.store import convert
from bot.store.convert import ConversationRecord
from bot.store.engine import Database
from bot.store.models import ConversationState
from bot.store.repo.base import RepoBase, dialect_insert
from bot.store.repo.users import ensure_user as create_user_row
from bot.store.types import utcnow

ConversationKey = str | int | Sequence[int | str]


def conversation_key(key: ConversationKey) -> str:
    """PTB conversation keys are tuples such as (chat_id, user_id): stored as "chat:user"."""
    if isinstance(key, str):
        return key
    if isinstance(key, int):
        return str(key)
    return ":".join(str(part) for part in key)


class ConversationRepo(RepoBase):
    """Dialog states, owner-scoped."""

    async def save_conversation(
        self,
        owner: int,
        name: str,
        key: ConversationKey,
        state: Any,
        data: dict[str, Any] | None = None,
        *,
        chat_id: int | None = None,
        ensure_user: bool = True,
    ) -> None:
        """Remember where dialog `name` stands (state: any JSON value, data: its draft).
        `ensure_user=False` skips creating the user row when the caller knows it exists."""
        async with self.db.transaction() as s:
            if ensure_user:
                await create_user_row(s, owner, chat_id)
            await write_conversation(s, owner, name, key, state, data, chat_id)

    async def load_conversation(
        self, owner: int, name: str, key: ConversationKey
    ) -> ConversationRecord | None:
        async with self.db.sessions() as s:
            row = await s.scalar(
                select(ConversationState).where(
                    col(ConversationState.owner) == owner,
                    col(ConversationState.name) == name,
                    col(ConversationState.key) == conversation_key(key),
                )
            )
            return convert.conversation_record(row) if row is not None else None

    async def list_conversations(self, owner: int) -> list[ConversationRecord]:
        order = (col(ConversationState.name), col(ConversationState.key))
        rows = await self._owned_rows(ConversationState, owner, *order)
        return [convert.conversation_record(r) for r in rows]

    async def delete_conversation(self, owner: int, name: str, key: ConversationKey) -> bool:
        """Forget a saved dialog state; False when there was none (then nothing is written,
        so ending no dialog takes no write lock)."""
        where = _row(owner, name, key)
        async with self.db.sessions() as s:
            if await s.scalar(select(ConversationState.owner).where(*where)) is None:
                return False
        async with self.db.transaction() as s:
            result = await s.execute(sa.delete(ConversationState).where(*where))
            return result.rowcount > 0


async def all_conversations(db: Database, name: str) -> list[ConversationRecord]:
    """Every user's saved state of dialog `name` — for a PTB persistence loading at start
    (not owner-scoped on purpose: it is the bot restoring itself, never a user's request)."""
    async with db.sessions() as s:
        rows = (
            await s.execute(select(ConversationState).where(col(ConversationState.name) == name))
        ).scalars()
        return [convert.conversation_record(r) for r in rows]


async def write_conversation(
    s: AsyncSession,
    owner: int,
    name: str,
    key: ConversationKey,
    state: Any,
    data: dict[str, Any] | None,
    chat_id: int | None,
) -> None:
    """Upsert dialog `name`'s state and draft in the caller's transaction."""
    values = {
        "owner": owner,
        "name": name,
        "key": conversation_key(key),
        "chat_id": chat_id,
        "state": convert.jsonable(state),
        "data": convert.jsonable(data or {}),
        "updated_at": utcnow(),
    }
    stmt = dialect_insert(s, ConversationState).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=["owner", "name", "key"],
        set_={k: stmt.excluded[k] for k in ("chat_id", "state", "data", "updated_at")},
    )
    await s.execute(stmt)


async def end_conversation(s: AsyncSession, owner: int, name: str, key: ConversationKey) -> None:
    """Forget dialog `name`'s state and draft in the caller's transaction (it ended)."""
    await s.execute(sa.delete(ConversationState).where(*_row(owner, name, key)))


async def write_conversation_data(
    s: AsyncSession, owner: int, name: str, key: ConversationKey, data: dict[str, Any]
) -> None:
    """Replace dialog `name`'s draft, its state kept, in the caller's transaction."""
    await s.execute(
        sa.update(ConversationState)
        .where(*_row(owner, name, key))
        .values(data=convert.jsonable(data), updated_at=utcnow())
    )


def _row(owner: int, name: str, key: ConversationKey) -> tuple[Any, ...]:
    return (
        col(ConversationState.owner) == owner,
        col(ConversationState.name) == name,
        col(ConversationState.key) == conversation_key(key),
    )
