"""An in-process Bot API stand-in for python-telegram-bot (tests, `python -m bot chat`, bench).

`StandinRequest` is a `telegram.request.BaseRequest` that answers Bot API methods locally,
like Telegram would (realistic `Message` JSON, message ids per chat, the usual 400 errors for
too-long texts, bad HTML, oversized callback data, "message is not modified"), and records
every call. Failures can be injected per chat or per method (403 blocked, 429 retry-after,
500), and Telegram's flood limits can be emulated.

`LocalChat` plays one user in a private chat: it builds updates, feeds them through the
real `Application.process_update`, and returns what the bot did.

    request = StandinRequest()
    app = (Application.builder().token(STANDIN_TOKEN).request(request)
           .get_updates_request(request.companion()).build())
    async with app:                       # initialize(): getMe answered locally
        chat = LocalChat(app, request, user_id=42)
        await chat.send("/start")
        print(chat.last_text, chat.button_labels())
        await chat.press("Nouveau dossier")   # or chat.press(0): first button

Modules: `limits` (what Telegram allows), `checks` (HTML, lengths, keyboards), `records`
(calls and uploads), `failures` (injected errors, flood limits), `state` (the server's memory),
`methods` (one function per Bot API method), `request` (the `BaseRequest`), `updates` (update
JSON), `chat` (`LocalChat`). Everything public is importable from this package.

This package must not import the bot's dialogs (`conversations/`): they import it in tests.
"""

from bot.local.bot_api.chat import LocalChat
from bot.local.bot_api.checks import check_html, html_to_plain, utf16_len
from bot.local.bot_api.failures import Failure, RateLimit
from bot.local.bot_api.limits import (
    ALLOWED_HTML_TAGS,
    DEFAULT_BOT_ID,
    EDIT_METHODS,
    FLOOD_METHODS,
    JSON,
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_COPY_TEXT_LENGTH,
    MAX_DOWNLOAD_BYTES,
    MAX_TEXT_LENGTH,
    MESSAGE_METHODS,
    STANDIN_TOKEN,
    TRUE_METHODS,
)
from bot.local.bot_api.records import BotCall, UploadedFile
from bot.local.bot_api.request import StandinRequest
from bot.local.bot_api.state import StandinState
from bot.local.bot_api.updates import (
    make_callback_update,
    make_private_chat,
    make_text_update,
    make_user,
)

__all__ = [
    "ALLOWED_HTML_TAGS",
    "DEFAULT_BOT_ID",
    "EDIT_METHODS",
    "FLOOD_METHODS",
    "JSON",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_COPY_TEXT_LENGTH",
    "MAX_DOWNLOAD_BYTES",
    "MAX_TEXT_LENGTH",
    "MESSAGE_METHODS",
    "STANDIN_TOKEN",
    "TRUE_METHODS",
    "BotCall",
    "Failure",
    "LocalChat",
    "RateLimit",
    "StandinRequest",
    "StandinState",
    "UploadedFile",
    "check_html",
    "html_to_plain",
    "make_callback_update",
    "make_private_chat",
    "make_text_update",
    "make_user",
    "utf16_len",
]
