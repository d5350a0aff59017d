"""The Bot API methods the stand-in answers, one function per method, as Telegram would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.local.bot_api.checks import BadRequest, check_markup, check_text
from bot.local.bot_api.limits import (
    JSON,
    MAX_CAPTION_LENGTH,
    MAX_DOWNLOAD_BYTES,
    MAX_TEXT_LENGTH,
    MESSAGE_METHODS,
    TRUE_METHODS,
)
from bot.local.bot_api.records import UploadedFile
from bot.local.bot_api.state import StandinState

Files = dict[str, UploadedFile]
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)


def answer(state: StandinState, method: str, params: JSON, files: Files) -> Any:
    """The result of `method`, or `BadRequest` (404 for a method the stand-in lacks)."""
    handler = _METHODS.get(method)
    if handler is not None:
        return handler(state, params, files)
    if method in TRUE_METHODS:
        return True
    if method in MESSAGE_METHODS:
        return state.new_message(_chat_id(params), text=f"[{method}]")
    raise BadRequest("Not Found: method not found", code=404)


def _chat_id(params: JSON) -> int:
    raw = params.get("chat_id")
    if raw is None:
        raise BadRequest("Bad Request: chat_id is empty")
    try:
        return int(raw)
    except (TypeError, ValueError) as exc:
        raise BadRequest("Bad Request: chat not found") from exc


def _get_me(state: StandinState, params: JSON, files: Files) -> JSON:
    return state.bot_user


def _set_my_commands(state: StandinState, params: JSON, files: Files) -> bool:
    state.commands = list(params.get("commands") or [])
    return True


def _delete_my_commands(state: StandinState, params: JSON, files: Files) -> bool:
    state.commands = []
    return True


def _get_my_commands(state: StandinState, params: JSON, files: Files) -> list[JSON]:
    return state.commands


def _set_webhook(state: StandinState, params: JSON, files: Files) -> bool:
    state.webhook_url = str(params.get("url") or "")
    return True


def _delete_webhook(state: StandinState, params: JSON, files: Files) -> bool:
    state.webhook_url = ""
    return True


def _get_webhook_info(state: StandinState, params: JSON, files: Files) -> JSON:
    return {"url": state.webhook_url, "has_custom_certificate": False,
            "pending_update_count": len(state.updates)}  # fmt: skip


def _send_message(state: StandinState, params: JSON, files: Files) -> JSON:
    chat_id = _chat_id(params)
    text = check_text(params.get("text"), params.get("parse_mode"), MAX_TEXT_LENGTH, False)
    markup = check_markup(params.get("reply_markup"))
    return state.new_message(chat_id, text=text, reply_markup=markup)


def _get_file(state: StandinState, params: JSON, files: Files) -> JSON:
    stored = state.files.get(str(params.get("file_id") or ""))
    if stored is None:
        raise BadRequest("Bad Request: invalid file_id")
    if stored["file_size"] > MAX_DOWNLOAD_BYTES:
        raise BadRequest("Bad Request: file is too big")
    return {key: value for key, value in stored.items() if key != "content"}


def _send_document(state: StandinState, params: JSON, files: Files) -> JSON:
    chat_id = _chat_id(params)
    caption = params.get("caption")
    if caption is not None:
        caption = check_text(caption, params.get("parse_mode"), MAX_CAPTION_LENGTH, empty_ok=True)
    markup = check_markup(params.get("reply_markup"))
    upload = files.get("document")
    number = next(state.file_ids)
    if upload is not None:
        document = {
            "file_id": f"standin-document-{number}",
            "file_unique_id": f"standin-u{number}",
            "file_name": upload.filename,
            "mime_type": upload.mime_type,
            "file_size": len(upload.content),
        }
    elif isinstance(params.get("document"), str):
        document = {"file_id": params["document"], "file_unique_id": f"standin-u{number}"}
    else:
        raise BadRequest("Bad Request: there is no document in the request")
    return state.new_message(chat_id, document=document, caption=caption, reply_markup=markup)


def _edited(state: StandinState, params: JSON) -> JSON | None:
    """The message to edit; None for an inline message (answered True, not kept)."""
    if params.get("inline_message_id"):
        return None
    key = (_chat_id(params), int(params.get("message_id") or 0))
    message = state.messages.get(key)
    if message is None:
        raise BadRequest("Bad Request: message to edit not found")
    return message


def _edit_message_text(state: StandinState, params: JSON, files: Files) -> JSON | bool:
    message = _edited(state, params)
    if message is None:
        return True
    text = check_text(params.get("text"), params.get("parse_mode"), MAX_TEXT_LENGTH, False)
    markup = check_markup(params.get("reply_markup"))
    if message.get("text") == text and message.get("reply_markup") == markup:
        raise BadRequest(_NOT_MODIFIED)
    if "text" not in message:
        raise BadRequest("Bad Request: there is no text in the message to edit")
    message.update(text=text, edit_date=int(state.clock()))
    _set_markup(message, markup)
    return message


def _edit_message_caption(state: StandinState, params: JSON, files: Files) -> JSON | bool:
    message = _edited(state, params)
    if message is None:
        return True
    caption = check_text(
        params.get("caption"), params.get("parse_mode"), MAX_CAPTION_LENGTH, empty_ok=True
    )
    message.update(caption=caption, edit_date=int(state.clock()))
    _set_markup(message, check_markup(params.get("reply_markup")))
    return message


def _edit_message_reply_markup(state: StandinState, params: JSON, files: Files) -> JSON | bool:
    message = _edited(state, params)
    if message is None:
        return True
    markup = check_markup(params.get("reply_markup"))
    if message.get("reply_markup") == markup:
        raise BadRequest(_NOT_MODIFIED)
    _set_markup(message, markup)
    message["edit_date"] = int(state.clock())
    return message


def _delete_message(state: StandinState, params: JSON, files: Files) -> bool:
    key = (_chat_id(params), int(params.get("message_id") or 0))
    if state.messages.pop(key, None) is None:
        raise BadRequest("Bad Request: message to delete not found")
    return True


def _set_markup(message: JSON, markup: JSON | None) -> None:
    if markup is None:
        message.pop("reply_markup", None)
    else:
        message["reply_markup"] = markup


_METHODS: dict[str, Callable[[StandinState, JSON, Files], Any]] = {
    "getMe": _get_me,
    "setMyCommands": _set_my_commands,
    "deleteMyCommands": _delete_my_commands,
    "getMyCommands": _get_my_commands,
    "setWebhook": _set_webhook,
    "deleteWebhook": _delete_webhook,
    "getWebhookInfo": _get_webhook_info,
    "sendMessage": _send_message,
    "getFile": _get_file,
    "sendDocument": _send_document,
    "editMessageText": _edit_message_text,
    "editMessageCaption": _edit_message_caption,
    "editMessageReplyMarkup": _edit_message_reply_markup,
    "deleteMessage": _delete_message,
}
