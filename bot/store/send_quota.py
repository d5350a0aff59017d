"""Database side of the bot's sending quota, shared by every process on one database.

Telegram lets a bot send about 30 messages a second overall. Time is cut into slots of
1/rate second (slot n starts at n / rate, wall clock); a process takes a slot by inserting
its number, and the primary key makes each slot one process's: `INSERT … ON CONFLICT DO
NOTHING RETURNING` (PostgreSQL and SQLite alike) says which of the slots asked for were
won. Whoever sends one message per slot, however many processes, sends at most `rate`
messages a second, evenly spaced."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.store.engine import Database
from bot.store.models import SendSlot

KEEP_SLOTS_SECONDS = 60  # taken slots older than this are pruned


async def take_slots(db: Database, slots: Sequence[int]) -> list[int]:
    """Take whichever of these slots are still free, atomically; the ones won, sorted."""
    if not slots:
        return []
    table = SendSlot.__table__  # type: ignore[attr-defined]
    module = postgresql if db.backend == "postgresql" else sqlite
    stmt = (
        module.insert(table)
        .values([{"slot": s} for s in slots])
        .on_conflict_do_nothing(index_elements=["slot"])
        .returning(table.c.slot)
    )
    async with db.transaction() as s:
        won = [r[0] for r in await s.execute(stmt)]
    return sorted(won)


async def prune_slots(db: Database, before: int) -> int:
    """Forget the slots numbered below `before` (long past)."""
    table = SendSlot.__table__  # type: ignore[attr-defined]
    async with db.transaction() as s:
        result = await s.execute(sa.delete(table).where(table.c.slot < before))
        return result.rowcount
