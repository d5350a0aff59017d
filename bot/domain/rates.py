"""The semester rate table (ECB and legal rates), read from a CSV an operator maintains."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

RATES_ENV = "RELANCE_RATES_FILE"
PACKAGED_RATES = Path(__file__).resolve().parent.parent / "data" / "rates.csv"


def semester_of(day: date) -> tuple[int, int]:
    """(year, 1) for January-June, (year, 2) for July-December."""
    return (day.year, 1 if day.month <= 6 else 2)


def semester_label(semester: tuple[int, int]) -> str:
    return f"{semester[0]} H{semester[1]}"


@dataclass(frozen=True, slots=True)
class SemesterRates:
    ecb: Decimal
    legal_other: Decimal
    legal_private: Decimal


@dataclass(frozen=True, slots=True)
class RateLookup:
    rates: SemesterRates
    provisional: bool  # the semester is missing from the table: the nearest known row was used
    semester: tuple[int, int]


class RateTable:
    """Rates by semester; a missing semester falls back to the nearest known one, flagged."""

    def __init__(self, rows: dict[tuple[int, int], SemesterRates]) -> None:
        if not rows:
            raise ValueError("the rate table is empty")
        self._rows = dict(sorted(rows.items()))
        self._first = next(iter(self._rows))
        self._last = next(reversed(self._rows))
        self._cache: dict[tuple[int, int], RateLookup] = {}

    @property
    def semesters(self) -> list[tuple[int, int]]:
        return list(self._rows)

    def lookup_semester(self, semester: tuple[int, int]) -> RateLookup:
        found = self._cache.get(semester)
        if found is None:
            row = self._rows.get(semester)
            if row is not None:
                found = RateLookup(row, False, semester)
            elif semester > self._last:
                found = RateLookup(self._rows[self._last], True, semester)
            elif semester < self._first:
                found = RateLookup(self._rows[self._first], True, semester)
            else:  # a hole inside the table: the latest row before it
                before = max(s for s in self._rows if s < semester)
                found = RateLookup(self._rows[before], True, semester)
            self._cache[semester] = found
        return found

    def lookup(self, day: date) -> RateLookup:
        return self.lookup_semester(semester_of(day))

    @classmethod
    def from_csv(cls, text: str) -> RateTable:
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        rows: dict[tuple[int, int], SemesterRates] = {}
        for number, record in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
            label = (record.get("semester") or "").strip()
            try:
                year_text, half = label.split("-")
                if half not in {"H1", "H2"}:
                    raise ValueError(label)
                key = (int(year_text), int(half[1]))
                rows[key] = SemesterRates(
                    ecb=Decimal(record["ecb"].strip()),
                    legal_other=Decimal(record["legal_other"].strip()),
                    legal_private=Decimal(record["legal_private"].strip()),
                )
            except (ValueError, KeyError, AttributeError, InvalidOperation):
                raise ValueError(f"rates file, data row {number}: cannot read {record!r}") from None
        return cls(rows)


def missing_semesters(table: RateTable, today: date) -> list[tuple[int, int]]:
    """Semesters from the table's last row up to `today`'s that the table lacks."""
    last = table.semesters[-1]
    current = semester_of(today)
    missing: list[tuple[int, int]] = []
    semester = last
    while semester < current:
        semester = (semester[0], 2) if semester[1] == 1 else (semester[0] + 1, 1)
        missing.append(semester)
    return missing


@lru_cache(maxsize=1)
def default_rate_table() -> RateTable:
    """The packaged table, or the file named by RELANCE_RATES_FILE (read once)."""
    override = os.environ.get(RATES_ENV)
    if override:
        return RateTable.from_csv(Path(override).read_text(encoding="utf-8"))
    return RateTable.from_csv(PACKAGED_RATES.read_text(encoding="utf-8"))
