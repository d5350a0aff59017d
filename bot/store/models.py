"""SQLModel tables (the schema; Alembic's migrations must match it — a test checks).

Every row carries its owner's Telegram user id (`owner`). Child rows reference their case
through the composite key (owner, case_id) → cases(owner, id), so the database itself
refuses a row whose case belongs to someone else. Constraints (positive amounts, known
statuses, foreign keys with ON DELETE CASCADE, unique keys) live in the schema.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.domain.facts import Channel, DebtorKind, InsolvencyKind, ResponseKind, Step
from bot.store.types import AwareDateTime, Money, Rate, utcnow

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CASE_STATUSES = ("open", "paid", "closed", "abandoned")
REMINDER_STATUSES = ("claimed", "sent")


def _in(column: str, values: Any) -> str:
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


def _owner() -> Any:
    return Field(
        sa_column=sa.Column(
            sa.BigInteger,
            sa.ForeignKey("users.user_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )


def _case_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["owner", "case_id"], ["cases.owner", "cases.id"], ondelete="CASCADE"
    )


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=AwareDateTime, nullable=False)


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("reminder_hour >= 0 AND reminder_hour <= 23", name="reminder_hour"),
    )

    user_id: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))
    chat_id: int = Field(sa_column=sa.Column(sa.BigInteger, nullable=False))
    full_name: str | None = Field(default=None, sa_type=sa.String(200))
    business_name: str | None = Field(default=None, sa_type=sa.String(200))
    contact: str | None = Field(default=None, sa_type=sa.String(200))  # email or phone
    iban: str | None = Field(default=None, sa_type=sa.String(64))
    siret: str | None = Field(default=None, sa_type=sa.String(32))
    address: str | None = Field(default=None, sa_type=sa.String(500))  # postal, "\n" lines
    city: str | None = Field(default=None, sa_type=sa.String(100))
    email: str | None = Field(default=None, sa_type=sa.String(200))
    phone: str | None = Field(default=None, sa_type=sa.String(32))
    vat_franchise: bool | None = Field(default=None)  # art. 293 B CGI; None: not asked yet
    tz: str = Field(
        default="Europe/Paris",
        sa_column=sa.Column(
            sa.String(64), nullable=False, server_default=sa.text("'Europe/Paris'")
        ),
    )
    reminder_hour: int = Field(
        default=9, sa_column=sa.Column(sa.Integer, nullable=False, server_default=sa.text("9"))
    )
    reminders_on: bool = Field(
        default=True, sa_column=sa.Column(sa.Boolean, nullable=False, server_default=sa.true())
    )
    signature_asked: bool = Field(
        default=False,
        sa_column=sa.Column(sa.Boolean, nullable=False, server_default=sa.false()),
    )
    blocked_at: dt.datetime | None = Field(default=None, sa_type=AwareDateTime)
    user_data: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False)
    )
    created_at: dt.datetime = _created()
    updated_at: dt.datetime = _created()


class Debtor(SQLModel, table=True):
    __tablename__ = "debtors"
    __table_args__ = (
        sa.UniqueConstraint("owner", "id"),
        sa.UniqueConstraint("owner", "name", "kind"),
        sa.CheckConstraint(_in("kind", DebtorKind), name="kind"),
        sa.CheckConstraint("length(name) > 0", name="name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    name: str = Field(sa_type=sa.String(200), nullable=False)
    kind: str = Field(sa_type=sa.String(16), nullable=False)
    siren: str | None = Field(default=None, sa_type=sa.String(9))
    address: str | None = Field(default=None, sa_type=sa.String(500))  # postal, "\n" lines
    contact_name: str | None = Field(default=None, sa_type=sa.String(200))
    civility: str | None = Field(default=None, sa_type=sa.String(16))  # madame | monsieur
    email: str | None = Field(default=None, sa_type=sa.String(200))
    phone: str | None = Field(default=None, sa_type=sa.String(32))
    created_at: dt.datetime = _created()


class CaseRow(SQLModel, table=True):
    __tablename__ = "cases"
    __table_args__ = (
        sa.UniqueConstraint("owner", "id"),
        sa.ForeignKeyConstraint(
            ["owner", "debtor_id"], ["debtors.owner", "debtors.id"], ondelete="CASCADE"
        ),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.CheckConstraint("penalty_rate IS NULL OR penalty_rate >= 0", name="penalty_rate"),
        sa.CheckConstraint(_in("status", CASE_STATUSES), name="status"),
        sa.Index("ix_cases_owner_status", "owner", "status"),
        sa.Index("ix_cases_status_due_date", "status", "due_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    debtor_id: int = Field(nullable=False, index=True)
    invoice_number: str | None = Field(default=None, sa_type=sa.String(64))
    amount: Decimal = Field(sa_type=Money, nullable=False)
    issue_date: dt.date | None = Field(default=None)
    due_date: dt.date = Field(nullable=False)
    service_date: dt.date | None = Field(default=None)  # completion of the service
    penalty_rate: Decimal | None = Field(default=None, sa_type=Rate)
    status: str = Field(
        default="open",
        sa_column=sa.Column(sa.String(16), nullable=False, server_default=sa.text("'open'")),
    )
    created_at: dt.datetime = _created()
    updated_at: dt.datetime = _created()
    closed_at: dt.datetime | None = Field(default=None, sa_type=AwareDateTime)


class ContactRow(SQLModel, table=True):
    __tablename__ = "contacts"
    __table_args__ = (
        _case_fk(),
        sa.CheckConstraint(_in("step", Step), name="step"),
        sa.CheckConstraint(_in("channel", Channel), name="channel"),
        sa.Index("ix_contacts_owner_case_id", "owner", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    case_id: int = Field(nullable=False)
    date: dt.date = Field(nullable=False)
    step: str = Field(sa_type=sa.String(32), nullable=False)
    channel: str = Field(sa_type=sa.String(32), nullable=False)
    deadline: dt.date | None = Field(default=None)
    created_at: dt.datetime = _created()


class ResponseRow(SQLModel, table=True):
    __tablename__ = "responses"
    __table_args__ = (
        _case_fk(),
        sa.CheckConstraint(_in("kind", ResponseKind), name="kind"),
        sa.Index("ix_responses_owner_case_id", "owner", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    case_id: int = Field(nullable=False)
    date: dt.date = Field(nullable=False)
    kind: str = Field(sa_type=sa.String(32), nullable=False)
    promised_date: dt.date | None = Field(default=None)
    note: str | None = Field(default=None, sa_type=sa.Text)
    created_at: dt.datetime = _created()


class PaymentRow(SQLModel, table=True):
    __tablename__ = "payments"
    __table_args__ = (
        _case_fk(),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
        sa.Index("ix_payments_owner_case_id", "owner", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    case_id: int = Field(nullable=False)
    date: dt.date = Field(nullable=False)
    amount: Decimal = Field(sa_type=Money, nullable=False)
    created_at: dt.datetime = _created()


class PlanRow(SQLModel, table=True):
    """An agreed instalment plan; at most one per case (a new plan replaces the old)."""

    __tablename__ = "plans"
    __table_args__ = (
        _case_fk(),
        sa.UniqueConstraint("case_id"),
        sa.UniqueConstraint("owner", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    case_id: int = Field(nullable=False)
    agreed_on: dt.date | None = Field(default=None)
    created_at: dt.datetime = _created()


class InstallmentRow(SQLModel, table=True):
    __tablename__ = "installments"
    __table_args__ = (
        sa.ForeignKeyConstraint(
            ["owner", "plan_id"], ["plans.owner", "plans.id"], ondelete="CASCADE"
        ),
        sa.UniqueConstraint("plan_id", "seq"),
        sa.CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    plan_id: int = Field(nullable=False)
    seq: int = Field(nullable=False)
    date: dt.date = Field(nullable=False)
    amount: Decimal = Field(sa_type=Money, nullable=False)


class InsolvencyRow(SQLModel, table=True):
    __tablename__ = "insolvencies"
    __table_args__ = (
        _case_fk(),
        sa.UniqueConstraint("case_id"),
        sa.CheckConstraint(_in("kind", InsolvencyKind), name="kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    case_id: int = Field(nullable=False)
    kind: str = Field(sa_type=sa.String(16), nullable=False)
    published_on: dt.date = Field(nullable=False)
    opened_on: dt.date | None = Field(default=None)  # the opening judgment
    created_at: dt.datetime = _created()


class ReminderLog(SQLModel, table=True):
    """One digest or nudge. The unique key (owner, kind, case_key, key) makes "exactly once"
    a database guarantee: `case_key` is the case id, or 0 for user-wide reminders (digests),
    `key` the date or event the reminder is about (e.g. "2026-10-15")."""

    __tablename__ = "reminder_log"
    __table_args__ = (
        sa.ForeignKeyConstraint(
            ["owner", "case_id"], ["cases.owner", "cases.id"], ondelete="CASCADE"
        ),
        sa.UniqueConstraint("owner", "kind", "case_key", "key"),
        sa.CheckConstraint(_in("status", REMINDER_STATUSES), name="status"),
        sa.CheckConstraint(
            "(case_id IS NULL AND case_key = 0) OR case_key = case_id", name="case_key"
        ),
        sa.CheckConstraint("attempts >= 0", name="attempts"),
        sa.Index("ix_reminder_log_status_claimed_at", "status", "claimed_at"),
        sa.Index("ix_reminder_log_status_lease_until", "status", "lease_until"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    case_id: int | None = Field(default=None)
    case_key: int = Field(
        default=0, sa_column=sa.Column(sa.Integer, nullable=False, server_default=sa.text("0"))
    )
    kind: str = Field(sa_type=sa.String(48), nullable=False)
    key: str = Field(sa_type=sa.String(64), nullable=False)
    status: str = Field(
        default="claimed",
        sa_column=sa.Column(sa.String(16), nullable=False, server_default=sa.text("'claimed'")),
    )
    claimed_at: dt.datetime = _created()
    sent_at: dt.datetime | None = Field(default=None, sa_type=AwareDateTime)
    attempts: int = Field(
        default=0, sa_column=sa.Column(sa.Integer, nullable=False, server_default=sa.text("0"))
    )
    detail: str | None = Field(default=None, sa_type=sa.Text)
    # The sweep holding an unsent claim, and until when (wall clock): renewed while it runs,
    # taken over by another sweeper once it has lapsed. NULL: a claim without a lease.
    holder: str | None = Field(default=None, sa_type=sa.String(32))
    lease_until: dt.datetime | None = Field(default=None, sa_type=AwareDateTime)


class SendSlot(SQLModel, table=True):
    """One taken slot of the bot's shared sending quota: `slot` is the wall-clock time in
    units of 1/rate second (bot/store/send_quota.py). Rows older than a minute are pruned."""

    __tablename__ = "send_slots"

    slot: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))


class ConversationState(SQLModel, table=True):
    """Where a dialog stood (PTB state + its draft data), to resume it after a crash."""

    __tablename__ = "conversation_state"
    __table_args__ = (sa.UniqueConstraint("owner", "name", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: int = _owner()
    name: str = Field(sa_type=sa.String(64), nullable=False)
    key: str = Field(sa_type=sa.String(128), nullable=False)
    chat_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    state: Any = Field(default=None, sa_column=sa.Column(sa.JSON, nullable=True))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False))
    updated_at: dt.datetime = _created()


class RecordedUpdate(SQLModel, table=True):
    """A fact already recorded from one Telegram message (see `bot.store.origin`): the
    message of the button pressed, or the user's own message. `case_id` 0 for a new case."""

    __tablename__ = "recorded_updates"

    owner: int = Field(
        sa_column=sa.Column(
            sa.BigInteger,
            sa.ForeignKey("users.user_id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    chat_id: int = Field(sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False))
    message_id: int = Field(
        sa_column=sa.Column(sa.BigInteger, primary_key=True, autoincrement=False)
    )
    kind: str = Field(sa_column=sa.Column(sa.String(16), primary_key=True))
    case_id: int = Field(sa_column=sa.Column(sa.Integer, primary_key=True, autoincrement=False))
    row_id: int | None = Field(default=None)
    created_at: dt.datetime = _created()


TABLES: tuple[type[SQLModel], ...] = (
    User,
    Debtor,
    CaseRow,
    ContactRow,
    ResponseRow,
    PaymentRow,
    PlanRow,
    InstallmentRow,
    InsolvencyRow,
    ReminderLog,
    ConversationState,
    RecordedUpdate,
)

metadata = SQLModel.metadata
