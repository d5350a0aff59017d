"""Where a case stands on the recovery ladder and what to do next (DESIGN §4).

`assess(case, today)` applies the rules in the order the design gives them:
paid → insolvency → limitation → the debtor's stance → before the due date → the ladder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from bot.domain import warnings as w
from bot.domain.calendar import add_days, add_months, next_working_day
from bot.domain.facts import (
    LADDER,
    Amounts,
    Assessment,
    Case,
    Contact,
    DebtorKind,
    Installment,
    Option,
    Response,
    ResponseKind,
    Stage,
    Step,
)
from bot.domain.limitation import limitation_on, plan_agreed_on
from bot.domain.money import (
    balance,
    compute_amounts,
    late_days,
    penalty_rate_below_minimum,
)
from bot.domain.rates import RateTable, default_rate_table

LIMITATION_NEAR_DAYS = 90
INSOLVENCY_CLAIM_MONTHS = 2  # declaration to the mandataire (R622-24 C. com.)
INSOLVENCY_RELIEF_MONTHS = 6  # relevé de forclusion (L622-26 C. com.)
MIN_DAYS_BETWEEN_CONTACTS = 7
HARASSMENT_WINDOW_DAYS = 7
HARASSMENT_WEEK_COUNT = 3
HARASSMENT_DAY_COUNT = 2
PLAN_INSTALMENTS = 3
PLAN_FIRST_AFTER_DAYS = 7
SMALL_CLAIMS_CEILING = Decimal("5000")
LAWYER_THRESHOLD = Decimal("10000")
PREVENTIVE_DAYS_BEFORE = 7

# Earliest date of each step after the due date D: (days after D, step it follows, days after it)
STEP_TIMING: dict[Step, tuple[int | None, Step | None, int]] = {
    Step.FRIENDLY_REMINDER: (1, None, 0),
    Step.FIRM_REMINDER: (15, Step.FRIENDLY_REMINDER, 10),
    Step.FINAL_NOTICE: (30, Step.FIRM_REMINDER, 10),
    Step.FORMAL_NOTICE: (45, Step.FINAL_NOTICE, 8),
    Step.ESCALATION: (None, Step.FORMAL_NOTICE, 15),
}
# Deadline given to the debtor, in days from today, by message step (DESIGN §6)
DEADLINE_DAYS = {
    Stage.FRIENDLY_REMINDER: 10,
    Stage.FIRM_REMINDER: 8,
    Stage.FINAL_NOTICE: 8,
    Stage.FORMAL_NOTICE: 8,
    Stage.DISPUTE: 8,
    Stage.VERIFY_PAYMENT: 8,
}


@dataclass(slots=True)
class _Context:
    """What every rule reads: the facts as of `today` and the figures already computed."""

    case: Case
    today: date
    contacts: list[Contact]
    ladder: list[Contact]
    last_step: Step | None
    amounts: Amounts
    days_overdue: int
    limitation_date: date
    formal_notice_date: date | None
    warnings: set[str] = field(default_factory=set)

    def result(self, stage: Stage, next_step_on: date | None, **extra: object) -> Assessment:
        due_now = next_step_on is not None and next_step_on <= self.today
        return Assessment(
            today=self.today,
            stage=stage,
            last_step=self.last_step,
            due_now=due_now,
            next_step_on=next_step_on,
            days_overdue=self.days_overdue,
            amounts=self.amounts,
            warnings=w.ordered(self.warnings),
            limitation_date=self.limitation_date,
            formal_notice_date=self.formal_notice_date,
            deadline=extra.pop("deadline", _deadline(stage, self)),  # type: ignore[arg-type]
            **extra,  # type: ignore[arg-type]
        )


def assess(case: Case, today: date, rates: RateTable | None = None) -> Assessment:
    """Assess `case` as of `today`; facts dated after `today` are ignored."""
    rates = rates or default_rate_table()
    ctx = _context(case, today, rates)

    # 1. Paid: nothing left to claim but the interest and indemnity already earned.
    if balance(case, today) <= 0:
        return ctx.result(Stage.PAID, None)

    if _harassment_risk(ctx.contacts, today):
        ctx.warnings.add(w.HARASSMENT_RISK)

    # 2. Insolvency proceedings: declare the claim, stop reminding the debtor.
    if case.insolvency is not None and case.insolvency.published_on <= today:
        return _insolvency(ctx)

    # 3. Limitation: the last day to act is `limitation_date` (E).
    if today > ctx.limitation_date:
        ctx.warnings.add(w.TIME_BARRED)
        return ctx.result(Stage.TIME_BARRED, None)
    if today >= ctx.limitation_date - timedelta(days=LIMITATION_NEAR_DAYS):
        ctx.warnings.add(w.LIMITATION_NEAR)

    # 4. The debtor's stance.
    resume = False  # after a broken promise or a missed instalment
    after_refusal = False
    stance = _stance(case.responses, ctx)
    if stance is not None:
        kind = stance.kind
        if kind is ResponseKind.DISPUTE:
            ctx.warnings.add(w.DISPUTE_OPEN)
            return ctx.result(Stage.DISPUTE, today)
        if kind is ResponseKind.CLAIMS_PAID:
            return ctx.result(Stage.VERIFY_PAYMENT, today)
        if kind is ResponseKind.PROMISE and stance.promised_date is not None:
            if stance.promised_date >= today:
                return ctx.result(
                    Stage.AWAITING_PROMISE,
                    next_working_day(add_days(stance.promised_date, 1)),
                    promised_date=stance.promised_date,
                    deadline=stance.promised_date,
                )
            ctx.warnings.add(w.BROKEN_PROMISE)
            resume = True
        elif kind in (ResponseKind.HARDSHIP, ResponseKind.PAYMENT_PLAN):
            if case.plan is None:
                proposal = propose_plan(ctx.amounts.principal, today)
                return ctx.result(
                    Stage.PAYMENT_PLAN, today, proposed_plan=proposal, deadline=proposal[0].date
                )
            instalments = sorted(case.plan.installments, key=lambda i: i.date)
            if _plan_missed(instalments, case, today):
                ctx.warnings.add(w.PLAN_MISSED)
                resume = True
            else:
                upcoming = [i for i in instalments if i.date >= today]
                if upcoming:
                    return ctx.result(
                        Stage.PAYMENT_PLAN,
                        next_working_day(add_days(upcoming[0].date, 1)),
                        deadline=upcoming[0].date,
                    )
        elif kind is ResponseKind.REFUSAL:
            if _rank(ctx.last_step) < _rank(Step.FORMAL_NOTICE):
                # Nothing is owed before the due date: the formal notice waits for D + 1.
                due = case.invoice.due_date
                next_on = today if today > due else next_working_day(add_days(due, 1))
                return ctx.result(Stage.FORMAL_NOTICE, next_on)
            after_refusal = True

    due = case.invoice.due_date
    # 5. Before the due date.
    if today < due:
        preventive_sent = any(c.step is Step.PREVENTIVE_REMINDER for c in ctx.contacts)
        if (due - today).days <= PREVENTIVE_DAYS_BEFORE and not preventive_sent:
            return ctx.result(Stage.PREVENTIVE_REMINDER, today)
        first = due - timedelta(days=PREVENTIVE_DAYS_BEFORE) if not preventive_sent else None
        upcoming_on = first if first is not None else add_days(due, 1)
        return ctx.result(Stage.NOT_DUE, next_working_day(upcoming_on))

    # 6. The ladder.
    step = _next_step(ctx.last_step)
    earliest = _earliest(step, ctx)
    if resume and step is not Step.ESCALATION:
        # The debtor keeps the deadline the last message gave (§4.6, unmoved).
        earliest = max(today, _last_deadline(ctx) or today)
    if step is not Step.ESCALATION and not after_refusal and ctx.contacts:
        last_contact = max(c.date for c in ctx.contacts)
        earliest = max(earliest, add_days(last_contact, MIN_DAYS_BETWEEN_CONTACTS))
    next_on = today if earliest <= today else next_working_day(earliest)
    stage = Stage(step.value)
    options = escalation_options(case, ctx.amounts, today) if stage is Stage.ESCALATION else ()
    return ctx.result(stage, next_on, options=options)


def _context(case: Case, today: date, rates: RateTable) -> _Context:
    contacts = sorted((c for c in case.contacts if c.date <= today), key=lambda c: c.date)
    ladder = [c for c in contacts if c.step.rank is not None]
    last_step = max((c.step for c in ladder), key=_rank, default=None)
    formal = [c.date for c in contacts if c.step is Step.FORMAL_NOTICE]
    formal_notice_date = min(formal) if formal else None
    amounts = compute_amounts(case, today, rates, formal_notice_date)
    warnings: set[str] = set()
    if amounts.provisional:
        warnings.add(w.RATE_PROVISIONAL)
    if penalty_rate_below_minimum(case, today, rates):
        warnings.add(w.PENALTY_RATE_BELOW_MINIMUM)
    return _Context(
        case=case,
        today=today,
        contacts=contacts,
        ladder=ladder,
        last_step=last_step,
        amounts=amounts,
        days_overdue=late_days(case, today),
        limitation_date=limitation_on(case, today),
        formal_notice_date=formal_notice_date,
        warnings=warnings,
    )


def _rank(step: Step | None) -> int:
    return -1 if step is None else (step.rank if step.rank is not None else -1)


def _next_step(last: Step | None) -> Step:
    if last is None or last is Step.PREVENTIVE_REMINDER:
        return Step.FRIENDLY_REMINDER
    if last is Step.ESCALATION:
        return Step.ESCALATION
    return LADDER[_rank(last) + 1]


def _latest(contacts: Iterable[Contact], step: Step) -> date | None:
    dates = [c.date for c in contacts if c.step is step]
    return max(dates) if dates else None


def _earliest(step: Step, ctx: _Context) -> date:
    """Earliest date for `step` (DESIGN §4.6), before the 7-day spacing rule."""
    after_due, previous, gap = STEP_TIMING[step]
    due = ctx.case.invoice.due_date
    candidates: list[date] = []
    if after_due is not None:
        candidates.append(add_days(due, after_due))
    if previous is not None:
        reference = _latest(ctx.ladder, previous)
        if reference is None and ctx.last_step is not None:
            reference = _latest(ctx.ladder, ctx.last_step)
        if reference is not None:
            candidates.append(add_days(reference, gap))
    return max(candidates) if candidates else ctx.today


def _stance(responses: Iterable[Response], ctx: _Context) -> Response | None:
    """The latest response dated on or after the last ladder step taken."""
    since = max((c.date for c in ctx.ladder), default=None)
    current = [r for r in responses if r.date <= ctx.today and (since is None or r.date >= since)]
    if not current:
        return None
    return max(enumerate(current), key=lambda pair: (pair[1].date, pair[0]))[1]


def _plan_missed(instalments: list[Installment], case: Case, today: date) -> bool:
    """An instalment dated before today while the payments since the plan are less than due."""
    due_so_far = sum((i.amount for i in instalments if i.date < today), Decimal(0))
    agreed_on = plan_agreed_on(case)
    paid = sum((p.amount for p in case.payments if agreed_on <= p.date <= today), Decimal(0))
    return due_so_far > 0 and paid < due_so_far


def _last_deadline(ctx: _Context) -> date | None:
    """The deadline the last ladder step gave the debtor, as given (not moved)."""
    if ctx.last_step is None:
        return None
    contact = max(
        (c for c in ctx.ladder if c.step is ctx.last_step), key=lambda c: c.date, default=None
    )
    if contact is None:
        return None
    if contact.deadline is not None:
        return contact.deadline
    if contact.step is Step.PREVENTIVE_REMINDER:
        return ctx.case.invoice.due_date
    days = DEADLINE_DAYS.get(Stage(contact.step.value))
    return add_days(contact.date, days) if days is not None else None


def _insolvency(ctx: _Context) -> Assessment:
    """Declare within 2 months of the publication; then the relevé de forclusion (6 months)."""
    assert ctx.case.insolvency is not None
    published = ctx.case.insolvency.published_on
    ordinary = add_months(published, INSOLVENCY_CLAIM_MONTHS)
    if ctx.today <= ordinary:
        ctx.warnings.add(w.INSOLVENCY_DECLARE)
        return ctx.result(
            Stage.INSOLVENCY, ctx.today, claim_deadline=ordinary, deadline=ordinary
        )
    ctx.warnings.add(w.INSOLVENCY_LATE)
    relief = add_months(published, INSOLVENCY_RELIEF_MONTHS)
    if ctx.today <= relief:
        return ctx.result(
            Stage.INSOLVENCY, ctx.today, claim_deadline=relief, deadline=relief,
            insolvency_late=True,
        )
    return ctx.result(Stage.INSOLVENCY, None, insolvency_late=True)


def _harassment_risk(contacts: list[Contact], today: date) -> bool:
    """3+ contacts in the last 7 days (today included), or 2 of them on the same day."""
    window_start = today - timedelta(days=HARASSMENT_WINDOW_DAYS - 1)
    # A call confirmed in writing the same day is one contact: same date, same step.
    distinct = {(c.date, c.step) for c in contacts if window_start <= c.date <= today}
    recent = [day for day, _ in distinct]
    if len(recent) >= HARASSMENT_WEEK_COUNT:
        return True
    return any(n >= HARASSMENT_DAY_COUNT for n in Counter(recent).values())


def propose_plan(principal: Decimal, today: date) -> tuple[Installment, ...]:
    """3 monthly instalments, the first 7 days from today; the last one takes the cents left."""
    first = add_days(today, PLAN_FIRST_AFTER_DAYS)
    share = (principal / PLAN_INSTALMENTS).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    amounts = [share] * (PLAN_INSTALMENTS - 1) + [principal - share * (PLAN_INSTALMENTS - 1)]
    return tuple(
        Installment(date=add_months(first, i), amount=amount) for i, amount in enumerate(amounts)
    )


def escalation_options(case: Case, amounts: Amounts, today: date) -> tuple[Option, ...]:
    """The lawful ways forward after the formal notice, best first (DESIGN §4.7)."""
    options: list[Option] = []
    if case.debtor.kind is DebtorKind.PUBLIC:
        # An administrative contract: no commissaire de justice, no injonction de payer.
        options += [Option.MEDIATION, Option.ADMINISTRATIVE_COURT]
    else:
        disputed = any(r.kind is ResponseKind.DISPUTE and r.date <= today for r in case.responses)
        # R125-1 CPCE: up to 5 000 € "en principal et intérêts" (the 40 € does not count).
        if amounts.principal + amounts.interest <= SMALL_CLAIMS_CEILING and not disputed:
            options.append(Option.SMALL_CLAIMS_PROCEDURE)
        options += [Option.PAYMENT_ORDER, Option.MEDIATION, Option.COLLECTION_AGENCY]
    if amounts.principal > LAWYER_THRESHOLD:
        options.append(Option.LAWYER)
    return tuple(options)


def _deadline(stage: Stage, ctx: _Context) -> date | None:
    """The date given to the debtor in the message of `stage`, on a working day."""
    if stage is Stage.PREVENTIVE_REMINDER:
        return next_working_day(ctx.case.invoice.due_date)
    days = DEADLINE_DAYS.get(stage)
    return next_working_day(add_days(ctx.today, days)) if days is not None else None
