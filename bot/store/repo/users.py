"""The user's row: profile, reminder settings, blocked state and PTB-style `user_data`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.store import convert
from bot.store.convert import UserRecord
from bot.store.models import User
from bot.store.repo.base import RepoBase, dialect_insert, reject_unknown
from bot.store.types import utcnow

PROFILE_FIELDS = frozenset(
    {"full_name", "business_name", "contact", "iban", "siret", "tz", "reminder_hour",
     "signature_asked", "address", "city", "email", "phone", "vat_franchise"}
)  # fmt: skip


class UserRepo(RepoBase):
    """Users, owner-scoped."""

    async def upsert_user(self, owner: int, chat_id: int | None = None) -> UserRecord:
        """Create the user on first contact; update the chat id if it changed. A known user
        with the same chat is only read: a read-only step takes no write lock (SQLite has one
        writer at a time, and it may be busy)."""
        async with self.db.sessions() as s:
            known = await s.get(User, owner)
            if known is not None and chat_id in (None, known.chat_id):
                return convert.user_record(known)
        async with self.db.transaction() as s:
            await ensure_user(s, owner, chat_id)
            if chat_id is not None:
                await s.execute(
                    sa.update(User)
                    .where(col(User.user_id) == owner, col(User.chat_id) != chat_id)
                    .values(chat_id=chat_id, updated_at=utcnow())
                )
            row = await s.get_one(User, owner, populate_existing=True)
            return convert.user_record(row)

    async def get_user(self, owner: int) -> UserRecord | None:
        async with self.db.sessions() as s:
            row = await s.get(User, owner)
            return convert.user_record(row) if row is not None else None

    async def update_profile(self, owner: int, /, **fields: Any) -> UserRecord | None:
        """Change profile fields (full_name, business_name, contact, iban, siret, address, city,
        email, phone, vat_franchise, tz, reminder_hour, signature_asked). None when the user
        does not exist."""
        reject_unknown(fields, PROFILE_FIELDS, "profile fields")
        async with self.db.transaction() as s:
            row = await s.get(User, owner, with_for_update=True)
            if row is None:
                return None
            for name, value in fields.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
            await s.flush()
            return convert.user_record(row)

    async def set_reminders(self, owner: int, on: bool, hour: int | None = None) -> bool:
        """Switch the daily reminders on/off (and set their hour). Switching on clears
        `blocked_at`. False when the user does not exist."""
        values: dict[str, Any] = {"reminders_on": on, "updated_at": utcnow()}
        if hour is not None:
            if not 0 <= hour <= 23:
                raise ValueError(f"reminder hour must be 0-23, got {hour}")
            values["reminder_hour"] = hour
        if on:
            values["blocked_at"] = None
        async with self.db.transaction() as s:
            result = await s.execute(
                sa.update(User).where(col(User.user_id) == owner).values(**values)
            )
            return result.rowcount > 0

    async def mark_blocked(self, owner: int, at: dt.datetime | None = None) -> bool:
        """The user blocked the bot (Telegram 403): reminders off, remember when."""
        async with self.db.transaction() as s:
            result = await s.execute(
                sa.update(User)
                .where(col(User.user_id) == owner)
                .values(reminders_on=False, blocked_at=at or utcnow(), updated_at=utcnow())
            )
            return result.rowcount > 0

    async def forget_blocked(self, owner: int) -> bool:
        """The user writes again after blocking the bot: clear `blocked_at` (reminders stay
        off). True only for the one call that cleared it."""
        async with self.db.sessions() as s:
            blocked = await s.scalar(select(User.blocked_at).where(col(User.user_id) == owner))
        if blocked is None:
            return False
        async with self.db.transaction() as s:
            cleared = await s.execute(
                sa.update(User)
                .where(col(User.user_id) == owner, col(User.blocked_at).is_not(None))
                .values(blocked_at=None, updated_at=utcnow())
                .returning(col(User.user_id))
            )
            return cleared.first() is not None

    async def load_user_data(self, owner: int) -> dict[str, Any]:
        """PTB-style user_data (JSON); {} for an unknown user."""
        async with self.db.sessions() as s:
            data = await s.scalar(select(User.user_data).where(col(User.user_id) == owner))
            return dict(data or {})

    async def save_user_data(
        self, owner: int, data: dict[str, Any], chat_id: int | None = None
    ) -> None:
        async with self.db.transaction() as s:
            await ensure_user(s, owner, chat_id)
            await s.execute(
                sa.update(User)
                .where(col(User.user_id) == owner)
                .values(user_data=convert.jsonable(data), updated_at=utcnow())
            )


async def ensure_user(s: AsyncSession, owner: int, chat_id: int | None) -> None:
    """Create the user row if it does not exist yet (in the caller's transaction)."""
    now = utcnow()
    stmt = (
        dialect_insert(s, User)
        .values(
            user_id=owner,
            chat_id=chat_id if chat_id is not None else owner,
            user_data={},
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["user_id"])
    )
    await s.execute(stmt)
