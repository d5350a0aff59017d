"""`python -m bot run`: one active process serves the dialogs, the others wait on standby.

The active process is the one holding the database's active lock (`bot.runtime.leadership`).
A standby neither polls `getUpdates` nor accepts webhook updates (503). Its `Application`
is built ahead but initialized only at takeover: `initialize()` then reads every dialog's
state from the database (`DraftPersistence`), with empty per-process caches, so nothing it
serves comes from before the takeover. An active process that loses the lock stops serving
at once and goes back to standby with nothing kept (the next term builds a new one); a new
holder serves only STEP_DOWN_SECONDS after taking the lock, when the old one has stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application

from bot.runtime import webhook
from bot.runtime.leadership import POLL_SECONDS, Leadership

log = logging.getLogger("bot.run")

RETRY_SECONDS = 5  # after the Bot API could not be reached at takeover
# A new holder waits this long before serving: a previous holder whose session was cut while
# it lived checks the lock every POLL_SECONDS and has stopped polling by then, so no update
# reaches two processes. Its cost: takeover after a kill -9 takes this much longer.
STEP_DOWN_SECONDS = 2 * POLL_SECONDS


@dataclass(frozen=True, slots=True)
class WebhookMode:
    url: str
    secret: str
    port: int
    url_path: str = "telegram"


@dataclass(frozen=True, slots=True)
class PollingMode:
    health_port: int | None = None  # GET /healthz on this port when set


Mode = WebhookMode | PollingMode


async def serve(
    build: Callable[[], Application], leadership: Leadership | None, mode: Mode
) -> None:
    """Until SIGINT/SIGTERM: wait for the lead, serve while holding it, step down if lost.
    Raises what `leadership` raises (a deleted database file) after stopping cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    gate = webhook.Gate()
    server = _http_server(gate, mode)
    # Built ahead (imports, handlers), not initialized: it has read nothing yet, so its
    # dialogs' states still come from the database at takeover. Each later term builds anew.
    ready: Application | None = build()
    try:
        while not stop.is_set():
            waited = await _wait_for_lead(leadership, stop)
            if waited is None:
                break
            if leadership is not None and not await _let_the_previous_holder_step_down(
                leadership, stop
            ):
                await leadership.release()
                continue
            log.info(
                "active: serving updates (lead taken after %.1f s, then %.1f s to let a previous"
                " holder stop)",
                waited,
                STEP_DOWN_SECONDS if leadership is not None else 0.0,
            )
            app, ready = ready or build(), None
            try:
                await _serve_while_held(app, gate, leadership, mode, stop)
            except NetworkError as error:  # Telegram unreachable at takeover: let another try
                log.warning(
                    "standby: cannot reach the Bot API (%s); trying again in %d s",
                    type(error).__name__,
                    RETRY_SECONDS,
                )
                if leadership is not None:
                    await leadership.release()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), RETRY_SECONDS)
            finally:
                gate.app = None
            if leadership is not None:  # stopped or lost: nothing of this term is kept
                await leadership.release()
    finally:
        if server is not None:
            server.stop()
            await server.close_all_connections()
        if leadership is not None:
            await leadership.release()


def _http_server(gate: webhook.Gate, mode: Mode):  # type: ignore[no-untyped-def]
    if isinstance(mode, WebhookMode):
        return webhook.listen(
            gate, port=mode.port, address="0.0.0.0", url_path=mode.url_path, secret=mode.secret
        )
    if mode.health_port is not None:
        return webhook.listen(gate, port=mode.health_port, address="0.0.0.0", url_path=None)
    return None


async def _wait_for_lead(leadership: Leadership | None, stop: asyncio.Event) -> float | None:
    """Seconds waited for the lock; None when asked to stop first."""
    started = time.monotonic()
    if leadership is None:
        return 0.0
    announced = False
    while not stop.is_set():
        if await leadership.try_acquire():
            return time.monotonic() - started
        if not announced:
            log.info("standby: another process is active; taking over when it stops")
            announced = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_SECONDS)
    return None


async def _let_the_previous_holder_step_down(leadership: Leadership, stop: asyncio.Event) -> bool:
    """Wait STEP_DOWN_SECONDS after taking the lock; True when it is still ours then."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), STEP_DOWN_SECONDS)
    return not stop.is_set() and await leadership.still_held()


async def _serve_while_held(
    app: Application,
    gate: webhook.Gate,
    leadership: Leadership | None,
    mode: Mode,
    stop: asyncio.Event,
) -> None:
    await app.initialize()  # the dialogs' states, read from the database now
    try:
        if app.post_init:
            await app.post_init(app)
        if isinstance(mode, WebhookMode):
            await app.bot.set_webhook(
                mode.url.rstrip("/") + "/" + mode.url_path,
                secret_token=mode.secret,
                allowed_updates=Update.ALL_TYPES,
            )
        elif app.updater is not None:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await app.start()
        gate.app = app
        try:
            await _hold(leadership, stop)
        finally:
            gate.app = None
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


async def _hold(leadership: Leadership | None, stop: asyncio.Event) -> None:
    """Return when asked to stop or when the lock is no longer ours."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_SECONDS)
        if leadership is not None and not stop.is_set() and not await leadership.still_held():
            log.warning("standby: the active lock was lost; stopped serving updates")
            return
