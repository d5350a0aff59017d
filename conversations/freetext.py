"""Free text outside any question: the guard reads it, then `understood` acts on it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters

from conversations import understood
from conversations.replying import answer_query, guard_reply, render_html, send


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    text = message.text or ""
    forwarded = message.forward_origin is not None  # the client's own words
    if forwarded or not await guard_reply(update, context, text):
        await understood.on_free_text(update, context, text, forwarded=forwarded)


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update)
    await send(update, context, render_html("stale_button"))


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(update, context, render_html("idle"))


def handlers() -> list:
    """Last-resort handlers: registered after every dialog."""
    return [
        *understood.handlers(),
        MessageHandler(filters.TEXT & ~filters.COMMAND, on_text),
        CallbackQueryHandler(on_stale_button),
        MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, on_other),
    ]
