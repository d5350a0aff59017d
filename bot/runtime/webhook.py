"""The webhook endpoint: secret and size checked from the headers, before any body is read.

PTB's own webhook server (`Application.run_webhook`) reads the whole body (up to tornado's
100 MB default) before it looks at the secret, and logs an unparsable update with its text.
This module serves the same URL with tornado, the way PTB documents for custom webhook
servers: the handler streams the body (`stream_request_body`), so `prepare()` runs on the
headers alone and a refused request is answered and closed without its body being read.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from http import HTTPStatus

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024  # Telegram's updates are a few kB; 1 MB is generous
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """POST /<path>: one update from Telegram, put on the application's update queue."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, app: Application, secret: str) -> None:
        self.app = app
        self.secret = secret
        self.chunks: list[bytes] = []

    def prepare(self) -> None:
        """Headers only: the secret, then the announced size; the body is not read yet."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        # A chunked body is cut off by tornado as soon as it grows past the limit.
        self.request.connection.set_max_body_size(MAX_BODY_BYTES)  # type: ignore[union-attr]

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    async def post(self) -> None:
        body = b"".join(self.chunks)
        try:
            update = Update.de_json(json.loads(body), self.app.bot)
        except Exception as error:  # never log the body: it holds the user's words
            log.warning("unparsable update refused (%d bytes, %s)", len(body), type(error).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        await self.app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, typ, value, tb) -> None:  # type: ignore[no-untyped-def]
        """Refusals are expected, not errors: one line with the status, no traceback."""
        if isinstance(value, tornado.web.HTTPError):
            log.info("webhook request refused status=%s", value.status_code)
        else:
            log.error("webhook handler failed (%s)", type(value).__name__)


class QuietApplication(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: the URL is ours, the request holds nothing worth logging."""


def web_application(app: Application, *, url_path: str, secret: str) -> tornado.web.Application:
    return QuietApplication(
        [(rf"/{url_path.strip('/')}/?", UpdateHandler, {"app": app, "secret": secret})]
    )


async def serve(
    app: Application, *, listen: str, port: int, url_path: str, webhook_url: str, secret: str
) -> None:
    """Run the bot on webhooks until SIGINT/SIGTERM, as `Application.run_webhook` would."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        await app.bot.set_webhook(
            webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
        )
        server = tornado.httpserver.HTTPServer(
            web_application(app, url_path=url_path, secret=secret),
            max_body_size=MAX_BODY_BYTES,
        )
        server.listen(port, address=listen)
        await app.start()
        try:
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
