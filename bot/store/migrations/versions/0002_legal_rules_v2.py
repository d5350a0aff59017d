"""Legal rules v2 and ready-to-send facts: service date, opening judgment, plan agreement,
the client's identity and address, the user's full profile.

Existing rows are kept; the v1 profile `contact` (e-mail or phone) is copied into the new
`email` or `phone` column.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

USER_COLUMNS = (
    ("address", sa.String(length=500)),
    ("city", sa.String(length=100)),
    ("email", sa.String(length=200)),
    ("phone", sa.String(length=32)),
)
DEBTOR_COLUMNS = (
    ("siren", sa.String(length=9)),
    ("address", sa.String(length=500)),
    ("contact_name", sa.String(length=200)),
    ("civility", sa.String(length=16)),
    ("email", sa.String(length=200)),
    ("phone", sa.String(length=32)),
)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        for name, type_ in USER_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.add_column(sa.Column("vat_franchise", sa.Boolean(), nullable=True))
    with op.batch_alter_table("debtors") as batch:
        for name, type_ in DEBTOR_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("service_date", sa.Date(), nullable=True))
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("agreed_on", sa.Date(), nullable=True))
    with op.batch_alter_table("insolvencies") as batch:
        batch.add_column(sa.Column("opened_on", sa.Date(), nullable=True))
    users = sa.table(
        "users",
        sa.column("contact", sa.String),
        sa.column("email", sa.String),
        sa.column("phone", sa.String),
    )
    op.execute(
        users.update()
        .where(users.c.contact.like("%@%"))
        .values(email=sa.func.substr(users.c.contact, 1, 200))
    )
    op.execute(
        users.update()
        .where(users.c.contact.isnot(None), ~users.c.contact.like("%@%"))
        .values(phone=sa.func.substr(users.c.contact, 1, 32))
    )


def downgrade() -> None:
    with op.batch_alter_table("insolvencies") as batch:
        batch.drop_column("opened_on")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("agreed_on")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("service_date")
    with op.batch_alter_table("debtors") as batch:
        for name, _ in reversed(DEBTOR_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("vat_franchise")
        for name, _ in reversed(USER_COLUMNS):
            batch.drop_column(name)
