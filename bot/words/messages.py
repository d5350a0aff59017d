"""The words layer: ready-to-send messages rendered from templates/messages/ (DESIGN §6).

`render_message` picks the template `messages/<step>/<channel>.j2` for the step the assessment
calls for, falls back to e-mail when a step has no variant for the channel, and lists every open
invoice of the same debtor (`others`) in one message. Python only gathers figures; every French
word lives in the templates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from markupsafe import escape

from bot.domain.facts import (
    Assessment,
    Case,
    DebtorKind,
    MessageChannel,
    ResponseKind,
    Stage,
    Step,
)
from bot.domain.profile import Profile, missing_fields, normalize_invoice_number
from bot.domain.warnings import WARNING_REFERENCES
from bot.words.render import TEMPLATES_DIR, render

__all__ = [
    "SMS_LIMIT",
    "Message",
    "Profile",
    "channels_for",
    "message_channel",
    "message_context",
    "message_missing",
    "message_to_json",
    "render_message",
    "render_warning",
    "step_for",
]

SMS_LIMIT = 320
ZERO = Decimal("0.00")
_BLANKS = re.compile(r"\n{3,}")

# Stage → message step; stages absent here (not_due, paid, time_barred) have no message.
STEP_FOR_STAGE: dict[Stage, str] = {
    Stage.PREVENTIVE_REMINDER: "preventive_reminder",
    Stage.FRIENDLY_REMINDER: "friendly_reminder",
    Stage.FIRM_REMINDER: "firm_reminder",
    Stage.FINAL_NOTICE: "final_notice",
    Stage.FORMAL_NOTICE: "formal_notice",
    Stage.ESCALATION: "escalation",
    Stage.AWAITING_PROMISE: "awaiting_promise",
    Stage.PAYMENT_PLAN: "payment_plan",
    Stage.DISPUTE: "dispute",
    Stage.VERIFY_PAYMENT: "verify_payment",
    Stage.INSOLVENCY: "insolvency",
}
# Steps from which interest and the 40 € indemnity are claimed from a business/public debtor.
FEE_STEPS = frozenset(
    {"firm_reminder", "final_notice", "formal_notice", "escalation", "insolvency"}
)
# Steps after which the formal notice has been (or is being) sent: consumer legal interest runs.
CONSUMER_INTEREST_STEPS = frozenset({"formal_notice", "escalation", "insolvency"})
# Contacts that count as the reminders a formal notice may cite ("malgré mes relances des …").
REMINDER_STEPS = frozenset({Step.FRIENDLY_REMINDER, Step.FIRM_REMINDER, Step.FINAL_NOTICE})
# Tone level 0 (courteous) … 4 (formal), for templates that share wording across steps.
TONE = {
    "preventive_reminder": 0,
    "awaiting_promise": 0,
    "verify_payment": 1,
    "friendly_reminder": 1,
    "dispute": 1,
    "payment_plan": 1,
    "firm_reminder": 2,
    "final_notice": 3,
    "formal_notice": 4,
    "escalation": 4,
    "insolvency": 4,
}


@dataclass(frozen=True, slots=True)
class Message:
    """A message ready to send: `subject` is None for SMS and call scripts."""

    step: str
    channel: str
    subject: str | None
    body: str


def step_for(assessment: Assessment) -> str | None:
    """The message step for the assessment's stage; None when nothing is to be sent
    (also once the insolvency proceedings leave nothing more to ask)."""
    if assessment.stage is Stage.INSOLVENCY and assessment.next_step_on is None:
        return None
    return STEP_FOR_STAGE.get(assessment.stage)


@cache
def channels_for(step: str) -> tuple[str, ...]:
    """The channels that have their own template for `step` (others fall back to e-mail)."""
    folder = TEMPLATES_DIR / "messages" / step
    return tuple(
        channel.value for channel in MessageChannel if (folder / f"{channel.value}.j2").is_file()
    )


def default_channel(step: str) -> str:
    """E-mail, except the formal notice, which is a registered letter."""
    return MessageChannel.LETTER.value if step == "formal_notice" else MessageChannel.EMAIL.value


def message_channel(message: Message) -> str:
    """The channel the message was actually rendered in (after any fallback)."""
    return message.channel


def _item(case: Case, assessment: Assessment) -> dict[str, Any]:
    amounts = assessment.amounts
    invoice = case.invoice
    return {
        "number": normalize_invoice_number(invoice.number),
        "amount": invoice.amount,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "principal": amounts.principal,
        "paid": max(invoice.amount - amounts.principal, ZERO),
        "days_overdue": assessment.days_overdue,
        "interest": amounts.interest,
        "indemnity": amounts.indemnity,
        "annual_rate": amounts.annual_rate,
        "rate_basis": amounts.rate_basis,
        "provisional": amounts.provisional,
        "periods": list(amounts.periods),
        # the part of the periods' interest already covered by money paid beyond the principal
        "interest_credit": sum((p.interest for p in amounts.periods), ZERO) - amounts.interest,
    }


def message_context(
    case: Case,
    assessment: Assessment,
    step: str,
    channel: str,
    profile: Profile | None = None,
    others: Sequence[tuple[Case, Assessment]] = (),
    *,
    compact: bool = False,
) -> dict[str, Any]:
    """Everything a message template may use (figures, dates, flags); no French words."""
    kind = case.debtor.kind
    pro = kind is not DebtorKind.CONSUMER
    items = [_item(case, assessment)]
    for other_case, other_assessment in others:
        if other_assessment.stage is Stage.PAID or other_assessment.amounts.principal <= 0:
            continue
        items.append(_item(other_case, other_assessment))
    claim_fees = pro and step in FEE_STEPS
    claim_interest = claim_fees or (not pro and step in CONSUMER_INTEREST_STEPS)
    principal = sum((i["principal"] for i in items), ZERO)
    interest = sum((i["interest"] for i in items), ZERO) if claim_interest else ZERO
    indemnity = sum((i["indemnity"] for i in items), ZERO) if claim_fees else ZERO
    for item in items:
        item["claimed_interest"] = item["interest"] if claim_interest else ZERO
        item["claimed_indemnity"] = item["indemnity"] if claim_fees else ZERO
        item["claimed_total"] = (
            item["principal"] + item["claimed_interest"] + item["claimed_indemnity"]
        )
    reminders = sorted(
        {c.date for c in case.contacts if c.step in REMINDER_STEPS and c.date <= assessment.today}
    )
    disputes = [r for r in case.responses if r.kind is ResponseKind.DISPUTE and r.note]
    amounts = assessment.amounts
    missing = sorted({s for _, a in others for s in a.amounts.missing_semesters})
    missing = sorted(set(missing) | set(amounts.missing_semesters))
    return {
        "step": step,
        "channel": channel,
        "tone": TONE.get(step, 1),
        "compact": compact,
        "debtor": case.debtor,
        "kind": kind.value,
        "pro": pro,
        "is_public": kind is DebtorKind.PUBLIC,
        "is_consumer": kind is DebtorKind.CONSUMER,
        "invoices": items,
        "invoice": items[0],
        "several": len(items) > 1,
        "claim_fees": claim_fees,
        "claim_interest": claim_interest and interest > 0,
        "principal": principal,
        "interest": interest,
        "indemnity": indemnity,
        "total": principal + interest + indemnity,
        "annual_rate": amounts.annual_rate,
        "rate_basis": amounts.rate_basis,
        "provisional": claim_interest and any(i["provisional"] for i in items),
        "missing_semesters": missing,
        "max_days_overdue": max(i["days_overdue"] for i in items),
        "today": assessment.today,
        "stage": assessment.stage.value,
        "deadline": assessment.deadline,
        "next_step_on": assessment.next_step_on,
        "promised_date": assessment.promised_date,
        "proposed_plan": list(assessment.proposed_plan),
        "plan": list(case.plan.installments) if case.plan else [],
        "claim_deadline": assessment.claim_deadline,
        "insolvency_late": assessment.insolvency_late,
        "formal_notice_date": assessment.formal_notice_date,
        "insolvency": case.insolvency,
        "options": [option.value for option in assessment.options],
        "warnings": list(assessment.warnings),
        "contacts": list(case.contacts),
        "responses": list(case.responses),
        "payments": list(case.payments),
        "profile": as_profile(profile),
        "reminder_dates": reminders,
        "dispute_note": disputes[-1].note if disputes else None,
    }


def _tidy(text: str) -> str:
    """At most one blank line in a row, no trailing spaces."""
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", text).strip()


def as_profile(value: object | None) -> Profile:
    """Any object with some of the Profile attributes (e.g. a stored user) as a Profile."""
    if isinstance(value, Profile):
        return value
    if value is None:
        return Profile()
    fields: dict[str, Any] = {}
    for name in Profile.__slots__:
        item = getattr(value, name, None)
        fields[name] = item.strip() if isinstance(item, str) and item.strip() else None
    fields["vat_franchise"] = bool(getattr(value, "vat_franchise", False))
    return Profile(**fields)


def _split_subject(text: str) -> tuple[str | None, str]:
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip()


def render_message(
    case: Case,
    assessment: Assessment,
    channel: str | MessageChannel | None = None,
    profile: Profile | None = None,
    others: Sequence[tuple[Case, Assessment]] = (),
) -> Message | None:
    """The ready message for the assessment's stage in `channel` (None: the step's default).

    Returns None when the stage calls for no message (not_due, paid, time_barred). A channel
    the step has no template for falls back to e-mail; `Message.channel` tells which was used.
    """
    step = step_for(assessment)
    if step is None:
        return None
    wanted = str(channel.value if isinstance(channel, MessageChannel) else channel or "")
    wanted = wanted or default_channel(step)
    available = channels_for(step)
    chosen = wanted if wanted in available else MessageChannel.EMAIL.value
    name = f"messages/{step}/{chosen}.j2"
    context = message_context(case, assessment, step, chosen, profile, others)
    text = _tidy(render(name, **context))
    if chosen == MessageChannel.SMS.value and len(text) > SMS_LIMIT:
        text = _tidy(render(name, **{**context, "compact": True}))
    if chosen in (MessageChannel.EMAIL.value, MessageChannel.LETTER.value):
        subject, body = _split_subject(text)
        return Message(step, chosen, subject, body)
    return Message(step, chosen, None, text)


def message_missing(case: Case, channel: str, profile: Profile | None = None) -> list[str]:
    """The details a message in `channel` needs and lacks (§6), in the order to ask for them."""
    return missing_fields(as_profile(profile), case.debtor, channel)


def message_to_json(message: Message) -> dict[str, Any]:
    """The `message` object of the §8 output."""
    return {
        "step": message.step,
        "channel": message.channel,
        "subject": message.subject,
        "body": message.body,
    }


def render_warning(
    code: str, html: bool = False, case: Case | None = None, result: Assessment | None = None
) -> str:
    """The French explanation of a warning code, with its legal reference.

    Engine codes (DESIGN §4) come from templates/warnings/<code>.j2 — given the case and its
    assessment, they name its dates and the debtor's regime —, guard codes (§7) from the
    guard's templates; an unknown code is returned as is. `html=True` gives Telegram HTML.
    """
    if code in WARNING_REFERENCES:
        return render(
            f"warnings/{code}.j2",
            html=html,
            as_html=html,
            reference=WARNING_REFERENCES[code],
            kind=case.debtor.kind.value if case else None,
            limitation_on=result.limitation_date if result else None,
            claim_deadline=result.claim_deadline if result else None,
        )
    try:
        from bot.words.guard_explanations import explain

        return explain(code, html=html)
    except (ImportError, KeyError):
        return str(escape(code)) if html else code
