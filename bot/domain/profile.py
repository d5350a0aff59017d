"""The user's own details, and what a message needs of them (DESIGN §6)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.facts import Debtor


@dataclass(frozen=True, slots=True)
class Profile:
    """Who signs: every field optional; a message leaves out the lines it has no value for."""

    full_name: str | None = None
    business_name: str | None = None
    contact: str | None = None  # e-mail and/or phone as once typed (before e-mail and phone)
    iban: str | None = None
    address: str | None = None  # postal address, lines separated by "\n"
    siret: str | None = None
    city: str | None = None  # "Fait à <city>" on the letter
    email: str | None = None
    phone: str | None = None
    vat_franchise: bool = False  # VAT franchise (art. 293 B CGI): amounts without "TTC"

    @property
    def contacts(self) -> tuple[str, ...]:
        """The ways to reach the sender, in the order they are printed."""
        found = tuple(value for value in (self.email, self.phone) if value)
        return found or ((self.contact,) if self.contact else ())


# The fields `missing_fields` may name, in the order the bot asks for them.
SENDER_NAME = "full_name"
SENDER_CONTACT = "contact"  # an e-mail or a phone number
SENDER_ADDRESS = "address"
SENDER_CITY = "city"
DEBTOR_ADDRESS = "debtor.address"
LETTER_CHANNELS = frozenset({"letter", "pdf"})


def missing_fields(profile: Profile, debtor: Debtor, channel: str) -> list[str]:
    """What a message in `channel` needs and is not known (§6), in asking order.

    Any message: the sender's name (or business name) and one contact (e-mail or phone). A
    letter also needs the sender's postal address and city and the debtor's postal address.
    """
    missing = []
    if not (profile.full_name or profile.business_name):
        missing.append(SENDER_NAME)
    if not profile.contacts:
        missing.append(SENDER_CONTACT)
    if channel in LETTER_CHANNELS:
        if not profile.address:
            missing.append(SENDER_ADDRESS)
        if not profile.city:
            missing.append(SENDER_CITY)
        if not debtor.address:
            missing.append(DEBTOR_ADDRESS)
    return missing


_NUMBER_PREFIX = re.compile(
    r"^\s*(?:(?:facture|fact|invoice)(?![^\W\d_])\.?\s*)?"
    r"(?:n\s*°|(?:no|num[ée]ro|num)(?![^\W\d_])\.?|#)?\s*[:.\-]?\s*",
    re.IGNORECASE,
)


def normalize_invoice_number(number: str | None) -> str | None:
    """The bare invoice number: "n° 2026-041", "Facture 45", "#12" → "2026-041", "45", "12"."""
    if not number:
        return None
    bare = _NUMBER_PREFIX.sub("", number.strip(), count=1).strip()
    return bare or number.strip()
