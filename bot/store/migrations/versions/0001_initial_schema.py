"""Initial schema: users, debtors, cases and their facts, reminder log, dialog state.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=True),
        sa.Column("business_name", sa.String(length=200), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("iban", sa.String(length=64), nullable=True),
        sa.Column("siret", sa.String(length=32), nullable=True),
        sa.Column(
            "tz", sa.String(length=64), server_default=sa.text("'Europe/Paris'"), nullable=False
        ),
        sa.Column("reminder_hour", sa.Integer(), server_default=sa.text("9"), nullable=False),
        sa.Column("reminders_on", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("signature_asked", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user_data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reminder_hour >= 0 AND reminder_hour <= 23", name=op.f("ck_users_reminder_hour")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_users")),
    )
    op.create_table(
        "conversation_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.JSON(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner"],
            ["users.user_id"],
            name=op.f("fk_conversation_state_owner_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_state")),
        sa.UniqueConstraint(
            "owner", "name", "key", name=op.f("uq_conversation_state_owner_name_key")
        ),
    )
    with op.batch_alter_table("conversation_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_state_owner"), ["owner"], unique=False)

    op.create_table(
        "debtors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('business', 'consumer', 'public')", name=op.f("ck_debtors_kind")
        ),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_debtors_name")),
        sa.ForeignKeyConstraint(
            ["owner"], ["users.user_id"], name=op.f("fk_debtors_owner_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debtors")),
        sa.UniqueConstraint("owner", "id", name=op.f("uq_debtors_owner_id")),
        sa.UniqueConstraint("owner", "name", "kind", name=op.f("uq_debtors_owner_name_kind")),
    )
    with op.batch_alter_table("debtors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_debtors_owner"), ["owner"], unique=False)

    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("debtor_id", sa.Integer(), nullable=False),
        sa.Column("invoice_number", sa.String(length=64), nullable=True),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("penalty_rate", sa.Numeric(precision=7, scale=4), nullable=True),
        sa.Column("status", sa.String(length=16), server_default=sa.text("'open'"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'paid', 'closed', 'abandoned')", name=op.f("ck_cases_status")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_cases_amount_positive")),
        sa.CheckConstraint(
            "penalty_rate IS NULL OR penalty_rate >= 0", name=op.f("ck_cases_penalty_rate")
        ),
        sa.ForeignKeyConstraint(
            ["owner", "debtor_id"],
            ["debtors.owner", "debtors.id"],
            name=op.f("fk_cases_owner_debtor_id_debtors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["users.user_id"], name=op.f("fk_cases_owner_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("owner", "id", name=op.f("uq_cases_owner_id")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_debtor_id"), ["debtor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_owner"), ["owner"], unique=False)
        batch_op.create_index("ix_cases_owner_status", ["owner", "status"], unique=False)
        batch_op.create_index("ix_cases_status_due_date", ["status", "due_date"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('email', 'sms', 'phone', 'letter', 'registered_letter', 'in_person', "
            "'other')",
            name=op.f("ck_contacts_channel"),
        ),
        sa.CheckConstraint(
            "step IN ('preventive_reminder', 'friendly_reminder', 'firm_reminder', 'final_notice', "
            "'formal_notice', 'escalation', 'call', 'other')",
            name=op.f("ck_contacts_step"),
        ),
        sa.ForeignKeyConstraint(
            ["owner", "case_id"],
            ["cases.owner", "cases.id"],
            name=op.f("fk_contacts_owner_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["users.user_id"], name=op.f("fk_contacts_owner_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_owner"), ["owner"], unique=False)
        batch_op.create_index("ix_contacts_owner_case_id", ["owner", "case_id"], unique=False)

    op.create_table(
        "insolvencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('safeguard', 'receivership', 'liquidation')",
            name=op.f("ck_insolvencies_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["owner", "case_id"],
            ["cases.owner", "cases.id"],
            name=op.f("fk_insolvencies_owner_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"],
            ["users.user_id"],
            name=op.f("fk_insolvencies_owner_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insolvencies")),
        sa.UniqueConstraint("case_id", name=op.f("uq_insolvencies_case_id")),
    )
    with op.batch_alter_table("insolvencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insolvencies_owner"), ["owner"], unique=False)

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["owner", "case_id"],
            ["cases.owner", "cases.id"],
            name=op.f("fk_payments_owner_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["users.user_id"], name=op.f("fk_payments_owner_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_owner"), ["owner"], unique=False)
        batch_op.create_index("ix_payments_owner_case_id", ["owner", "case_id"], unique=False)

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner", "case_id"],
            ["cases.owner", "cases.id"],
            name=op.f("fk_plans_owner_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["users.user_id"], name=op.f("fk_plans_owner_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("case_id", name=op.f("uq_plans_case_id")),
        sa.UniqueConstraint("owner", "id", name=op.f("uq_plans_owner_id")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_owner"), ["owner"], unique=False)

    op.create_table(
        "reminder_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("case_key", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column(
            "status", sa.String(length=16), server_default=sa.text("'claimed'"), nullable=False
        ),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('claimed', 'sent')", name=op.f("ck_reminder_log_status")),
        sa.CheckConstraint(
            "(case_id IS NULL AND case_key = 0) OR case_key = case_id",
            name=op.f("ck_reminder_log_case_key"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_reminder_log_attempts")),
        sa.ForeignKeyConstraint(
            ["owner", "case_id"],
            ["cases.owner", "cases.id"],
            name=op.f("fk_reminder_log_owner_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"],
            ["users.user_id"],
            name=op.f("fk_reminder_log_owner_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_log")),
        sa.UniqueConstraint(
            "owner", "kind", "case_key", "key", name=op.f("uq_reminder_log_owner_kind_case_key_key")
        ),
    )
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_log_owner"), ["owner"], unique=False)
        batch_op.create_index(
            "ix_reminder_log_status_claimed_at", ["status", "claimed_at"], unique=False
        )

    op.create_table(
        "responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("promised_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('promise', 'payment_plan', 'dispute', 'claims_paid', 'hardship', 'refusal')",
            name=op.f("ck_responses_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["owner", "case_id"],
            ["cases.owner", "cases.id"],
            name=op.f("fk_responses_owner_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["users.user_id"], name=op.f("fk_responses_owner_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responses")),
    )
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_responses_owner"), ["owner"], unique=False)
        batch_op.create_index("ix_responses_owner_case_id", ["owner", "case_id"], unique=False)

    op.create_table(
        "installments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.BigInteger(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_installments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["owner", "plan_id"],
            ["plans.owner", "plans.id"],
            name=op.f("fk_installments_owner_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner"],
            ["users.user_id"],
            name=op.f("fk_installments_owner_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installments")),
        sa.UniqueConstraint("plan_id", "seq", name=op.f("uq_installments_plan_id_seq")),
    )
    with op.batch_alter_table("installments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_installments_owner"), ["owner"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("installments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_installments_owner"))

    op.drop_table("installments")
    with op.batch_alter_table("responses", schema=None) as batch_op:
        batch_op.drop_index("ix_responses_owner_case_id")
        batch_op.drop_index(batch_op.f("ix_responses_owner"))

    op.drop_table("responses")
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_log_status_claimed_at")
        batch_op.drop_index(batch_op.f("ix_reminder_log_owner"))

    op.drop_table("reminder_log")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_owner"))

    op.drop_table("plans")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_owner_case_id")
        batch_op.drop_index(batch_op.f("ix_payments_owner"))

    op.drop_table("payments")
    with op.batch_alter_table("insolvencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insolvencies_owner"))

    op.drop_table("insolvencies")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_owner_case_id")
        batch_op.drop_index(batch_op.f("ix_contacts_owner"))

    op.drop_table("contacts")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_status_due_date")
        batch_op.drop_index("ix_cases_owner_status")
        batch_op.drop_index(batch_op.f("ix_cases_owner"))
        batch_op.drop_index(batch_op.f("ix_cases_debtor_id"))

    op.drop_table("cases")
    with op.batch_alter_table("debtors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debtors_owner"))

    op.drop_table("debtors")
    with op.batch_alter_table("conversation_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_state_owner"))

    op.drop_table("conversation_state")
    op.drop_table("users")
