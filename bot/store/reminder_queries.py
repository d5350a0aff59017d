"""Database side of the reminders sweep: atomic claims on the reminder log.

The sweep is system-wide (it looks for every user whose digest is due), so the *finding and
claiming* functions are not owner-scoped; everything that touches one user's rows afterwards
(nudge claims, marking sent, releasing) filters on the owner.

Exactly once, by construction:
- a digest is claimed by inserting its log row (owner, "digest", 0, local date) with
  `ON CONFLICT DO NOTHING RETURNING` — the unique key refuses a second claim, whoever asks;
- on PostgreSQL the candidate users are selected `FOR UPDATE SKIP LOCKED` in the same
  statement, so concurrent sweepers split the users between them instead of colliding;
- every unsent claim carries a lease (`holder`, `lease_until`, wall clock), renewed by its
  sweep while it runs; one whose lease has lapsed (the sender died) is taken over with one
  `UPDATE … RETURNING` that sets a new holder — only one sweeper can win it. (A claim
  without a lease is taken over once `claimed_at` is older than the caller's `stale_before`.)
- right before a digest goes, `decide_digest` re-checks the user and the cases and marks
  the digest sent in one transaction: what is sent is what was true a moment before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.store import convert
from bot.store.convert import StoredCase, UserRecord
from bot.store.engine import Database
from bot.store.loading import build_cases
from bot.store.loading import table as _table
from bot.store.models import (
    CaseRow,
    ReminderLog,
    User,
)
from bot.store.types import AwareDateTime

DIGEST = "digest"


@dataclass(frozen=True, slots=True)
class Claim:
    """A claimed digest: its log row and its owner."""

    log_id: int
    owner: int
    attempts: int = 1


@dataclass(frozen=True, slots=True)
class Lease:
    """Who holds new claims (`holder`, one per sweep) and until when; `now` is the wall
    clock the lapse of other leases is judged by."""

    holder: str
    until: dt.datetime
    now: dt.datetime


def _insert_module(db: Database) -> object:
    return postgresql if db.backend == "postgresql" else sqlite


def _due_users(
    tz: str,
    key: str,
    hour: int,
    exclude: Iterable[int],
    only: Iterable[int] | None = None,
    after: int = 0,
) -> sa.Select:
    """Users of time zone `tz` whose reminders are on, whose hour has come, and who have
    no digest row for the local date `key` yet (among `only` when given; ids > `after`)."""
    logged = (
        sa.select(sa.literal(1))
        .select_from(ReminderLog)
        .where(
            col(ReminderLog.owner) == col(User.user_id),
            col(ReminderLog.owner) > after,  # lets the log's index start at the cursor
            col(ReminderLog.kind) == DIGEST,
            col(ReminderLog.case_key) == 0,
            col(ReminderLog.key) == key,
        )
    )
    query = sa.select(col(User.user_id)).where(
        col(User.reminders_on).is_(True),
        col(User.blocked_at).is_(None),
        col(User.reminder_hour) <= hour,
        col(User.tz) == tz,
        ~sa.exists(logged),
    )
    excluded = list(exclude)
    if excluded:
        query = query.where(col(User.user_id).not_in(excluded))
    if only is not None:
        query = query.where(col(User.user_id).in_(list(only)))
    return query


async def reminder_timezones(db: Database) -> list[str]:
    """The distinct time zones of the users who want reminders."""
    async with db.sessions() as s:
        rows = await s.execute(
            sa.select(sa.distinct(col(User.tz))).where(
                col(User.reminders_on).is_(True), col(User.blocked_at).is_(None)
            )
        )
        return sorted(r[0] for r in rows)


async def pending_digest_users(
    db: Database, *, tz: str, key: str, hour: int, only: Iterable[int] | None = None
) -> list[int]:
    """Who would get a digest now (read only: the dry run)."""
    async with db.sessions() as s:
        query = _due_users(tz, key, hour, (), only).order_by(col(User.user_id))
        return [r[0] for r in await s.execute(query)]


async def refresh_statistics(db: Database) -> None:
    """PostgreSQL plans the claim's anti-join from table statistics; a sweep that logs
    thousands of digests in a minute outruns autovacuum, and stale statistics (an "empty"
    log) make it scan the whole log for every batch. ANALYZE of the log takes ~40 ms."""
    if db.backend == "postgresql":
        async with db.transaction() as s:
            await s.execute(sa.text("ANALYZE reminder_log"))


async def claim_digests(
    db: Database,
    *,
    tz: str,
    key: str,
    hour: int,
    now: dt.datetime,
    limit: int,
    exclude: Iterable[int] = (),
    only: Iterable[int] | None = None,
    after: int = 0,
    holder: str | None = None,
    lease_until: dt.datetime | None = None,
) -> list[Claim]:
    """Claim up to `limit` due digests of time zone `tz` for local date `key`, atomically
    (one INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING; PostgreSQL locks the chosen
    users FOR UPDATE SKIP LOCKED so that two sweepers take different users).

    `after` is the sweep's cursor: only users with a larger id are looked at, so each batch
    reads the users once instead of re-reading every user already claimed (a user passed
    over while another sweeper held it is that sweeper's, or the next sweep's)."""
    candidates = (
        _due_users(tz, key, hour, exclude, only, after)
        .where(col(User.user_id) > after)
        .order_by(col(User.user_id))
        .limit(limit)
    )
    if db.backend == "postgresql":
        candidates = candidates.with_for_update(of=User, skip_locked=True)
    chosen = candidates.cte("chosen")
    source = sa.select(
        chosen.c.user_id,
        sa.literal(0, sa.Integer),
        sa.literal(DIGEST, sa.String),
        sa.literal(key, sa.String),
        sa.literal("claimed", sa.String),
        sa.bindparam("claimed_now", now, type_=AwareDateTime()),
        sa.literal(1, sa.Integer),
        sa.bindparam("claim_holder", holder, type_=sa.String()),
        sa.bindparam("claim_lease", lease_until, type_=AwareDateTime()),
    ).where(sa.true())  # SQLite: a WHERE keeps "SELECT … ON CONFLICT" unambiguous
    module = _insert_module(db)
    columns = ["owner", "case_key", "kind", "key", "status", "claimed_at", "attempts", "holder",
               "lease_until"]  # fmt: skip
    stmt = (
        module.insert(ReminderLog)  # type: ignore[attr-defined]
        .from_select(columns, source)
        .on_conflict_do_nothing(index_elements=["owner", "kind", "case_key", "key"])
        .returning(col(ReminderLog.id), col(ReminderLog.owner))
    )
    async with db.transaction() as s:
        rows = (await s.execute(stmt)).all()
    return sorted((Claim(r[0], r[1]) for r in rows), key=lambda c: c.owner)


def _lapsed(table: Any, wall_now: dt.datetime, stale_before: dt.datetime) -> Any:
    """An unsent claim whose sender is gone: its lease has lapsed (or, without a lease, it
    was claimed before `stale_before`)."""
    return sa.and_(
        table.c.status == "claimed",
        sa.or_(
            table.c.lease_until < wall_now,
            sa.and_(table.c.lease_until.is_(None), table.c.claimed_at < stale_before),
        ),
    )


async def reclaim_stale_digests(
    db: Database,
    *,
    tz: str,
    key: str,
    now: dt.datetime,
    stale_before: dt.datetime,
    max_attempts: int,
    limit: int,
    wall_now: dt.datetime,
    holder: str,
    lease_until: dt.datetime,
    exclude: Iterable[int] = (),
    only: Iterable[int] | None = None,
) -> list[Claim]:
    """Take over today's digests whose sender is gone (lease lapsed at `wall_now`): one
    UPDATE … RETURNING gives them to `holder` until `lease_until`, moves `claimed_at` to
    `now` and counts the attempt, so a single sweeper wins each of them."""
    log = _table(ReminderLog)
    owners = sa.select(col(User.user_id)).where(
        col(User.tz) == tz, col(User.reminders_on).is_(True), col(User.blocked_at).is_(None)
    )
    excluded = list(exclude)
    if excluded:
        owners = owners.where(col(User.user_id).not_in(excluded))
    if only is not None:
        owners = owners.where(col(User.user_id).in_(list(only)))
    lapsed = _lapsed(log, wall_now, stale_before)
    stale = (
        sa.select(log.c.id)
        .where(
            log.c.kind == DIGEST,
            log.c.case_key == 0,
            log.c.key == key,
            lapsed,
            log.c.attempts < max_attempts,
            log.c.owner.in_(owners),
        )
        .order_by(log.c.id)
        .limit(limit)
    )
    if db.backend == "postgresql":
        stale = stale.with_for_update(skip_locked=True)
    stmt = (
        sa.update(log)
        .where(log.c.id.in_(stale.scalar_subquery()), lapsed)
        .values(claimed_at=now, attempts=log.c.attempts + 1, holder=holder, lease_until=lease_until)
        .returning(log.c.id, log.c.owner, log.c.attempts)
    )
    async with db.transaction() as s:
        rows = (await s.execute(stmt)).all()
    return sorted((Claim(r[0], r[1], r[2]) for r in rows), key=lambda c: c.owner)


async def renew_leases(db: Database, holder: str, until: dt.datetime) -> int:
    """Extend the lease of every unsent claim `holder` has (its sweep is alive)."""
    log = _table(ReminderLog)
    async with db.transaction() as s:
        result = await s.execute(
            sa.update(log)
            .where(log.c.holder == holder, log.c.status == "claimed")
            .values(lease_until=until)
        )
        return result.rowcount


async def latest_foreign_lease(db: Database, key: str, holder: str) -> dt.datetime | None:
    """The latest lease end of today's unsent digests held by other sweepers (None: none)."""
    log = _table(ReminderLog)
    async with db.sessions() as s:
        return await s.scalar(
            sa.select(sa.func.max(log.c.lease_until)).where(
                log.c.kind == DIGEST,
                log.c.case_key == 0,
                log.c.key == key,
                log.c.status == "claimed",
                sa.or_(log.c.holder.is_(None), log.c.holder != holder),
            )
        )


# --- a whole batch of owners at once (the sweep's fast path) ----------------------------------

NUDGE_ROWS_PER_STATEMENT = 1000  # 8 bound values a row: well under SQLite's 32 766


@dataclass(frozen=True, slots=True)
class NudgeKey:
    """A nudge to claim: (owner, kind, case, key)."""

    owner: int
    kind: str
    case_id: int
    key: str


async def load_open_cases(s: AsyncSession, owners: Sequence[int]) -> dict[int, list[StoredCase]]:
    """Every open case of these owners with all its facts, built by `convert.to_case` like
    `Repo.list_open_cases` (same order: due date, id): one query per table for the batch.
    Plain Core rows (attribute access like the ORM rows `to_case` reads, without the cost
    of building ORM objects)."""
    owners = list(owners)
    result: dict[int, list[StoredCase]] = {o: [] for o in owners}
    if not owners:
        return result
    cases = _table(CaseRow)
    rows: Sequence[Any] = (
        await s.execute(
            sa.select(cases)
            .where(cases.c.owner.in_(owners), cases.c.status == "open")
            .order_by(cases.c.owner, cases.c.due_date, cases.c.id)
        )
    ).all()
    for stored in await build_cases(s, owners, rows):
        result[stored.owner].append(stored)
    return result


async def load_batch(
    db: Database, owners: Sequence[int]
) -> tuple[dict[int, UserRecord], dict[int, list[StoredCase]]]:
    """The users and their open cases (with every fact), for a batch of owners, in one
    read-only session."""
    owners = sorted(set(owners))
    if not owners:
        return {}, {}
    async with db.sessions() as s:
        table = _table(User)
        users = {
            u.user_id: convert.user_record(u)  # type: ignore[arg-type]
            for u in await s.execute(sa.select(table).where(table.c.user_id.in_(owners)))
        }
        cases = await load_open_cases(s, owners)
    return users, cases


def _nudge_insert(db: Database, now: dt.datetime, stale_before: dt.datetime, lease: Lease) -> Any:
    """INSERT … ON CONFLICT DO UPDATE … RETURNING of nudge claims: a nudge already sent or
    held is skipped, one whose sender is gone is taken over (given to `lease.holder`)."""
    table = _table(ReminderLog)
    return (
        _insert_module(db)
        .insert(table)  # type: ignore[attr-defined]
        .on_conflict_do_update(
            index_elements=["owner", "kind", "case_key", "key"],
            set_={
                "claimed_at": now,
                "attempts": table.c.attempts + 1,
                "holder": lease.holder,
                "lease_until": lease.until,
            },
            where=_lapsed(table, lease.now, stale_before),
        )
        .returning(table.c.id, table.c.owner, table.c.kind, table.c.case_key, table.c.key)
    )


async def claim_nudges(
    db: Database,
    nudges: Sequence[NudgeKey],
    *,
    now: dt.datetime,
    stale_before: dt.datetime,
    lease: Lease,
) -> dict[NudgeKey, int]:
    """Claim many nudges at once, under `lease` (one multi-row statement per chunk); the
    log id of each nudge won. Should a case vanish meanwhile (the foreign key refuses the
    statement), falls back to one statement each."""
    unique = list(dict.fromkeys(nudges))  # PostgreSQL refuses a row touched twice
    won: dict[NudgeKey, int] = {}
    stmt = _nudge_insert(db, now, stale_before, lease)
    for start in range(0, len(unique), NUDGE_ROWS_PER_STATEMENT):
        chunk = unique[start : start + NUDGE_ROWS_PER_STATEMENT]
        values = [
            {"owner": n.owner, "case_id": n.case_id, "case_key": n.case_id, "kind": n.kind,
             "key": n.key, "status": "claimed", "claimed_at": now, "attempts": 1,
             "holder": lease.holder, "lease_until": lease.until}
            for n in chunk
        ]  # fmt: skip
        try:  # executemany: SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues")
            async with db.transaction() as s:
                rows = (await s.execute(stmt, values)).all()
        except IntegrityError:
            rows = []
            for value in values:
                try:
                    async with db.transaction() as s:
                        rows += (await s.execute(stmt, value)).all()
                except IntegrityError:
                    continue  # its case is gone
        for r in rows:
            won[NudgeKey(r[1], r[2], r[3], r[4])] = r[0]
    return won


async def logged_nudges_of(db: Database, owners: Sequence[int]) -> set[tuple[int, str, int, str]]:
    """(owner, kind, case id, key) of every nudge logged (claimed or sent) for these owners."""
    if not owners:
        return set()
    async with db.sessions() as s:
        rows = await s.execute(
            sa.select(
                col(ReminderLog.owner),
                col(ReminderLog.kind),
                col(ReminderLog.case_key),
                col(ReminderLog.key),
            ).where(col(ReminderLog.owner).in_(sorted(set(owners))), col(ReminderLog.case_key) != 0)
        )
        return {(r[0], r[1], r[2], r[3]) for r in rows}
