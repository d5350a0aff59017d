"""`/start` and `/aide`: what Relance does, the legal notice, the commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from conversations.common import html, send, services, user_ids


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user_id, chat_id = user_ids(update)
    await services(context).ensure_user(user_id, chat_id)
    first_name = update.effective_user.first_name if update.effective_user else None
    await send(update, context, html("start", first_name=first_name))


async def aide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(update, context, html("aide"))


async def nothing_to_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(update, context, html("nothing_to_cancel"))


def handlers() -> list[CommandHandler]:
    """`/annuler` here is the last resort: inside a dialog, the dialog's own fallback wins."""
    return [
        CommandHandler("start", start),
        CommandHandler(["aide", "help"], aide),
    ]


def last_resort() -> list[CommandHandler]:
    return [CommandHandler("annuler", nothing_to_cancel)]
