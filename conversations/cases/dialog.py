"""The cases dialog's wiring: its entry points (every case button), its questions, /annuler."""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from conversations import callbacks as cb
from conversations.cases import contact, edit, insolvency, one_tap, payment, response
from conversations.cases.card import on_card
from conversations.cases.case_list import cmd_list, on_list
from conversations.cases.flow import (
    CONTACT_CHANNEL,
    CONTACT_DATE,
    CONTACT_STEP,
    DRAFTS,
    EDIT_FIELD,
    EDIT_VALUE,
    FLOW,
    INSOLVENCY_KIND,
    INSOLVENCY_OPENED,
    INSOLVENCY_PUBLISHED,
    PAY_AMOUNT,
    PAY_DATE,
    RESPONSE_KIND,
    RESPONSE_NOTE,
    RESPONSE_PROMISE,
    on_stale,
)
from conversations.context import RelanceContext
from conversations.replying import reply
from conversations.routing import dialog, on, question


async def cancel(_update: object, context: RelanceContext) -> int:
    """`/annuler` during a question about a case."""
    data = await DRAFTS.load(context)
    state = await DRAFTS.end(context)
    await reply(context, "cases/cancelled", pending=bool(data))
    return state


def conversation() -> ConversationHandler:
    """Every button of a case is an entry point: it ends the pending question, if any."""
    entry_points: list[BaseHandler] = [
        CommandHandler("dossiers", cmd_list),
        on(cb.CASES, on_list),
        on(cb.CASES_PAGE, on_list),
        on(cb.CASE, on_card),
        on(cb.CONTACT, contact.start),
        on(cb.RESPONSE, response.start),
        on(cb.EDIT, edit.start),
        on(cb.INSOLVENCY, insolvency.start),
        on(cb.PAYMENT, payment.start),
        on(cb.CLOSE, one_tap.ask_close),
        on(cb.CLOSE_AS, one_tap.close),
        on(cb.DELETE, one_tap.ask_delete),
        on(cb.DELETE_YES, one_tap.delete),
        on(cb.REOPEN, one_tap.reopen),
        on(cb.CASE_FAMILY, on_stale),  # a case button of no known action
    ]
    states = {
        **question(CONTACT_STEP, buttons={cb.CONTACT_STEP: contact.got_step}),
        **question(CONTACT_CHANNEL, buttons={cb.CONTACT_CHANNEL: contact.got_channel}),
        **question(CONTACT_DATE, contact.got_date, {cb.CONTACT_TODAY: contact.got_date}),
        **question(RESPONSE_KIND, buttons={cb.RESPONSE_KIND: response.got_kind}),
        **question(RESPONSE_PROMISE, response.got_promise),
        **question(RESPONSE_NOTE, response.got_note, {cb.RESPONSE_NO_NOTE: response.got_note}),
        **question(PAY_AMOUNT, payment.got_amount, {cb.PAID_ALL: payment.paid_all}),
        **question(PAY_DATE, payment.got_date, {cb.PAID_TODAY: payment.got_date}),
        **question(EDIT_FIELD, buttons={cb.EDIT_FIELD: edit.got_field}),
        **question(
            EDIT_VALUE,
            edit.got_value,
            {cb.EDIT_CLEAR_NUMBER: edit.clear_number, cb.EDIT_KIND: edit.chosen_kind},
        ),
        **question(INSOLVENCY_KIND, buttons={cb.INSOLVENCY_KIND: insolvency.got_kind}),
        **question(
            INSOLVENCY_PUBLISHED,
            insolvency.got_published,
            {cb.INSOLVENCY_TODAY: insolvency.got_published},
        ),
        **question(
            INSOLVENCY_OPENED,
            insolvency.got_opened,
            {cb.INSOLVENCY_SAME_DATE: insolvency.got_opened},
        ),
    }
    return dialog(
        FLOW,
        entry_points,
        states,
        cancel,
    )
