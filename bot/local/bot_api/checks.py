"""Telegram's checks on what the bot sends: HTML parse mode, lengths, inline keyboards."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.local.bot_api.limits import (
    ALLOWED_HTML_TAGS,
    JSON,
    MAX_CALLBACK_DATA_BYTES,
    MAX_COPY_TEXT_LENGTH,
    MAX_TEXT_LENGTH,
)


class BadRequest(Exception):
    """A request Telegram refuses (`code` 400 unless told), with Telegram's description."""

    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>"
)
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def check_html(text: str) -> None:
    """Raise `ValueError` (Telegram's wording) if `text` is not valid Telegram HTML:
    unknown or unclosed tags, a raw `<`, or a bare `&` that is not an entity."""
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                raise ValueError(f"Can't parse entities: unsupported start tag at byte offset {i}")
            closing, name = m[1] == "/", m[2].lower()
            if name not in ALLOWED_HTML_TAGS:
                raise ValueError(f'Can\'t parse entities: unsupported start tag "{name}" at {i}')
            if closing:
                if not stack or stack[-1] != name:
                    raise ValueError(f'Can\'t parse entities: unmatched end tag "{name}" at {i}')
                stack.pop()
            elif not m[4]:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY_RE.match(text, i)
            if not m:
                raise ValueError(f"Can't parse entities: unsupported entity at byte offset {i}")
            i = m.end()
        else:
            i += 1
    if stack:
        raise ValueError(
            f"Can't parse entities: can't find end tag corresponding to \"{stack[-1]}\""
        )


def html_to_plain(text: str) -> str:
    """What the user reads: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def utf16_len(text: str) -> int:
    """Telegram counts lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def check_text(text: Any, parse_mode: Any, limit: int, empty_ok: bool) -> str:
    """The plain text of a message or caption, or `BadRequest` as Telegram answers."""
    text = "" if text is None else str(text)
    if parse_mode == "HTML":
        try:
            check_html(text)
        except ValueError as exc:
            raise BadRequest(f"Bad Request: {exc}") from exc
        plain = html_to_plain(text)
    else:
        plain = text
    if not plain.strip() and not empty_ok:
        raise BadRequest("Bad Request: message text is empty")
    if utf16_len(plain) > limit:
        kind = "message" if limit == MAX_TEXT_LENGTH else "message caption"
        raise BadRequest(f"Bad Request: {kind} is too long")
    return plain


def check_markup(markup: Any) -> JSON | None:
    """The inline keyboard kept on the message (None for none), or `BadRequest`."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise BadRequest("Bad Request: BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not (
                0 < len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
            ):
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
            copy = button.get("copy_text")
            if copy is not None and not (
                0 < utf16_len(str(copy.get("text", ""))) <= MAX_COPY_TEXT_LENGTH
            ):
                raise BadRequest("Bad Request: COPY_TEXT_INVALID")
    return markup if "inline_keyboard" in markup else None
