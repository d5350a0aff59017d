"""The facts of a case (DESIGN §3) and the result of its assessment (DESIGN §4, §8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DebtorKind(StrEnum):
    BUSINESS = "business"
    CONSUMER = "consumer"
    PUBLIC = "public"


class Step(StrEnum):
    """Ladder steps, in order, plus the two contact kinds that do not advance the ladder."""

    PREVENTIVE_REMINDER = "preventive_reminder"
    FRIENDLY_REMINDER = "friendly_reminder"
    FIRM_REMINDER = "firm_reminder"
    FINAL_NOTICE = "final_notice"
    FORMAL_NOTICE = "formal_notice"
    ESCALATION = "escalation"
    CALL = "call"
    OTHER = "other"

    @property
    def rank(self) -> int | None:
        """Position on the ladder, or None for `call` and `other`."""
        try:
            return LADDER.index(self)
        except ValueError:
            return None


LADDER: tuple[Step, ...] = (
    Step.PREVENTIVE_REMINDER,
    Step.FRIENDLY_REMINDER,
    Step.FIRM_REMINDER,
    Step.FINAL_NOTICE,
    Step.FORMAL_NOTICE,
    Step.ESCALATION,
)


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    LETTER = "letter"
    REGISTERED_LETTER = "registered_letter"
    IN_PERSON = "in_person"
    OTHER = "other"


class MessageChannel(StrEnum):
    """Variants a ready-to-send message can be rendered in (DESIGN §6)."""

    EMAIL = "email"
    SMS = "sms"
    CALL = "call"
    LETTER = "letter"


class ResponseKind(StrEnum):
    PROMISE = "promise"
    PAYMENT_PLAN = "payment_plan"
    DISPUTE = "dispute"
    CLAIMS_PAID = "claims_paid"
    HARDSHIP = "hardship"
    REFUSAL = "refusal"


class InsolvencyKind(StrEnum):
    SAFEGUARD = "safeguard"
    RECEIVERSHIP = "receivership"
    LIQUIDATION = "liquidation"


class Stage(StrEnum):
    """Where a case stands: not yet due, a step of the ladder to take, or a situation."""

    NOT_DUE = "not_due"
    PREVENTIVE_REMINDER = Step.PREVENTIVE_REMINDER.value
    FRIENDLY_REMINDER = Step.FRIENDLY_REMINDER.value
    FIRM_REMINDER = Step.FIRM_REMINDER.value
    FINAL_NOTICE = Step.FINAL_NOTICE.value
    FORMAL_NOTICE = Step.FORMAL_NOTICE.value
    ESCALATION = Step.ESCALATION.value
    AWAITING_PROMISE = "awaiting_promise"
    PAYMENT_PLAN = "payment_plan"
    DISPUTE = "dispute"
    VERIFY_PAYMENT = "verify_payment"
    INSOLVENCY = "insolvency"
    TIME_BARRED = "time_barred"
    PAID = "paid"


# What "I sent it" records for a stage: its ladder step, or `other` for the special stages'
# messages (a dispute answer, a payment-plan proposal…). Stages absent here send nothing.
CONTACT_STEP: dict[Stage, Step] = {
    Stage.PREVENTIVE_REMINDER: Step.PREVENTIVE_REMINDER,
    Stage.FRIENDLY_REMINDER: Step.FRIENDLY_REMINDER,
    Stage.FIRM_REMINDER: Step.FIRM_REMINDER,
    Stage.FINAL_NOTICE: Step.FINAL_NOTICE,
    Stage.FORMAL_NOTICE: Step.FORMAL_NOTICE,
    Stage.ESCALATION: Step.ESCALATION,
    Stage.DISPUTE: Step.OTHER,
    Stage.VERIFY_PAYMENT: Step.OTHER,
    Stage.PAYMENT_PLAN: Step.OTHER,
    Stage.AWAITING_PROMISE: Step.OTHER,
    Stage.INSOLVENCY: Step.OTHER,
}


class Option(StrEnum):
    """Escalation options (DESIGN §4.7), best first."""

    SMALL_CLAIMS_PROCEDURE = "small_claims_procedure"
    PAYMENT_ORDER = "payment_order"
    MEDIATION = "mediation"
    COLLECTION_AGENCY = "collection_agency"
    ADMINISTRATIVE_COURT = "administrative_court"  # public buyers: référé-provision
    LAWYER = "lawyer"


@dataclass(frozen=True, slots=True)
class Debtor:
    name: str
    kind: DebtorKind
    siren: str | None = None
    address: str | None = None  # postal address, lines separated by "\n"
    contact_name: str | None = None
    civility: str | None = None  # "madame" | "monsieur", for "Bonjour Madame Martin,"
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Invoice:
    amount: Decimal
    due_date: date
    number: str | None = None
    issue_date: date | None = None
    penalty_rate: Decimal | None = None  # contractual annual rate, in percent
    service_date: date | None = None  # completion of the service (consumer limitation)


@dataclass(frozen=True, slots=True)
class Payment:
    date: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Contact:
    date: date
    step: Step
    channel: Channel
    deadline: date | None = None


@dataclass(frozen=True, slots=True)
class Response:
    date: date
    kind: ResponseKind
    promised_date: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Installment:
    date: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Plan:
    installments: tuple[Installment, ...]
    agreed_on: date | None = None  # None: derived from the responses (see `plan_agreed_on`)


@dataclass(frozen=True, slots=True)
class Insolvency:
    kind: InsolvencyKind
    published_on: date  # publication in the BODACC
    opened_on: date | None = None  # the opening judgment; None: taken as `published_on`

    @property
    def judgment_on(self) -> date:
        return self.opened_on or self.published_on


@dataclass(frozen=True, slots=True)
class Case:
    """One unpaid invoice and everything that happened around it."""

    debtor: Debtor
    invoice: Invoice
    payments: tuple[Payment, ...] = ()
    contacts: tuple[Contact, ...] = ()
    responses: tuple[Response, ...] = ()
    plan: Plan | None = None
    insolvency: Insolvency | None = None


@dataclass(frozen=True, slots=True)
class InterestPeriod:
    """A run of consecutive accrual days with the same balance and the same annual rate."""

    start: date  # first day of interest, included
    end: date  # last day of interest, included
    base: Decimal
    rate: Decimal  # annual, percent
    interest: Decimal  # rounded half-up to the cent

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Amounts:
    principal: Decimal  # balance still unpaid (amount − payments), never below 0
    interest: Decimal  # the periods' sum, less any payment beyond the principal
    indemnity: Decimal
    total: Decimal
    annual_rate: Decimal  # percent, the rate that applies on `today`
    provisional: bool
    missing_semesters: tuple[str, ...] = ()  # e.g. ("2026 H2",) when provisional
    rate_basis: str = "ecb_plus_10"  # ecb_plus_10 | ecb_plus_8 | contractual | legal | floor
    periods: tuple[InterestPeriod, ...] = ()
    overpaid: Decimal = Decimal("0.00")  # paid beyond the principal (reduces interest, indemnity)


@dataclass(frozen=True, slots=True)
class Assessment:
    """Where a case stands on `today` (DESIGN §8 output, less the rendered message)."""

    today: date
    stage: Stage
    last_step: Step | None
    due_now: bool
    next_step_on: date | None
    days_overdue: int
    amounts: Amounts
    options: tuple[Option, ...] = ()
    warnings: tuple[str, ...] = ()
    deadline: date | None = None  # deadline given to the debtor in the message
    # Extra facts the messages and the bot need:
    promised_date: date | None = None
    proposed_plan: tuple[Installment, ...] = ()  # instalments to propose at payment_plan
    claim_deadline: date | None = None  # insolvency: declare before this date
    limitation_date: date | None = None  # the last day to act (`limitation_on` in §8)
    formal_notice_date: date | None = None
    # insolvency: True once the 2-month declaration deadline has passed (relevé de forclusion)
    insolvency_late: bool = False
