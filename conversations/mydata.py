"""`/mesdonnees` (everything stored about the user, as a JSON document) and `/supprimer`
(everything deleted, after an explicit confirmation)."""

from __future__ import annotations

import json
import logging

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
)

from conversations.replying import answer_query, keyboard, render_html, send, services, user_ids

log = logging.getLogger(__name__)

FILENAME = "relance-mes-donnees.json"


async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user_id, chat_id = user_ids(update)
    data = await services(context).repo.export_user(user_id)
    document = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        await context.bot.send_document(
            chat_id,
            document=document,
            filename=FILENAME,
            caption=render_html("mydata/export_caption"),
        )
    except Exception:
        log.warning("sending the export failed for update %s", update.update_id, exc_info=True)
        try:
            await send(update, context, render_html("mydata/export_failed"))
        except Exception:
            log.warning("could not tell the user about update %s", update.update_id)


async def ask_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(
        update,
        context,
        render_html("mydata/delete_confirm"),
        keyboard([[("🗑 Oui, tout supprimer", "wipe:yes")], [("Non", "wipe:no")]]),
    )


def forget_conversations(context: ContextTypes.DEFAULT_TYPE, chat_id: int, user_id: int) -> None:
    """Drop this chat's pending questions from every dialog's in-memory state (the database
    rows go with the user). PTB has no public API for this: `_conversations` is its dict."""
    for group in context.application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler):
                handler._conversations.pop((chat_id, user_id), None)


async def on_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_query(update)
    user_id, chat_id = user_ids(update)
    if update.callback_query.data != "wipe:yes":
        await send(update, context, render_html("mydata/delete_kept"))
        return
    svc = services(context)
    for record in await svc.repo.list_conversations(user_id):
        await svc.repo.delete_conversation(user_id, record.name, record.key)
    existed = await svc.repo.delete_user(user_id)
    forget_conversations(context, chat_id, user_id)
    if context.user_data is not None:
        context.user_data.clear()  # the dialogs' copies of their drafts
    await send(update, context, render_html("mydata/deleted", existed=existed))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("mesdonnees", export),
        CommandHandler("supprimer", ask_delete),
        CallbackQueryHandler(on_delete, pattern=r"^wipe:(yes|no)$"),
    ]
