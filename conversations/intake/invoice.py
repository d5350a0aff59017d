"""The intake's questions about the invoice: the client's name (then the register look-up),
its kind, the amount (and VAT when it was given before tax), the number, the due date."""

from __future__ import annotations

from decimal import Decimal

from bot.domain.contract import default_due_date
from bot.domain.facts import DebtorKind
from bot.domain.parsing import ParseError, read_amount
from bot.domain.understand import choices
from bot.words.render import money
from conversations import callbacks as cb
from conversations import inputs
from conversations.context import RelanceContext
from conversations.intake.flow import (
    AMOUNT,
    AMOUNT_VAT,
    DRAFTS,
    ISSUE,
    KIND,
    NAME,
    after_dates,
    ask_again,
    ask_next,
    kind_keyboard,
    remember,
)
from conversations.labels import label
from conversations.lookup import IntakeLookup
from conversations.replying import (
    answer_query,
    close_choice,
    error_name,
    keyboard,
    render_html,
    reply,
)

LOOKUP = IntakeLookup(DRAFTS, go_on=ask_next)


async def start(_update: object, context: RelanceContext) -> int:
    """`/nouveau` (or the "Nouveau dossier" button): the first question, saved before it is
    asked (kill -9)."""
    await answer_query(context)
    previous = await DRAFTS.peek(context)  # an intake left open: said, then dropped
    if previous.get("name") and "case_id" not in previous:
        await reply(context, "intake_restarted", name=previous["name"])
    return await DRAFTS.advance(context, {}, NAME, "ask/name")


async def got_name(_update: object, context: RelanceContext) -> int:
    name = await inputs.client_name(context)
    return await LOOKUP.after_name(context, await remember(context, name=name))


async def got_kind(_update: object, context: RelanceContext) -> int:
    kind = DebtorKind(context.match["kind"])
    await close_choice(context, label("kind", kind))
    return await _chosen_kind(context, kind)


async def typed_kind(_update: object, context: RelanceContext) -> int:
    """A typed answer naming a button ("une entreprise") counts as the button."""
    named = choices.kind_named(context.text)
    if named is None:
        name = (await DRAFTS.load(context))["name"]
        return await ask_again(context, KIND, render_html("ask/kind", name=name), kind_keyboard())
    return await _chosen_kind(context, DebtorKind(named))


async def _chosen_kind(context: RelanceContext, kind: DebtorKind) -> int:
    return await ask_next(context, await remember(context, kind=kind.value))


def _vat_keyboard():
    return keyboard(
        [
            [cb.VAT.button("TTC : saisir le montant TTC", choice="ttc")],
            [cb.VAT.button("Pas de TVA", choice="none")],
        ]
    )


async def got_amount(_update: object, context: RelanceContext) -> int:
    try:
        read = read_amount(context.text)
    except ParseError as error:
        raise inputs.Invalid(error_name(error, "amount_invalid")) from None
    data = await DRAFTS.load(context)
    if read.excl_vat and not await _vat_free(context):
        data["amount_excl_vat"] = str(read.value)  # asked once: is VAT owed on top?
        excl_vat = money(read.value)
        return await DRAFTS.advance(
            context, data, AMOUNT_VAT, "ask/amount_vat", _vat_keyboard(), amount=excl_vat
        )
    data["amount"] = str(read.value)
    return await ask_next(context, data)


async def _vat_free(context: RelanceContext) -> bool:
    """Whether the user's profile says they do not charge VAT (franchise en base)."""
    user = await context.repo.get_user(context.user_id)
    return user is not None and user.vat_franchise is True


async def got_vat(_update: object, context: RelanceContext) -> int:
    """The answer to the VAT question: no VAT (the amount stands) or the amount with VAT."""
    data = await DRAFTS.load(context)
    if context.match["choice"] == "none":
        await close_choice(context, "Pas de TVA")
        data["amount"] = data.pop("amount_excl_vat", None)
        return await ask_next(context, data)
    await close_choice(context, "TTC")
    return await DRAFTS.advance(context, data, AMOUNT, "ask/amount_incl_vat")


async def typed_vat(_update: object, context: RelanceContext) -> int:
    """A typed amount at the VAT question is the amount with VAT; anything else asks again."""
    data = await DRAFTS.load(context)
    try:
        read = read_amount(context.text)
    except ParseError:
        read = None
    if read is None or read.excl_vat:
        excl_vat = money(Decimal(data["amount_excl_vat"]))
        await reply(context, "ask/amount_vat", _vat_keyboard(), amount=excl_vat)
        return AMOUNT_VAT
    data.pop("amount_excl_vat", None)
    data["amount"] = str(read.value)
    return await ask_next(context, data)


async def got_number(_update: object, context: RelanceContext) -> int:
    number: str | None = None
    if context.pressed:
        await close_choice(context, "Passer")
    else:
        number = inputs.invoice_number(context)
    return await ask_next(context, await remember(context, number=number))


async def got_due(_update: object, context: RelanceContext) -> int:
    due = inputs.due_date(context)
    return await after_dates(context, await remember(context, due_date=due))


async def due_unknown(_update: object, context: RelanceContext) -> int:
    await close_choice(context, "Je ne connais que la date de facture")
    return await DRAFTS.advance(context, await DRAFTS.load(context), ISSUE, "ask/issue")


async def got_issue(_update: object, context: RelanceContext) -> int:
    issue = inputs.past_date(context)
    data = await remember(context, issue_date=issue)
    data["due_date"] = default_due_date(issue, DebtorKind(data["kind"])).isoformat()
    return await after_dates(context, data)
