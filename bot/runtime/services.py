"""What the dialogs and the reminders use: the repositories, the clock, the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.config import Settings
from bot.domain.profile import Profile
from bot.outside.lookup import Outside
from bot.runtime.clock import Clock
from bot.store import Database, Repo, StoredCase, UserRecord


@dataclass(slots=True)
class Services:
    db: Database
    repo: Repo
    clock: Clock
    settings: Settings
    outside: Outside | None = None  # the company register and the BODACC, when wanted

    @classmethod
    def create(
        cls,
        db: Database,
        settings: Settings,
        clock: Clock | None = None,
        outside: Outside | None = None,
    ) -> Services:
        return cls(
            db=db,
            repo=Repo(db),
            clock=clock or Clock(settings.tz),
            settings=settings,
            outside=outside,
        )

    # --- dialog drafts: written before each reply, read back after a restart -------------

    async def save_draft(
        self,
        user_id: int,
        chat_id: int,
        flow: str,
        state: int,
        data: dict[str, Any],
        *,
        known_user: bool = False,
    ) -> None:
        await self.repo.save_conversation(
            user_id,
            flow,
            (chat_id, user_id),
            state,
            data,
            chat_id=chat_id,
            ensure_user=not known_user,
        )

    async def draft_data(self, user_id: int, chat_id: int, flow: str) -> dict[str, Any]:
        record = await self.repo.load_conversation(user_id, flow, (chat_id, user_id))
        return dict(record.data) if record is not None else {}

    async def drop_draft(self, user_id: int, chat_id: int, flow: str) -> None:
        await self.repo.delete_conversation(user_id, flow, (chat_id, user_id))

    # --- users and cases ---------------------------------------------------------------------

    async def ensure_user(self, user_id: int, chat_id: int) -> UserRecord:
        return await self.repo.upsert_user(user_id, chat_id)

    async def case(self, user_id: int, case_id: object) -> StoredCase | None:
        return await self.repo.get_case(user_id, case_id)

    async def open_cases(self, user_id: int) -> list[StoredCase]:
        return await self.repo.list_open_cases(user_id)

    async def profile(self, user_id: int) -> Profile | None:
        """The signature of the user's messages, or None when nothing is known."""
        user = await self.repo.get_user(user_id)
        if user is None:
            return None
        return profile_of(user)


def profile_of(user: UserRecord) -> Profile | None:
    fields = {
        "full_name": user.full_name,
        "business_name": user.business_name,
        "contact": user.contact,
        "iban": user.iban,
        "siret": user.siret,
        "address": user.address,
        "city": user.city,
        "email": user.email,
        "phone": user.phone,
    }
    if not any(fields.values()) and not user.vat_franchise:
        return None
    return Profile(**fields, vat_franchise=bool(user.vat_franchise))
