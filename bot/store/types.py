"""Column types that behave the same on SQLite and PostgreSQL.

- `Money`/`Rate`: exact `Decimal` in Python, NUMERIC in the schema. SQLite has no
  decimal type, so values are read back through `str` and quantized (no float drift).
- `AwareDateTime`: timezone-aware datetimes in, UTC-aware datetimes out; naive ones
  are refused (they would be ambiguous).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class _Decimal(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True
    precision = 12
    scale = 2

    def __init__(self) -> None:
        super().__init__(precision=self.precision, scale=self.scale)
        self._quantum = Decimal(1).scaleb(-self.scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=False))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
        number = number.quantize(self._quantum)
        return str(number) if dialect.name == "sqlite" else number

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(self._quantum)


class Money(_Decimal):
    """An amount in euros, 2 decimals, up to 9 999 999 999.99."""

    cache_ok = True
    precision = 12
    scale = 2


class Rate(_Decimal):
    """An annual rate in percent, 4 decimals (e.g. 12.1500)."""

    cache_ok = True
    precision = 7
    scale = 4


class AwareDateTime(TypeDecorator[datetime]):
    """TIMESTAMP WITH TIME ZONE; stored and returned as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime refused: give a timezone-aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """Now, aware, in UTC (the storage layer's only clock: row timestamps)."""
    return datetime.now(UTC)
