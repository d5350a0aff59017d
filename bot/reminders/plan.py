"""What a user's digest says on one day: the cases due, most urgent first, and the nudges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.domain import warnings as w
from bot.domain.assess import assess
from bot.domain.facts import CONTACT_STEP, Assessment, Stage, Step
from bot.reminders.nudges import Nudge, nudge_events
from bot.store.convert import StoredCase

# Most urgent first.
URGENCY: dict[Stage, int] = {
    Stage.INSOLVENCY: 0,
    Stage.ESCALATION: 1,
    Stage.FORMAL_NOTICE: 2,
    Stage.FINAL_NOTICE: 3,
    Stage.DISPUTE: 4,
    Stage.VERIFY_PAYMENT: 5,
    Stage.PAYMENT_PLAN: 6,
    Stage.FIRM_REMINDER: 7,
    Stage.FRIENDLY_REMINDER: 8,
    Stage.AWAITING_PROMISE: 9,
    Stage.PREVENTIVE_REMINDER: 10,
}


@dataclass(frozen=True, slots=True)
class Item:
    """A case due today."""

    case_id: int
    debtor: str
    number: str | None
    stage: Stage
    step: Step | None
    channel: str
    balance: Any
    days_overdue: int
    urgent: bool

    def sort_key(self) -> tuple[int, int, int, Any, int]:
        return (
            0 if self.urgent else 1,
            URGENCY.get(self.stage, 99),
            -self.days_overdue,
            -self.balance,
            self.case_id,
        )


@dataclass
class DigestPlan:
    """A user's digest for one day, before it is claimed and sent."""

    today: date
    items: list[Item] = field(default_factory=list)
    nudges: list[Nudge] = field(default_factory=list)
    case_names: dict[int, str] = field(default_factory=dict)
    more_nudges: int = 0  # events held back by MAX_NUDGES

    @property
    def empty(self) -> bool:
        return not self.items and not self.nudges

    def case_ids(self) -> set[int]:
        return {i.case_id for i in self.items} | {n.case_id for n in self.nudges}

    def keep(self, case_ids: set[int]) -> DigestPlan:
        return DigestPlan(
            today=self.today,
            items=[i for i in self.items if i.case_id in case_ids],
            nudges=[n for n in self.nudges if n.case_id in case_ids],
            case_names=self.case_names,
            more_nudges=self.more_nudges,
        )


def _channel(stage: Stage) -> str:
    return "letter" if stage is Stage.FORMAL_NOTICE else "email"


def due_item(stored: StoredCase, result: Assessment) -> Item | None:
    """The digest line of a case, or None when nothing is due on it today."""
    if not stored.is_open or not result.due_now or result.stage in (Stage.PAID, Stage.NOT_DUE):
        return None
    return Item(
        case_id=stored.id,
        debtor=stored.case.debtor.name,
        number=stored.case.invoice.number,
        stage=result.stage,
        step=CONTACT_STEP.get(result.stage),
        channel=_channel(result.stage),
        balance=result.amounts.principal,
        days_overdue=max(result.days_overdue, 0),
        urgent=w.LIMITATION_NEAR in result.warnings,
    )


def plan_for(cases: list[StoredCase], today: date) -> DigestPlan:
    """Assess each open case as of `today`: the items due and the nudge events."""
    plan = DigestPlan(today=today)
    for stored in cases:
        if not stored.is_open:
            continue
        result = assess(stored.case, today)
        plan.case_names[stored.id] = stored.case.debtor.name
        item = due_item(stored, result)
        if item is not None:
            plan.items.append(item)
        plan.nudges.extend(nudge_events(stored, result, today))
    plan.items.sort(key=Item.sort_key)
    return plan
