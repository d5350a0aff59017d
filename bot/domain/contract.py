"""The `assess` JSON contract (DESIGN §8): validated input → Case, Assessment → output dict."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from bot.domain.facts import (
    Assessment,
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Installment,
    Invoice,
    MessageChannel,
    Payment,
    Plan,
    Response,
    ResponseKind,
    Step,
)
from bot.domain.profile import Profile

DEFAULT_TERM_DAYS = 30  # art. L441-10 I C. com.: 30 days when nothing is agreed
DEBTOR_TEXT_FIELDS = ("siren", "address", "contact_name", "civility", "email", "phone")
MAX_AMOUNT = Decimal("1000000000")

E = TypeVar("E", bound=StrEnum)


class InputError(ValueError):
    """Bad input; `field` names where (e.g. `invoice.amount`, `contacts[1].date`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _obj(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(field, "must be an object")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(field, "must be a list")
    return value


def parse_date(value: Any, field: str, *, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise InputError(field, "is required (ISO date, e.g. 2026-10-15)")
        return None
    if not isinstance(value, str):
        raise InputError(field, f"must be an ISO date string, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(field, f"is not a valid date: {value!r} (expected YYYY-MM-DD)") from None


def _date(value: Any, field: str) -> date:
    parsed = parse_date(value, field)
    assert parsed is not None
    return parsed


def parse_money(value: Any, field: str, *, allow_zero: bool = False) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(field, f'must be an amount such as "1250.00", got {value!r}')
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(field, f"is not a number: {value!r}") from None
    if not amount.is_finite():
        raise InputError(field, f"is not a number: {value!r}")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InputError(field, f"must be positive, got {value!r}")
    if amount > MAX_AMOUNT:
        raise InputError(field, f"is too large: {value!r}")
    if amount != amount.quantize(Decimal("0.01")):
        raise InputError(field, f"has more than two decimals: {value!r}")
    return amount.quantize(Decimal("0.01"))


def _rate(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(field, f'must be a percentage such as "12.5", got {value!r}')
    try:
        rate = Decimal(str(value).strip().rstrip("%").strip())
    except InvalidOperation:
        raise InputError(field, f"is not a number: {value!r}") from None
    if not rate.is_finite() or rate < 0 or rate > 100:
        raise InputError(field, f"must be an annual percentage between 0 and 100, got {value!r}")
    return rate


def _enum(kind: type[E], value: Any, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InputError(field, f"unknown value {value!r} (one of: {allowed})") from None


def _text(value: Any, field: str, *, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(field, "is required")
        return None
    if not isinstance(value, str | int):
        raise InputError(field, f"must be text, got {value!r}")
    return str(value).strip()


def _items(data: Mapping[str, Any], key: str, build: Callable[[Mapping[str, Any], str], Any]):
    return tuple(
        build(_obj(item, f"{key}[{i}]"), f"{key}[{i}]")
        for i, item in enumerate(_list(data.get(key), key))
    )


def _payment(item: Mapping[str, Any], at: str) -> Payment:
    return Payment(
        _date(item.get("date"), f"{at}.date"), parse_money(item.get("amount"), f"{at}.amount")
    )


def _contact(item: Mapping[str, Any], at: str) -> Contact:
    return Contact(
        date=_date(item.get("date"), f"{at}.date"),
        step=_enum(Step, item.get("step"), f"{at}.step"),
        channel=_enum(Channel, item.get("channel") or "other", f"{at}.channel"),
        deadline=parse_date(item.get("deadline"), f"{at}.deadline", required=False),
    )


def _response(item: Mapping[str, Any], at: str) -> Response:
    kind = _enum(ResponseKind, item.get("kind"), f"{at}.kind")
    promised = parse_date(item.get("promised_date"), f"{at}.promised_date", required=False)
    if kind is ResponseKind.PROMISE and promised is None:
        raise InputError(f"{at}.promised_date", "is required for a promise")
    return Response(
        date=_date(item.get("date"), f"{at}.date"),
        kind=kind,
        promised_date=promised,
        note=_text(item.get("note"), f"{at}.note", required=False),
    )


def case_from_json(data: Any) -> tuple[Case, date, MessageChannel | None]:
    """Validate the §8 input; return the case, `today` and the requested message channel."""
    data = _obj(data, "input")
    today = _date(data.get("today"), "today")
    debtor_data = _obj(data.get("debtor"), "debtor")
    debtor = Debtor(
        name=_text(debtor_data.get("name"), "debtor.name", required=True) or "",
        kind=_enum(DebtorKind, debtor_data.get("kind"), "debtor.kind"),
        **{
            key: _text(debtor_data.get(key), f"debtor.{key}", required=False)
            for key in DEBTOR_TEXT_FIELDS
        },
    )
    inv = _obj(data.get("invoice"), "invoice")
    issue_date = parse_date(inv.get("issue_date"), "invoice.issue_date", required=False)
    due_date = parse_date(inv.get("due_date"), "invoice.due_date", required=False)
    if due_date is None:
        if issue_date is None:
            raise InputError("invoice.due_date", "is required when invoice.issue_date is unknown")
        due_date = default_due_date(issue_date, debtor.kind)
    invoice = Invoice(
        amount=parse_money(inv.get("amount"), "invoice.amount"),
        due_date=due_date,
        number=_text(inv.get("number"), "invoice.number", required=False),
        issue_date=issue_date,
        penalty_rate=_rate(inv.get("penalty_rate"), "invoice.penalty_rate"),
        service_date=parse_date(inv.get("service_date"), "invoice.service_date", required=False),
    )
    plan = None
    if data.get("plan") is not None:
        plan_data = _obj(data["plan"], "plan")
        installments = _items(plan_data, "installments", _installment)
        if not installments:
            raise InputError("plan.installments", "must hold at least one instalment")
        agreed_on = parse_date(plan_data.get("agreed_on"), "plan.agreed_on", required=False)
        plan = Plan(installments, agreed_on)
    insolvency = None
    if data.get("insolvency") is not None:
        if debtor.kind is DebtorKind.PUBLIC:
            raise InputError("insolvency", "a public person cannot be in insolvency proceedings")
        ins = _obj(data["insolvency"], "insolvency")
        published_on = _date(ins.get("published_on"), "insolvency.published_on")
        opened_on = parse_date(ins.get("opened_on"), "insolvency.opened_on", required=False)
        if opened_on is not None and opened_on > published_on:
            raise InputError("insolvency.opened_on", "must not be after insolvency.published_on")
        insolvency = Insolvency(
            kind=_enum(InsolvencyKind, ins.get("kind"), "insolvency.kind"),
            published_on=published_on,
            opened_on=opened_on,
        )
    channel_value = data.get("channel")
    channel = None if channel_value is None else _enum(MessageChannel, channel_value, "channel")
    case = Case(
        debtor=debtor,
        invoice=invoice,
        payments=_items(data, "payments", _payment),
        contacts=_items(data, "contacts", _contact),
        responses=_items(data, "responses", _response),
        plan=plan,
        insolvency=insolvency,
    )
    return case, today, channel


def _installment(item: Mapping[str, Any], at: str) -> Installment:
    at = at.replace("installments", "plan.installments")
    return Installment(
        _date(item.get("date"), f"{at}.date"), parse_money(item.get("amount"), f"{at}.amount")
    )


def default_due_date(issue_date: date, kind: DebtorKind) -> date:
    """Issue date + 30 days (business, public); the issue date itself for a consumer."""
    if kind is DebtorKind.CONSUMER:
        return issue_date
    return issue_date + timedelta(days=DEFAULT_TERM_DAYS)


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def assessment_to_json(result: Assessment) -> dict[str, Any]:
    """The §8 output, less `message` (added by the words layer)."""
    amounts = result.amounts
    return {
        "stage": result.stage.value,
        "last_step": result.last_step.value if result.last_step else None,
        "due_now": result.due_now,
        "next_step_on": _iso(result.next_step_on),
        "days_overdue": result.days_overdue,
        "limitation_on": _iso(result.limitation_date),
        "amounts": {
            "principal": _money(amounts.principal),
            "interest": _money(amounts.interest),
            "indemnity": _money(amounts.indemnity),
            "total": _money(amounts.total),
            "annual_rate": _money(amounts.annual_rate),
            "provisional": amounts.provisional,
            "periods": [
                {
                    "from": period.start.isoformat(),
                    "to": period.end.isoformat(),
                    "days": period.days,
                    "base": _money(period.base),
                    "rate": _money(period.rate),
                    "interest": _money(period.interest),
                }
                for period in amounts.periods
            ],
        },
        "options": [option.value for option in result.options],
        "warnings": list(result.warnings),
        "deadline": _iso(result.deadline),
        "message": None,
    }


PROFILE_TEXT_FIELDS = (
    "full_name", "business_name", "address", "city", "email", "phone", "iban", "siret", "contact"
)


def profile_from_json(data: Any) -> Profile | None:
    """The optional `profile` object of the §8 input; raises InputError on a bad field."""
    if data is None:
        return None
    data = _obj(data, "profile")
    values: dict[str, str | None] = {}
    for key in PROFILE_TEXT_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"profile.{key}", f"must be text, got {value!r}")
        values[key] = value.strip() if value and value.strip() else None
    franchise = data.get("vat_franchise", False)
    if franchise is None:
        franchise = False
    if not isinstance(franchise, bool):
        raise InputError("profile.vat_franchise", f"must be true or false, got {franchise!r}")
    return Profile(**values, vat_franchise=franchise)
