"""How the dialogs are wired into PTB: a button routed by its action's pattern, and one
question — the state, its typed answer, its buttons — as a ConversationHandler state.

A typed answer's reader (`conversations.inputs`) raises `Invalid` when the answer cannot be
taken; the question's handlers are wrapped here so that the user reads why (the guard first)
and the question stays."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.inputs import Invalid
from conversations.replying import TEXT, buttons_only, retry

Callback = Callable[[Any, RelanceContext], Awaitable[Any]]


def on(action: cb.Action | cb.Family, callback: Callback) -> CallbackQueryHandler:
    """The handler of one kind of button (`context.match` holds its fields)."""
    return CallbackQueryHandler(callback, pattern=action.pattern)


def asking(state: int, callback: Callback) -> Callback:
    """`callback`, with an `Invalid` answer said and the question `state` kept."""

    async def handler(update: Any, context: RelanceContext) -> Any:
        try:
            return await callback(update, context)
        except Invalid as invalid:
            return await retry(context, invalid.error, state, **invalid.values)

    return handler


def question(
    state: int,
    typed: Callback | None = None,
    buttons: Mapping[cb.Action, Callback] | None = None,
) -> dict[object, list[BaseHandler]]:
    """One state: its typed answer (none: "use the buttons") and its buttons."""
    text = MessageHandler(TEXT, asking(state, typed) if typed else buttons_only(state))
    pressed = [on(action, asking(state, callback)) for action, callback in (buttons or {}).items()]
    return {state: [text, *pressed]}


def dialog(
    name: str,
    entry_points: list[BaseHandler],
    states: dict[object, list[BaseHandler]],
    cancel: Callback,
    *fallbacks: BaseHandler,
) -> ConversationHandler:
    """A persistent dialog (its states come back from the database at start): a new entry
    point restarts it, `/annuler` runs `cancel`."""
    return ConversationHandler(
        entry_points=entry_points,
        states=states,
        fallbacks=[CommandHandler("annuler", cancel), *fallbacks],
        name=name,
        persistent=True,
        allow_reentry=True,
    )
