"""Database side of the reminders sweep, once a digest is prepared: the decision right
before it goes, and what is recorded when it went or could not go. Owner-scoped.

`decide_digest` is the moment of truth, one transaction a moment before the send: the claim
is still this sweep's, the user still exists with reminders on, and which of the cases
mentioned are still open — and the digest is marked sent with exactly those (the nudges of
cases closed meanwhile released). Sent means handed to Telegram: should the send then fail,
`revert` deletes the rows so that a later sweep claims the day again. A process killed
between the decision and Telegram's answer may thus lose that one digest for the day; no
digest is ever sent twice."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.store.engine import Database
from bot.store.loading import table as _table
from bot.store.models import CaseRow, ReminderLog, User


class Outcome(enum.Enum):
    SEND = "send"  # marked sent: send it now
    EMPTY = "empty"  # every case mentioned was closed meanwhile: the day recorded, no send
    OFF = "off"  # the user switched reminders off or blocked the bot: claims released
    GONE = "gone"  # the user no longer exists (/supprimer): nothing left to record
    LOST = "lost"  # the claim is no longer this sweep's (its lease lapsed, another took it)


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    open_cases: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A digest as prepared: its claim, the cases it lists (in order) and the nudges it
    carries (log ids by case)."""

    owner: int
    holder: str
    digest_id: int
    item_cases: tuple[int, ...]
    nudge_ids: dict[int, list[int]]

    def cases(self) -> set[int]:
        return set(self.item_cases) | set(self.nudge_ids)

    def all_ids(self) -> list[int]:
        return [self.digest_id, *(i for ids in self.nudge_ids.values() for i in ids)]


async def decide_digest(
    db: Database, digest: Prepared, *, at: dt.datetime, lease_until: dt.datetime
) -> Decision:
    """Re-check and mark sent, in one transaction (see the module's docstring)."""
    log, users, cases = _table(ReminderLog), _table(User), _table(CaseRow)
    owner = digest.owner
    user_query = sa.select(users.c.reminders_on, users.c.blocked_at).where(users.c.user_id == owner)
    ours = sa.and_(log.c.owner == owner, log.c.holder == digest.holder)
    async with db.transaction() as s:
        if db.backend == "postgresql":  # the user row first, as /supprimer locks it first
            user = (await s.execute(user_query.with_for_update(read=True))).first()
        held = await s.execute(  # SQLite: a write first, so that this is a write transaction
            sa.update(log)
            .where(ours, log.c.id == digest.digest_id, log.c.status == "claimed")
            .values(lease_until=lease_until)
        )
        if db.backend != "postgresql":
            user = (await s.execute(user_query)).first()
        nudges = [i for ids in digest.nudge_ids.values() for i in ids]
        if user is None:
            return Decision(Outcome.GONE)
        if held.rowcount == 0:
            await _delete(s, ours, nudges)
            return Decision(Outcome.LOST)
        if not user.reminders_on or user.blocked_at is not None:
            await _delete(s, ours, digest.all_ids())
            return Decision(Outcome.OFF)
        open_query = sa.select(cases.c.id).where(
            cases.c.owner == owner,
            cases.c.id.in_(sorted(digest.cases())),
            cases.c.status == "open",
        )
        if db.backend == "postgresql":
            open_query = open_query.with_for_update(read=True)
        still_open = frozenset(r[0] for r in await s.execute(open_query))
        listed = [c for c in digest.item_cases if c in still_open]
        kept = [i for c, ids in digest.nudge_ids.items() if c in still_open for i in ids]
        await _delete(s, ours, [i for i in nudges if i not in kept])
        empty = not listed and not kept
        detail = "nothing due" if empty else "cases:" + ",".join(map(str, listed))
        await _mark_sent(s, ours, [digest.digest_id], at, detail)
        await _mark_sent(s, ours, kept, at, None)
    return Decision(Outcome.EMPTY if empty else Outcome.SEND, still_open)


async def _delete(s: AsyncSession, ours: sa.ColumnElement, ids: list[int]) -> None:
    if ids:
        log = _table(ReminderLog)
        await s.execute(sa.delete(log).where(ours, log.c.id.in_(ids)))


async def _mark_sent(
    s: AsyncSession,
    ours: sa.ColumnElement,
    ids: list[int],
    at: dt.datetime,
    detail: str | None,
) -> None:
    if ids:
        log = _table(ReminderLog)
        await s.execute(
            sa.update(log)
            .where(ours, log.c.id.in_(ids))
            .values(status="sent", sent_at=at, detail=detail, lease_until=None)
        )


async def revert(db: Database, owner: int, holder: str, log_ids: Sequence[int]) -> int:
    """The send failed after `decide_digest`: forget these rows of `holder` (sent or not),
    so that a later sweep claims the day again."""
    if not log_ids:
        return 0
    log = _table(ReminderLog)
    async with db.transaction() as s:
        result = await s.execute(
            sa.delete(log).where(
                log.c.owner == owner, log.c.holder == holder, log.c.id.in_(list(log_ids))
            )
        )
        return result.rowcount


async def release(db: Database, owner: int, log_ids: Sequence[int]) -> int:
    """Give up this owner's unsent claims so that a later sweep claims them again."""
    if not log_ids:
        return 0
    async with db.transaction() as s:
        result = await s.execute(
            sa.delete(ReminderLog).where(
                col(ReminderLog.owner) == owner,
                col(ReminderLog.id).in_(list(log_ids)),
                col(ReminderLog.status) == "claimed",
            )
        )
        return result.rowcount


async def finish_many(
    db: Database, done: Sequence[tuple[int, int, str | None]], *, at: dt.datetime
) -> int:
    """Mark many claims sent, one transaction: `done` holds (owner, log id, detail)."""
    if not done:
        return 0
    table = ReminderLog.__table__  # type: ignore[attr-defined]
    stmt = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("b_id"), table.c.owner == sa.bindparam("b_owner"))
        .values(status="sent", sent_at=at, detail=sa.bindparam("b_detail"))
    )
    params = [{"b_id": i, "b_owner": o, "b_detail": d} for o, i, d in done]
    async with db.transaction() as s:
        await s.execute(stmt, params)
    return len(params)
