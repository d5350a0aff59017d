"""[v2] rules at their boundaries (DESIGN rev 2 §4, §5) that the public scenarios do not pin."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.assess import assess
from bot.domain.contract import InputError, case_from_json
from bot.domain.facts import (
    Channel,
    Contact,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Invoice,
    Option,
    Stage,
    Step,
)
from bot.domain.limitation import limitation_on
from bot.domain.money import compute_amounts
from bot.domain.rates import RateTable, default_rate_table, missing_semesters
from tests.support.builders import d, make_case

RATES = default_rate_table()


# --- limitation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "case", "today", "stage_or_warning"),
    [
        # business: E = D + 5 years = 2031-03-16
        ("E itself is still open", make_case(), "2031-03-16", "limitation_near"),
        ("E + 1 is time-barred", make_case(), "2031-03-17", "time_barred"),
        ("E − 90 days: near", make_case(), "2030-12-16", "limitation_near"),
        ("E − 91 days: not yet near", make_case(), "2030-12-15", None),
        # consumer from the service date (here the due date: no service or issue date)
        ("consumer E + 1", make_case(kind="consumer"), "2028-03-17", "time_barred"),
    ],
)
def test_limitation_boundaries(name, case, today, stage_or_warning):
    result = assess(case, d(today))
    if stage_or_warning == "time_barred":
        assert result.stage is Stage.TIME_BARRED, name
    elif stage_or_warning is None:
        assert "limitation_near" not in result.warnings, name
    else:
        assert stage_or_warning in result.warnings and result.stage is not Stage.TIME_BARRED, name


def test_29_february_plus_years_is_28_february():
    case = make_case(due="2024-02-29")
    assert limitation_on(case, d("2026-01-01")) == date(2029, 2, 28)
    consumer = make_case(kind="consumer", due="2024-02-29")
    assert limitation_on(consumer, d("2025-01-01")) == date(2026, 2, 28)


def test_consumer_start_service_then_issue_then_due():
    base = make_case(kind="consumer", due="2025-06-30")
    with_issue = replace(base, invoice=replace(base.invoice, issue_date=d("2025-06-01")))
    with_service = replace(
        with_issue, invoice=replace(with_issue.invoice, service_date=d("2025-05-20"))
    )
    today = d("2025-07-01")
    assert limitation_on(base, today) == date(2027, 6, 30)
    assert limitation_on(with_issue, today) == date(2027, 6, 1)
    assert limitation_on(with_service, today) == date(2027, 5, 20)


def test_private_acknowledgments_restart_the_period_and_a_formal_notice_does_not():
    case = make_case(
        due="2024-01-10",
        contacts=[("2024-03-01", "formal_notice")],
        responses=[("2025-02-03", "hardship")],
    )
    assert limitation_on(case, d("2025-06-01")) == date(2030, 2, 3)
    refusal = make_case(due="2024-01-10", responses=[("2025-02-03", "refusal")])
    assert limitation_on(refusal, d("2025-06-01")) == date(2029, 1, 10)
    # An acknowledgment after the period ended revives nothing.
    late = make_case(kind="consumer", due="2022-01-10", payments=[("2024-02-01", "10.00")])
    assert limitation_on(late, d("2024-06-01")) == date(2024, 1, 10)


def _public(due: str, contacts: list[Contact]) -> object:
    case = make_case(kind="public", due=due)
    return replace(case, contacts=tuple(contacts))


def test_public_written_claim_on_31_december():
    claim = Contact(d("2025-12-31"), Step.FRIENDLY_REMINDER, Channel.EMAIL)
    case = _public("2025-11-30", [claim])
    assert limitation_on(case, d("2026-01-05")) == date(2029, 12, 31)
    next_day = _public("2025-11-30", [replace(claim, date=d("2026-01-01"))])
    assert limitation_on(next_day, d("2026-01-05")) == date(2030, 12, 31)


def test_public_call_is_not_a_written_claim_but_a_letter_is():
    call = Contact(d("2026-02-02"), Step.CALL, Channel.PHONE)
    letter = Contact(d("2026-02-02"), Step.FIRM_REMINDER, Channel.REGISTERED_LETTER)
    assert limitation_on(_public("2025-11-30", [call]), d("2026-03-01")) == date(2029, 12, 31)
    assert limitation_on(_public("2025-11-30", [letter]), d("2026-03-01")) == date(2030, 12, 31)


def test_public_time_barred_on_1_january():
    case = make_case(kind="public", due="2021-06-10")
    assert assess(case, d("2025-12-31")).stage is not Stage.TIME_BARRED
    assert assess(case, d("2026-01-01")).stage is Stage.TIME_BARRED


# --- public buyers --------------------------------------------------------------------------


def test_public_ignores_a_contractual_rate_and_never_goes_to_small_claims():
    case = make_case(kind="public", rate="20", amount="800.00", due="2026-01-15")
    result = assess(case, d("2026-03-02"))
    assert result.amounts.annual_rate == Decimal("10.15")  # 2026 H1 ECB 2.15 + 8
    escalated = make_case(
        kind="public",
        amount="800.00",
        due="2026-01-15",
        contacts=[("2026-01-16", "friendly_reminder"), ("2026-02-02", "firm_reminder"),
                  ("2026-02-16", "final_notice"), ("2026-03-02", "formal_notice")],
    )
    options = assess(escalated, d("2026-03-20")).options
    assert options == (Option.MEDIATION, Option.ADMINISTRATIVE_COURT)
    assert Option.SMALL_CLAIMS_PROCEDURE not in options and Option.PAYMENT_ORDER not in options


def test_public_insolvency_is_an_input_error():
    data = {
        "today": "2026-03-01",
        "debtor": {"name": "Commune de Saint-Ours", "kind": "public"},
        "invoice": {"amount": "100.00", "due_date": "2026-01-10"},
        "insolvency": {"kind": "liquidation", "published_on": "2026-02-01"},
    }
    with pytest.raises(InputError) as caught:
        case_from_json(data)
    assert caught.value.field == "insolvency"


# --- insolvency ------------------------------------------------------------------------------


def _insolvent(opened: str, published: str = "2026-05-04", due: str = "2026-04-01"):
    case = make_case(due=due, amount="3000.00")
    return replace(
        case, insolvency=Insolvency(InsolvencyKind.RECEIVERSHIP, d(published), d(opened))
    )


def test_opened_on_the_due_date_means_no_interest_and_no_indemnity():
    result = assess(_insolvent(opened="2026-04-01"), d("2026-05-10"))
    assert result.amounts.interest == 0 and result.amounts.indemnity == 0
    day_after = assess(_insolvent(opened="2026-04-02"), d("2026-05-10"))
    assert day_after.amounts.indemnity == Decimal("40.00")
    assert day_after.amounts.interest == 0  # no day d with D < d < opened_on


def test_insolvency_windows_two_then_six_months():
    case = _insolvent(opened="2026-04-20")
    declare = assess(case, d("2026-07-04"))
    assert declare.claim_deadline == date(2026, 7, 4) and "insolvency_declare" in declare.warnings
    late = assess(case, d("2026-07-05"))
    assert "insolvency_late" in late.warnings and late.claim_deadline == date(2026, 11, 4)
    assert late.due_now
    over = assess(case, d("2026-11-05"))
    assert over.next_step_on is None and not over.due_now
    assert "insolvency_late" in over.warnings


# --- money -----------------------------------------------------------------------------------


def test_floor_follows_each_semester():
    # 7 % agreed; floor 3 x 3.71 = 11.13 (2025 H1) then 3 x 2.76 = 8.28 (2025 H2)
    case = make_case(rate="7.00", amount="1000.00", due="2025-06-20")
    amounts = assess(case, d("2025-07-10")).amounts
    assert [(p.rate, p.days) for p in amounts.periods] == [
        (Decimal("11.13"), 10),
        (Decimal("8.28"), 10),
    ]
    assert amounts.rate_basis == "floor"
    above = make_case(rate="9.00", amount="1000.00", due="2025-06-20")
    assert [p.rate for p in assess(above, d("2025-07-10")).amounts.periods] == [
        Decimal("11.13"),
        Decimal("9.00"),
    ]


def test_overpayment_of_exactly_the_interest_keeps_the_indemnity():
    case = make_case(amount="1000.00", due="2026-03-16", payments=[("2026-03-26", "1000.00")])
    interest = assess(case, d("2026-04-01")).amounts.interest
    assert interest == Decimal("3.33")
    exact = make_case(
        amount="1000.00",
        due="2026-03-16",
        payments=[("2026-03-26", "1000.00"), ("2026-03-30", "3.33")],
    )
    amounts = assess(exact, d("2026-04-01")).amounts
    assert (amounts.interest, amounts.indemnity, amounts.total) == (
        Decimal("0.00"), Decimal("40.00"), Decimal("40.00")
    )


def test_small_claims_threshold_on_principal_and_interest():
    contacts = [("2025-07-16", "friendly_reminder"), ("2025-07-30", "firm_reminder"),
                ("2025-08-14", "final_notice"), ("2025-09-01", "formal_notice")]
    over = make_case(amount="4990.00", due="2025-07-15", contacts=contacts)
    assert Option.SMALL_CLAIMS_PROCEDURE not in assess(over, d("2025-09-22")).options


def test_a_dispute_dated_after_today_is_ignored_by_the_options():
    contacts = [("2025-07-16", "friendly_reminder"), ("2025-07-30", "firm_reminder"),
                ("2025-08-14", "final_notice"), ("2025-09-01", "formal_notice")]
    case = make_case(amount="900.00", due="2025-07-15", contacts=contacts,
                     responses=[("2025-10-01", "dispute")])
    assert Option.SMALL_CLAIMS_PROCEDURE in assess(case, d("2025-09-22")).options


# --- rates -----------------------------------------------------------------------------------


def test_missing_semesters_named_up_to_today():
    table = RateTable.from_csv("semester,ecb,legal_other,legal_private\n2025-H2,2,3,6\n")
    assert missing_semesters(table, d("2026-08-01")) == [(2026, 1), (2026, 2)]
    assert missing_semesters(table, d("2025-12-31")) == []


# --- properties ------------------------------------------------------------------------------

kinds = st.sampled_from(list(DebtorKind))
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000"), places=2)
due_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))
offsets = st.integers(min_value=0, max_value=1500)
payment_lists = st.lists(
    st.tuples(st.integers(min_value=0, max_value=1500), amounts), max_size=4
)


@settings(max_examples=200, deadline=None)
@given(kind=kinds, amount=amounts, due=due_dates, offset=offsets, paid=payment_lists,
       rate=st.none() | st.decimals(min_value=Decimal("0"), max_value=Decimal("30"), places=2))
def test_interest_never_negative_and_periods_add_up(kind, amount, due, offset, paid, rate):
    case = make_case(
        kind=kind.value, amount=str(amount), due=due.isoformat(),
        rate=None if rate is None else str(rate),
        payments=[((due + timedelta(days=o)).isoformat(), str(a)) for o, a in paid],
    )
    today = due + timedelta(days=offset)
    result = compute_amounts(case, today, RATES, due if kind is DebtorKind.CONSUMER else None)
    assert result.interest >= 0 and result.indemnity >= 0
    gross = sum((p.interest for p in result.periods), Decimal(0))
    assert result.interest == max(gross - result.overpaid, Decimal(0))
    assert result.total == result.principal + result.interest + result.indemnity
    for before, after in zip(result.periods, result.periods[1:], strict=False):
        assert after.start == before.end + timedelta(days=1) or after.start > before.end
        assert (before.base, before.rate) != (after.base, after.rate) or (
            after.start > before.end + timedelta(days=1)
        )


@settings(max_examples=150, deadline=None)
@given(amount=amounts, due=due_dates, offset=offsets, paid=payment_lists)
def test_a_public_debtor_rate_is_constant_over_the_delay(amount, due, offset, paid):
    case = make_case(
        kind="public", amount=str(amount), due=due.isoformat(),
        payments=[((due + timedelta(days=o)).isoformat(), str(a)) for o, a in paid],
    )
    result = compute_amounts(case, due + timedelta(days=offset), RATES, None)
    rates = {p.rate for p in result.periods} | {result.annual_rate}
    assert len(rates) == 1


def test_invoice_service_date_is_read_from_json():
    data = {
        "today": "2026-03-01",
        "debtor": {"name": "M. Roux", "kind": "consumer", "address": "3 rue Haute\n69001 Lyon"},
        "invoice": {"amount": "100.00", "due_date": "2026-01-10", "service_date": "2025-12-20"},
    }
    case, _, _ = case_from_json(data)
    assert case.invoice == Invoice(
        Decimal("100.00"), date(2026, 1, 10), service_date=date(2025, 12, 20)
    )
    assert case.debtor.address == "3 rue Haute\n69001 Lyon"


def test_rates_command_names_the_missing_semester(capsys):
    from bot.commands import rates

    assert rates.main(["--today", "2026-12-02"]) == 1
    out = capsys.readouterr().out
    assert "2026 H2" in out and "missing" in out
    assert rates.main(["--today", "2026-05-02"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_start_warns_the_operator_when_the_semester_is_missing(caplog):
    from bot.app import warn_missing_rates

    with caplog.at_level("WARNING", logger="bot.app"):
        warn_missing_rates(d("2026-12-02"))
    assert any("2026 H2" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level("WARNING", logger="bot.app"):
        warn_missing_rates(d("2026-03-02"))
    assert not caplog.records
