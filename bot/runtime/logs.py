"""Logging: structured key=value lines, never the token, never message contents at INFO."""

from __future__ import annotations

import logging
import re

TOKEN_RE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
_FORMATTER = logging.Formatter()


def redact(text: str) -> str:
    """`text` with anything shaped like a bot token masked."""
    return TOKEN_RE.sub("<token>", text)


class RedactTokens(logging.Filter):
    """Masks anything shaped like a bot token, whatever logger it comes from, tracebacks too.

    The traceback is formatted here, redacted, and kept as the record's `exc_text` (which
    formatters print as is), so no handler ever formats the raw exception again."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == UNPARSABLE_UPDATES:  # PTB logs the raw updates: the users' words
            _without_contents(record)
        message = record.getMessage()
        if TOKEN_RE.search(message):
            record.msg = redact(message)
            record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# python-telegram-bot's `Bot.get_updates` logs updates it cannot parse with their data.
UNPARSABLE_UPDATES = "Error while parsing updates! Received data was %r"


def _without_contents(record: logging.LogRecord) -> None:
    """The update ids and the error's kind only: neither the data nor the error's message
    (which may quote a value) nor a traceback (whose frames may hold it)."""
    data = record.args[0] if isinstance(record.args, tuple) and record.args else None
    items = data if isinstance(data, list) else []
    ids = [u.get("update_id") for u in items if isinstance(u, dict)]
    error = record.exc_info[1] if record.exc_info else None
    record.msg = "unparsable updates %s refused (%s); their contents are not logged"
    record.args = (ids, type(error).__name__ if error is not None else "unknown error")
    record.exc_info, record.exc_text = None, None


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("ts=%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s")
    )
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
