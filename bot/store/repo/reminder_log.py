"""The reminder log, owner-scoped: each reminder claimed once, then sent or released."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from bot.store.models import ReminderLog
from bot.store.repo.base import RepoBase, case_id_of, dialect_insert, owned_case
from bot.store.types import utcnow

REMINDER_FIELDS = (
    "id", "kind", "case_id", "key", "status", "claimed_at", "sent_at", "attempts", "detail"
)  # fmt: skip


class ReminderLogRepo(RepoBase):
    """Claims on reminders (owner, kind, case, key)."""

    async def claim_reminder(
        self, owner: int, kind: str, key: str, case_id: object = None
    ) -> int | None:
        """Claim reminder (owner, kind, case, key) once: its log id if this call claimed it,
        None if it was already claimed or sent (or the case is not this owner's)."""
        cid: int | None = None
        if case_id is not None:
            cid = case_id_of(case_id)
            if cid is None:
                return None
        async with self.db.transaction() as s:
            if cid is not None and await owned_case(s, owner, cid, lock=False) is None:
                return None
            stmt = (
                dialect_insert(s, ReminderLog)
                .values(
                    owner=owner,
                    case_id=cid,
                    case_key=cid or 0,
                    kind=kind,
                    key=key,
                    status="claimed",
                    claimed_at=utcnow(),
                    attempts=1,
                )
                .on_conflict_do_nothing(index_elements=["owner", "kind", "case_key", "key"])
                .returning(ReminderLog.id)
            )
            return (await s.execute(stmt)).scalar_one_or_none()

    async def mark_reminder_sent(
        self, owner: int, log_id: int, at: dt.datetime | None = None
    ) -> bool:
        async with self.db.transaction() as s:
            result = await s.execute(
                sa.update(ReminderLog)
                .where(col(ReminderLog.owner) == owner, col(ReminderLog.id) == log_id)
                .values(status="sent", sent_at=at or utcnow())
            )
            return result.rowcount > 0

    async def release_reminder(self, owner: int, log_id: int) -> bool:
        """Give up an unsent claim (sending failed) so a later sweep can claim it again."""
        async with self.db.transaction() as s:
            result = await s.execute(
                sa.delete(ReminderLog).where(
                    col(ReminderLog.owner) == owner,
                    col(ReminderLog.id) == log_id,
                    col(ReminderLog.status) == "claimed",
                )
            )
            return result.rowcount > 0

    async def list_reminders(self, owner: int) -> list[dict[str, Any]]:
        """The owner's log, oldest claim first, as dicts of `REMINDER_FIELDS`."""
        order = (col(ReminderLog.claimed_at), col(ReminderLog.id))
        rows = await self._owned_rows(ReminderLog, owner, *order)
        return [{name: getattr(r, name) for name in REMINDER_FIELDS} for r in rows]
