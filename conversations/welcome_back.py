"""A user who had blocked the bot writes again: the reminders were switched off then (403),
so say it once, with a button to switch them back on. The update is then handled as usual."""

from __future__ import annotations

from telegram import Update
from telegram.ext import TypeHandler

from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.replying import keyboard, render_html


async def _greet(update: Update, context: RelanceContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    if await context.repo.forget_blocked(user.id):
        await context.bot.send_message(
            chat.id,
            render_html("reminders/welcome_back"),
            reply_markup=keyboard([[cb.REMINDERS_ON.button("🔔 Réactiver les rappels")]]),
        )


def handler() -> TypeHandler:
    """Runs for every update before the dialogs (its own group)."""
    return TypeHandler(Update, _greet)
