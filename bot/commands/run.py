"""`python -m bot run [--webhook]`: the Telegram bot (polling by default)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

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
    from bot.runtime import webhook
    from bot.runtime.services import Services
    from bot.store import Database, SchemaError, upgrade

    try:
        upgrade(settings.database_url)
    except SchemaError as error:
        print(f"error: database: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # unreachable database, bad URL...
        print(
            f"error: DATABASE_URL: cannot open the database ({type(error).__name__})",
            file=sys.stderr,
        )
        return 2
    refused = asyncio.run(_check_token(token, settings.base_url))
    if refused:
        return fail(refused)
    db = Database(settings.database_url)
    from bot.outside.lookup import Outside

    services = Services.create(db, settings, outside=Outside.from_settings(settings, for_chat=True))
    app = build_application(settings, services, token=token)
    log.info("starting mode=%s backend=%s", "webhook" if args.webhook else "polling", db.backend)
    try:
        if args.webhook:
            asyncio.run(
                webhook.serve(
                    app,
                    listen="0.0.0.0",
                    port=settings.port,
                    url_path="telegram",
                    webhook_url=webhook_url.rstrip("/") + "/telegram",
                    secret=secret,
                )
            )
        else:
            app.run_polling()
    except InvalidToken:  # PTB's message holds the token: never print it
        return fail(TOKEN_REFUSED)
    return 0
