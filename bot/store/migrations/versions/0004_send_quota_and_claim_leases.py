"""Reminders: a lease on each unsent claim, and the shared sending quota.

`reminder_log` gets `holder` and `lease_until` (the sweep holding an unsent claim, and until
when: another sweeper takes it over once the lease has lapsed); claims left by an earlier
version get a lease that has already lapsed. `send_slots` is new: the taken slots of the
bot's sending quota, shared by every process. Existing rows are kept.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_reminder_log_status_lease_until", ["status", "lease_until"], unique=False
        )
    op.execute("UPDATE reminder_log SET lease_until = claimed_at WHERE status = 'claimed'")
    op.create_table(
        "send_slots",
        sa.Column("slot", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("slot", name=op.f("pk_send_slots")),
    )


def downgrade() -> None:
    op.drop_table("send_slots")
    with op.batch_alter_table("reminder_log", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_log_status_lease_until")
        batch_op.drop_column("lease_until")
        batch_op.drop_column("holder")
