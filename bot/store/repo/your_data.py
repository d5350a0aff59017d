"""Your data: export everything a user has (/mesdonnees) and delete it all (/supprimer)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from bot.store import convert
from bot.store.models import Debtor, User
from bot.store.repo.cases import CaseRepo
from bot.store.repo.conversations import ConversationRepo
from bot.store.repo.reminder_log import ReminderLogRepo
from bot.store.repo.users import UserRepo
from bot.store.types import utcnow

EXPORT_FORMAT = "relance-export/1"


class YourDataRepo(UserRepo, CaseRepo, ConversationRepo, ReminderLogRepo):
    """The user's data across every table: export it, delete it."""

    async def export_user(self, owner: int) -> dict[str, Any]:
        """Everything stored about this user, as JSON-able data (for /mesdonnees);
        "user" is None if unknown."""
        user = await self.get_user(owner)
        async with self.db.sessions() as s:
            user_data = await s.scalar(select(User.user_data).where(col(User.user_id) == owner))
            debtors = (
                (
                    await s.execute(
                        select(Debtor).where(col(Debtor.owner) == owner).order_by(col(Debtor.id))
                    )
                )
                .scalars()
                .all()
            )
        cases = await self.list_cases(owner)
        profile = None
        if user is not None:
            profile = {
                "telegram_user_id": user.user_id,
                "chat_id": user.chat_id,
                "full_name": user.full_name,
                "business_name": user.business_name,
                "contact": user.contact,
                "iban": user.iban,
                "siret": user.siret,
                "tz": user.tz,
                "reminder_hour": user.reminder_hour,
                "reminders_on": user.reminders_on,
                "signature_asked": user.signature_asked,
                "blocked_at": user.blocked_at,
                "created_at": user.created_at,
                "updated_at": user.updated_at,
            }
        return convert.jsonable(
            {
                "format": EXPORT_FORMAT,
                "exported_at": utcnow(),
                "user": profile,
                "user_data": user_data or {},
                "debtors": [
                    {"id": d.id, "name": d.name, "kind": d.kind, "created_at": d.created_at}
                    for d in debtors
                ],
                "cases": [convert.case_json(c) for c in sorted(cases, key=lambda c: c.id)],
                "reminders": await self.list_reminders(owner),
                "conversations": [
                    {
                        "name": c.name,
                        "key": c.key,
                        "chat_id": c.chat_id,
                        "state": c.state,
                        "data": c.data,
                        "updated_at": c.updated_at,
                    }
                    for c in await self.list_conversations(owner)
                ],
            }
        )

    async def delete_user(self, owner: int) -> bool:
        """Delete the user row; the schema's ON DELETE CASCADE removes everything else
        (for /supprimer). True if there was a user to delete."""
        async with self.db.transaction() as s:
            result = await s.execute(sa.delete(User).where(col(User.user_id) == owner))
            return result.rowcount > 0
