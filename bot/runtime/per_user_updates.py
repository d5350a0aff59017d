"""Updates of different users side by side, each user's own one after the other.

PTB's `concurrent_updates(False)` handles every update in turn, so one user's step waiting
(on SQLite's write lock, on the company register, on a PDF) holds up every other user.
Dialogs keep per-user state (the conversation, the draft), so one user's updates must stay in
order; different users share nothing but the database, which has its own locks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_RUNNING = 12  # steps running at once: under the database pool (15), room for the sweep
MAX_QUEUED = 10_000  # updates held at once, running or waiting for their user's turn


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Up to `running` steps at once, one at a time per user (else per chat), in the order
    they arrived (asyncio locks and semaphores wake their waiters first come, first served).
    An update waiting for its user's turn takes no running place: a user who sends many
    messages at once holds up nobody else."""

    __slots__ = ("_locks", "_running", "_waiting")

    def __init__(self, running: int = MAX_RUNNING, queued: int = MAX_QUEUED) -> None:
        super().__init__(queued)
        self._running = asyncio.Semaphore(running)
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._waiting: dict[int | None, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._running:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else queued for this user: forget the lock
                del self._waiting[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


def _key(update: object) -> int | None:
    """The user the update comes from, else its chat; None (one shared queue) otherwise."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None
