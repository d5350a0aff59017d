"""The Telegram message a write comes from, so that recording a fact is idempotent.

The application sets the origin at the start of every update (`bot.app`): the button's
message for a button press, the user's own message otherwise. Every recording call of
`Repo` (a case, a contact, a response, a payment) claims (owner, chat, message, kind, case)
in `recorded_updates` in the same transaction as the fact: a double tap, an update that
Telegram delivers twice, or one delivered again after a crash finds the claim and gets the
first row back instead of writing a second one. Without an origin (CLI, reminders, tests
calling the repository directly) every call records.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    owner: int
    chat_id: int
    message_id: int


_current: ContextVar[Origin | None] = ContextVar("relance_origin", default=None)


def set_origin(origin: Origin | None) -> None:
    """The origin of what the current update records (None: no origin)."""
    _current.set(origin)


def current_origin() -> Origin | None:
    return _current.get()
