"""The last day to act on a claim (DESIGN §4 rule 3, LAW §4).

Business: 5 years from the due date (L110-4 C. com.). Consumer: 2 years from completion of
the service (L218-2 C. conso.). Both restart from the debtor's latest acknowledgment (a
payment, a promise, a request for time or instalments, an agreed plan: art. 2240, 2231
C. civ.). Public buyers: the déchéance quadriennale (loi 68-1250), 31 December of the
year of the due date + 4, moved by any written claim or acknowledgment to 31 December of
its year + 4.
"""

from __future__ import annotations

from datetime import date

from bot.domain.calendar import add_years
from bot.domain.facts import Case, Channel, DebtorKind, ResponseKind

PRIVATE_YEARS = {DebtorKind.BUSINESS: 5, DebtorKind.CONSUMER: 2}
PUBLIC_YEARS = 4
ACKNOWLEDGING = frozenset(
    {ResponseKind.PROMISE, ResponseKind.PAYMENT_PLAN, ResponseKind.HARDSHIP}
)
WRITTEN = frozenset({Channel.EMAIL, Channel.LETTER, Channel.REGISTERED_LETTER})
PLAN_RESPONSES = frozenset({ResponseKind.PAYMENT_PLAN, ResponseKind.HARDSHIP})


def plan_agreed_on(case: Case) -> date:
    """When the plan was agreed: as given, else the latest payment-plan or hardship response
    dated on or before the first instalment, else the first instalment's date."""
    assert case.plan is not None and case.plan.installments
    if case.plan.agreed_on is not None:
        return case.plan.agreed_on
    first = min(i.date for i in case.plan.installments)
    asked = [r.date for r in case.responses if r.kind in PLAN_RESPONSES and r.date <= first]
    return max(asked, default=first)


def acknowledgments(case: Case, today: date) -> list[date]:
    """Dates the debtor acknowledged the debt, up to `today`, in order."""
    found = [p.date for p in case.payments]
    found += [r.date for r in case.responses if r.kind in ACKNOWLEDGING]
    if case.plan is not None and case.plan.installments:
        found.append(plan_agreed_on(case))
    return sorted(d for d in found if d <= today)


def limitation_start(case: Case) -> date:
    """When the period starts: the due date, or for a consumer the end of the service."""
    invoice = case.invoice
    if case.debtor.kind is DebtorKind.CONSUMER:
        return invoice.service_date or invoice.issue_date or invoice.due_date
    return invoice.due_date


def limitation_on(case: Case, today: date) -> date:
    """The last day to act (E): after it the claim is time-barred."""
    if case.debtor.kind is DebtorKind.PUBLIC:
        return _public_limitation(case, today)
    years = PRIVATE_YEARS[case.debtor.kind]
    start = limitation_start(case)
    end = add_years(start, years)
    for day in acknowledgments(case, today):
        if start < day <= end:  # an acknowledgment after the end revives nothing
            end = max(end, add_years(day, years))
    return end


def _public_limitation(case: Case, today: date) -> date:
    end = _end_of_fourth_year(case.invoice.due_date)
    claims = [c.date for c in case.contacts if c.channel in WRITTEN and c.date <= today]
    for day in sorted(claims + acknowledgments(case, today)):
        if day <= end:
            end = max(end, _end_of_fourth_year(day))
    return end


def _end_of_fourth_year(day: date) -> date:
    """31 December of the year of `day` + 4 (4 years from 1 January of the next year)."""
    return date(day.year + PUBLIC_YEARS, 12, 31)
