"""Exactly-once recording: the Telegram messages facts were already recorded from.

A new table only; existing rows are kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recorded_updates",
        sa.Column("owner", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner"],
            ["users.user_id"],
            name=op.f("fk_recorded_updates_owner_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "owner", "chat_id", "message_id", "kind", "case_id", name=op.f("pk_recorded_updates")
        ),
    )


def downgrade() -> None:
    op.drop_table("recorded_updates")
