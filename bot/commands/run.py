"""`python -m bot run [--webhook]`: the Telegram bot (polling by default).

Several `run` processes may share one database: one is active, the others wait on standby
and take over when it stops or dies (`bot.runtime.failover`)."""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot.commands._shared import fail
from bot.config import ConfigError, load_settings
from bot.runtime.logs import setup_logging

log = logging.getLogger("bot.run")


TOKEN_REFUSED = (
    "Telegram refused the bot token (401/404 on getMe): check TELEGRAM_BOT_TOKEN "
    "and TELEGRAM_BASE_URL"
)


async def _check_token(token: str, base_url: str | None) -> str | None:
    """One getMe before anything starts: None when Telegram knows the bot, else why not.

    PTB's own start-up failure is a traceback whose message holds the token."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError

    bot = Bot(token, **({"base_url": base_url} if base_url else {}))
    try:
        async with bot:
            return None
    except InvalidToken:
        return TOKEN_REFUSED
    except NetworkError as error:
        return f"TELEGRAM_BASE_URL: cannot reach the Bot API ({type(error).__name__})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot run", description=__doc__)
    parser.add_argument("--webhook", action="store_true", help="serve webhooks instead of polling")
    args = parser.parse_args(argv)
    setup_logging()
    try:
        settings = load_settings()
        token = settings.require_token()
        if args.webhook:
            webhook_url, secret = settings.require_webhook()
    except ConfigError as error:
        return fail(str(error))

    from telegram.error import InvalidToken

    from bot.app import build_application
    from bot.outside.lookup import Outside
    from bot.runtime import failover
    from bot.runtime.leadership import DatabaseFileGone, LockFileError, leadership_for
    from bot.runtime.services import Services
    from bot.store import Database, SchemaError, upgrade
    from bot.store.trouble import missing_database

    gone = missing_database(settings.database_url)
    if gone:
        return fail(f"database: {gone}")
    try:
        upgrade(settings.database_url)
    except SchemaError as error:
        return fail(f"database: {error}")
    except Exception as error:  # unreachable database, bad URL...
        return fail(f"DATABASE_URL: cannot open the database ({type(error).__name__})")
    refused = asyncio.run(_check_token(token, settings.base_url))
    if refused:
        return fail(refused)
    db = Database(settings.database_url)
    services = Services.create(db, settings, outside=Outside.from_settings(settings, for_chat=True))
    mode: failover.Mode = (
        failover.WebhookMode(url=webhook_url, secret=secret, port=settings.port)
        if args.webhook
        else failover.PollingMode(health_port=settings.health_port)
    )
    log.info("starting mode=%s backend=%s", "webhook" if args.webhook else "polling", db.backend)
    try:
        asyncio.run(
            failover.serve(
                lambda: build_application(settings, services, token=token),
                leadership_for(settings.database_url),
                mode,
            )
        )
    except InvalidToken:  # PTB's message holds the token: never print it
        return fail(TOKEN_REFUSED)
    except (DatabaseFileGone, LockFileError) as error:
        return fail(f"database: {error}", status=1)
    return 0
