"""`/rappels`: the settings of the daily reminder — its hour (whole hours, 0-23,
Europe/Paris) and on/off. (The reminders themselves are sent by `bot.reminders`.)

Buttons switch the reminder on or off and pick a common hour; "Autre heure" asks for a typed
hour ("14h", "14", "14h00"). Choosing an hour switches the reminder on.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup
from telegram.ext import CommandHandler, ConversationHandler

from conversations import callbacks as cb
from conversations.context import RelanceContext
from conversations.drafts import Drafts
from conversations.inputs import Invalid
from conversations.replying import answer_query, keyboard, reply
from conversations.routing import dialog, on, question

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
    toggle = (
        cb.REMINDERS_OFF.button("🔕 Désactiver") if on else cb.REMINDERS_ON.button("🔔 Activer")
    )
    hours = [cb.REMINDER_HOUR.button(f"{h} h", hour=h) for h in QUICK_HOURS]
    return keyboard(
        [[toggle], hours[:3], hours[3:], [cb.REMINDER_OTHER_HOUR.button("Autre heure")]]
    )


_DRAFTS = Drafts(FLOW)


async def _show(context: RelanceContext, changed: bool = False) -> None:
    user = await context.services.ensure_user(context.user_id, context.chat_id)
    on, hour = user.reminders_on, user.reminder_hour
    await reply(context, "reminders/show", _keyboard(on), on=on, hour=hour, changed=changed)


show = _DRAFTS.end_then(_show)  # `/rappels`


async def _set(context: RelanceContext, on: bool | None, hour: int | None = None) -> int:
    """One setting button (None: a button of no known setting, or an hour over 23); it
    ends a pending hour question."""
    await answer_query(context)
    await context.services.ensure_user(context.user_id, context.chat_id)
    state = await _DRAFTS.end(context)
    if on is None or (hour is not None and hour > 23):
        await reply(context, "stale_button")
        return state
    if hour is None:
        await context.repo.set_reminders(context.user_id, on)
    else:
        await context.repo.set_reminders(context.user_id, on, hour)
    await _show(context, changed=True)
    return state


async def switch_on(_update: object, context: RelanceContext) -> int:
    return await _set(context, True)


async def switch_off(_update: object, context: RelanceContext) -> int:
    return await _set(context, False)


async def chosen_hour(_update: object, context: RelanceContext) -> int:
    """`rm:h:<hour>`: that hour, and the reminder on."""
    return await _set(context, True, int(context.match["hour"]))


async def on_stale(_update: object, context: RelanceContext) -> int:
    return await _set(context, None)


async def ask_hour(_update: object, context: RelanceContext) -> int:
    await answer_query(context)
    return await _DRAFTS.advance(context, {}, HOUR, "reminders/ask_hour")


async def got_hour(_update: object, context: RelanceContext) -> int:
    hour = parse_hour(context.text)
    if isinstance(hour, str):
        raise Invalid(hour)
    await context.repo.set_reminders(context.user_id, True, hour)
    state = await _DRAFTS.end(context)
    await _show(context, changed=True)
    return state


cancel = _DRAFTS.cancel_saying("reminders/cancelled")


def build() -> ConversationHandler:
    return dialog(
        FLOW,
        [
            CommandHandler("rappels", show),
            on(cb.REMINDER_OTHER_HOUR, ask_hour),
            on(cb.REMINDERS_ON, switch_on),
            on(cb.REMINDERS_OFF, switch_off),
            on(cb.REMINDER_HOUR, chosen_hour),
            on(cb.REMINDERS_FAMILY, on_stale),
        ],
        question(HOUR, got_hour),
        cancel,
    )
