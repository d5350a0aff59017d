"""The webhook endpoint and the health endpoint: secret, role and size checked from the
headers, before any body is read.

PTB's own webhook server (`Application.run_webhook`) reads the whole body (up to tornado's
100 MB default) before it looks at the secret, and logs an unparsable update with its text.
This module serves the same URL with tornado, the way PTB documents for custom webhook
servers: the handler streams the body (`stream_request_body`), so `prepare()` runs on the
headers alone and a refused request is answered and closed without its body being read.

A standby process (see `bot.runtime.failover`) answers 503 to updates, so Telegram retries
them and the load balancer, reading `GET /healthz` (200 active, 503 standby), sends them to
the active process.
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from http import HTTPStatus

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024  # Telegram's updates are a few kB; 1 MB is generous
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(slots=True)
class Gate:
    """The application serving updates now; None while this process is on standby."""

    app: Application | None = None

    @property
    def active(self) -> bool:
        return self.app is not None


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """POST /<path>: one update from Telegram, put on the application's update queue."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, gate: Gate, secret: str) -> None:
        self.gate = gate
        self.secret = secret
        self.chunks: list[bytes] = []

    def prepare(self) -> None:
        """Headers only: the secret, then the announced size; the body is not read yet."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if not self.gate.active:  # on standby: Telegram retries, the balancer moves on
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        # A chunked body is cut off by tornado as soon as it grows past the limit.
        self.request.connection.set_max_body_size(MAX_BODY_BYTES)  # type: ignore[union-attr]

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    async def post(self) -> None:
        body = b"".join(self.chunks)
        app = self.gate.app
        if app is None:  # stepped down while the body arrived
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)
        try:
            update = Update.de_json(json.loads(body), app.bot)
        except Exception as error:  # never log the body: it holds the user's words
            log.warning("unparsable update refused (%d bytes, %s)", len(body), type(error).__name__)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        await app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, typ, value, tb) -> None:  # type: ignore[no-untyped-def]
        """Refusals are expected, not errors: one line with the status, no traceback."""
        if isinstance(value, tornado.web.HTTPError):
            log.info("webhook request refused status=%s", value.status_code)
        else:
            log.error("webhook handler failed (%s)", type(value).__name__)


class HealthHandler(tornado.web.RequestHandler):
    """GET /healthz: 200 when this process serves updates, 503 on standby."""

    SUPPORTED_METHODS = ("GET", "HEAD")  # type: ignore[assignment]

    def initialize(self, gate: Gate) -> None:
        self.gate = gate

    def get(self) -> None:
        self.set_status(HTTPStatus.OK if self.gate.active else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("active\n" if self.gate.active else "standby\n")

    head = get


class QuietApplication(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """No access log: the URL is ours, the request holds nothing worth logging."""


def web_application(
    target: Application | Gate, *, url_path: str | None, secret: str = ""
) -> tornado.web.Application:
    """`/healthz`, and the updates' endpoint at `/<url_path>` unless it is None (polling).
    An `Application` given instead of a `Gate` is always active."""
    gate = target if isinstance(target, Gate) else Gate(target)
    routes: list[tuple[str, type[tornado.web.RequestHandler], dict[str, object]]] = [
        (r"/healthz/?", HealthHandler, {"gate": gate})
    ]
    if url_path is not None:
        routes.append(
            (rf"/{url_path.strip('/')}/?", UpdateHandler, {"gate": gate, "secret": secret})
        )
    return QuietApplication(routes)


def listen(
    target: Application | Gate, *, port: int, address: str, url_path: str | None, secret: str = ""
) -> tornado.httpserver.HTTPServer:
    """Start serving `web_application(...)` on the running event loop."""
    server = tornado.httpserver.HTTPServer(
        web_application(target, url_path=url_path, secret=secret), max_body_size=MAX_BODY_BYTES
    )
    server.listen(port, address=address)
    return server
