"""What several commands share: one-line errors, reading a JSON case, preparing the database."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


class CommandError(Exception):
    """A problem to report as one `error: …` line (exit status 2)."""


def fail(message: str, status: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return status


def case_parser(command: str, description: str | None) -> argparse.ArgumentParser:
    """The arguments of a command that reads one JSON case (a file, stdin when omitted)."""
    parser = argparse.ArgumentParser(prog=f"python -m bot {command}", description=description)
    parser.add_argument("file", nargs="?", help="JSON case file (stdin when omitted)")
    return parser


def read_json(path: str | None) -> Any:
    """The JSON document in `path` (stdin when None or "-")."""
    try:
        if path and path != "-":
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        else:
            text = sys.stdin.read()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"input: not valid JSON (line {error.lineno}, column {error.colno})"
        ) from None


def prepare_database(url: str) -> None:
    """Bring the database to the current schema, or raise CommandError in one line."""
    from bot.store import SchemaError, upgrade

    try:
        upgrade(url)
    except SchemaError as error:
        raise CommandError(f"database: {str(error).splitlines()[0]}") from None
    except Exception as error:  # unreachable server, bad URL, unwritable file...
        raise CommandError(
            f"DATABASE_URL: cannot open the database ({type(error).__name__})"
        ) from None
