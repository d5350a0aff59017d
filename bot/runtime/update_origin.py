"""Which Telegram message an update's recorded facts come from (see `bot.store.origin`)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.store.origin import Origin, set_next_step, set_origin


def origin_of(update: Update) -> Origin | None:
    """The pressed button's message for a button, the user's message otherwise."""
    user = update.effective_user
    query = update.callback_query
    message = query.message if query is not None else update.effective_message
    if user is None or message is None:
        return None
    return Origin(owner=user.id, chat_id=message.chat.id, message_id=message.message_id)


async def _remember(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    set_origin(origin_of(update))
    set_next_step(None)


async def _forget(_update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    set_origin(None)
    set_next_step(None)


def handler() -> TypeHandler:
    """Runs first for every update (its own group), before the dialogs."""
    return TypeHandler(Update, _remember)


def reset_handler() -> TypeHandler:
    """Runs last for every update (its own group): what runs in the same task after the
    update (a test, a job) records without this update's origin."""
    return TypeHandler(Update, _forget)
