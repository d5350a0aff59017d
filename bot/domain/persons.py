"""Telling a private person's name from a company's, so that nobody's name is sent to the
company register for nothing."""

from __future__ import annotations

import re
import unicodedata

from bot.domain.person_words import CIVILITIES, PERSON_MARKERS

_WORD = re.compile(r"[a-z]+")


def names_a_private_person(name: str) -> bool:
    """True when the name starts with a civility ("Mme Martin", "M. Durand") or says
    "particulier"."""
    folded = "".join(
        c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c)
    )
    words = _WORD.findall(folded)
    return bool(words) and (words[0] in CIVILITIES or any(w in PERSON_MARKERS for w in words))
