"""Money rules (DESIGN §5): accrual by day across semesters, payments, rates, indemnity."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.assess import assess
from bot.domain.facts import DebtorKind
from bot.domain.money import DayRate, accrual_periods, compute_amounts
from bot.domain.rates import RateTable, default_rate_table
from tests.support.builders import d, make_case

RATES = default_rate_table()


@pytest.mark.parametrize(
    ("name", "case_kwargs", "today", "interest", "indemnity"),
    [
        # 1000 x 12.15 % x 10 / 365 = 3.3287 -> 3.33
        ("plain B2B", {}, "2026-03-26", "3.33", "40.00"),
        ("payment on the due date: never late", {"payments": [("2026-03-16", "1000.00")]},
         "2026-04-30", "0.00", "0.00"),
        ("payment the day after: one day of interest",
         {"payments": [("2026-03-17", "1000.00")]}, "2026-04-30", "0.33", "40.00"),
        ("partial on the due date: interest on the rest only",
         {"payments": [("2026-03-16", "400.00")]}, "2026-03-26", "2.00", "40.00"),
        # 2025-12-31 due, 2026-01-10: 10 days at 12.15 (2026 H1)
        ("semester boundary, year change", {"due": "2025-12-31"}, "2026-01-10", "3.33",
         "40.00"),
        # due 2025-12-21: 10 days of 2025 H2 (12.15) + 10 of 2026 H1 (12.15)
        ("two semesters same rate", {"due": "2025-12-21"}, "2026-01-10", "6.66", "40.00"),
        # leap year 2024: 29 Feb counts as a day; /365 anyway. 2024 H1 ECB 4.50 -> 14.50
        # due 2024-02-27, today 2024-03-01: 3 days (28, 29 Feb, 1 Mar) x 1000 x 14.5 % / 365
        ("leap year day counts, /365", {"due": "2024-02-27"}, "2024-03-01", "1.19", "40.00"),
        # public: ECB + 8 = 10.15 -> 1000 x 10.15 % x 10 / 365 = 2.78
        ("public ECB+8", {"kind": "public"}, "2026-03-26", "2.78", "40.00"),
        ("consumer before formal notice", {"kind": "consumer"}, "2026-06-26", "0.00", "0.00"),
        # consumer, formal notice 2026-04-01: 10 days x 2.62 % -> 0.72
        ("consumer after formal notice", {"kind": "consumer", "contacts": [
            ("2026-04-01", "formal_notice")]}, "2026-04-11", "0.72", "0.00"),
        # contractual 20 %: 1000 x 20 % x 10 / 365 = 5.48
        ("contractual rate", {"rate": "20"}, "2026-03-26", "5.48", "40.00"),
        # [v2] a contractual rate below the floor gives way to it: 3 x 2.62 = 7.86 %
        # 1000 x 7.86 % x 10 / 365 = 2.15
        ("contractual rate below floor", {"rate": "5"}, "2026-03-26", "2.15", "40.00"),
    ],
)
def test_amounts(name, case_kwargs, today, interest, indemnity):
    result = assess(make_case(**case_kwargs), d(today))
    assert str(result.amounts.interest) == interest, name
    assert str(result.amounts.indemnity) == indemnity, name
    assert result.amounts.total == (
        result.amounts.principal + result.amounts.interest + result.amounts.indemnity
    )


def test_rounding_happens_once_per_period():
    # 100 x 10 % / 365 = 0.0274 a day: rounded per day, 10 days would give 0.30; per period, 0.27.
    periods, _ = accrual_periods(Decimal("100"), [], d("2026-03-16"), d("2026-03-26"),
                                 lambda s: DayRate(Decimal("10"), s, False))
    assert [(p.days, p.interest) for p in periods] == [(10, Decimal("0.27"))]
    result = assess(make_case(amount="100.00", rate="10"), d("2026-03-26"))
    assert result.amounts.interest == Decimal("0.27")


def test_missing_semester_uses_latest_rate_and_is_flagged():
    table = RateTable.from_csv("semester,ecb,legal_other,legal_private\n2026-H1,2.00,3.00,6.00\n")
    amounts = compute_amounts(make_case(due="2026-06-20"), d("2026-07-10"), table, None)
    assert amounts.provisional is True
    assert amounts.missing_semesters == ("2026 H2",)
    assert amounts.annual_rate == Decimal("12.00")
    # 20 days at 12 %: 1000 x 0.12 x 20 / 365 = 6.58
    assert amounts.interest == Decimal("6.58")


def test_rate_table_rejects_a_bad_row():
    with pytest.raises(ValueError, match="row 3"):
        RateTable.from_csv("semester,ecb,legal_other,legal_private\n2026-H1,1,1,1\n2026-H3,1,1,1")


def test_operator_rates_file_override(tmp_path, monkeypatch):
    path = tmp_path / "rates.csv"
    path.write_text("semester,ecb,legal_other,legal_private\n2026-H1,5.00,1.00,2.00\n")
    monkeypatch.setenv("RELANCE_RATES_FILE", str(path))
    default_rate_table.cache_clear()
    try:
        assert default_rate_table().lookup(d("2026-03-01")).rates.ecb == Decimal("5.00")
    finally:
        monkeypatch.delenv("RELANCE_RATES_FILE")
        default_rate_table.cache_clear()


def test_days_overdue_for_a_partly_paid_then_paid_invoice():
    case = make_case(payments=[("2026-03-20", "500.00"), ("2026-04-05", "500.00")])
    assert assess(case, d("2026-05-01")).days_overdue == 20


# --- properties ---------------------------------------------------------------------------

kinds = st.sampled_from(list(DebtorKind))
days = st.integers(min_value=0, max_value=2000)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
due_dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=200, deadline=None)
@given(kind=kinds, amount=amounts, due=due_dates, offset=days)
def test_interest_never_negative_and_indemnity_by_kind(kind, amount, due, offset):
    case = make_case(kind=kind.value, amount=str(amount), due=due.isoformat())
    result = compute_amounts(case, due + timedelta(days=offset), RATES, None)
    assert result.interest >= 0
    if kind is DebtorKind.CONSUMER:
        assert result.indemnity == 0
        assert result.interest == 0  # no formal notice: nothing accrues
    else:
        assert result.indemnity == (Decimal("40.00") if offset > 0 else 0)


@settings(max_examples=200, deadline=None)
@given(kind=kinds, amount=amounts, due=due_dates, first=days, extra=days)
def test_interest_non_decreasing_in_time(kind, amount, due, first, extra):
    case = make_case(kind=kind.value, amount=str(amount), due=due.isoformat(),
                     contacts=[(due.isoformat(), "formal_notice")])
    earlier = compute_amounts(case, due + timedelta(days=first), RATES, due)
    later = compute_amounts(case, due + timedelta(days=first + extra), RATES, due)
    assert later.interest >= earlier.interest


@settings(max_examples=100, deadline=None)
@given(amount=amounts, due=due_dates, offset=days, notice=st.integers(min_value=1, max_value=900))
def test_consumer_interest_zero_before_formal_notice(amount, due, offset, notice):
    notice_day = due + timedelta(days=notice)
    today = due + timedelta(days=offset)
    case = make_case(kind="consumer", amount=str(amount), due=due.isoformat())
    result = compute_amounts(case, today, RATES, notice_day)
    if today <= notice_day:
        assert result.interest == 0
