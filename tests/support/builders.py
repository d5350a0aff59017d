"""Case builders for every test: dates and amounts as text, facts as short tuples.

make_case(amount="2400.00", due="2026-06-30", number="F-17",
          payments=[("2026-07-10", "400.00")],
          contacts=[("2026-07-05", "friendly_reminder")],          # + channel, deadline
          responses=[("2026-07-06", "promise", "2026-07-20", "bientôt")],
          plan=[("2026-08-01", "1000")], insolvency=("safeguard", "2026-09-01"))
"""

from __future__ import annotations

from collections.abc import Sequence
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


def _day(text: str | None) -> date | None:
    return d(text) if text is not None else None


def make_case(
    *,
    debtor: str = "Client SARL",
    kind: str = "business",
    amount: str = "1000.00",
    due: str = "2026-03-16",
    number: str | None = "F-1",
    issued: str | None = None,
    rate: str | None = None,
    payments: Sequence[tuple[str, str]] = (),
    contacts: Sequence[tuple[str, ...]] = (),
    responses: Sequence[tuple[str | None, ...]] = (),
    plan: Sequence[tuple[str, str]] | None = None,
    insolvency: tuple[str, str] | None = None,
) -> Case:
    """A case of `debtor` (a `kind` of client) for one invoice, with its facts:
    contacts (day, step[, channel[, deadline]]) — the channel is the phone for a call, else
    e-mail; responses (day, kind[, promised day[, note]])."""
    return Case(
        debtor=Debtor(debtor, DebtorKind(kind)),
        invoice=Invoice(
            amount=Decimal(amount),
            due_date=d(due),
            number=number,
            issue_date=_day(issued),
            penalty_rate=Decimal(rate) if rate is not None else None,
        ),
        payments=tuple(Payment(d(p), Decimal(a)) for p, a in payments),
        contacts=tuple(_contact(*c) for c in contacts),
        responses=tuple(_response(*r) for r in responses),  # type: ignore[arg-type]
        plan=Plan(tuple(Installment(d(p), Decimal(a)) for p, a in plan)) if plan else None,
        insolvency=Insolvency(InsolvencyKind(insolvency[0]), d(insolvency[1]))
        if insolvency
        else None,
    )


def _contact(
    day: str, step: str, channel: str | None = None, deadline: str | None = None
) -> Contact:
    if channel is None:
        channel = Channel.PHONE if step == "call" else Channel.EMAIL
    return Contact(d(day), Step(step), Channel(channel), _day(deadline))


def _response(
    day: str, kind: str, promised: str | None = None, note: str | None = None
) -> Response:
    return Response(d(day), ResponseKind(kind), _day(promised), note)
