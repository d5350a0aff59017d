"""Correct a fact of a case: the field (amount, due date, number, client's name or kind)
→ its new value; then the card again."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.domain.facts import DebtorKind
from bot.domain.understand import choices
from bot.store import StoredCase
from bot.words.render import money
from conversations import callbacks as cb
from conversations import inputs
from conversations.cases import flow
from conversations.cases.card import show_card
from conversations.context import RelanceContext
from conversations.labels import label
from conversations.replying import answer_query, keyboard, reply

# The invoice's own fields: what the repository column is called on the domain's Invoice.
INVOICE_FIELDS = {"invoice_number": "number", "amount": "amount", "due_date": "due_date"}


def _field(name: str) -> tuple[str, str]:
    return cb.EDIT_FIELD.button(label("edit_field", name), field=name)


async def start(_update: object, context: RelanceContext) -> int:
    fields = keyboard(
        [[_field("amount"), _field("due")], [_field("number"), _field("name")], [_field("kind")]]
    )
    return await flow.begin(context, "edit", flow.EDIT_FIELD, "edit_field", fields, open_only=False)


async def got_field(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    field = context.match["field"]
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None:
        return await flow.stale_end(context)
    draft.field = field
    invoice = stored.case.invoice
    current: object = {
        "amount": money(invoice.amount),
        "due": invoice.due_date,
        "number": invoice.number,
        "name": stored.case.debtor.name,
        "kind": label("kind", stored.case.debtor.kind),
    }[field]
    markup = None
    if field == "number" and current:
        markup = keyboard([[cb.EDIT_CLEAR_NUMBER.button("Effacer le numéro")]])
    if field == "kind":
        order = (DebtorKind.BUSINESS, DebtorKind.PUBLIC, DebtorKind.CONSUMER)
        markup = keyboard([[cb.EDIT_KIND.button(label("kind", k), kind=k)] for k in order])
    return await flow.advance(
        context, draft, flow.EDIT_VALUE, "edit_value", markup, field=field, current=current
    )


async def clear_number(_update: object, context: RelanceContext) -> int:
    """ "Effacer le numéro" (only where the number is being corrected)."""
    await answer_query(context)
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None or draft.field != "number":
        return await flow.stale_end(context)
    return await _apply(context, stored, draft.field, {"invoice_number": None})


async def chosen_kind(_update: object, context: RelanceContext) -> int:
    """A client kind button (a number being corrected takes none)."""
    await answer_query(context)
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None or draft.field == "number":
        return await flow.stale_end(context)
    return await _apply(
        context, stored, draft.field, {"debtor_kind": DebtorKind(context.match["kind"])}
    )


async def got_value(_update: object, context: RelanceContext) -> int:
    """The typed value, read as the field wants it."""
    draft, stored = await flow.draft_case(context)
    if draft is None or stored is None:
        return await flow.stale_end(context)
    field = draft.field
    changes: dict[str, Any]
    if field == "kind":
        named = choices.kind_named(context.text)
        if named is None:
            raise inputs.Invalid("use_buttons")
        changes = {"debtor_kind": DebtorKind(named)}
    else:
        read = {
            "amount": lambda: inputs.amount(context),
            "due": lambda: inputs.due_date(context),
            "number": lambda: inputs.invoice_number(context),
        }.get(field or "")
        value = read() if read is not None else await inputs.client_name(context)
        column = {"amount": "amount", "due": "due_date", "number": "invoice_number"}
        changes = {column.get(field or "", "debtor_name"): value}
    return await _apply(context, stored, field, changes)


async def _apply(
    context: RelanceContext, stored: StoredCase, field: str | None, changes: dict[str, Any]
) -> int:
    await context.repo.update_case_fields(context.user_id, stored.id, **changes)
    state = await flow.DRAFTS.end(context)
    if set(changes) <= INVOICE_FIELDS.keys():  # the new invoice is in hand
        invoice = replace(stored.case.invoice, **{INVOICE_FIELDS[k]: v for k, v in changes.items()})
        updated: StoredCase | None = replace(stored, case=replace(stored.case, invoice=invoice))
    else:  # a corrected name or kind may move the case to another client's record
        updated = await context.case(stored.id)
    assert updated is not None
    await reply(context, "cases/edited", field=field)
    await show_card(context, updated)
    return state
