"""Database side of the daily BODACC watch: the open cases whose client can be watched.

System-wide like the reminders sweep's finding queries (it looks at every user's cases); what
is written afterwards goes through the owner-scoped `Repo`."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col

from bot.domain.facts import DebtorKind
from bot.store.engine import Database
from bot.store.models import CaseRow, Debtor, InsolvencyRow, User


@dataclass(frozen=True, slots=True)
class Watched:
    owner: int
    chat_id: int
    case_id: int
    name: str
    siren: str


async def cases_to_watch(db: Database, *, after: int = 0, limit: int = 100) -> list[Watched]:
    """Open cases (id > `after`, by id) of users who take reminders, whose client has a SIREN,
    is not a public body and has no proceeding recorded yet."""
    no_proceeding = ~sa.exists().where(col(InsolvencyRow.case_id) == col(CaseRow.id))
    query = (
        sa.select(CaseRow.owner, User.chat_id, CaseRow.id, Debtor.name, Debtor.siren)
        .join(Debtor, col(Debtor.id) == col(CaseRow.debtor_id))
        .join(User, col(User.user_id) == col(CaseRow.owner))
        .where(
            col(CaseRow.status) == "open",
            col(CaseRow.id) > after,
            col(Debtor.siren).is_not(None),
            col(Debtor.kind) != DebtorKind.PUBLIC.value,
            col(User.reminders_on).is_(True),
            col(User.blocked_at).is_(None),
            no_proceeding,
        )
        .order_by(col(CaseRow.id))
        .limit(limit)
    )
    async with db.sessions() as s:
        rows = (await s.execute(query)).all()
    return [Watched(*row) for row in rows]
