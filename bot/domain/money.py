"""What is legally owed (DESIGN §5): principal, late-payment interest, the 40 € indemnity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bot.domain.facts import Amounts, Case, DebtorKind, Payment
from bot.domain.rates import RateTable, semester_label, semester_of

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
DAYS_PER_YEAR = Decimal(365)
HUNDRED = Decimal(100)
INDEMNITY = Decimal("40.00")
B2B_MARGIN = Decimal(10)  # ECB + 10 points (art. L441-10 II C. com.)
PUBLIC_MARGIN = Decimal(8)  # ECB + 8 points (art. R2192-31 CCP)
MIN_RATE_FACTOR = Decimal(3)  # contractual rate floor: 3 x legal rate


def cents(value: Decimal) -> Decimal:
    """Round half-up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def paid_total(payments: Sequence[Payment], until: date | None = None) -> Decimal:
    return sum((p.amount for p in payments if until is None or p.date <= until), ZERO)


def balance(case: Case, until: date | None = None) -> Decimal:
    """Amount less the payments dated on or before `until` (all of them when None), ≥ 0."""
    return max(case.invoice.amount - paid_total(case.payments, until), ZERO)


def _semester_start(semester: tuple[int, int]) -> date:
    return date(semester[0], 1 if semester[1] == 1 else 7, 1)


def _next_semester_start(day: date) -> date:
    year, half = semester_of(day)
    return date(year, 7, 1) if half == 1 else date(year + 1, 1, 1)


# (semester) -> (annual rate in percent, provisional)
RateFn = Callable[[tuple[int, int]], tuple[Decimal, bool]]


def accrue(
    amount: Decimal,
    payments: Sequence[Payment],
    after: date,
    until: date,
    rate_for: RateFn,
) -> tuple[Decimal, set[tuple[int, int]]]:
    """Exact (unrounded) simple interest for each day d with after < d ≤ until.

    The balance of day d is `amount` less the payments dated before d (a payment dated p
    counts for the days after p). Daily rate = annual rate ÷ 365, in leap years too.
    Returns the interest and the semesters whose rate was provisional.
    """
    total = Decimal(0)
    provisional: set[tuple[int, int]] = set()
    if until <= after:
        return total, provisional
    changes = sorted(p.date + timedelta(days=1) for p in payments if after < p.date + timedelta(1))
    day = after + timedelta(days=1)
    while day <= until:
        end = min(_next_semester_start(day), until + timedelta(days=1))
        for change in changes:
            if day < change < end:
                end = change
                break
        owed = max(amount - sum((p.amount for p in payments if p.date < day), ZERO), ZERO)
        semester = semester_of(day)
        rate, is_provisional = rate_for(semester)
        if owed > 0:
            total += owed * rate * (end - day).days / HUNDRED / DAYS_PER_YEAR
            if is_provisional:
                provisional.add(semester)
        day = end
    return total, provisional


def _rate_fn(case: Case, rates: RateTable) -> tuple[RateFn, str]:
    """The annual rate by semester for this debtor, and its basis code."""
    kind = case.debtor.kind
    contractual = case.invoice.penalty_rate
    if kind is DebtorKind.CONSUMER:
        return (lambda s: _legal(rates, s)), "legal"
    if contractual is not None:
        return (lambda s: (contractual, False)), "contractual"
    margin = B2B_MARGIN if kind is DebtorKind.BUSINESS else PUBLIC_MARGIN
    basis = "ecb_plus_10" if kind is DebtorKind.BUSINESS else "ecb_plus_8"

    def ecb_plus(semester: tuple[int, int]) -> tuple[Decimal, bool]:
        found = rates.lookup_semester(semester)
        return found.rates.ecb + margin, found.provisional

    return ecb_plus, basis


def _legal(rates: RateTable, semester: tuple[int, int]) -> tuple[Decimal, bool]:
    found = rates.lookup_semester(semester)
    return found.rates.legal_other, found.provisional


def legal_rate_on(day: date, rates: RateTable) -> Decimal:
    """The legal interest rate, "autres cas", of `day`'s semester."""
    return rates.lookup(day).rates.legal_other


def penalty_rate_below_minimum(case: Case, today: date, rates: RateTable) -> bool:
    """A contractual rate under 3 x the legal rate (art. L441-10 II C. com.)."""
    rate = case.invoice.penalty_rate
    if rate is None or case.debtor.kind is DebtorKind.CONSUMER:
        return False
    return rate < MIN_RATE_FACTOR * legal_rate_on(today, rates)


def late_days(case: Case, today: date) -> int:
    """T − D while unpaid (0 before D); for a paid invoice, how late the last payment was."""
    due = case.invoice.due_date
    if balance(case, today) > 0:
        return max((today - due).days, 0)
    covering = _covering_payment_date(case)
    return max((covering - due).days, 0) if covering else 0


def _covering_payment_date(case: Case) -> date | None:
    """The date of the payment that brought the balance to zero."""
    paid = ZERO
    for payment in sorted(case.payments, key=lambda p: p.date):
        paid += payment.amount
        if paid >= case.invoice.amount:
            return payment.date
    return None


def compute_amounts(
    case: Case, today: date, rates: RateTable, formal_notice_on: date | None
) -> Amounts:
    """Principal, interest, indemnity and total on `today` (rounded once, at the end)."""
    due = case.invoice.due_date
    kind = case.debtor.kind
    payments = [p for p in case.payments if p.date <= today]
    principal = cents(balance(case, today))
    rate_for, basis = _rate_fn(case, rates)

    if kind is DebtorKind.CONSUMER:
        start = max(due, formal_notice_on) if formal_notice_on else None
    else:
        start = due
    if start is not None:
        raw, provisional_semesters = accrue(case.invoice.amount, payments, start, today, rate_for)
    else:
        raw, provisional_semesters = Decimal(0), set()
    interest = cents(raw)

    rate_today, today_provisional = rate_for(semester_of(today))
    if today_provisional:
        provisional_semesters.add(semester_of(today))

    was_late = today > due and (principal > 0 or late_days(case, today) > 0)
    indemnity = INDEMNITY if kind is not DebtorKind.CONSUMER and was_late else ZERO

    return Amounts(
        principal=principal,
        interest=interest,
        indemnity=indemnity,
        total=principal + interest + indemnity,
        annual_rate=cents(rate_today),
        provisional=bool(provisional_semesters),
        missing_semesters=tuple(semester_label(s) for s in sorted(provisional_semesters)),
        rate_basis=basis,
    )
