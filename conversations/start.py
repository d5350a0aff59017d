"""`/start` and `/aide`: what Relance does, the legal notice, the commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from conversations.replying import answer_query, keyboard, render_html, send, services, user_ids

# The main actions, under /start and /aide (each screen ends with what a tap would do).
MAIN_ACTIONS = [
    [("➕ Nouveau dossier", "new"), ("📁 Mes dossiers", "cases")],
    [("❓ Aide", "help")],
]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user_id, chat_id = user_ids(update)
    await services(context).ensure_user(user_id, chat_id)
    first_name = update.effective_user.first_name if update.effective_user else None
    await send(update, context, render_html("start", first_name=first_name), keyboard(MAIN_ACTIONS))


async def aide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update)  # also the "Aide" button
    await send(update, context, render_html("aide"), keyboard(MAIN_ACTIONS[:1]))


async def nothing_to_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(update, context, render_html("nothing_to_cancel"))


def handlers() -> list[BaseHandler]:
    """`/annuler` here is the last resort: inside a dialog, the dialog's own fallback wins."""
    return [
        CommandHandler("start", start),
        CommandHandler(["aide", "help"], aide),
        CallbackQueryHandler(aide, pattern=r"^help$"),
    ]


def last_resort() -> list[CommandHandler]:
    return [CommandHandler("annuler", nothing_to_cancel)]
