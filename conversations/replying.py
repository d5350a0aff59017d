"""How every dialog replies: a template rendered for Telegram HTML, an inline keyboard,
a button press acknowledged, the guard's warnings, one sentence for bad input."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from html import escape

from markupsafe import Markup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.ext import filters

from bot.domain.parsing import ParseError
from bot.words.render import render
from conversations.callbacks import checked
from conversations.context import LAST_SENT, RelanceContext

log = logging.getLogger(__name__)

# Typed answers (commands are never an answer: they reach their own handlers).
TEXT = filters.TEXT & ~filters.COMMAND


def render_html(template: str, /, **values: object) -> str:
    """Render `templates/bot/<template>.html.j2`, every variable escaped for Telegram HTML."""
    return render(f"bot/{template}.html.j2", html=True, **values)


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline keyboard from rows of (label, callback data); data is checked against 64 bytes."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=checked(data)) for label, data in row]
            for row in rows
        ]
    )


async def reply(
    context: RelanceContext,
    template: str,
    markup: InlineKeyboardMarkup | None = None,
    /,
    **values: object,
) -> Message:
    """Send `templates/bot/<template>.html.j2` to the update's chat."""
    return await context.send(render_html(template, **values), markup)


async def answer_query(context: RelanceContext) -> None:
    """Acknowledge a button press (the spinner stops); never fatal."""
    query = context.update.callback_query if context.update else None
    if query is not None:
        try:
            await query.answer()
        except Exception:  # an old query can no longer be answered
            log.debug("callback query could not be answered", exc_info=True)


async def close_choice(context: RelanceContext, chosen: str) -> None:
    """After a choice button: acknowledge, remove the buttons and show what was chosen."""
    query = context.update.callback_query if context.update else None
    if query is None:
        return
    await answer_query(context)
    message = query.message
    if not isinstance(message, Message) or not message.text:
        return
    try:
        await query.edit_message_text(
            f"{message.text_html}\n→ <b>{escape(chosen)}</b>", parse_mode=ParseMode.HTML
        )
    except Exception:  # an old message, or a Bot API that does not edit: cosmetic only
        log.debug("could not close the choice keyboard", exc_info=True)


async def stale(context: RelanceContext) -> None:
    """A forged, stale or foreign button: say so politely and reveal nothing."""
    await answer_query(context)
    await reply(context, "stale_button")


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


async def guard_reply(context: RelanceContext, text: str) -> bool:
    """Warn about a risky intention in `text` (or inform, when it is negated or a question
    about the law); True when a reply was sent."""
    items, alarm = guard_items(text)
    if not items:
        return False
    await reply(context, "guard_warning", items=items, alarm=alarm)
    return True


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


ASKED = "asked"  # user_data: the question last asked (state, message, buttons)


def remember_question(
    context: RelanceContext, state: int, message: Message, markup: InlineKeyboardMarkup | None
) -> None:
    """Note the question just asked, so that a bad answer shows its buttons again."""
    if markup is None:
        context.user_data.pop(ASKED, None)
    else:
        asked = {"state": state, "message": message.message_id, "markup": markup.to_dict()}
        context.user_data[ASKED] = asked


def _asked_markup(context: RelanceContext, state: int) -> InlineKeyboardMarkup | None:
    """The buttons of the question in `state`, when it is the latest message sent."""
    asked = context.user_data.get(ASKED)
    if not isinstance(asked, dict) or asked.get("state") != state:
        return None
    if asked.get("message") != context.user_data.get(LAST_SENT):
        return None  # something else was said since: these buttons may belong elsewhere
    return InlineKeyboardMarkup.de_json(asked.get("markup"), None)


async def retry(context: RelanceContext, error: str, state: int, **values: object) -> int:
    """Bad input: the guard first, else one sentence with an example, with the question's
    buttons shown again (DESIGN §9); the state stays.

    `error` names templates/bot/error/<error>.html.j2, or any bot template with a "/"."""
    text = context.text
    if not (text and await guard_reply(context, text)):
        template = error if "/" in error else f"error/{error}"
        markup = _asked_markup(context, state)
        message = await reply(context, template, markup, **values)
        remember_question(context, state, message, markup)
    return state


def buttons_only(state: int) -> Callable[[object, RelanceContext], Awaitable[int]]:
    """A handler for text typed where a button is expected: say so, stay on `state`."""

    async def handler(_update: object, context: RelanceContext) -> int:
        return await retry(context, "use_buttons", state)

    return handler
