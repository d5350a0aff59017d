"""French company identifiers: a SIREN or SIRET, checked with its Luhn key (python-stdnum)."""

from __future__ import annotations

import re

from stdnum.fr import siren, siret


def siren_of(raw: str) -> str | None:
    """The SIREN (9 digits) that `raw` spells as a SIREN or a SIRET, when its checksum holds."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 9 and siren.is_valid(digits):
        return digits
    if len(digits) == 14 and siret.is_valid(digits):
        return digits[:9]
    return None
