"""Shared fixture for dialog tests: the real Application on a tmp SQLite file, driven through
the in-process Bot API stand-in (bot/local/bot_api.py).

    from tests.support.dialog_fixtures import BotEnv, bot_env  # noqa: F401  (the fixture)

    async def test_something(bot_env: BotEnv) -> None:
        chat = bot_env.chat(42)
        await chat.send("/dossiers")
        bot_env.clock.set(datetime(2026, 12, 1, 9, 0))   # move time
        await bot_env.restart()                            # a new Application, same database
        chat = bot_env.chat(42)                            # chats bind to the new app
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings, load_settings
from bot.local.bot_api import STANDIN_TOKEN, LocalChat, StandinRequest
from bot.runtime.clock import FixedClock
from bot.runtime.services import Services
from bot.store import Database, upgrade

START = datetime(2026, 11, 23, 10, 0)  # a Monday, Europe/Paris


class BotEnv:
    """One bot on one database: `.app`, `.request`, `.services`, `.clock`, `.settings`."""

    def __init__(self, url: str, clock: FixedClock) -> None:
        self.url = url
        self.clock = clock
        self.settings: Settings = load_settings({"DATABASE_URL": url})
        self.request = StandinRequest()
        self.db: Database | None = None
        self.services: Services
        self.app: Application
        self._running = False

    async def start(self) -> None:
        self.db = Database(self.url)
        self.services = Services.create(self.db, self.settings, self.clock)
        self.app = build_application(
            self.settings,
            self.services,
            token=STANDIN_TOKEN,
            request=self.request,
            updates_request=self.request.companion(),
            rate_limit=False,
        )
        await self.app.initialize()
        self._running = True

    async def stop(self) -> None:
        if self._running:
            await self.app.shutdown()
            self._running = False
        if self.db is not None:
            await self.db.dispose()
            self.db = None

    async def restart(self) -> None:
        """Drop this Application (as a crash would: nothing flushed) and build a new one
        on the same database and the same stand-in server (old buttons stay pressable)."""
        await self.stop()
        await self.start()

    def chat(self, user_id: int, **kwargs: object) -> LocalChat:
        """A user in a private chat with the *current* application."""
        return LocalChat(self.app, self.request, user_id, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
async def bot_env(tmp_path: Path) -> AsyncIterator[BotEnv]:
    url = f"sqlite:///{tmp_path / 'relance.sqlite3'}"
    upgrade(url)
    env = BotEnv(url, FixedClock(START))
    await env.start()
    try:
        yield env
    finally:
        await env.stop()
