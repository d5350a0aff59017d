"""What the bot learns from the outside services, independent of their formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.facts import DebtorKind, InsolvencyKind


@dataclass(frozen=True, slots=True)
class Company:
    """One legal unit of the company register, with its registered office."""

    siren: str
    name: str
    address: str | None  # postal, lines joined by "\n"
    postcode: str | None
    city: str | None
    kind: DebtorKind  # business or public, never consumer
    active: bool


@dataclass(frozen=True, slots=True)
class Proceeding:
    """A collective proceeding opened by a judgment published in the BODACC."""

    kind: InsolvencyKind
    published_on: date
    opened_on: date | None  # the judgment's date, when the notice gives a readable one
    notice_id: str


@dataclass(frozen=True, slots=True)
class Found:
    """A company of the register and its proceedings, newest first (`checked` False: the
    BODACC could not be asked)."""

    company: Company
    proceedings: tuple[Proceeding, ...] = field(default=())
    checked: bool = True

    @property
    def latest(self) -> Proceeding | None:
        return self.proceedings[0] if self.proceedings else None
