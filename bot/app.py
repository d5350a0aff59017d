"""Builds the python-telegram-bot `Application`: settings, handlers, errors, rate limits."""

from __future__ import annotations

import logging
import warnings
from datetime import date

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults
from telegram.request import BaseRequest
from telegram.warnings import PTBUserWarning

from bot.config import Settings
from bot.domain.rates import default_rate_table, missing_semesters, semester_label
from bot.reminders import schedule as schedule_reminders
from bot.runtime.per_user_updates import PerUserUpdateProcessor
from bot.runtime.services import Services
from bot.store.persistence import DraftPersistence
from conversations.context import CONTEXT_TYPES

log = logging.getLogger(__name__)

# (command, description shown in Telegram's menu)
COMMANDS = [
    ("nouveau", "Une nouvelle facture impayée"),
    ("dossiers", "Vos dossiers en cours"),
    ("rappels", "Votre rappel quotidien"),
    ("profil", "Votre signature"),
    ("mesdonnees", "Exporter vos données"),
    ("supprimer", "Tout effacer"),
    ("aide", "L'aide"),
    ("annuler", "Abandonner la question en cours"),
]


def build_application(
    settings: Settings,
    services: Services,
    *,
    token: str | None = None,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> Application:
    """The bot, ready to `initialize()`; `request` replaces HTTP (tests, terminal chat)."""
    builder = (
        Application.builder()
        .token(token or settings.require_token())
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .persistence(DraftPersistence(services.db))
        .context_types(CONTEXT_TYPES)
        .post_init(_post_init)
        .concurrent_updates(PerUserUpdateProcessor())
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    app = builder.build()
    app.bot_data["services"] = services
    warn_missing_rates(services.clock.today())
    register_handlers(app)
    app.add_error_handler(on_error)
    schedule_reminders(app)
    if services.outside is not None:
        from bot.reminders.watch import schedule as schedule_watch

        schedule_watch(app)
    return app


def warn_missing_rates(today: date) -> None:
    """Tell the operator at start when the rate table lacks the current semester (§5)."""
    missing = missing_semesters(default_rate_table(), today)
    if missing:
        log.warning(
            "the rate table lacks %s: interest figures are provisional until the rates file "
            "gets the row (python -m bot rates)",
            ", ".join(semester_label(s) for s in missing),
        )


def register_handlers(app: Application) -> None:
    from bot.runtime.update_origin import handler as origin_handler
    from bot.runtime.update_origin import reset_handler as origin_reset_handler
    from conversations import (
        card_lookup,
        case_reply,
        details,
        freetext,
        mydata,
        profile,
        reminder_settings,
        start,
    )
    from conversations.cases import dialog as cases
    from conversations.intake import dialog as intake
    from conversations.welcome_back import handler as welcome_back_handler

    app.add_handler(origin_handler(), group=-2)  # before every other handler
    app.add_handler(origin_reset_handler(), group=99)  # after every other handler
    app.add_handler(welcome_back_handler(), group=-1)

    with warnings.catch_warnings():
        # Conversations mix text and buttons on purpose (per_message=False).
        warnings.simplefilter("ignore", PTBUserWarning)
        dialogs = [
            intake.build(),
            cases.conversation(),
            profile.build(),
            reminder_settings.build(),
            details.build(),
        ]
    # One group: the first handler that matches an update handles it, dialogs first and the
    # catch-all free text (read by the guard) last.
    for handler in [
        *start.handlers(),
        *dialogs,
        *case_reply.handlers(),
        *card_lookup.handlers(),
        *mydata.handlers(),
        *start.last_resort(),
        *freetext.handlers(),
    ]:
        app.add_handler(handler)
    # A command in the middle of the intake: says the answers so far are kept (DESIGN §9).
    app.add_handler(intake.kept_note_handler(), group=1)


async def _post_init(app: Application) -> None:
    try:
        await app.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
    except TelegramError as error:  # never fatal: a Bot API emulator may not know the method
        log.warning("set_my_commands failed (%s); the command menu is not updated", error)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the update id (never the contents) and tell the user: one sentence when the
    database cannot be used (read-only, locked, unreachable — no retry helps, so no
    apology to retry), the apology otherwise."""
    from bot.store.trouble import unusable_reason

    update_id = update.update_id if isinstance(update, Update) else None
    unusable = unusable_reason(context.error) if context.error is not None else None
    if unusable:
        log.error("the database %s (update %s)", unusable, update_id)
    else:
        log.error("error while handling update %s", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        from conversations.replying import render_html

        try:
            text = render_html("store_unavailable" if unusable else "oops")
            await context.bot.send_message(update.effective_chat.id, text)
        except Exception:
            log.warning("could not send the apology for update %s", update_id)
