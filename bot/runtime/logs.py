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
