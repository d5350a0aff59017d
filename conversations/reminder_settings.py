"""`/rappels`: the daily reminder's hour (whole hours, 0-23, Europe/Paris) and on/off.

Buttons switch the reminder on or off and pick a common hour; "Autre heure" asks for a typed
hour ("14h", "14", "14h00"). Choosing an hour switches the reminder on.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from conversations.replying import (
    Drafts,
    answer_query,
    guard_reply,
    keyboard,
    render_html,
    send,
    services,
    user_ids,
)

FLOW = "reminders"

HOUR = 0

QUICK_HOURS = (7, 8, 9, 10, 11, 12)
HOUR_RE = re.compile(r"^\s*(\d{1,2})\s*(?:h|heures?|:)?\s*(\d{2})?\s*$", re.IGNORECASE)


def parse_hour(text: str) -> int | str:
    """A whole hour 0-23 from "8", "8h", "08:00", "14 heures"; else the error template."""
    match = HOUR_RE.match(text)
    if not match:
        return "reminders/error/hour_invalid"
    hour, minutes = int(match[1]), match[2]
    if minutes is not None and int(minutes) != 0:
        return "reminders/error/hour_whole"
    if not 0 <= hour <= 23:
        return "reminders/error/hour_invalid"
    return hour


def _keyboard(on: bool) -> InlineKeyboardMarkup:
    toggle = ("🔕 Désactiver", "rm:off") if on else ("🔔 Activer", "rm:on")
    hours = [(f"{h} h", f"rm:h:{h}") for h in QUICK_HOURS]
    return keyboard([[toggle], hours[:3], hours[3:], [("Autre heure", "rm:other")]])


_DRAFTS = Drafts(FLOW)
_end = _DRAFTS.end


async def _show(update: Update, context: ContextTypes.DEFAULT_TYPE, changed: bool = False) -> None:
    user_id, chat_id = user_ids(update)
    user = await services(context).ensure_user(user_id, chat_id)
    await send(
        update,
        context,
        render_html(
            "reminders/show", on=user.reminders_on, hour=user.reminder_hour, changed=changed
        ),
        _keyboard(user.reminders_on),
    )


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = await _end(update, context)
    await _show(update, context)
    return state


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """`rm:on`, `rm:off`, `rm:h:<hour>`."""
    await answer_query(update)
    parts = (update.callback_query.data or "").split(":")
    user_id, chat_id = user_ids(update)
    svc = services(context)
    await svc.ensure_user(user_id, chat_id)
    state = await _end(update, context)
    if parts[1:] == ["on"]:
        await svc.repo.set_reminders(user_id, True)
    elif parts[1:] == ["off"]:
        await svc.repo.set_reminders(user_id, False)
    elif len(parts) == 3 and parts[1] == "h" and parts[2].isdigit() and int(parts[2]) <= 23:
        await svc.repo.set_reminders(user_id, True, int(parts[2]))
    else:
        await send(update, context, render_html("stale_button"))
        return state
    await _show(update, context, changed=True)
    return state


async def ask_hour(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await answer_query(update)
    await _DRAFTS.save(update, context, {}, HOUR)
    await send(update, context, render_html("reminders/ask_hour"))
    return HOUR


async def got_hour(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    text = update.effective_message.text or ""
    hour = parse_hour(text)
    if isinstance(hour, str):
        if not await guard_reply(update, context, text):
            await send(update, context, render_html(hour))
        return HOUR
    user_id, _ = user_ids(update)
    await services(context).repo.set_reminders(user_id, True, hour)
    state = await _end(update, context)
    await _show(update, context, changed=True)
    return state


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = await _end(update, context)
    await send(update, context, render_html("reminders/cancelled"))
    return state


def build() -> ConversationHandler:
    return ConversationHandler(
        entry_points=[
            CommandHandler("rappels", show),
            CallbackQueryHandler(ask_hour, pattern=r"^rm:other$"),
            CallbackQueryHandler(on_button, pattern=r"^rm:"),
        ],
        states={HOUR: [MessageHandler(filters.TEXT & ~filters.COMMAND, got_hour)]},
        fallbacks=[CommandHandler("annuler", cancel)],
        name=FLOW,
        persistent=True,
        allow_reentry=True,
    )
