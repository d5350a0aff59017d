"""What Telegram allows: the stand-in's token, the length limits and the method families."""

from __future__ import annotations

from typing import Any

STANDIN_TOKEN = "123456:STANDIN-token-for-local-use"
DEFAULT_BOT_ID = 123456
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_COPY_TEXT_LENGTH = 256
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files

JSON = dict[str, Any]

# Methods whose result is a Message.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendSticker",
        "sendLocation",
        "sendContact",
        "copyMessage",
        "forwardMessage",
    }
)
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup", "editMessageCaption"})
# Methods that count towards Telegram's flood limits when emulated.
FLOOD_METHODS = MESSAGE_METHODS | EDIT_METHODS
TRUE_METHODS = frozenset(
    {
        "setMyCommands",
        "deleteMyCommands",
        "deleteWebhook",
        "setWebhook",
        "sendChatAction",
        "answerCallbackQuery",
        "setChatMenuButton",
        "setMyDescription",
        "setMyShortDescription",
        "close",
        "logOut",
    }
)

ALLOWED_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
