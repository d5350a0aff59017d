"""`python -m bot run [--webhook]`: the Telegram bot (polling by default)."""

from __future__ import annotations

import argparse
import logging
import sys

from bot.commands._shared import fail
from bot.config import ConfigError, load_settings
from bot.logs import setup_logging

log = logging.getLogger("bot.run")


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

    from bot.app import build_application
    from bot.services import Services
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
    db = Database(settings.database_url)
    from bot.outside.lookup import Outside

    services = Services.create(db, settings, outside=Outside.from_settings(settings, for_chat=True))
    app = build_application(settings, services, token=token)
    log.info("starting mode=%s backend=%s", "webhook" if args.webhook else "polling", db.backend)
    if args.webhook:
        app.run_webhook(
            listen="0.0.0.0",
            port=settings.port,
            url_path="telegram",
            webhook_url=webhook_url.rstrip("/") + "/telegram",
            secret_token=secret,
        )
    else:
        app.run_polling()
    return 0
