"""The end of the intake: the case stored from the answers, the signature asked once (and a
contact right after it), then the reply about the case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from telegram import InlineKeyboardMarkup
from telegram.ext import ConversationHandler

from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Invoice,
    Payment,
    Response,
    ResponseKind,
    Step,
)
from conversations import callbacks as cb
from conversations import case_reply, lookup
from conversations.context import RelanceContext
from conversations.inputs import MAX_NAME, Invalid
from conversations.intake.flow import CONTACT, DRAFTS, PAID_PART, SIGNATURE, Answers
from conversations.profile import clean_contact, split_signature
from conversations.replying import close_choice, keyboard

# The channel of a contact the intake records, by its step (else an e-mail).
DEFAULT_CHANNEL = {
    Step.FORMAL_NOTICE: Channel.REGISTERED_LETTER,
    Step.CALL: Channel.PHONE,
}


def case_from_draft(data: Answers, today: date) -> Case:
    """The domain's case from the intake answers."""
    kind = DebtorKind(data["kind"])
    contacts: tuple[Contact, ...] = ()
    if data.get("step"):
        step = Step(data["step"])
        contacts = (
            Contact(
                date=date.fromisoformat(data["step_date"]),
                step=step,
                channel=DEFAULT_CHANNEL.get(step, Channel.EMAIL),
            ),
        )
    responses: tuple[Response, ...] = ()
    payments: tuple[Payment, ...] = ()
    if data.get("partial_amount"):
        payments = (
            Payment(date.fromisoformat(data["partial_date"]), Decimal(data["partial_amount"])),
        )
    reaction = data.get("reaction")
    if reaction and reaction not in ("none", "partial"):
        promised = data.get("promised_date")
        responses = (
            Response(
                date=today,
                kind=ResponseKind(reaction),
                promised_date=date.fromisoformat(promised) if promised else None,
                note=data.get("note"),
            ),
        )
    issue, served = data.get("issue_date"), data.get("service_date")
    return Case(
        debtor=Debtor(
            name=data["name"], kind=kind, siren=data.get("siren"), address=data.get("address")
        ),
        invoice=Invoice(
            amount=Decimal(data["amount"]),
            due_date=date.fromisoformat(data["due_date"]),
            number=data.get("number"),
            issue_date=date.fromisoformat(issue) if issue else None,
            service_date=date.fromisoformat(served) if served else None,
            penalty_rate=Decimal(rate) if (rate := data.get("penalty_rate")) else None,
        ),
        payments=payments,
        contacts=contacts,
        responses=responses,
        insolvency=lookup.insolvency_from_draft(data),
    )


def paid_part_keyboard() -> InlineKeyboardMarkup:
    return keyboard(
        [[cb.PAID_PART.button("Oui", answer="yes"), cb.PAID_PART.button("Non", answer="no")]]
    )


async def finish(context: RelanceContext, data: Answers) -> int:
    """Ask whether a part was already paid (unless a part paid was said), store the case
    (once: its id joins the answers), ask for a signature the first time, else show the
    reply about the case."""
    if "case_id" not in data and "paid_part" not in data and not data.get("partial_amount"):
        markup = paid_part_keyboard()
        return await DRAFTS.advance(context, data, PAID_PART, "ask/paid_part", markup)
    svc = context.services
    if "case_id" not in data:
        case = case_from_draft(data, context.today())
        # The case and its id in the answers commit together: after a crash, the answer typed
        # again finds the case recorded instead of creating a second one.
        DRAFTS.with_the_fact(context, data, row_key="case_id")
        data["case_id"] = await svc.repo.create_case(context.user_id, case, chat_id=context.chat_id)
    user = await svc.ensure_user(context.user_id, context.chat_id)
    if not user.signature_asked and not user.full_name:
        await svc.repo.update_profile(context.user_id, signature_asked=True)
        skip = keyboard([[cb.SIGNATURE_SKIP.button("Passer")]])
        return await DRAFTS.advance(context, data, SIGNATURE, "ask/signature", skip)
    return await show_case(context, data)


async def show_case(context: RelanceContext, data: Answers) -> int:
    """The intake is over: its answers forgotten, the reply about the case."""
    await DRAFTS.end(context)
    await case_reply.show_assessment(context, data["case_id"])
    return ConversationHandler.END


async def got_signature(_update: object, context: RelanceContext) -> int:
    repo = context.repo
    if context.pressed:
        await close_choice(context, "Passer")
    else:
        text = " ".join(context.text.split())
        if len(text) > MAX_NAME:
            raise Invalid("profile/error/text_invalid")
        if text:
            name, business = split_signature(text, ("—", " - "))
            await repo.update_profile(context.user_id, full_name=name, business_name=business)
            user = await repo.get_user(context.user_id)
            if user is not None and not (user.email or user.phone or user.contact):
                data = await DRAFTS.load(context)
                return await DRAFTS.advance(context, data, CONTACT, "details/contact")
    return await show_case(context, await DRAFTS.load(context))


async def got_contact(_update: object, context: RelanceContext) -> int:
    """The sender's e-mail or phone, asked once right after the name (DESIGN §6)."""
    value = clean_contact(context.text)
    if value is None:
        raise Invalid("profile/error/contact_invalid")
    await context.repo.update_profile(
        context.user_id, **{"email" if "@" in value else "phone": value}
    )
    return await show_case(context, await DRAFTS.load(context))
