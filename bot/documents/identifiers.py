"""French company identifiers: a SIREN or SIRET, checked with its Luhn key (python-stdnum)."""

from __future__ import annotations

import re

from stdnum.fr import siren, siret, tva


def siren_of(raw: str) -> str | None:
    """The SIREN (9 digits) that `raw` spells as a SIREN or a SIRET, when its checksum holds."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 9 and siren.is_valid(digits):
        return digits
    if len(digits) == 14 and siret.is_valid(digits):
        return digits[:9]
    return None


def siren_of_vat(raw: str) -> str | None:
    """The SIREN inside a French VAT number ("FR 96 552 100 554"), when the number is valid."""
    compact = re.sub(r"[\s.\-]", "", raw).upper()
    if tva.is_valid(compact) and compact[4:].isdigit():
        return tva.to_siren(compact)
    return None
