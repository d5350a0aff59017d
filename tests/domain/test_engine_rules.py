"""Table-driven tests of the ladder rules (DESIGN §4) the public scenarios do not cover."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.domain.assess import assess
from bot.domain.calendar import is_working_day, next_working_day
from bot.domain.facts import Installment, Option, Stage, Step
from tests.support.builders import d, make_case

# 2026-03-16 is a Monday.


@pytest.mark.parametrize(
    ("name", "case_kwargs", "today", "stage", "next_on", "due_now"),
    [
        # --- rule 5: before the due date
        ("8 days before: not due, preventive on D-7", {}, "2026-03-08", "not_due", "2026-03-09",
         False),
        ("exactly 7 days before: preventive now", {}, "2026-03-09", "preventive_reminder",
         "2026-03-09", True),
        ("preventive sent, day before D: not due, D+1", {"contacts": [("2026-03-09",
         "preventive_reminder")]}, "2026-03-15", "not_due", "2026-03-17", False),
        ("preventive sent, on D: friendly from D+1 (7 days after preventive)", {"contacts": [
            ("2026-03-10", "preventive_reminder")]}, "2026-03-16", "friendly_reminder",
         "2026-03-17", False),
        ("D-7 on a Sunday moves to Monday", {"due": "2026-03-22"}, "2026-03-01", "not_due",
         "2026-03-16", False),
        # --- rule 6: ladder timing
        ("on D+1: friendly now", {}, "2026-03-17", "friendly_reminder", "2026-03-17", True),
        ("on D itself: rule 6, friendly from D+1", {}, "2026-03-16",
         "friendly_reminder", "2026-03-17", False),
        ("firm waits D+15 though friendly was early",
         {"contacts": [("2026-03-17", "friendly_reminder")]}, "2026-03-27", "firm_reminder",
         "2026-03-31", False),
        ("final waits firm+10", {"contacts": [("2026-03-17", "friendly_reminder"),
         ("2026-04-08", "firm_reminder")]}, "2026-04-15", "final_notice", "2026-04-20", False),
        ("formal waits final+8", {"contacts": [("2026-03-17", "friendly_reminder"),
         ("2026-04-01", "firm_reminder"), ("2026-05-04", "final_notice")]}, "2026-05-08",
         "formal_notice", "2026-05-12", False),
        ("escalation waits formal+15, no 7-day rule", {"contacts": [
            ("2026-03-17", "friendly_reminder"), ("2026-04-01", "firm_reminder"),
            ("2026-04-20", "final_notice"), ("2026-05-04", "formal_notice"),
            ("2026-05-18", "call")]}, "2026-05-19", "escalation", "2026-05-19", True),
        ("escalation not yet: formal+15 ahead", {"contacts": [
            ("2026-05-04", "formal_notice")]}, "2026-05-10", "escalation", "2026-05-19", False),
        ("a call 3 days ago delays the next reminder 7 days",
         {"contacts": [("2026-03-17", "friendly_reminder"), ("2026-04-01", "call")]},
         "2026-04-03", "firm_reminder", "2026-04-08", False),
        ("skipped friendly: firm counts from the last step taken",
         {"contacts": [("2026-03-20", "preventive_reminder")]}, "2026-04-20",
         "friendly_reminder", "2026-04-20", True),
        ("jumped to final: formal from final+8",
         {"contacts": [("2026-04-20", "final_notice")]}, "2026-04-25", "formal_notice",
         "2026-04-30", False),
        ("already escalated stays escalation", {"contacts": [("2026-04-01", "formal_notice"),
         ("2026-04-20", "escalation")]}, "2026-05-20", "escalation", "2026-05-20", True),
        ("holiday: 1 May moves to 4 May (weekend after)", {"contacts": [
            ("2026-03-17", "friendly_reminder"), ("2026-04-21", "firm_reminder")]},
         "2026-04-25", "final_notice", "2026-05-04", False),
        # --- rule 4: stances
        ("promise today: awaiting, next day", {"responses": [("2026-03-20", "promise",
         "2026-03-25")]}, "2026-03-25", "awaiting_promise", "2026-03-26", False),
        ("broken promise, contact 2 days ago: 7-day rule still holds", {
            "contacts": [("2026-03-17", "friendly_reminder"), ("2026-03-29", "call")],
            "responses": [("2026-03-18", "promise", "2026-03-25")]}, "2026-03-31",
         "firm_reminder", "2026-04-07", False),  # 5 Apr is Sunday, 6 Apr Easter Monday
        ("refusal after formal notice: ladder goes on", {"contacts": [
            ("2026-04-20", "formal_notice")], "responses": [("2026-04-22", "refusal")]},
         "2026-04-24", "escalation", "2026-05-05", False),
        ("refusal the day after a reminder: formal now despite 7-day rule", {"contacts": [
            ("2026-03-30", "firm_reminder")], "responses": [("2026-03-31", "refusal")]},
         "2026-03-31", "formal_notice", "2026-03-31", True),
        ("response older than the last step is no stance", {"contacts": [
            ("2026-03-17", "friendly_reminder"), ("2026-04-01", "firm_reminder")],
            "responses": [("2026-03-20", "dispute")]}, "2026-04-20", "final_notice",
         "2026-04-20", True),
        ("a call after a dispute does not end it", {"contacts": [
            ("2026-03-17", "friendly_reminder"), ("2026-03-25", "call")],
            "responses": [("2026-03-20", "dispute")]}, "2026-04-20", "dispute", "2026-04-20",
         True),
        ("payment_plan response without a plan", {"responses": [("2026-03-20",
         "payment_plan")]}, "2026-03-25", "payment_plan", "2026-03-25", True),
        ("plan on track: next check after next instalment", {
            "payments": [("2026-04-01", "300.00")],
            "responses": [("2026-03-20", "hardship")],
            "plan": [("2026-04-01", "300.00"), ("2026-05-01", "300.00"),
                     ("2026-06-01", "400.00")]}, "2026-04-10", "payment_plan", "2026-05-04",
         False),
        ("plan instalment missed: ladder resumes now", {
            "payments": [("2026-04-01", "300.00")],
            "responses": [("2026-03-20", "hardship")],
            "plan": [("2026-04-01", "300.00"), ("2026-05-01", "300.00"),
                     ("2026-06-01", "400.00")]}, "2026-05-04", "friendly_reminder", "2026-05-04",
         True),
        # --- rules 1-3
        ("overpaid is paid", {"payments": [("2026-03-10", "1200.00")]}, "2026-04-01", "paid",
         None, False),
        ("business 5 years: E is the last day to act", {}, "2031-03-16", "friendly_reminder",
         "2031-03-16", True),
        ("business 5 years", {}, "2031-03-17", "time_barred", None, False),
        ("business 5 years minus a day", {}, "2031-03-15", "friendly_reminder", "2031-03-15",
         True),
        ("insolvency before time bar", {"insolvency": ("liquidation", "2031-01-10")},
         "2031-04-01", "insolvency", "2031-04-01", True),
        ("insolvency published later than today is ignored",
         {"insolvency": ("safeguard", "2026-05-01")}, "2026-03-20", "friendly_reminder",
         "2026-03-20", True),
    ],
)
def test_rule(name, case_kwargs, today, stage, next_on, due_now):
    result = assess(make_case(**case_kwargs), d(today))
    assert result.stage == Stage(stage), name
    assert result.next_step_on == (d(next_on) if next_on else None), name
    assert result.due_now is due_now, name


@pytest.mark.parametrize(
    ("name", "case_kwargs", "today", "present", "absent"),
    [
        ("3 contacts in 7 days", {"contacts": [("2026-03-20", "call"), ("2026-03-23", "call"),
         ("2026-03-26", "friendly_reminder")]}, "2026-03-26", {"harassment_risk"}, set()),
        ("3 contacts over 8 days is fine", {"contacts": [("2026-03-19", "call"),
         ("2026-03-23", "call"), ("2026-03-26", "friendly_reminder")]}, "2026-03-26", set(),
         {"harassment_risk"}),
        ("2 on the same day", {"contacts": [("2026-03-20", "call"),
         ("2026-03-20", "friendly_reminder")]}, "2026-03-22", {"harassment_risk"}, set()),
        ("limitation near (business)", {}, "2030-12-20", {"limitation_near"}, set()),
        ("limitation near (consumer, 2 years)", {"kind": "consumer"}, "2028-01-10",
         {"limitation_near"}, set()),
        ("time barred", {"kind": "consumer"}, "2028-03-17", {"time_barred"}, set()),
        ("last day to act (consumer)", {"kind": "consumer"}, "2028-03-16", {"limitation_near"},
         {"time_barred"}),
        ("broken promise", {"contacts": [("2026-03-17", "friendly_reminder")],
         "responses": [("2026-03-18", "promise", "2026-03-25")]}, "2026-04-01",
         {"broken_promise"}, set()),
        ("promise kept pending", {"responses": [("2026-03-18", "promise", "2026-04-25")]},
         "2026-04-01", set(), {"broken_promise"}),
        ("plan missed", {"responses": [("2026-03-20", "hardship")],
         "plan": [("2026-04-01", "300.00"), ("2026-05-01", "700.00")]}, "2026-04-02",
         {"plan_missed"}, set()),
        ("dispute open", {"responses": [("2026-03-20", "dispute")]}, "2026-04-02",
         {"dispute_open"}, set()),
        ("contractual rate below 3x legal (2026 H1: 7.86 %)", {"rate": "7.50"}, "2026-04-02",
         {"penalty_rate_below_minimum"}, set()),
        ("contractual rate at the minimum", {"rate": "7.86"}, "2026-04-02", set(),
         {"penalty_rate_below_minimum"}),
        ("provisional rate", {}, "2026-07-20", {"rate_provisional"}, set()),
        ("contractual rate is never provisional", {"rate": "15"}, "2026-07-20", set(),
         {"rate_provisional"}),
        ("insolvency", {"insolvency": ("safeguard", "2026-03-20")}, "2026-04-02",
         {"insolvency_declare"}, set()),
    ],
)
def test_warning(name, case_kwargs, today, present, absent):
    result = assess(make_case(**case_kwargs), d(today))
    assert present <= set(result.warnings), name
    assert not (absent & set(result.warnings)), name


def test_proposed_plan_three_monthly_instalments_summing_to_balance():
    case = make_case(amount="1000.00", payments=[("2026-03-20", "0.01")],
                     responses=[("2026-03-25", "hardship")])
    result = assess(case, d("2026-04-10"))
    plan = result.proposed_plan
    assert [i.date for i in plan] == [d("2026-04-17"), d("2026-05-17"), d("2026-06-17")]
    assert sum(i.amount for i in plan) == Decimal("999.99")
    assert plan == (
        Installment(d("2026-04-17"), Decimal("333.33")),
        Installment(d("2026-05-17"), Decimal("333.33")),
        Installment(d("2026-06-17"), Decimal("333.33")),
    )


def test_insolvency_claim_deadline_is_two_months_after_publication():
    result = assess(make_case(insolvency=("receivership", "2026-12-31")), d("2027-01-05"))
    assert result.claim_deadline == d("2027-02-28")


@pytest.mark.parametrize(
    ("amount", "dispute", "options"),
    [
        ("4000.00", False, ["small_claims_procedure", "payment_order", "mediation",
                            "collection_agency"]),
        ("4000.00", True, ["payment_order", "mediation", "collection_agency"]),
        ("4960.00", False, ["payment_order", "mediation", "collection_agency"]),
        ("10000.01", False, ["payment_order", "mediation", "collection_agency", "lawyer"]),
    ],
)
def test_escalation_options(amount, dispute, options):
    responses = [("2026-03-20", "dispute")] if dispute else []
    contacts = [("2026-03-21", "friendly_reminder"), ("2026-04-01", "formal_notice")]
    result = assess(make_case(amount=amount, contacts=contacts, responses=responses),
                    d("2026-05-01"))
    assert result.stage is Stage.ESCALATION
    assert [o.value for o in result.options] == options
    assert all(isinstance(o, Option) for o in result.options)


@pytest.mark.parametrize(
    ("stage_contacts", "today", "deadline"),
    [
        ([], "2026-03-10", "2026-03-16"),  # preventive: the due date
        ([], "2026-03-20", "2026-03-30"),  # friendly: T+10
        ([("2026-03-17", "friendly_reminder")], "2026-04-02", "2026-04-10"),  # firm: T+8
        ([("2026-03-17", "friendly_reminder")], "2026-04-05", "2026-04-13"),  # T+8 Mon
        ([("2026-03-17", "friendly_reminder")], "2026-04-04", "2026-04-13"),  # Sun → Mon
    ],
)
def test_deadline_given_to_the_debtor(stage_contacts, today, deadline):
    assert assess(make_case(contacts=stage_contacts), d(today)).deadline == d(deadline)


def test_last_step_ignores_calls_and_other():
    case = make_case(contacts=[("2026-03-17", "friendly_reminder"), ("2026-03-30", "call"),
                               ("2026-04-02", "other")])
    assert assess(case, d("2026-04-20")).last_step is Step.FRIENDLY_REMINDER


def test_future_facts_are_ignored():
    case = make_case(contacts=[("2026-05-01", "firm_reminder")],
                     payments=[("2026-05-01", "1000.00")])
    result = assess(case, d("2026-03-20"))
    assert result.last_step is None and result.stage is Stage.FRIENDLY_REMINDER


@pytest.mark.parametrize(
    ("day", "working"),
    [("2026-05-01", False), ("2026-05-14", False), ("2026-05-25", False), ("2026-07-14", False),
     ("2026-11-11", False), ("2026-11-21", False), ("2026-11-22", False), ("2026-11-23", True),
     ("2027-03-29", False), ("2026-12-24", True)],
)
def test_working_days(day, working):
    assert is_working_day(d(day)) is working


def test_next_working_day_over_a_holiday_weekend():
    assert next_working_day(d("2026-12-25")) == d("2026-12-28")
    assert next_working_day(d("2026-12-28")) == d("2026-12-28")


@pytest.mark.parametrize("seed", range(3))
def test_calendar_arithmetic_matches_dateutil(seed):
    import random

    from dateutil.relativedelta import relativedelta

    from bot.domain.calendar import add_months, add_years

    rng = random.Random(seed)
    for _ in range(3000):
        day = d("2000-01-01") + timedelta(days=rng.randint(0, 12000))
        n = rng.randint(-40, 40)
        assert add_months(day, n) == day + relativedelta(months=n)
        assert add_years(day, n) == day + relativedelta(years=n)
