"""The reminder log, owner-scoped: each reminder claimed once, then sent or released."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from bot.store.models import ReminderLog
from bot.store.repo.base import RepoBase, case_id_of, dialect_insert, owned_case
from bot.store.types import utcnow


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
        async with self.db.sessions() as s:
            rows = (
                await s.execute(
                    select(ReminderLog)
                    .where(col(ReminderLog.owner) == owner)
                    .order_by(col(ReminderLog.claimed_at), col(ReminderLog.id))
                )
            ).scalars()
            return [_reminder_dict(r) for r in rows]


def _reminder_dict(row: ReminderLog) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "case_id": row.case_id,
        "key": row.key,
        "status": row.status,
        "claimed_at": row.claimed_at,
        "sent_at": row.sent_at,
        "attempts": row.attempts,
        "detail": row.detail,
    }
