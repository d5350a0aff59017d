"""Small builders for engine tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Installment,
    Invoice,
    Payment,
    Plan,
    Response,
    ResponseKind,
    Step,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def make_case(
    *,
    kind: str = "business",
    amount: str = "1000.00",
    due: str = "2026-03-16",
    rate: str | None = None,
    payments: list[tuple[str, str]] = (),  # type: ignore[assignment]
    contacts: list[tuple[str, str]] = (),  # type: ignore[assignment]
    responses: list[tuple[str, str] | tuple[str, str, str]] = (),  # type: ignore[assignment]
    plan: list[tuple[str, str]] | None = None,
    insolvency: tuple[str, str] | None = None,
) -> Case:
    return Case(
        debtor=Debtor("Client SARL", DebtorKind(kind)),
        invoice=Invoice(
            amount=Decimal(amount),
            due_date=d(due),
            number="F-1",
            penalty_rate=Decimal(rate) if rate is not None else None,
        ),
        payments=tuple(Payment(d(p), Decimal(a)) for p, a in payments),
        contacts=tuple(
            Contact(d(day), Step(step), Channel.PHONE if step == "call" else Channel.EMAIL)
            for day, step in contacts
        ),
        responses=tuple(
            Response(d(r[0]), ResponseKind(r[1]), d(r[2]) if len(r) > 2 else None)
            for r in responses
        ),
        plan=Plan(tuple(Installment(d(p), Decimal(a)) for p, a in plan)) if plan else None,
        insolvency=Insolvency(InsolvencyKind(insolvency[0]), d(insolvency[1]))
        if insolvency
        else None,
    )
