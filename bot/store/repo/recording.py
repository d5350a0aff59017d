"""Exactly-once recording: a fact is recorded once per originating message, however many
times Telegram delivers the update (see `bot.store.origin`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.store.models import RecordedUpdate
from bot.store.origin import current_origin, take_next_step
from bot.store.repo.base import dialect_insert
from bot.store.repo.conversations import end_conversation, write_conversation_data
from bot.store.types import utcnow

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Claim:
    """The current update's claim on recording one `kind` of fact (see `bot.store.origin`).
    `done`: the row an earlier delivery of the same update already recorded."""

    owner: int
    key: dict[str, Any] | None
    done: int | None = None

    async def settle(self, s: AsyncSession, row_id: int | None) -> None:
        """Remember the recorded row and write the dialog's next step, in the fact's
        transaction (see `bot.store.origin.NextStep`)."""
        step = take_next_step()
        if step is not None and step.owner == self.owner:
            if step.data is None:
                await end_conversation(s, step.owner, step.name, step.key)
            else:
                data = dict(step.data)
                if step.row_key is not None:
                    data[step.row_key] = row_id
                await write_conversation_data(s, step.owner, step.name, step.key, data)
        if self.key is not None:
            await s.execute(
                sa.update(RecordedUpdate)
                .where(*(getattr(RecordedUpdate, k) == v for k, v in self.key.items()))
                .values(row_id=row_id)
            )


async def claim(s: AsyncSession, owner: int, kind: str, case_id: int) -> Claim:
    """Claim (owner, chat, message, kind, case) for the current update; a concurrent
    transaction with the same claim waits on the key, then finds it taken."""
    origin = current_origin()
    if origin is None or origin.owner != owner:
        return Claim(owner, None)
    key = {
        "owner": owner,
        "chat_id": origin.chat_id,
        "message_id": origin.message_id,
        "kind": kind,
        "case_id": case_id,
    }
    inserted = await s.execute(
        dialect_insert(s, RecordedUpdate)
        .values(**key, created_at=utcnow())
        .on_conflict_do_nothing()
        .returning(col(RecordedUpdate.owner))
    )
    if inserted.first() is not None:
        return Claim(owner, key)
    done = await s.scalar(
        select(RecordedUpdate.row_id).where(
            *(getattr(RecordedUpdate, k) == v for k, v in key.items())
        )
    )
    log.info("update already recorded (%s for case %s): row %s kept", kind, case_id, done)
    return Claim(owner, None, done)
