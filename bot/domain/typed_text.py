"""What a user typed or a document printed, without the characters nobody sees.

Control characters (NUL, escapes) and invisible format characters (bidirectional marks and
overrides, zero-width spaces, byte-order marks) are dropped before any check: a name of NULs
or of right-to-left marks is then empty and asked again, rather than stored as a blank.
Line breaks and tabs stay; the zero-width joiner stays (it builds emoji).
"""

from __future__ import annotations

import unicodedata

_KEPT = frozenset("\n\t\u200d")


def visible(text: str) -> str:
    """`text` without control and invisible format characters."""
    if text.isprintable():  # the usual case, one C-level pass
        return text
    return "".join(c for c in text if c in _KEPT or unicodedata.category(c) not in {"Cc", "Cf"})


def has_letter_or_digit(text: str) -> bool:
    """Whether `text` names something (not only punctuation or symbols)."""
    return any(c.isalnum() for c in text)
