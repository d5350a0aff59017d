"""What is legally owed (DESIGN §5): principal, late-payment interest, the 40 € indemnity.

Interest accrues day by day; the days split into periods (same balance, same annual rate),
each period is rounded half-up to the cent and the interest is their sum.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bot.domain.facts import Amounts, Case, DebtorKind, InterestPeriod, Payment
from bot.domain.rates import RateTable, semester_label, semester_of

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
DAYS_PER_YEAR = Decimal(365)
HUNDRED = Decimal(100)
INDEMNITY = Decimal("40.00")
B2B_MARGIN = Decimal(10)  # ECB + 10 points (art. L441-10 II C. com.)
PUBLIC_MARGIN = Decimal(8)  # ECB + 8 points (art. R2192-31 CCP)
MIN_RATE_FACTOR = Decimal(3)  # contractual rate floor: 3 x legal rate
ONE_DAY = timedelta(days=1)


def cents(value: Decimal) -> Decimal:
    """Round half-up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def paid_total(payments: Sequence[Payment], until: date | None = None) -> Decimal:
    return sum((p.amount for p in payments if until is None or p.date <= until), ZERO)


def balance(case: Case, until: date | None = None) -> Decimal:
    """Amount less the payments dated on or before `until` (all of them when None), ≥ 0."""
    return max(case.invoice.amount - paid_total(case.payments, until), ZERO)


@dataclass(frozen=True, slots=True)
class DayRate:
    """The annual rate of one semester for this debtor, and how it was found."""

    rate: Decimal
    semester: tuple[int, int]  # the semester the rate was read for
    provisional: bool  # that semester is missing from the table
    floor: bool = False  # a contractual rate raised to 3 x the legal rate


RateFn = Callable[[tuple[int, int]], DayRate]


def _next_semester_start(day: date) -> date:
    year, half = semester_of(day)
    return date(year, 7, 1) if half == 1 else date(year + 1, 1, 1)


def accrual_periods(
    amount: Decimal,
    payments: Sequence[Payment],
    after: date,
    until: date,
    rate_for: RateFn,
) -> tuple[list[InterestPeriod], set[tuple[int, int]]]:
    """Interest periods for the days d with after < d ≤ until, and the provisional semesters.

    The balance of day d is `amount` less the payments dated before d (a payment dated p
    counts for the days after p). Daily rate = annual rate ÷ 365, in leap years too.
    """
    periods: list[InterestPeriod] = []
    provisional: set[tuple[int, int]] = set()
    changes = sorted({p.date + ONE_DAY for p in payments if p.date + ONE_DAY > after})
    day = after + ONE_DAY
    while day <= until:
        end = min(_next_semester_start(day), until + ONE_DAY)
        end = min((c for c in changes if day < c < end), default=end)
        owed = max(amount - sum((p.amount for p in payments if p.date < day), ZERO), ZERO)
        found = rate_for(semester_of(day))
        if owed > 0:
            if found.provisional:
                provisional.add(found.semester)
            last = periods[-1] if periods else None
            if last and last.end + ONE_DAY == day and (last.base, last.rate) == (owed, found.rate):
                periods[-1] = _period(last.start, end - ONE_DAY, owed, found.rate)
            else:
                periods.append(_period(day, end - ONE_DAY, owed, found.rate))
        day = end
    return periods, provisional


def _period(start: date, end: date, base: Decimal, rate: Decimal) -> InterestPeriod:
    days = (end - start).days + 1
    interest = cents(base * rate * days / HUNDRED / DAYS_PER_YEAR)
    return InterestPeriod(start, end, base, rate, interest)


def _rate_fn(case: Case, rates: RateTable) -> tuple[RateFn, str]:
    """The annual rate by semester for this debtor, and its basis code."""
    kind = case.debtor.kind
    if kind is DebtorKind.CONSUMER:
        return (lambda s: _legal(rates, s)), "legal"
    if kind is DebtorKind.PUBLIC:
        # One rate for the whole delay: the semester of the first day of interest (R2192-31).
        found = rates.lookup(case.invoice.due_date + ONE_DAY)
        fixed = DayRate(found.rates.ecb + PUBLIC_MARGIN, found.semester, found.provisional)
        return (lambda s: fixed), "ecb_plus_8"
    contractual = case.invoice.penalty_rate
    if contractual is not None:
        return (lambda s: _contractual(rates, s, contractual)), "contractual"

    def ecb_plus_10(semester: tuple[int, int]) -> DayRate:
        found = rates.lookup_semester(semester)
        return DayRate(found.rates.ecb + B2B_MARGIN, semester, found.provisional)

    return ecb_plus_10, "ecb_plus_10"


def _legal(rates: RateTable, semester: tuple[int, int]) -> DayRate:
    found = rates.lookup_semester(semester)
    return DayRate(found.rates.legal_other, semester, found.provisional)


def _contractual(rates: RateTable, semester: tuple[int, int], agreed: Decimal) -> DayRate:
    """The agreed rate, never below 3 x the legal rate of the semester (L441-10 II)."""
    found = rates.lookup_semester(semester)
    floor = MIN_RATE_FACTOR * found.rates.legal_other
    if agreed < floor:
        return DayRate(floor, semester, found.provisional, floor=True)
    return DayRate(agreed, semester, False)


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


def _accrual_window(
    case: Case, today: date, formal_notice_on: date | None
) -> tuple[date, date] | None:
    """(after, until): interest runs on the days after `after` up to `until`, or None."""
    due = case.invoice.due_date
    if case.debtor.kind is DebtorKind.CONSUMER:
        if formal_notice_on is None:
            return None
        after = max(due, formal_notice_on)
    else:
        after = due
    until = today
    if case.insolvency is not None and case.insolvency.published_on <= today:
        # The opening judgment stops all interest (L622-28 C. com.): days before it only.
        until = min(until, case.insolvency.judgment_on - ONE_DAY)
    return (after, until) if until > after else None


def indemnity_due(case: Case, today: date, principal: Decimal) -> bool:
    """The 40 € (business, public), once a day late, unless insolvency prevented payment."""
    if case.debtor.kind is DebtorKind.CONSUMER:
        return False
    due = case.invoice.due_date
    insolvency = case.insolvency
    if insolvency is not None and insolvency.published_on <= today and (
        insolvency.judgment_on <= due
    ):
        return False
    return today > due and (principal > 0 or late_days(case, today) > 0)


def compute_amounts(
    case: Case, today: date, rates: RateTable, formal_notice_on: date | None
) -> Amounts:
    """Principal, interest (by period), indemnity and total on `today`."""
    payments = [p for p in case.payments if p.date <= today]
    principal = cents(balance(case, today))
    rate_for, basis = _rate_fn(case, rates)

    window = _accrual_window(case, today, formal_notice_on)
    periods: list[InterestPeriod] = []
    provisional_semesters: set[tuple[int, int]] = set()
    if window is not None:
        periods, provisional_semesters = accrual_periods(
            case.invoice.amount, payments, window[0], window[1], rate_for
        )
    gross_interest = sum((p.interest for p in periods), ZERO)

    rate_today = rate_for(semester_of(today))
    if rate_today.provisional:
        provisional_semesters.add(rate_today.semester)
    if rate_today.floor:
        basis = "floor"

    # Money paid beyond the principal reduces the interest, then the indemnity (§5).
    overpaid = max(paid_total(payments) - case.invoice.amount, ZERO)
    interest = max(gross_interest - overpaid, ZERO)
    left = max(overpaid - gross_interest, ZERO)
    indemnity = INDEMNITY if indemnity_due(case, today, principal) else ZERO
    indemnity = max(indemnity - left, ZERO)

    return Amounts(
        principal=principal,
        interest=interest,
        indemnity=indemnity,
        total=principal + interest + indemnity,
        annual_rate=cents(rate_today.rate),
        provisional=bool(provisional_semesters),
        missing_semesters=tuple(semester_label(s) for s in sorted(provisional_semesters)),
        rate_basis=basis,
        periods=tuple(periods),
        overpaid=cents(overpaid),
    )


def penalty_rate_below_minimum(case: Case, today: date, rates: RateTable) -> bool:
    """A contractual rate under 3 x the legal rate on today or a day of interest (L441-10 II)."""
    agreed = case.invoice.penalty_rate
    if agreed is None or case.debtor.kind is not DebtorKind.BUSINESS:
        return False
    due = case.invoice.due_date
    semesters = {semester_of(today)}
    day = due + ONE_DAY
    while day <= today:
        semesters.add(semester_of(day))
        day = _next_semester_start(day)
    return any(_contractual(rates, s, agreed).floor for s in semesters)
