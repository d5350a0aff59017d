"""Stable warning codes (DESIGN §4) and their legal references.

The French explanations live in templates/warnings/<code>.j2 (the words layer).
"""

from __future__ import annotations

HARASSMENT_RISK = "harassment_risk"
LIMITATION_NEAR = "limitation_near"
TIME_BARRED = "time_barred"
BROKEN_PROMISE = "broken_promise"
PLAN_MISSED = "plan_missed"
DISPUTE_OPEN = "dispute_open"
RATE_PROVISIONAL = "rate_provisional"
PENALTY_RATE_BELOW_MINIMUM = "penalty_rate_below_minimum"
INSOLVENCY_DECLARE = "insolvency_declare"
INSOLVENCY_LATE = "insolvency_late"

# In display order; the guard's codes (DESIGN §7) are added by bot.domain.guard.
WARNING_CODES: tuple[str, ...] = (
    INSOLVENCY_DECLARE,
    INSOLVENCY_LATE,
    TIME_BARRED,
    LIMITATION_NEAR,
    HARASSMENT_RISK,
    DISPUTE_OPEN,
    BROKEN_PROMISE,
    PLAN_MISSED,
    PENALTY_RATE_BELOW_MINIMUM,
    RATE_PROVISIONAL,
)

WARNING_REFERENCES: dict[str, str] = {
    HARASSMENT_RISK: "art. 222-33-2-2 et 222-16 C. pén.",
    LIMITATION_NEAR: "art. L110-4 C. com., art. L218-2 C. conso., art. 2240 C. civ., "
    "loi n° 68-1250 du 31 décembre 1968",
    TIME_BARRED: "art. L110-4 C. com., art. L218-2 C. conso., art. 2240 C. civ., "
    "loi n° 68-1250 du 31 décembre 1968",
    BROKEN_PROMISE: "art. 1344 C. civ.",
    PLAN_MISSED: "art. 1343-5 C. civ.",
    DISPUTE_OPEN: "art. 1405 et 750-1 CPC",
    RATE_PROVISIONAL: "art. L441-10 II C. com.",
    PENALTY_RATE_BELOW_MINIMUM: "art. L441-10 II et L441-16 C. com.",
    INSOLVENCY_DECLARE: "art. L622-24, R622-24 et L622-28 C. com.",
    INSOLVENCY_LATE: "art. L622-26 C. com.",
}


def ordered(codes: set[str] | list[str]) -> tuple[str, ...]:
    """Codes in display order, unknown ones last in alphabetical order."""
    rank = {code: i for i, code in enumerate(WARNING_CODES)}
    return tuple(sorted(set(codes), key=lambda c: (rank.get(c, len(rank)), c)))
