"""How the bot's messages look in a terminal (`python -m bot chat`).

Telegram HTML becomes readable text: bold as `*x*` (or ANSI bold on a colour terminal),
italics as `_x_`, links as `text (url)`, quotes prefixed with `│ `, and the copyable
`<pre>` block framed between two rules. Inline buttons are numbered across all rows,
1-based, so that typing `#2` presses the second one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bot.local.bot_api import BotCall, UploadedFile

RULE = "─" * 40
PRESS_RE = re.compile(r"^#\s*(\d+)$")

JSON = dict[str, Any]

# (opening, closing) markers per tag, plain and ANSI.
_PLAIN_MARKS = {"b": ("*", "*"), "i": ("_", "_")}
_ANSI_MARKS = {"b": ("\x1b[1m", "\x1b[22m"), "i": ("\x1b[3m", "\x1b[23m")}
_ALIASES = {"strong": "b", "em": "i"}


class _Converter(HTMLParser):
    """Telegram HTML → terminal text. Buffers nest for `<pre>`, `<blockquote>` and `<a>`."""

    def __init__(self, marks: dict[str, tuple[str, str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.marks = marks
        self.stack: list[tuple[str, str, list[str]]] = [("", "", [])]  # (tag, href, buffer)

    @property
    def out(self) -> list[str]:
        return self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = _ALIASES.get(tag, tag)
        if tag in ("pre", "blockquote", "a"):
            href = (dict(attrs).get("href") or "") if tag == "a" else ""
            self.stack.append((tag, href, []))
        elif tag in self.marks and not self._inside("pre"):
            self.out.append(self.marks[tag][0])

    def handle_endtag(self, tag: str) -> None:
        tag = _ALIASES.get(tag, tag)
        if tag in ("pre", "blockquote", "a"):
            if len(self.stack) == 1 or self.stack[-1][0] != tag:
                return  # unbalanced: ignore (the stand-in refuses such HTML anyway)
            _, href, buffer = self.stack.pop()
            inner = "".join(buffer)
            if tag in ("pre", "blockquote") and "".join(self.out[-1:])[-1:] not in ("", "\n"):
                self.out.append("\n")  # a block starts on its own line
            if tag == "pre":
                self.out.append(f"{RULE}\n{inner.strip(chr(10))}\n{RULE}\n")
            elif tag == "blockquote":
                lines = inner.strip("\n").split("\n")
                self.out.append("\n".join(f"│ {line}" for line in lines) + "\n")
            else:
                self.out.append(inner if not href or href == inner else f"{inner} ({href})")
        elif tag in self.marks and not self._inside("pre"):
            self.out.append(self.marks[tag][1])

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def _inside(self, tag: str) -> bool:
        return any(entry[0] == tag for entry in self.stack)

    def text(self) -> str:
        while len(self.stack) > 1:  # unclosed tags: keep their text
            self.handle_endtag(self.stack[-1][0])
        return "".join(self.stack[0][2])


def html_to_text(text: str, *, ansi: bool = False, emphasis: bool = True) -> str:
    """Telegram HTML as terminal text (see the module docstring); `emphasis=False` drops the
    bold/italic markers entirely."""
    marks = (_ANSI_MARKS if ansi else _PLAIN_MARKS) if emphasis else {}
    converter = _Converter(marks)
    converter.feed(text)
    converter.close()
    result = converter.text()
    # The frames add their own line breaks: never more than one blank line in a row.
    result = re.sub(r"\n{3,}", "\n\n", result)
    return result.strip("\n")


def flat_buttons(keyboard: list[list[JSON]]) -> list[JSON]:
    """The inline buttons row after row (button #N is `flat_buttons(...)[N - 1]`)."""
    return [button for row in keyboard for button in row]


def button_label(button: JSON) -> str:
    label = str(button.get("text", ""))
    if "url" in button:
        return f"{label} ({button['url']})"
    return label


def format_buttons(keyboard: list[list[JSON]]) -> str:
    """One line per keyboard row, numbers running across rows: `[1] Oui  [2] Non`."""
    lines: list[str] = []
    number = 0
    for row in keyboard:
        cells = []
        for button in row:
            number += 1
            cells.append(f"[{number}] {button_label(button)}")
        if cells:
            lines.append("  " + "  ".join(cells))
    return "\n".join(lines)


def parse_press(line: str) -> int | None:
    """`#3` → 3 (a button press); anything else → None (a message to send)."""
    match = PRESS_RE.match(line.strip())
    return int(match[1]) if match else None


def save_document(upload: UploadedFile, folder: Path) -> Path:
    """Write a document the bot sent into `folder` (created if needed) under its own file
    name (directories stripped); an older file of that name is replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(upload.filename or "document").name or "document"
    path = folder / name
    path.write_bytes(upload.content)
    return path


@dataclass
class Transcript:
    """Renders the Bot API calls of one chat as terminal text, remembering what each
    message said so that an edit shows only what changed."""

    ansi: bool = False
    _plain: dict[int, str] = field(default_factory=dict)

    def _text(self, call: BotCall, key: str = "text") -> tuple[str, str]:
        raw = call.params.get(key)
        raw = "" if raw is None else str(raw)
        if call.params.get("parse_mode") != "HTML":
            return raw, raw
        return (
            html_to_text(raw, ansi=self.ansi),
            html_to_text(raw, emphasis=False),
        )

    def render(self, call: BotCall, saved: Path | None = None) -> str | None:
        """The text to print for `call`, or None when the user would see nothing."""
        if not call.ok:
            return None
        method = call.method
        keyboard = call.inline_keyboard
        buttons = format_buttons(keyboard)
        if method == "sendMessage":
            shown, plain = self._text(call)
            self._remember(call, plain)
            return _join(shown, buttons)
        if method == "sendDocument":
            document = call.document
            name = saved.name if saved else Path(document.filename if document else "").name
            size = len(document.content) if document else 0
            where = f" → {saved}" if saved is not None else ""
            caption, plain = self._text(call, "caption")
            self._remember(call, plain)
            return _join(f"📎 {name} ({size} octets){where}", caption, buttons)
        if method in ("editMessageText", "editMessageCaption"):
            shown, plain = self._text(call, "text" if method == "editMessageText" else "caption")
            body = self._changed(call, shown, plain)
            self._remember(call, plain)
            return _join(f"(message modifié){body}", buttons)
        if method == "editMessageReplyMarkup":
            return _join("(message modifié : boutons)", buttons or "  (plus de boutons)")
        if method == "deleteMessage":
            return "(message supprimé)"
        if method == "answerCallbackQuery" and call.params.get("text"):
            return f"(notification) {call.params['text']}"
        if method in ("sendPhoto", "sendAudio", "sendVideo", "sendVoice", "sendSticker"):
            return f"({method} : non affichable dans le terminal)"
        return None

    def _remember(self, call: BotCall, plain: str) -> None:
        if call.message_id is not None:
            self._plain[call.message_id] = plain

    def _changed(self, call: BotCall, shown: str, plain: str) -> str:
        """` → new part` when the edit only appended lines to the old text, else the
        whole new text on the next lines."""
        old = self._plain.get(call.message_id or -1)
        shown_lines, plain_lines = shown.split("\n"), plain.split("\n")
        if old is not None:
            old_lines = old.split("\n")
            n = len(old_lines)
            if plain_lines[:n] == old_lines and len(plain_lines) > n:
                added = "\n".join(shown_lines[n:]).strip("\n")
                return f" {added}" if "\n" not in added else f"\n{added}"
            if plain == old:
                return ""
        return f"\n{shown}"


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)
