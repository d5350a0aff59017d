"""Updates as Telegram sends them: a user, their private chat, a text, a button press."""

from __future__ import annotations

import re
import time

from bot.local.bot_api.limits import JSON


def make_user(
    user_id: int,
    first_name: str = "Camille",
    last_name: str | None = None,
    username: str | None = None,
    language_code: str = "fr",
) -> JSON:
    user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def make_private_chat(user: JSON) -> JSON:
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if key in user:
            chat[key] = user[key]
    return chat


def make_text_update(
    user_id: int,
    text: str,
    update_id: int,
    *,
    message_id: int = 1,
    date: int | None = None,
    user: JSON | None = None,
) -> JSON:
    """A private text message from a user; a leading `/command` gets its bot_command entity
    (which `CommandHandler` needs)."""
    sender = user or make_user(user_id)
    message: JSON = {
        "message_id": message_id,
        "from": sender,
        "chat": make_private_chat(sender),
        "date": int(time.time()) if date is None else date,
        "text": text,
    }
    command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if command:
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
    return {"update_id": update_id, "message": message}


def make_callback_update(
    user_id: int,
    data: str,
    message: JSON,
    update_id: int,
    *,
    callback_id: str | None = None,
    user: JSON | None = None,
) -> JSON:
    """A press on an inline button `data` of the bot's `message` (Message JSON)."""
    sender = user or make_user(user_id)
    return {
        "update_id": update_id,
        "callback_query": {
            "id": callback_id or f"cb-{user_id}-{update_id}",
            "from": sender,
            "message": message,
            "chat_instance": f"standin-{message['chat']['id']}",
            "data": data,
        },
    }
