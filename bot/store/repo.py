"""Repositories: every call takes the owner's Telegram user id first and only ever reads,
changes or deletes that owner's rows. A case id from outside (callback data, CLI) is checked
against its owner: someone else's id, an unknown id or garbage all look the same — `None`
or `False` (or `NotFound` from `require_case`).

Each write runs in its own transaction, committed before the call returns: a write reported
as done survives a crash.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from bot.domain.facts import Case, Contact, DebtorKind, Insolvency, Payment, Plan, Response
from bot.store import convert
from bot.store.convert import ConversationRecord, StoredCase, UserRecord
from bot.store.engine import Database
from bot.store.loading import build_cases
from bot.store.models import (
    CASE_STATUSES,
    CaseRow,
    ConversationState,
    Debtor,
    InsolvencyRow,
    PlanRow,
    RecordedUpdate,
    ReminderLog,
    User,
)
from bot.store.origin import current_origin
from bot.store.types import utcnow

PROFILE_FIELDS = frozenset(
    {"full_name", "business_name", "contact", "iban", "siret", "tz", "reminder_hour",
     "signature_asked", "address", "city", "email", "phone", "vat_franchise"}
)  # fmt: skip
CASE_FIELDS = frozenset(
    {"debtor_name", "debtor_kind", "invoice_number", "amount", "issue_date", "due_date",
     "service_date", "penalty_rate"}
)  # fmt: skip
CLOSED_STATUSES = frozenset(CASE_STATUSES) - {"open"}
_MAX_ID = 2**31 - 1
log = logging.getLogger(__name__)


class NotFound(LookupError):
    """No such case for this owner (unknown, someone else's, or not an id at all)."""


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


def conversation_key(key: str | int | Sequence[int | str]) -> str:
    """PTB conversation keys are tuples such as (chat_id, user_id): stored as "chat:user"."""
    if isinstance(key, str):
        return key
    if isinstance(key, int):
        return str(key)
    return ":".join(str(part) for part in key)


def _insert(session: AsyncSession, table: Any) -> Any:
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table)


class Repo:
    """The owner-scoped repositories over one `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- users -----------------------------------------------------------------------------

    async def upsert_user(self, owner: int, chat_id: int | None = None) -> UserRecord:
        """Create the user on first contact; update the chat id if it changed."""
        async with self.db.transaction() as s:
            await _ensure_user(s, owner, chat_id)
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
        unknown = set(fields) - PROFILE_FIELDS
        if unknown:
            raise ValueError(f"not profile fields: {', '.join(sorted(unknown))}")
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
            await _ensure_user(s, owner, chat_id)
            await s.execute(
                sa.update(User)
                .where(col(User.user_id) == owner)
                .values(user_data=convert.jsonable(data), updated_at=utcnow())
            )

    # --- cases -----------------------------------------------------------------------------

    async def create_case(
        self, owner: int, case: Case, *, chat_id: int | None = None, status: str = "open"
    ) -> int:
        """Store a case and all its facts; creates the user and the debtor if needed."""
        if status not in CASE_STATUSES:
            raise ValueError(f"unknown case status {status!r}")
        async with self.db.transaction() as s:
            await _ensure_user(s, owner, chat_id)
            claim = await _claim(s, owner, "case", 0)
            if claim.done is not None:
                return claim.done
            debtor_id = await _debtor_id(s, owner, case.debtor.name, case.debtor.kind)
            await _update_debtor(s, debtor_id, convert.debtor_details(case.debtor))
            now = utcnow()
            row = CaseRow(
                owner=owner,
                debtor_id=debtor_id,
                status=status,
                created_at=now,
                updated_at=now,
                closed_at=None if status == "open" else now,
                **convert.case_columns(case),
            )
            s.add(row)
            await s.flush()
            assert row.id is not None
            s.add_all(convert.contact_row(owner, row.id, c) for c in case.contacts)
            s.add_all(convert.response_row(owner, row.id, r) for r in case.responses)
            s.add_all(convert.payment_row(owner, row.id, p) for p in case.payments)
            if case.plan is not None:
                await _write_plan(s, owner, row.id, case.plan)
            if case.insolvency is not None:
                s.add(convert.insolvency_row(owner, row.id, case.insolvency))
            await claim.settle(s, row.id)
            return row.id

    async def get_case(self, owner: int, case_id: object) -> StoredCase | None:
        """The case with its facts, or None if `case_id` is not one of this owner's cases."""
        cid = case_id_of(case_id)
        if cid is None:
            return None
        async with self.db.sessions() as s:
            rows = (
                (
                    await s.execute(
                        select(CaseRow).where(col(CaseRow.owner) == owner, col(CaseRow.id) == cid)
                    )
                )
                .scalars()
                .all()
            )
            loaded = await _load_cases(s, owner, rows)
            return loaded[0] if loaded else None

    async def require_case(self, owner: int, case_id: object) -> StoredCase:
        """Like `get_case`, but raises `NotFound`."""
        stored = await self.get_case(owner, case_id)
        if stored is None:
            raise NotFound(f"no case {case_id!r} for this user")
        return stored

    async def list_cases(
        self, owner: int, statuses: Iterable[str] | None = None
    ) -> list[StoredCase]:
        """This owner's cases (all, or those with the given statuses), oldest due first."""
        query = select(CaseRow).where(col(CaseRow.owner) == owner)
        if statuses is not None:
            query = query.where(col(CaseRow.status).in_(list(statuses)))
        query = query.order_by(col(CaseRow.due_date), col(CaseRow.id))
        async with self.db.sessions() as s:
            rows = (await s.execute(query)).scalars().all()
            return await _load_cases(s, owner, rows)

    async def list_open_cases(self, owner: int) -> list[StoredCase]:
        return await self.list_cases(owner, ("open",))

    async def add_contact(self, owner: int, case_id: object, contact: Contact) -> int | None:
        """Record what the user did; the new row's id, or None if not this owner's case."""
        return await self._add_child(
            owner, case_id, "contact", lambda cid: convert.contact_row(owner, cid, contact)
        )

    async def add_response(self, owner: int, case_id: object, response: Response) -> int | None:
        return await self._add_child(
            owner, case_id, "response", lambda cid: convert.response_row(owner, cid, response)
        )

    async def add_payment(self, owner: int, case_id: object, payment: Payment) -> int | None:
        return await self._add_child(
            owner, case_id, "payment", lambda cid: convert.payment_row(owner, cid, payment)
        )

    async def set_plan(self, owner: int, case_id: object, plan: Plan | None) -> bool:
        """Replace the case's instalment plan (None removes it)."""
        async with self.db.transaction() as s:
            row = await _owned_case(s, owner, case_id)
            if row is None:
                return False
            assert row.id is not None
            await s.execute(
                sa.delete(PlanRow).where(
                    col(PlanRow.owner) == owner, col(PlanRow.case_id) == row.id
                )
            )
            if plan is not None:
                await _write_plan(s, owner, row.id, plan)
            row.updated_at = utcnow()
            return True

    async def set_insolvency(
        self, owner: int, case_id: object, insolvency: Insolvency | None
    ) -> bool:
        """Record (or with None, remove) the debtor's insolvency proceedings for this case."""
        async with self.db.transaction() as s:
            row = await _owned_case(s, owner, case_id)
            if row is None:
                return False
            assert row.id is not None
            await s.execute(
                sa.delete(InsolvencyRow).where(
                    col(InsolvencyRow.owner) == owner, col(InsolvencyRow.case_id) == row.id
                )
            )
            if insolvency is not None:
                s.add(convert.insolvency_row(owner, row.id, insolvency))
            row.updated_at = utcnow()
            return True

    async def update_case_fields(self, owner: int, case_id: object, /, **fields: Any) -> bool:
        """Correct the invoice or debtor: debtor_name, debtor_kind, invoice_number, amount,
        issue_date, due_date, penalty_rate. False if not this owner's case."""
        unknown = set(fields) - CASE_FIELDS
        if unknown:
            raise ValueError(f"not case fields: {', '.join(sorted(unknown))}")
        async with self.db.transaction() as s:
            row = await _owned_case(s, owner, case_id)
            if row is None:
                return False
            if "debtor_name" in fields or "debtor_kind" in fields:
                debtor = await s.get_one(Debtor, row.debtor_id)
                name = fields.pop("debtor_name", debtor.name)
                kind = fields.pop("debtor_kind", debtor.kind)
                row.debtor_id = await _debtor_id(s, owner, name, kind)
                if row.debtor_id != debtor.id:  # a corrected name or kind keeps the details
                    target = await s.get_one(Debtor, row.debtor_id)
                    for detail in convert.DEBTOR_DETAILS:
                        if getattr(target, detail) is None:
                            setattr(target, detail, getattr(debtor, detail))
            for name, value in fields.items():
                if name == "amount" and value is not None:
                    value = Decimal(value)
                setattr(row, name, value)
            row.updated_at = utcnow()
            return True

    async def update_debtor_details(self, owner: int, case_id: object, /, **fields: Any) -> bool:
        """Keep the client's identity and contact details (siren, address, contact_name,
        civility, email, phone) on the case's client, for its next invoices too."""
        unknown = set(fields) - set(convert.DEBTOR_DETAILS)
        if unknown:
            raise ValueError(f"not debtor details: {', '.join(sorted(unknown))}")
        async with self.db.transaction() as s:
            row = await _owned_case(s, owner, case_id)
            if row is None:
                return False
            await _update_debtor(s, row.debtor_id, fields)
            row.updated_at = utcnow()
            return True

    async def close_case(self, owner: int, case_id: object, status: str = "closed") -> bool:
        """Mark the case paid, closed or abandoned (reminders never mention it again)."""
        if status not in CLOSED_STATUSES:
            raise ValueError(f"close status must be one of {sorted(CLOSED_STATUSES)}")
        return await self._set_status(owner, case_id, status)

    async def reopen_case(self, owner: int, case_id: object) -> bool:
        return await self._set_status(owner, case_id, "open")

    async def delete_case(self, owner: int, case_id: object) -> bool:
        """Delete the case and everything recorded about it."""
        cid = case_id_of(case_id)
        if cid is None:
            return False
        async with self.db.transaction() as s:
            result = await s.execute(
                sa.delete(CaseRow).where(col(CaseRow.owner) == owner, col(CaseRow.id) == cid)
            )
            return result.rowcount > 0

    # --- dialog state ------------------------------------------------------------------------

    async def save_conversation(
        self,
        owner: int,
        name: str,
        key: str | int | Sequence[int | str],
        state: Any,
        data: dict[str, Any] | None = None,
        *,
        chat_id: int | None = None,
        ensure_user: bool = True,
    ) -> None:
        """Remember where dialog `name` stands (state: any JSON value, data: its draft).
        `ensure_user=False` skips creating the user row when the caller knows it exists."""
        key = conversation_key(key)
        values = {
            "owner": owner,
            "name": name,
            "key": key,
            "chat_id": chat_id,
            "state": convert.jsonable(state),
            "data": convert.jsonable(data or {}),
            "updated_at": utcnow(),
        }
        async with self.db.transaction() as s:
            if ensure_user:
                await _ensure_user(s, owner, chat_id)
            stmt = _insert(s, ConversationState).values(**values)
            stmt = stmt.on_conflict_do_update(
                index_elements=["owner", "name", "key"],
                set_={k: stmt.excluded[k] for k in ("chat_id", "state", "data", "updated_at")},
            )
            await s.execute(stmt)

    async def load_conversation(
        self, owner: int, name: str, key: str | int | Sequence[int | str]
    ) -> ConversationRecord | None:
        async with self.db.sessions() as s:
            row = await s.scalar(
                select(ConversationState).where(
                    col(ConversationState.owner) == owner,
                    col(ConversationState.name) == name,
                    col(ConversationState.key) == conversation_key(key),
                )
            )
            return convert.conversation_record(row) if row is not None else None

    async def list_conversations(self, owner: int) -> list[ConversationRecord]:
        async with self.db.sessions() as s:
            rows = (
                await s.execute(
                    select(ConversationState)
                    .where(col(ConversationState.owner) == owner)
                    .order_by(col(ConversationState.name), col(ConversationState.key))
                )
            ).scalars()
            return [convert.conversation_record(r) for r in rows]

    async def delete_conversation(
        self, owner: int, name: str, key: str | int | Sequence[int | str]
    ) -> bool:
        async with self.db.transaction() as s:
            result = await s.execute(
                sa.delete(ConversationState).where(
                    col(ConversationState.owner) == owner,
                    col(ConversationState.name) == name,
                    col(ConversationState.key) == conversation_key(key),
                )
            )
            return result.rowcount > 0

    # --- reminder log ------------------------------------------------------------------------

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
            if cid is not None and await _owned_case(s, owner, cid, lock=False) is None:
                return None
            stmt = (
                _insert(s, ReminderLog)
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

    # --- your data ---------------------------------------------------------------------------

    async def export_user(self, owner: int) -> dict[str, Any]:
        """Everything stored about this user, as JSON-able data (for /mesdonnees)."""
        from bot.store.export import export_user

        return await export_user(self, owner)

    async def delete_user(self, owner: int) -> bool:
        """Delete the user and everything they have (for /supprimer)."""
        from bot.store.export import delete_user

        return await delete_user(self.db, owner)

    # --- helpers -----------------------------------------------------------------------------

    async def _add_child(self, owner: int, case_id: object, kind: str, make: Any) -> int | None:
        async with self.db.transaction() as s:
            row = await _owned_case(s, owner, case_id)
            if row is None:
                return None
            assert row.id is not None
            claim = await _claim(s, owner, kind, row.id)
            if claim.done is not None:
                return claim.done
            child = make(row.id)
            s.add(child)
            row.updated_at = utcnow()
            await s.flush()
            await claim.settle(s, child.id)
            return child.id

    async def _set_status(self, owner: int, case_id: object, status: str) -> bool:
        async with self.db.transaction() as s:
            row = await _owned_case(s, owner, case_id)
            if row is None:
                return False
            now = utcnow()
            row.status = status
            row.closed_at = None if status == "open" else now
            row.updated_at = now
            return True


# --- session-level helpers (shared with export.py) ---------------------------------------------


@dataclass(slots=True)
class _Claim:
    """The current update's claim on recording one `kind` of fact (see `bot.store.origin`).
    `done`: the row an earlier delivery of the same update already recorded."""

    key: dict[str, Any] | None
    done: int | None = None

    async def settle(self, s: AsyncSession, row_id: int | None) -> None:
        """Remember the recorded row, in the fact's transaction."""
        if self.key is not None:
            await s.execute(
                sa.update(RecordedUpdate)
                .where(*(getattr(RecordedUpdate, k) == v for k, v in self.key.items()))
                .values(row_id=row_id)
            )


async def _claim(s: AsyncSession, owner: int, kind: str, case_id: int) -> _Claim:
    """Claim (owner, chat, message, kind, case) for the current update; a concurrent
    transaction with the same claim waits on the key, then finds it taken."""
    origin = current_origin()
    if origin is None or origin.owner != owner:
        return _Claim(None)
    key = {
        "owner": owner,
        "chat_id": origin.chat_id,
        "message_id": origin.message_id,
        "kind": kind,
        "case_id": case_id,
    }
    inserted = await s.execute(
        _insert(s, RecordedUpdate)
        .values(**key, created_at=utcnow())
        .on_conflict_do_nothing()
        .returning(col(RecordedUpdate.owner))
    )
    if inserted.first() is not None:
        return _Claim(key)
    done = await s.scalar(
        select(RecordedUpdate.row_id).where(
            *(getattr(RecordedUpdate, k) == v for k, v in key.items())
        )
    )
    log.info("update already recorded (%s for case %s): row %s kept", kind, case_id, done)
    return _Claim(None, done)


async def _ensure_user(s: AsyncSession, owner: int, chat_id: int | None) -> None:
    now = utcnow()
    stmt = (
        _insert(s, User)
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


async def _debtor_id(s: AsyncSession, owner: int, name: str, kind: str | DebtorKind) -> int:
    kind = DebtorKind(kind).value
    name = name.strip()
    query = select(Debtor.id).where(
        col(Debtor.owner) == owner, col(Debtor.name) == name, col(Debtor.kind) == kind
    )
    found = await s.scalar(query)
    if found is not None:
        return found
    row = Debtor(owner=owner, name=name, kind=kind)
    s.add(row)
    await s.flush()
    assert row.id is not None
    return row.id


async def _update_debtor(s: AsyncSession, debtor_id: int, fields: dict[str, Any]) -> None:
    if fields:
        debtor = await s.get_one(Debtor, debtor_id)
        for name, value in fields.items():
            setattr(debtor, name, value)


async def _owned_case(
    s: AsyncSession, owner: int, case_id: object, *, lock: bool = True
) -> CaseRow | None:
    cid = case_id_of(case_id)
    if cid is None:
        return None
    query = select(CaseRow).where(col(CaseRow.owner) == owner, col(CaseRow.id) == cid)
    if lock:
        query = query.with_for_update()
    return await s.scalar(query)


async def _write_plan(s: AsyncSession, owner: int, case_id: int, plan: Plan) -> None:
    plan_row = PlanRow(owner=owner, case_id=case_id, agreed_on=plan.agreed_on)
    s.add(plan_row)
    await s.flush()
    assert plan_row.id is not None
    s.add_all(convert.installment_rows(owner, plan_row.id, plan))


async def _load_cases(s: AsyncSession, owner: int, rows: Sequence[CaseRow]) -> list[StoredCase]:
    """Cases with all their facts: one query per child table, whatever the number of cases."""
    return await build_cases(s, [owner], rows)


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


async def all_conversations(db: Database, name: str) -> list[ConversationRecord]:
    """Every user's saved state of dialog `name` — for a PTB persistence loading at start
    (not owner-scoped on purpose: it is the bot restoring itself, never a user's request)."""
    async with db.sessions() as s:
        rows = (
            await s.execute(select(ConversationState).where(col(ConversationState.name) == name))
        ).scalars()
        return [convert.conversation_record(r) for r in rows]
