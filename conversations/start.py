"""`/start` and `/aide`: what Relance does, the legal notice, the commands."""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler

from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.replying import answer_query, keyboard, reply
from conversations.routing import on

# The main actions, under /start and /aide (each screen ends with what a tap would do).
MAIN_ACTIONS = [
    [cb.NEW_CASE.button("➕ Nouveau dossier"), cb.CASES.button("📁 Mes dossiers")],
    [cb.HELP.button("❓ Aide")],
]


async def start(_update: object, context: RelanceContext) -> None:
    await context.services.ensure_user(context.user_id, context.chat_id)
    user = context.update.effective_user if context.update else None
    first_name = user.first_name if user else None
    await reply(context, "start", keyboard(MAIN_ACTIONS), first_name=first_name)


async def aide(_update: object, context: RelanceContext) -> None:
    await answer_query(context)  # also the "Aide" button
    await reply(context, "aide", keyboard(MAIN_ACTIONS[:1]))


async def nothing_to_cancel(_update: object, context: RelanceContext) -> None:
    await reply(context, "nothing_to_cancel")


def handlers() -> list[BaseHandler]:
    """`/annuler` here is the last resort: inside a dialog, the dialog's own fallback wins."""
    return [
        CommandHandler("start", start),
        CommandHandler(["aide", "help"], aide),
        on(cb.HELP, aide),
    ]


def last_resort() -> list[CommandHandler]:
    return [CommandHandler("annuler", nothing_to_cancel)]
