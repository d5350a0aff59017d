"""Repositories: every call takes the owner's Telegram user id first and only ever reads,
changes or deletes that owner's rows. A case id from outside (callback data, CLI) is checked
against its owner: someone else's id, an unknown id or garbage all look the same — `None`
or `False` (or `NotFound` from `require_case`).

Each write runs in its own transaction, committed before the call returns: a write reported
as done survives a crash.

`Repo` gathers them: `users` (profile, settings, user_data), `cases` (cases and their facts),
`conversations` (dialog states), `reminder_log`, `your_data` (export and delete); `base`
holds what they share and `recording` the exactly-once recording of facts.
"""

from bot.store.repo.base import NotFound, case_id_of, dialect_insert
from bot.store.repo.cases import CASE_FIELDS, CLOSED_STATUSES
from bot.store.repo.conversations import all_conversations, conversation_key
from bot.store.repo.users import PROFILE_FIELDS
from bot.store.repo.your_data import YourDataRepo


class Repo(YourDataRepo):
    """The owner-scoped repositories over one `Database`."""


__all__ = [
    "CASE_FIELDS",
    "CLOSED_STATUSES",
    "PROFILE_FIELDS",
    "NotFound",
    "Repo",
    "all_conversations",
    "case_id_of",
    "conversation_key",
    "dialect_insert",
]
