"""Identifiers typed or read on an invoice: IBAN, SIRET/SIREN, VAT number (python-stdnum)."""

from __future__ import annotations

import re

from stdnum import iban as _iban
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as _siren
from stdnum.fr import siret as _siret
from stdnum.fr import tva as _tva


def clean_iban(value: str) -> str | None:
    """The IBAN in groups of four ("FR76 3000 …") when its checksum holds, else None."""
    try:
        return _iban.format(_iban.validate(value))
    except ValidationError:
        return None


def compact_iban(value: str) -> str:
    """The IBAN without spaces, as a payment order carries it."""
    return _iban.compact(value)


def clean_siret(value: str) -> str | None:
    """A valid SIRET (14 digits) or SIREN (9 digits), digits only, else None."""
    digits = "".join(value.split())
    for checker in (_siret, _siren):
        try:
            return checker.validate(digits)
        except ValidationError:
            continue
    return None


def siren_of(raw: str) -> str | None:
    """The SIREN (9 digits) that `raw` spells as a SIREN or a SIRET, when its checksum holds."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 9 and _siren.is_valid(digits):
        return digits
    if len(digits) == 14 and _siret.is_valid(digits):
        return digits[:9]
    return None


def siren_of_vat(raw: str) -> str | None:
    """The SIREN inside a French VAT number ("FR 96 552 100 554"), when the number is valid."""
    compact = re.sub(r"[\s.\-]", "", raw).upper()
    if _tva.is_valid(compact) and compact[4:].isdigit():
        return _tva.to_siren(compact)
    return None
