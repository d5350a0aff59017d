"""Building domain cases from stored rows: one query per child table, whatever the number
of cases and owners. Shared by the repositories (one owner) and the reminders sweep (a batch
of owners). Rows may be ORM objects or Core rows: only attributes are read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store import convert
from bot.store.convert import StoredCase
from bot.store.models import (
    ContactRow,
    Debtor,
    InsolvencyRow,
    InstallmentRow,
    PaymentRow,
    PlanRow,
    ResponseRow,
)


def table(model: Any) -> sa.Table:
    return model.__table__  # type: ignore[no-any-return]


async def _grouped(
    s: AsyncSession, model: Any, owners: Sequence[int], case_ids: Sequence[int]
) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    rows = await s.execute(
        sa.select(table(model)).where(
            table(model).c.owner.in_(owners), table(model).c.case_id.in_(case_ids)
        )
    )
    for row in rows:
        grouped[row.case_id].append(row)
    return grouped


async def build_cases(
    s: AsyncSession, owners: Sequence[int], rows: Sequence[Any]
) -> list[StoredCase]:
    """The cases of `rows` (case rows of `owners`) with all their facts, in the rows' order."""
    if not rows:
        return []
    owners = list(owners)
    ids = [r.id for r in rows if r.id is not None]
    debtor_table = table(Debtor)
    debtors = {
        d.id: d
        for d in await s.execute(
            sa.select(debtor_table).where(
                debtor_table.c.owner.in_(owners),
                debtor_table.c.id.in_(sorted({r.debtor_id for r in rows})),
            )
        )
    }
    contacts = await _grouped(s, ContactRow, owners, ids)
    responses = await _grouped(s, ResponseRow, owners, ids)
    payments = await _grouped(s, PaymentRow, owners, ids)
    insolvencies = {k: v[0] for k, v in (await _grouped(s, InsolvencyRow, owners, ids)).items()}
    plan_rows = [p for v in (await _grouped(s, PlanRow, owners, ids)).values() for p in v]
    plans = {p.id: p.case_id for p in plan_rows}
    agreed_on = {p.case_id: p.agreed_on for p in plan_rows}
    installments: dict[int, list[Any]] = {case_id: [] for case_id in plans.values()}
    if plans:
        items = table(InstallmentRow)
        for item in await s.execute(
            sa.select(items).where(items.c.owner.in_(owners), items.c.plan_id.in_(list(plans)))
        ):
            installments[plans[item.plan_id]].append(item)
    result = []
    for row in rows:
        assert row.id is not None
        case = convert.to_case(
            row,
            debtors[row.debtor_id],
            contacts=contacts.get(row.id, ()),
            responses=responses.get(row.id, ()),
            payments=payments.get(row.id, ()),
            installments=installments.get(row.id),
            plan_agreed_on=agreed_on.get(row.id),
            insolvency=insolvencies.get(row.id),
        )
        result.append(convert.stored_case(row, case))
    return result
