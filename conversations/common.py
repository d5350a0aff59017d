"""What every dialog shares: services access, replying with a template, the guard, limits."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit, ParseMode
from telegram.ext import ContextTypes, ConversationHandler, filters

from bot.domain.parsing import ParseError
from bot.words.html_split import split_html
from bot.words.render import render

if TYPE_CHECKING:
    from bot.runtime.services import Services

log = logging.getLogger(__name__)

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096
MAX_CALLBACK = 64


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def html(template: str, /, **context: object) -> str:
    """Render `templates/bot/<template>.html.j2`, every variable escaped for Telegram HTML."""
    return render(f"bot/{template}.html.j2", html=True, **context)


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline keyboard from rows of (label, callback data); data is checked against 64 bytes."""
    for row in rows:
        for _, data in row:
            if len(data.encode()) > MAX_CALLBACK:
                raise ValueError(f"callback data over {MAX_CALLBACK} bytes: {data!r}")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def send(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send HTML text to the update's chat, split under 4096 characters; buttons on the last."""
    chat = update.effective_chat
    assert chat is not None
    parts = split_html(text, MAX_TEXT)
    message: Message | None = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        message = await context.bot.send_message(
            chat.id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=reply_markup if last else None,
            disable_web_page_preview=True,
        )
    assert message is not None
    return message


async def answer_query(update: Update) -> None:
    """Acknowledge a button press (the spinner stops); never fatal."""
    if update.callback_query is not None:
        try:
            await update.callback_query.answer()
        except Exception:  # an old query can no longer be answered
            log.debug("callback query could not be answered", exc_info=True)


async def close_choice(update: Update, chosen: str) -> None:
    """After a choice button: acknowledge, remove the buttons and show what was chosen."""
    query = update.callback_query
    if query is None:
        return
    await answer_query(update)
    message = query.message
    if not isinstance(message, Message) or not message.text:
        return
    try:
        await query.edit_message_text(
            f"{message.text_html}\n→ <b>{escape(chosen)}</b>", parse_mode=ParseMode.HTML
        )
    except Exception:  # an old message, or a Bot API that does not edit: cosmetic only
        log.debug("could not close the choice keyboard", exc_info=True)


def guard_items(text: str) -> tuple[list[Markup], bool]:
    """The guard's explanations (HTML, already escaped) for a text, and whether any is an
    alarm; empty when fine. A negated intention or a question about the law gets its
    explanation without the alarm wording."""
    from bot.domain.guard import ALARM, check_text
    from bot.words.guard_explanations import explain

    modes: dict[str, str] = {}
    for flag in check_text(text):
        if modes.get(flag.code) != ALARM:
            modes[flag.code] = flag.mode
    items = [Markup(explain(code, html=True, mode=mode)) for code, mode in sorted(modes.items())]
    return items, ALARM in modes.values()


async def guard_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> bool:
    """Warn about a risky intention in `text` (or inform, when it is negated or a question
    about the law); True when a reply was sent."""
    items, alarm = guard_items(text)
    if not items:
        return False
    await send(update, context, html("guard_warning", items=items, alarm=alarm))
    return True


class Drafts:
    """Where one dialog keeps its answers and its state: written to the database before each
    reply, so the question last shown survives a crash and DraftPersistence resumes it at
    start. The process keeps a copy in `user_data` (never persisted by PTB), so reading the
    answers back costs no query; after a restart the copy is empty and the database answers.
    """

    def __init__(self, flow: str) -> None:
        self.flow = flow
        self.key = f"draft:{flow}"

    def _cache(self, context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
        return context.user_data if context.user_data is not None else {}

    async def load(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
        cached = self._cache(context).get(self.key)
        if cached is not None:
            return dict(cached)
        user_id, chat_id = user_ids(update)
        data = await services(context).draft_data(user_id, chat_id, self.flow)
        self._cache(context)[self.key] = dict(data)
        return data

    async def save(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        data: dict[str, Any],
        state: int,
    ) -> int:
        """Record `state` (the next question) with the answers so far; returns `state`."""
        user_id, chat_id = user_ids(update)
        cache = self._cache(context)
        await services(context).save_draft(
            user_id, chat_id, self.flow, state, data, known_user=self.key in cache
        )
        cache[self.key] = dict(data)
        return state

    async def end(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        """Forget this dialog's answers; returns ConversationHandler.END."""
        user_id, chat_id = user_ids(update)
        self._cache(context).pop(self.key, None)
        await services(context).drop_draft(user_id, chat_id, self.flow)
        return ConversationHandler.END


# Typed answers (commands are never an answer: they reach their own handlers).
TEXT = filters.TEXT & ~filters.COMMAND

# Parse errors that have their own sentence in templates/bot/error/<code>.html.j2.
ERROR_TEMPLATES = frozenset(
    {
        "amount_invalid",
        "amount_not_positive",
        "amount_too_large",
        "amount_too_precise",
        "date_invalid",
        "date_impossible",
        "date_out_of_range",
        "date_too_late",
        "date_too_early",
    }
)


def error_name(error: ParseError, fallback: str) -> str:
    """The error sentence for a parse error: its own when it has one, else `fallback`."""
    return error.code if error.code in ERROR_TEMPLATES else fallback


def user_today(context: ContextTypes.DEFAULT_TYPE) -> date:
    """The user's today, from the injected clock."""
    return services(context).clock.today()


async def retry(
    update: Update, context: ContextTypes.DEFAULT_TYPE, error: str, state: int, **ctx: object
) -> int:
    """Bad input: the guard first, else one sentence with an example; the state stays.

    `error` names templates/bot/error/<error>.html.j2, or any bot template with a "/"."""
    text = update.effective_message.text if update.effective_message else ""
    if not (text and await guard_reply(update, context, text)):
        template = error if "/" in error else f"error/{error}"
        await send(update, context, html(template, **ctx))
    return state


def buttons_only(state: int) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[int]]:
    """A handler for text typed where a button is expected: say so, stay on `state`."""

    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        return await retry(update, context, "use_buttons", state)

    return handler


def user_ids(update: Update) -> tuple[int, int]:
    """(telegram user id, chat id) of the update."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    return user.id, chat.id
