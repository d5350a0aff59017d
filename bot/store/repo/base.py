"""What every owner-scoped repository shares: the database, case ids from outside checked
against their owner, and the `INSERT … ON CONFLICT` of the database's dialect."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.store.engine import Database
from bot.store.models import CaseRow

_MAX_ID = 2**31 - 1


class NotFound(LookupError):
    """No such case for this owner (unknown, someone else's, or not an id at all)."""


class RepoBase:
    """The database every repository of `Repo` works on."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def _owned_rows(self, table: Any, owner: int, *order_by: Any) -> list[Any]:
        """All the owner's rows of `table`, in that order."""
        query = select(table).where(col(table.owner) == owner).order_by(*order_by)
        async with self.db.sessions() as s:
            return list((await s.execute(query)).scalars())


def reject_unknown(fields: Iterable[str], allowed: Iterable[str], what: str) -> None:
    """`ValueError` naming the `fields` that are not among the `allowed` ones."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not {what}: {', '.join(sorted(unknown))}")


def dialect_insert(target: AsyncSession | str, table: Any) -> Any:
    """An INSERT with `on_conflict_do_…` for the dialect of a session, or of a backend name
    ("postgresql", "sqlite": `Database.backend`)."""
    name = target if isinstance(target, str) else target.get_bind().dialect.name
    module = postgresql if name == "postgresql" else sqlite
    return module.insert(table)


def case_id_of(value: object) -> int | None:
    """An id from outside (int or digit string) as an int, or None when it cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.isdigit():
            return None
        value = int(value)
    if isinstance(value, int) and 0 < value <= _MAX_ID:
        return value
    return None


async def owned_case(
    s: AsyncSession, owner: int, case_id: object, *, lock: bool = True
) -> CaseRow | None:
    """The owner's case row (locked for update unless told), or None."""
    cid = case_id_of(case_id)
    if cid is None:
        return None
    query = select(CaseRow).where(col(CaseRow.owner) == owner, col(CaseRow.id) == cid)
    if lock:
        query = query.with_for_update()
    return await s.scalar(query)
