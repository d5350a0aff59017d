"""The Telegram message a write comes from, so that recording a fact is idempotent.

The application sets the origin at the start of every update (`bot.app`): the button's
message for a button press, the user's own message otherwise. Every recording call of
`Repo` (a case, a contact, a response, a payment) claims (owner, chat, message, kind, case)
in `recorded_updates` in the same transaction as the fact: a double tap, an update that
Telegram delivers twice, or one delivered again after a crash finds the claim and gets the
first row back instead of writing a second one. Without an origin (CLI, reminders, tests
calling the repository directly) every call records.

A dialog step that records a fact names the dialog's next step first (`set_next_step`): the
recording transaction writes it too, so the fact and the dialog's state commit together. A
crash between them used to leave the question open, and the user's answer typed again (a
new message, so a new origin) recorded the fact a second time.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


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


@dataclass(frozen=True, slots=True)
class NextStep:
    """Where dialog `name` (key `key`) of `owner` stands once the fact is recorded: ended
    when `data` is None, else on the same question with `data` as its answers (`row_key`
    naming the answer that receives the recorded row's id)."""

    owner: int
    name: str
    key: tuple[int, int]
    data: dict[str, Any] | None = None
    row_key: str | None = None


_next_step: ContextVar[NextStep | None] = ContextVar("relance_next_step", default=None)


def set_next_step(step: NextStep | None) -> None:
    """What the current update's next recording writes of its dialog (None: nothing)."""
    _next_step.set(step)


def take_next_step() -> NextStep | None:
    """The dialog step to write with the fact being recorded, once."""
    step = _next_step.get()
    _next_step.set(None)
    return step
