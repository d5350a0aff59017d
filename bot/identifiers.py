"""Checks of the numbers a user types: IBAN and SIRET/SIREN, by python-stdnum (checksums)."""

from __future__ import annotations

from stdnum import iban as _iban
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as _siren
from stdnum.fr import siret as _siret


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
