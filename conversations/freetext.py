"""Free text outside any question: the guard reads it, then `understood` acts on it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from conversations import understood
from conversations.context import RelanceContext
from conversations.replying import TEXT, guard_reply, reply, stale


async def on_text(update: Update, context: RelanceContext) -> None:
    message = update.effective_message
    text = context.text
    forwarded = message.forward_origin is not None  # the client's own words
    if forwarded or not await guard_reply(context, text):
        await understood.on_free_text(context, text, forwarded=forwarded)


async def on_stale_button(_update: object, context: RelanceContext) -> None:
    await stale(context)


async def on_other(update: Update, context: RelanceContext) -> None:
    """Anything no dialog took: an unknown command, a sticker, a voice note, a location...
    said for what it is, and whether a question is still waiting for its answer."""
    message = update.effective_message
    user = update.effective_user  # none for a channel post
    waiting = user is not None and bool(await context.repo.list_conversations(user.id))
    if message is not None and (message.text or "").startswith("/"):
        await reply(context, "unknown_command", waiting=waiting)
    elif waiting:
        await reply(context, "waiting_for_text")
    else:
        await reply(context, "idle")


def handlers() -> list[BaseHandler]:
    """Last-resort handlers: registered after every dialog."""
    return [
        *understood.handlers(),
        MessageHandler(TEXT, on_text),
        CallbackQueryHandler(on_stale_button),
        MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, on_other),
    ]
