"""`/dossiers` and the case card (DESIGN §9): the list of open cases, a card with its
timeline and next step, and what can be done from it — record a contact, a response, a
payment, insolvency proceedings; correct a fact; close, delete, reopen. One module per
sub-flow; `flow` holds the states, the draft and the steps they share."""

from __future__ import annotations

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from conversations import callbacks as cb
from conversations.cases import contact, edit, insolvency, one_tap, payment, response
from conversations.cases.card import on_card, show_card
from conversations.cases.case_list import cmd_list, on_list, show_list
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
    recorded,
)
from conversations.cases.payment import record_payment
from conversations.cases.response import record_response
from conversations.context import RelanceContext
from conversations.replying import TEXT, buttons_only, reply

__all__ = [
    "conversation",
    "record_payment",
    "record_response",
    "recorded",
    "show_card",
    "show_list",
]


def _on(action: cb.Action | cb.Family, callback) -> CallbackQueryHandler:
    return CallbackQueryHandler(callback, pattern=action.pattern)


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
        _on(cb.CASES, on_list),
        _on(cb.CASES_PAGE, on_list),
        _on(cb.CASE, on_card),
        _on(cb.CONTACT, contact.start),
        _on(cb.RESPONSE, response.start),
        _on(cb.EDIT, edit.start),
        _on(cb.INSOLVENCY, insolvency.start),
        _on(cb.PAYMENT, payment.start),
        _on(cb.CLOSE, one_tap.ask_close),
        _on(cb.CLOSE_AS, one_tap.close),
        _on(cb.DELETE, one_tap.ask_delete),
        _on(cb.DELETE_YES, one_tap.delete),
        _on(cb.REOPEN, one_tap.reopen),
        _on(cb.CASE_FAMILY, on_stale),  # a case button of no known action
    ]
    states: dict[object, list[BaseHandler]] = {
        CONTACT_STEP: [
            _on(cb.CONTACT_STEP, contact.got_step),
            MessageHandler(TEXT, buttons_only(CONTACT_STEP)),
        ],
        CONTACT_CHANNEL: [
            _on(cb.CONTACT_CHANNEL, contact.got_channel),
            MessageHandler(TEXT, buttons_only(CONTACT_CHANNEL)),
        ],
        CONTACT_DATE: [
            MessageHandler(TEXT, contact.got_date),
            _on(cb.CONTACT_TODAY, contact.got_date),
        ],
        RESPONSE_KIND: [
            _on(cb.RESPONSE_KIND, response.got_kind),
            MessageHandler(TEXT, buttons_only(RESPONSE_KIND)),
        ],
        RESPONSE_PROMISE: [MessageHandler(TEXT, response.got_promise)],
        RESPONSE_NOTE: [
            MessageHandler(TEXT, response.got_note),
            _on(cb.RESPONSE_NO_NOTE, response.got_note),
        ],
        PAY_AMOUNT: [MessageHandler(TEXT, payment.got_amount), _on(cb.PAID_ALL, payment.paid_all)],
        PAY_DATE: [MessageHandler(TEXT, payment.got_date), _on(cb.PAID_TODAY, payment.got_date)],
        EDIT_FIELD: [
            _on(cb.EDIT_FIELD, edit.got_field),
            MessageHandler(TEXT, buttons_only(EDIT_FIELD)),
        ],
        EDIT_VALUE: [
            MessageHandler(TEXT, edit.got_value),
            _on(cb.EDIT_CLEAR_NUMBER, edit.clear_number),
            _on(cb.EDIT_KIND, edit.chosen_kind),
        ],
        INSOLVENCY_KIND: [
            _on(cb.INSOLVENCY_KIND, insolvency.got_kind),
            MessageHandler(TEXT, buttons_only(INSOLVENCY_KIND)),
        ],
        INSOLVENCY_PUBLISHED: [
            MessageHandler(TEXT, insolvency.got_published),
            _on(cb.INSOLVENCY_TODAY, insolvency.got_published),
        ],
        INSOLVENCY_OPENED: [
            MessageHandler(TEXT, insolvency.got_opened),
            _on(cb.INSOLVENCY_SAME_DATE, insolvency.got_opened),
        ],
    }
    return ConversationHandler(
        entry_points=entry_points,
        states=states,
        fallbacks=[CommandHandler("annuler", cancel)],
        name=FLOW,
        persistent=True,
        allow_reentry=True,
    )
