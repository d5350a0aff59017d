"""Cases and everything recorded on them (contacts, responses, payments, plan, insolvency),
and their debtors. A fact recorded from a Telegram message is recorded once (`recording`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from bot.domain.facts import Case, Contact, DebtorKind, Insolvency, Payment, Plan, Response
from bot.store import convert
from bot.store.convert import StoredCase
from bot.store.loading import build_cases
from bot.store.models import CASE_STATUSES, CaseRow, Debtor, InsolvencyRow, PlanRow
from bot.store.repo import recording
from bot.store.repo.base import NotFound, RepoBase, case_id_of, owned_case, reject_unknown
from bot.store.repo.users import ensure_user
from bot.store.types import utcnow

CASE_FIELDS = frozenset(
    {"debtor_name", "debtor_kind", "invoice_number", "amount", "issue_date", "due_date",
     "service_date", "penalty_rate"}
)  # fmt: skip
CLOSED_STATUSES = frozenset(CASE_STATUSES) - {"open"}


class CaseRepo(RepoBase):
    """Cases, owner-scoped: someone else's case id looks like an unknown one."""

    async def create_case(
        self, owner: int, case: Case, *, chat_id: int | None = None, status: str = "open"
    ) -> int:
        """Store a case and all its facts; creates the user and the debtor if needed."""
        if status not in CASE_STATUSES:
            raise ValueError(f"unknown case status {status!r}")
        async with self.db.transaction() as s:
            await ensure_user(s, owner, chat_id)
            claim = await recording.claim(s, owner, "case", 0)
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

        async def write(s: AsyncSession, case_id: int) -> None:
            if plan is not None:
                await _write_plan(s, owner, case_id, plan)

        return await self._replace_child(owner, case_id, PlanRow, write)

    async def set_insolvency(
        self, owner: int, case_id: object, insolvency: Insolvency | None
    ) -> bool:
        """Record (or with None, remove) the debtor's insolvency proceedings for this case."""

        async def write(s: AsyncSession, case_id: int) -> None:
            if insolvency is not None:
                s.add(convert.insolvency_row(owner, case_id, insolvency))

        return await self._replace_child(owner, case_id, InsolvencyRow, write)

    async def update_case_fields(self, owner: int, case_id: object, /, **fields: Any) -> bool:
        """Correct the invoice or debtor: debtor_name, debtor_kind, invoice_number, amount,
        issue_date, due_date, penalty_rate. False if not this owner's case."""
        reject_unknown(fields, CASE_FIELDS, "case fields")
        async with self.db.transaction() as s:
            row = await owned_case(s, owner, case_id)
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
        reject_unknown(fields, convert.DEBTOR_DETAILS, "debtor details")
        async with self.db.transaction() as s:
            row = await owned_case(s, owner, case_id)
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

    # --- helpers -----------------------------------------------------------------------------

    async def _add_child(self, owner: int, case_id: object, kind: str, make: Any) -> int | None:
        async with self.db.transaction() as s:
            row = await owned_case(s, owner, case_id)
            if row is None:
                return None
            assert row.id is not None
            claim = await recording.claim(s, owner, kind, row.id)
            if claim.done is not None:
                return claim.done
            child = make(row.id)
            s.add(child)
            row.updated_at = utcnow()
            await s.flush()
            await claim.settle(s, child.id)
            return child.id

    async def _replace_child(
        self,
        owner: int,
        case_id: object,
        table: type[SQLModel],
        write: Callable[[AsyncSession, int], Any],
    ) -> bool:
        """Delete the case's rows of `table`, then `write(session, case_id)` the new ones."""
        async with self.db.transaction() as s:
            row = await owned_case(s, owner, case_id)
            if row is None:
                return False
            assert row.id is not None
            await s.execute(
                sa.delete(table).where(
                    col(table.owner) == owner,  # type: ignore[attr-defined]
                    col(table.case_id) == row.id,  # type: ignore[attr-defined]
                )
            )
            await write(s, row.id)
            row.updated_at = utcnow()
            return True

    async def _set_status(self, owner: int, case_id: object, status: str) -> bool:
        async with self.db.transaction() as s:
            row = await owned_case(s, owner, case_id)
            if row is None:
                return False
            now = utcnow()
            row.status = status
            row.closed_at = None if status == "open" else now
            row.updated_at = now
            return True


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


async def _write_plan(s: AsyncSession, owner: int, case_id: int, plan: Plan) -> None:
    plan_row = PlanRow(owner=owner, case_id=case_id, agreed_on=plan.agreed_on)
    s.add(plan_row)
    await s.flush()
    assert plan_row.id is not None
    s.add_all(convert.installment_rows(owner, plan_row.id, plan))


async def _load_cases(s: AsyncSession, owner: int, rows: Sequence[CaseRow]) -> list[StoredCase]:
    """Cases with all their facts: one query per child table, whatever the number of cases."""
    return await build_cases(s, [owner], rows)
