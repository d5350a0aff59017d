"""The EPC payment QR code ("Girocode", SEPA credit transfer) printed on the letter, by segno."""

from __future__ import annotations

import io
from decimal import Decimal

import segno
from segno import helpers

from bot.domain.identifiers import clean_iban, compact_iban
from bot.domain.profile import Profile

EPC_NAME_LIMIT = 70  # beneficiary name, EPC069-12
EPC_TEXT_LIMIT = 140  # unstructured remittance information


def epc_qr(profile: Profile, amount: Decimal, reference: str) -> segno.QRCode | None:
    """The QR code of a SEPA transfer of `amount` € to the user, or None without a valid IBAN."""
    name = profile.business_name or profile.full_name
    if not (profile.iban and name) or clean_iban(profile.iban) is None or amount <= 0:
        return None
    return helpers.make_epc_qr(
        name=name[:EPC_NAME_LIMIT],
        iban=compact_iban(profile.iban),
        amount=amount,
        text=reference[:EPC_TEXT_LIMIT],
        encoding="utf-8",
    )


def qr_png(code: segno.QRCode, scale: int = 6) -> bytes:
    """The QR code as PNG bytes, with the quiet zone readers need."""
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
