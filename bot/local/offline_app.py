"""The real bot wired to the local Bot API (no network, no rate limiter): what
`python -m bot chat`, the transcripts and the benchmarks drive."""

from __future__ import annotations

from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.local.bot_api import STANDIN_TOKEN, StandinRequest
from bot.runtime.services import Services


def offline_application(
    settings: Settings, services: Services, request: StandinRequest
) -> Application:
    """The bot answering through `request` (and its companion for getUpdates)."""
    return build_application(
        settings,
        services,
        token=STANDIN_TOKEN,
        request=request,
        updates_request=request.companion(),
        rate_limit=False,
    )
