"""Split Telegram HTML into messages under the limit, never inside a tag or an entity.

Telegram counts a message's length after entity parsing (tags removed, `&amp;` is one
character) in UTF-16 code units. The text is cut at a line break when one falls in the
second half of the part, else at a space, else anywhere between two characters; the tags
open at the cut (`<pre>`, `<b>`, `<a href=…>`…) are closed at the end of the part and
opened again at the start of the next one, so every part is valid HTML on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TELEGRAM_LIMIT = 4096

# A tag, an entity, or one character (a UTF-16 surrogate pair counts two).
_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&#?[a-zA-Z0-9]+;|.", re.DOTALL)


@dataclass(frozen=True)
class _Token:
    raw: str
    size: int  # UTF-16 units once parsed (0 for a tag)
    opens: str | None = None  # tag name when it opens a tag
    closes: str | None = None  # tag name when it closes one


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        raw = match[0]
        if match[2] is not None:
            name = match[2].lower()
            self_closing = raw.endswith("/>")
            if match[1]:
                tokens.append(_Token(raw, 0, closes=name))
            else:
                tokens.append(_Token(raw, 0, opens=None if self_closing else name))
        elif raw.startswith("&") and len(raw) > 1:
            tokens.append(_Token(raw, 1))
        else:
            tokens.append(_Token(raw, len(raw.encode("utf-16-le")) // 2))
    return tokens


def parsed_length(text: str) -> int:
    """The length Telegram counts for HTML `text`: tags removed, an entity is one character."""
    return sum(token.size for token in _tokens(text))


def _stack_after(stack: list[_Token], tokens: list[_Token]) -> list[_Token]:
    """The open tags after `tokens`, starting from `stack` (outermost first)."""
    stack = list(stack)
    for token in tokens:
        if token.opens:
            stack.append(token)
        elif token.closes and stack and stack[-1].opens == token.closes:
            stack.pop()
    return stack


def _closing(stack: list[_Token]) -> str:
    return "".join(f"</{token.opens}>" for token in reversed(stack))


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """`text` in parts of at most `limit` parsed characters, each valid HTML on its own.

    Joining the parts' plain texts with the line breaks cut at gives back the plain text."""
    tokens = _tokens(text)
    parts: list[str] = []
    stack: list[_Token] = []  # tags open at the start of the current part
    start = 0
    while True:
        size = 0
        end = start
        line_break = space = None
        while end < len(tokens) and size + tokens[end].size <= limit:
            size += tokens[end].size
            if tokens[end].raw == "\n" and size > limit // 2:
                line_break = end
            elif tokens[end].raw == " " and size > limit // 2:
                space = end
            end += 1
        if end >= len(tokens):
            cut, resume = len(tokens), len(tokens)
        elif line_break is not None:
            cut, resume = line_break, line_break + 1  # the line break itself is dropped
        elif space is not None:
            cut, resume = space + 1, space + 1
        else:
            cut, resume = end, end
        body = tokens[start:cut]
        after = _stack_after(stack, body)
        if any(token.size and not token.raw.isspace() for token in body):
            parts.append(
                "".join(token.raw for token in stack)
                + "".join(token.raw for token in body)
                + _closing(after)
            )
        stack = _stack_after(after, tokens[cut:resume])
        start = resume
        if start >= len(tokens):
            break
    return parts or [text]
