"""The user's own details, used to sign messages and letters (DESIGN §6)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    """Who signs: every field optional; missing ones become neutral placeholders."""

    full_name: str | None = None
    business_name: str | None = None
    contact: str | None = None  # e-mail and/or phone, as the user wrote it
    iban: str | None = None
    address: str | None = None  # postal address, lines separated by "\n"
    siret: str | None = None
    city: str | None = None  # "Fait à <city>" on the letter
