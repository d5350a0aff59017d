"""`/mesdonnees` (everything stored about the user, as a JSON document) and `/supprimer`
(everything deleted, after an explicit confirmation)."""

from __future__ import annotations

import json
import logging

from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.replying import answer_query, keyboard, render_html, reply
from conversations.routing import on

log = logging.getLogger(__name__)

FILENAME = "relance-mes-donnees.json"


async def export(_update: object, context: RelanceContext) -> None:
    data = await context.repo.export_user(context.user_id)
    document = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    update_id = context.update.update_id if context.update else None
    try:
        await context.bot.send_document(
            context.chat_id,
            document=document,
            filename=FILENAME,
            caption=render_html("mydata/export_caption"),
        )
    except Exception:
        log.warning("sending the export failed for update %s", update_id, exc_info=True)
        try:
            await reply(context, "mydata/export_failed")
        except Exception:
            log.warning("could not tell the user about update %s", update_id)


async def ask_delete(_update: object, context: RelanceContext) -> None:
    buttons = [[cb.WIPE_YES.button("🗑 Oui, tout supprimer")], [cb.WIPE_NO.button("Non")]]
    await reply(context, "mydata/delete_confirm", keyboard(buttons))


def forget_conversations(context: RelanceContext, chat_id: int, user_id: int) -> None:
    """Drop this chat's pending questions from every dialog's in-memory state (the database
    rows go with the user). PTB has no public API for this: `_conversations` is its dict."""
    for group in context.application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler):
                handler._conversations.pop((chat_id, user_id), None)


async def keep(_update: object, context: RelanceContext) -> None:
    """ "Non": nothing is deleted."""
    await answer_query(context)
    await reply(context, "mydata/delete_kept")


async def wipe(_update: object, context: RelanceContext) -> None:
    """ "Oui, tout supprimer": the user, their cases and their pending questions."""
    await answer_query(context)
    repo, user_id = context.repo, context.user_id
    for record in await repo.list_conversations(user_id):
        await repo.delete_conversation(user_id, record.name, record.key)
    existed = await repo.delete_user(user_id)
    forget_conversations(context, context.chat_id, user_id)
    if context.user_data is not None:
        context.user_data.clear()  # the dialogs' copies of their drafts
    await reply(context, "mydata/deleted", existed=existed)


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("mesdonnees", export),
        CommandHandler("supprimer", ask_delete),
        on(cb.WIPE_YES, wipe),
        on(cb.WIPE_NO, keep),
    ]
