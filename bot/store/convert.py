"""Rows ↔ domain facts, in one place. Also the records the repositories hand out and the
JSON-able form of values (for the data export)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from bot.domain import facts
from bot.store.models import (
    CaseRow,
    ContactRow,
    ConversationState,
    InsolvencyRow,
    InstallmentRow,
    PaymentRow,
    ResponseRow,
    User,
)
from bot.store.models import Debtor as DebtorRow

_R = TypeVar("_R")


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user's profile (used to sign messages) and reminder settings."""

    user_id: int
    chat_id: int
    full_name: str | None
    business_name: str | None
    contact: str | None
    iban: str | None
    siret: str | None
    tz: str
    reminder_hour: int
    reminders_on: bool
    signature_asked: bool
    blocked_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    address: str | None = None
    city: str | None = None
    email: str | None = None
    phone: str | None = None
    vat_franchise: bool | None = None  # None: not asked yet


@dataclass(frozen=True, slots=True)
class StoredCase:
    """A case as stored: its id and status around the domain's `Case` facts."""

    id: int
    owner: int
    status: str  # open | paid | closed | abandoned
    case: facts.Case
    debtor_id: int
    created_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    """Where a dialog stood: PTB state (any JSON value) and its draft data."""

    owner: int
    name: str
    key: str
    chat_id: int | None
    state: Any
    data: dict[str, Any]
    updated_at: dt.datetime


def _copied(record_type: type[_R], row: object, **overrides: Any) -> _R:
    """A record whose fields are read from the row's columns of the same names."""
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(record_type)}
    values.update(overrides)
    return record_type(**values)


def user_record(row: User) -> UserRecord:
    return _copied(UserRecord, row)


def conversation_record(row: ConversationState) -> ConversationRecord:
    return _copied(ConversationRecord, row, data=dict(row.data or {}))


# --- case facts → rows ---------------------------------------------------------------------


def case_columns(case: facts.Case) -> dict[str, Any]:
    """The `cases` columns that come from the facts (the debtor is a separate row)."""
    invoice = case.invoice
    return {
        "invoice_number": invoice.number,
        "amount": invoice.amount,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "service_date": invoice.service_date,
        "penalty_rate": invoice.penalty_rate,
    }


DEBTOR_DETAILS = ("siren", "address", "contact_name", "civility", "email", "phone")


def debtor_details(debtor: facts.Debtor) -> dict[str, Any]:
    """The client's identity and contact details that are known (None left out)."""
    return {
        name: getattr(debtor, name) for name in DEBTOR_DETAILS if getattr(debtor, name) is not None
    }


def contact_row(owner: int, case_id: int, contact: facts.Contact) -> ContactRow:
    return ContactRow(
        owner=owner,
        case_id=case_id,
        date=contact.date,
        step=facts.Step(contact.step).value,
        channel=facts.Channel(contact.channel).value,
        deadline=contact.deadline,
    )


def response_row(owner: int, case_id: int, response: facts.Response) -> ResponseRow:
    return ResponseRow(
        owner=owner,
        case_id=case_id,
        date=response.date,
        kind=facts.ResponseKind(response.kind).value,
        promised_date=response.promised_date,
        note=response.note,
    )


def payment_row(owner: int, case_id: int, payment: facts.Payment) -> PaymentRow:
    return PaymentRow(owner=owner, case_id=case_id, date=payment.date, amount=payment.amount)


def installment_rows(owner: int, plan_id: int, plan: facts.Plan) -> list[InstallmentRow]:
    return [
        InstallmentRow(owner=owner, plan_id=plan_id, seq=i, date=item.date, amount=item.amount)
        for i, item in enumerate(plan.installments)
    ]


def insolvency_row(owner: int, case_id: int, insolvency: facts.Insolvency) -> InsolvencyRow:
    return InsolvencyRow(
        owner=owner,
        case_id=case_id,
        kind=facts.InsolvencyKind(insolvency.kind).value,
        published_on=insolvency.published_on,
        opened_on=insolvency.opened_on,
    )


# --- rows → case facts ---------------------------------------------------------------------


def _by_date(rows: Iterable[Any]) -> list[Any]:
    return sorted(rows, key=lambda r: (r.date, r.id or 0))


def to_case(
    row: CaseRow,
    debtor: DebtorRow,
    *,
    contacts: Sequence[ContactRow] = (),
    responses: Sequence[ResponseRow] = (),
    payments: Sequence[PaymentRow] = (),
    installments: Sequence[InstallmentRow] | None = None,
    plan_agreed_on: dt.date | None = None,
    insolvency: InsolvencyRow | None = None,
) -> facts.Case:
    """The domain `Case` of a case row and its children (children in date order).

    `installments` is None when the case has no plan (an empty plan is kept as empty)."""
    plan = None
    if installments is not None:
        ordered = sorted(installments, key=lambda r: r.seq)
        plan = facts.Plan(
            tuple(facts.Installment(date=r.date, amount=r.amount) for r in ordered),
            agreed_on=plan_agreed_on,
        )
    return facts.Case(
        debtor=facts.Debtor(
            name=debtor.name,
            kind=facts.DebtorKind(debtor.kind),
            **{name: getattr(debtor, name) for name in DEBTOR_DETAILS},
        ),
        invoice=facts.Invoice(
            amount=row.amount,
            due_date=row.due_date,
            number=row.invoice_number,
            issue_date=row.issue_date,
            penalty_rate=row.penalty_rate,
            service_date=row.service_date,
        ),
        payments=tuple(facts.Payment(date=r.date, amount=r.amount) for r in _by_date(payments)),
        contacts=tuple(
            facts.Contact(
                date=r.date,
                step=facts.Step(r.step),
                channel=facts.Channel(r.channel),
                deadline=r.deadline,
            )
            for r in _by_date(contacts)
        ),
        responses=tuple(
            facts.Response(
                date=r.date,
                kind=facts.ResponseKind(r.kind),
                promised_date=r.promised_date,
                note=r.note,
            )
            for r in _by_date(responses)
        ),
        plan=plan,
        insolvency=(
            facts.Insolvency(
                kind=facts.InsolvencyKind(insolvency.kind),
                published_on=insolvency.published_on,
                opened_on=insolvency.opened_on,
            )
            if insolvency is not None
            else None
        ),
    )


def stored_case(row: CaseRow, case: facts.Case) -> StoredCase:
    assert row.id is not None
    return StoredCase(
        id=row.id,
        owner=row.owner,
        status=row.status,
        case=case,
        debtor_id=row.debtor_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
    )


# --- JSON ----------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Decimal → "1250.00", date/datetime → ISO 8601, enums → their value, recursively."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def case_json(stored: StoredCase) -> dict[str, Any]:
    """One case, with everything recorded about it, as JSON-able data."""
    case = stored.case
    return jsonable(
        {
            "id": stored.id,
            "status": stored.status,
            "created_at": stored.created_at,
            "updated_at": stored.updated_at,
            "closed_at": stored.closed_at,
            "debtor": {"id": stored.debtor_id, "name": case.debtor.name, "kind": case.debtor.kind},
            "invoice": {
                "number": case.invoice.number,
                "amount": case.invoice.amount,
                "issue_date": case.invoice.issue_date,
                "due_date": case.invoice.due_date,
                "penalty_rate": case.invoice.penalty_rate,
            },
            "payments": [{"date": p.date, "amount": p.amount} for p in case.payments],
            "contacts": [
                {"date": c.date, "step": c.step, "channel": c.channel, "deadline": c.deadline}
                for c in case.contacts
            ],
            "responses": [
                {"date": r.date, "kind": r.kind, "promised_date": r.promised_date, "note": r.note}
                for r in case.responses
            ],
            "plan": (
                {
                    "installments": [
                        {"date": i.date, "amount": i.amount} for i in case.plan.installments
                    ]
                }
                if case.plan is not None
                else None
            ),
            "insolvency": (
                {"kind": case.insolvency.kind, "published_on": case.insolvency.published_on}
                if case.insolvency is not None
                else None
            ),
        }
    )
