"""What was read from an invoice document: only what it says, None where it is silent."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Source = Literal["facturx", "text"]


@dataclass(frozen=True)
class InvoiceFacts:
    """The facts of an invoice as printed or embedded in it (DESIGN §3 field names)."""

    source: Source
    number: str | None = None
    amount: Decimal | None = None
    issue_date: date | None = None
    due_date: date | None = None
    service_date: date | None = None
    penalty_rate: Decimal | None = None
    debtor_name: str | None = None
    debtor_siren: str | None = None
    debtor_address: str | None = None
    seller_name: str | None = None
    seller_siren: str | None = None
    vat_franchise: bool | None = None
    vat_exemption_reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The DESIGN §8 `invoice` command output: ISO dates, money with two decimals."""
        values = {
            key: (
                f"{value:.2f}"
                if isinstance(value, Decimal)
                else value.isoformat()
                if isinstance(value, date)
                else value
            )
            for key, value in asdict(self).items()
        }
        return {
            "debtor": {
                "name": values["debtor_name"],
                "siren": values["debtor_siren"],
                "address": values["debtor_address"],
            },
            "invoice": {
                "number": values["number"],
                "amount": values["amount"],
                "issue_date": values["issue_date"],
                "due_date": values["due_date"],
                "service_date": values["service_date"],
                "penalty_rate": values["penalty_rate"],
            },
            "seller": {"name": values["seller_name"], "siren": values["seller_siren"]},
            "vat_franchise": values["vat_franchise"],
            "vat_exemption_reason": values["vat_exemption_reason"],
            "source": values["source"],
        }
