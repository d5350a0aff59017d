"""The guard's codes (DESIGN §7), their legal references (LAW.md §7) and the flag it raises."""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC_SHAMING = "public_shaming"
THREAT = "threat"
HARASSMENT_INTENT = "harassment_intent"
THIRD_PARTY_CONTACT = "third_party_contact"
HOME_VISIT = "home_visit"
FAKE_LEGAL_DOCUMENT = "fake_legal_document"
SABOTAGE = "sabotage"
UNLAWFUL_FEES = "unlawful_fees"

GUARD_CODES: tuple[str, ...] = (
    THREAT,
    FAKE_LEGAL_DOCUMENT,
    SABOTAGE,
    PUBLIC_SHAMING,
    HARASSMENT_INTENT,
    HOME_VISIT,
    THIRD_PARTY_CONTACT,
    UNLAWFUL_FEES,
)

# How a flag is shown: "alarm" for an intention of the user, "info" for a negated intention
# ("je ne vais pas le mettre sur Facebook") or a question about the law ("ai-je le droit…").
ALARM = "alarm"
INFO = "info"

# Legal basis of each code (LAW.md §7).
GUARD_REFERENCES: dict[str, str] = {
    PUBLIC_SHAMING: "loi du 29 juillet 1881, art. 29 et 32 ; art. 1240 C. civ.",
    THREAT: "art. 222-17, 312-1, 312-10 et 226-10 C. pén.",
    HARASSMENT_INTENT: "art. 222-33-2-2 et 222-16 C. pén.",
    THIRD_PARTY_CONTACT: "art. 222-33-2-2 C. pén.",
    HOME_VISIT: "art. 222-33-2-2 C. pén.",
    FAKE_LEGAL_DOCUMENT: "art. 433-13 C. pén.",
    SABOTAGE: "art. 323-2 C. pén.",
    UNLAWFUL_FEES: "art. L111-8 CPCE",
}


@dataclass(frozen=True)
class GuardFlag:
    """One risky intention found: its code, the words that triggered it, and its mode.

    `mode` is ALARM for an intention of the user, INFO when it is negated or asked as a
    question about the law (the explanation is then given without alarm wording).
    """

    code: str
    trigger: str
    mode: str = ALARM
