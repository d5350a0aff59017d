"""The one-off events folded into a digest (DESIGN §10): preventive reminder, promise expired,
formal-notice deadline passed, limitation near, insolvency declaration deadline.

Each is logged once under (kind, case, the date it is about), so it is never repeated; at
most `MAX_NUDGES` go in one digest, the others are released for another day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain import warnings as w
from bot.domain.facts import Assessment, ResponseKind, Stage, Step
from bot.store.convert import StoredCase

MAX_NUDGES = 8  # one-off events in one digest; the others are released for another day
INSOLVENCY_NUDGE_DAYS = 15  # nudge when the declaration deadline is this close

# Nudge kinds (the reminder log's `kind`); the key is the date the event is about.
NUDGE_PREVENTIVE = "nudge:preventive"
NUDGE_PROMISE_EXPIRED = "nudge:promise_expired"
NUDGE_FORMAL_NOTICE_DEADLINE = "nudge:formal_notice_deadline"
NUDGE_LIMITATION_NEAR = "nudge:limitation_near"
NUDGE_INSOLVENCY_DEADLINE = "nudge:insolvency_deadline"
NUDGE_KINDS = (
    NUDGE_PREVENTIVE,
    NUDGE_PROMISE_EXPIRED,
    NUDGE_FORMAL_NOTICE_DEADLINE,
    NUDGE_LIMITATION_NEAR,
    NUDGE_INSOLVENCY_DEADLINE,
)


@dataclass(frozen=True, slots=True)
class Nudge:
    """A one-off event about a case, logged once under (kind, case, key)."""

    kind: str
    case_id: int
    key: str
    debtor: str
    on: date

    @property
    def event(self) -> str:
        return self.kind.split(":", 1)[1]


def _broken_promise_date(stored: StoredCase, today: date) -> date | None:
    promises = [
        r
        for r in stored.case.responses
        if r.kind is ResponseKind.PROMISE
        and r.promised_date is not None
        and r.date <= today
        and r.promised_date < today
    ]
    if not promises:
        return None
    return max(promises, key=lambda r: (r.date, r.promised_date)).promised_date


def nudge_events(stored: StoredCase, result: Assessment, today: date) -> list[Nudge]:
    """The one-off events of a case as of `today` (each to be sent at most once)."""
    if not stored.is_open or result.stage is Stage.PAID:
        return []
    name = stored.case.debtor.name
    found: list[tuple[str, date]] = []
    if result.stage is Stage.PREVENTIVE_REMINDER and result.due_now:
        found.append((NUDGE_PREVENTIVE, stored.case.invoice.due_date))
    if w.BROKEN_PROMISE in result.warnings:
        promised = _broken_promise_date(stored, today)
        if promised is not None:
            found.append((NUDGE_PROMISE_EXPIRED, promised))
    if (
        result.stage is Stage.ESCALATION
        and result.due_now
        and result.last_step is Step.FORMAL_NOTICE
        and result.formal_notice_date is not None
    ):
        found.append((NUDGE_FORMAL_NOTICE_DEADLINE, result.formal_notice_date))
    if w.LIMITATION_NEAR in result.warnings and result.limitation_date is not None:
        found.append((NUDGE_LIMITATION_NEAR, result.limitation_date))
    if (
        result.stage is Stage.INSOLVENCY
        and result.claim_deadline is not None
        and 0 <= (result.claim_deadline - today).days <= INSOLVENCY_NUDGE_DAYS
    ):
        found.append((NUDGE_INSOLVENCY_DEADLINE, result.claim_deadline))
    return [Nudge(kind, stored.id, on.isoformat(), name, on) for kind, on in found]
