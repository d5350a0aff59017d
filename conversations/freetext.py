"""Free text outside any question: the guard reads it; otherwise a short pointer to the commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

from conversations.common import answer_query, guard_reply, html, send


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = update.effective_message.text or ""
    if not await guard_reply(update, context, text):
        await send(update, context, html("idle"))


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update)
    await send(update, context, html("stale_button"))


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(update, context, html("idle"))


def handlers() -> list:
    """Last-resort handlers: registered after every dialog."""
    return [
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
        CallbackQueryHandler(on_stale_button),
        MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, on_other),
    ]
