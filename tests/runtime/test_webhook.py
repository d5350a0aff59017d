"""The webhook endpoint refuses from the headers alone: no secret or too big, body unread."""

from __future__ import annotations

import asyncio
import json
import logging
import socket

import pytest
import tornado.httpserver
from telegram.ext import Application

from bot.runtime.webhook import MAX_BODY_BYTES, SECRET_HEADER, web_application

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"
SECRET = "s3cret-value"
GUARD = 30  # seconds: only so that a regression fails instead of hanging the suite


@pytest.fixture
async def endpoint():
    app = Application.builder().token(TOKEN).updater(None).build()
    server = tornado.httpserver.HTTPServer(
        web_application(app, url_path="telegram", secret=SECRET), max_body_size=MAX_BODY_BYTES
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server.listen(port, address="127.0.0.1")
    yield app, port
    server.stop()
    await server.close_all_connections()


def _head(secret: str | None, length: int | None, *, chunked: bool = False) -> bytes:
    lines = ["POST /telegram HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if secret is not None:
        lines.append(f"{SECRET_HEADER}: {secret}")
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _status(reader: asyncio.StreamReader) -> int:
    line = await asyncio.wait_for(reader.readline(), GUARD)
    return int(line.split()[1]) if line else 0


@pytest.mark.parametrize("secret", [None, "wrong-secret", SECRET[:-1]])
async def test_a_body_without_the_secret_is_refused_unread(endpoint, secret):
    app, port = endpoint
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    # 90 MB announced, not one byte sent: the answer can only come from the headers.
    writer.write(_head(secret, 90 * 1024 * 1024))
    await writer.drain()
    assert await _status(reader) == 403
    writer.close()
    assert app.update_queue.empty()


async def test_an_announced_body_over_one_megabyte_is_refused_unread(endpoint):
    app, port = endpoint
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(_head(SECRET, MAX_BODY_BYTES + 1))
    await writer.drain()
    assert await _status(reader) == 413
    writer.close()
    assert app.update_queue.empty()


async def test_a_streamed_body_over_one_megabyte_is_cut_off(endpoint):
    app, port = endpoint
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(_head(SECRET, None, chunked=True))
    chunk = b"x" * 65536
    sent = 0
    try:
        while sent <= 4 * MAX_BODY_BYTES:
            writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            await writer.drain()
            sent += len(chunk)
        writer.write(b"0\r\n\r\n")
        await writer.drain()
    except ConnectionError:
        pass
    try:
        status = await _status(reader)
    except ConnectionError:
        status = 0
    assert status != 200
    writer.close()
    assert app.update_queue.empty()


async def _post(port: int, body: bytes) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(_head(SECRET, len(body)) + body)
    await writer.drain()
    status = await _status(reader)
    writer.close()
    return status


async def test_a_good_update_is_queued(endpoint):
    app, port = endpoint
    update = {
        "update_id": 7,
        "message": {
            "message_id": 1,
            "date": 0,
            "text": "bonjour",
            "chat": {"id": 5, "type": "private"},
        },
    }
    assert await _post(port, json.dumps(update).encode()) == 200
    assert (await app.update_queue.get()).update_id == 7


@pytest.mark.parametrize(
    "body", [b'{"update_id": 8, "message": {"text": "mes mots secrets"', b'"mes mots secrets"']
)
async def test_an_unparsable_update_is_logged_without_its_text(endpoint, caplog, body):
    app, port = endpoint
    with caplog.at_level(logging.DEBUG):
        assert await _post(port, body) == 400
    assert app.update_queue.empty()
    assert "unparsable update" in caplog.text
    assert "mes mots secrets" not in caplog.text
