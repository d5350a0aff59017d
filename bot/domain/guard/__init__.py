"""The guard (DESIGN §7): spot risky intentions in the user's French free text.

An explainable rule set over normalized sentences (`bot.domain.normalize`). Layout:
`codes` (the codes, their references, the flag), `lexicon/*.txt` read by `vocabulary`
(the word families, as data), `rules` (the rule table), `actors` (who acts), `negation`
and `questions` (how it is said), `check` (a text through all of them). Every flag names
the words that triggered it. Pure: the lexicon is read once, at import; no other I/O.
"""

from __future__ import annotations

from bot.domain.guard.check import check_text, codes, info_codes, lint_draft
from bot.domain.guard.codes import (
    ALARM,
    FAKE_LEGAL_DOCUMENT,
    GUARD_CODES,
    GUARD_REFERENCES,
    HARASSMENT_INTENT,
    HOME_VISIT,
    INFO,
    PUBLIC_SHAMING,
    SABOTAGE,
    THIRD_PARTY_CONTACT,
    THREAT,
    UNLAWFUL_FEES,
    GuardFlag,
)

__all__ = [
    "ALARM",
    "FAKE_LEGAL_DOCUMENT",
    "GUARD_CODES",
    "GUARD_REFERENCES",
    "HARASSMENT_INTENT",
    "HOME_VISIT",
    "INFO",
    "PUBLIC_SHAMING",
    "SABOTAGE",
    "THIRD_PARTY_CONTACT",
    "THREAT",
    "UNLAWFUL_FEES",
    "GuardFlag",
    "check_text",
    "codes",
    "info_codes",
    "lint_draft",
]
