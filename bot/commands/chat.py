"""`python -m bot chat [--user ID] [--today YYYY-MM-DD] [--name NAME] [--files DIR] [--annuaire]`:
the real bot in this terminal, no token and no network.

The very same `Application` as `python -m bot run` (handlers, persistence, database from
DATABASE_URL), with the in-process Bot API stand-in instead of Telegram. Each line read on
stdin is a message (commands included); `#N` presses the N-th button of the latest message
that has buttons; `+ FILE` sends that file (an invoice PDF, say) as a document;
`/quitter` or end of input ends the session. Documents the bot sends are
written to `--files` (default ./data/chat-files/). `--today` pretends it is that day (09:30)
and first shows that morning's reminders digest. `--annuaire` looks clients up in the local
stand-in of the company register and the BODACC (bot/outside/standin.py).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import threading
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.commands._shared import CommandError, fail, prepare_database
from bot.config import ConfigError, Settings, load_settings
from bot.runtime.logs import setup_logging

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.local.bot_api import BotCall, LocalChat, StandinRequest
    from bot.local.terminal import Transcript
    from bot.outside.standin import OutsideStandin
    from bot.runtime.services import Services

DEFAULT_USER = 1
DEFAULT_FILES = Path("data") / "chat-files"
QUIT = {"/quitter"}
MORNING = time(9, 30)
DEFAULT_REMINDER_HOUR = 9

Out = Callable[[str], None]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot chat",
        description="Talk to the bot in this terminal (no token, no network). "
        "Type a message or a command; #N presses button N; /quitter ends.",
    )
    add = parser.add_argument
    add("--user", type=int, default=DEFAULT_USER, metavar="ID",
        help=f"the Telegram user id you play (default {DEFAULT_USER})")  # fmt: skip
    add("--today", type=_day, metavar="YYYY-MM-DD",
        help="pretend it is this day, 09:30, and show that morning's digest")  # fmt: skip
    add("--name", default="Camille", help="your first name (default Camille)")
    add("--files", type=Path, default=DEFAULT_FILES, metavar="DIR",
        help=f"where documents are written (default {DEFAULT_FILES}/)")  # fmt: skip
    add("--annuaire", action="store_true",
        help="look clients up in a local stand-in of the company register and the BODACC "
        "(invented companies, e.g. Atelier Dupuis, Studio Lumen)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.user <= 0:
        parser.error("--user must be a positive number")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    setup_logging(logging.WARNING)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        settings = load_settings()
    except ConfigError as error:
        return fail(str(error))

    try:
        prepare_database(settings.database_url)
    except CommandError as error:
        return fail(str(error))
    try:
        return asyncio.run(session(settings, args, sys.stdin, _printer(sys.stdout)))
    except KeyboardInterrupt:
        print("\nAu revoir.", flush=True)
        return 130


def _printer(stream: TextIO) -> Out:
    def out(text: str) -> None:
        print(text, file=stream, flush=True)

    return out


async def session(settings: Settings, args: argparse.Namespace, stdin: TextIO, out: Out) -> int:
    """One terminal conversation on the configured database; returns the exit code."""
    from bot.local.bot_api import LocalChat, StandinRequest
    from bot.local.offline_app import offline_application
    from bot.local.terminal import Transcript
    from bot.outside.lookup import Outside
    from bot.runtime.clock import Clock, FixedClock
    from bot.runtime.services import Services
    from bot.store import Database

    clock: Clock = (
        FixedClock(datetime.combine(args.today, MORNING), settings.tz)
        if args.today
        else Clock(settings.tz)
    )
    db = Database(settings.database_url)
    standin = _outside_standin() if args.annuaire else None
    outside = Outside.create(standin.url, standin.url) if standin else None
    services = Services.create(db, settings, clock, outside=outside)
    request = StandinRequest(clock=lambda: clock.now().timestamp())
    app = offline_application(settings, services, request)
    ansi = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    interactive = stdin.isatty()
    view = _View(Transcript(ansi=ansi), args.user, args.files, out)
    try:
        async with app:
            chat = LocalChat(app, request, args.user, first_name=args.name)
            out(_banner(args, settings, clock))
            if args.today:
                await show_digest(services, app, request, args.user, args.today, view)
            await _loop(chat, view, stdin, interactive)
    finally:
        await db.dispose()
        if outside is not None:
            await outside.aclose()
        if standin is not None:
            standin.stop()
    return 0


def _outside_standin() -> OutsideStandin:
    from bot.outside.standin import OutsideStandin

    return OutsideStandin().start()


def _banner(args: argparse.Namespace, settings: Settings, clock: Any) -> str:
    from bot.words.render import long_date

    day = long_date(clock.today())
    return (
        f"Relance dans le terminal — utilisateur {args.user}, nous sommes le {day}.\n"
        f"Base : {_safe_url(settings.database_url)}\n"
        "Écrivez comme dans Telegram (/start pour commencer), #N pour toucher le bouton N, "
        "/quitter pour sortir.\n"
    )


def _safe_url(url: str) -> str:
    """The database URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(URL illisible)"


class _View:
    """Prints what the bot did in this chat and writes its documents to disk."""

    def __init__(self, transcript: Transcript, user_id: int, files: Path, out: Out) -> None:
        self.transcript = transcript
        self.user_id = user_id
        self.files = files
        self.out = out

    def show(self, calls: list[BotCall]) -> None:
        from bot.local.terminal import save_document

        for call in calls:
            if call.chat_id not in (self.user_id, None):
                continue
            if not call.ok:
                description = (call.error or {}).get("description", "?")
                print(f"(l'API a refusé {call.method} : {description})", file=sys.stderr)
                continue
            saved = None
            if call.method == "sendDocument" and call.document is not None:
                saved = save_document(call.document, self.files)
            text = self.transcript.render(call, saved)
            if text:
                self.out(text + "\n")


async def show_digest(
    services: Services,
    app: Application,
    request: StandinRequest,
    user_id: int,
    day: date,
    view: _View,
) -> None:
    """Run the reminders sweep at the user's hour on `day` and show what this user got."""
    from bot.reminders import sweep
    from bot.words.render import long_date

    user = await services.repo.get_user(user_id)
    hour = user.reminder_hour if user is not None else DEFAULT_REMINDER_HOUR
    at = datetime.combine(day, time(hour), services.settings.tz)
    view.out(f"── Rappel du {long_date(day)} à {hour} h ──")
    if user is not None and not user.reminders_on:
        view.out("(Vos rappels sont désactivés : /rappels pour les réactiver.)\n")
        return
    start = len(request.calls)
    try:
        await sweep(services, app.bot, at, owners={user_id})
    except Exception as error:
        logging.getLogger("bot.chat").warning("the reminders sweep failed", exc_info=True)
        view.out(f"(Le récapitulatif a échoué : {type(error).__name__}.)\n")
        return
    mine = [c for c in request.calls[start:] if c.chat_id == user_id]
    if not any(c.ok and c.is_message for c in mine):
        view.out("(Rien à vous rappeler ce jour-là.)\n")
        return
    view.show(mine)


def _start_reader(stdin: TextIO, loop: asyncio.AbstractEventLoop) -> asyncio.Queue[str]:
    """Lines of stdin on a queue, read by a daemon thread ("" at end of input), so that
    Ctrl-C never waits for a blocked read."""
    queue: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        while True:
            try:
                line = stdin.readline()
            except (OSError, ValueError):
                line = ""
            try:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            except RuntimeError:  # the loop is closed: the session ended
                return
            if not line:
                return

    threading.Thread(target=read, name="chat-stdin", daemon=True).start()
    return queue


async def _loop(chat: LocalChat, view: _View, stdin: TextIO, interactive: bool) -> None:
    from bot.local.terminal import parse_press

    queue = _start_reader(stdin, asyncio.get_running_loop())
    while True:
        if interactive:
            sys.stdout.write("› ")
            sys.stdout.flush()
        raw = await queue.get()
        if not raw:
            if interactive:
                view.out("")
            break
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if not interactive:
            view.out(f"› {line}")
        if line.strip() in QUIT:
            break
        number = parse_press(line)
        try:
            if number is not None:
                await _press(chat, view, number)
            elif line.startswith("+ "):
                await _send_file(chat, view, Path(line[2:].strip()).expanduser())
            else:
                view.show(await chat.send(line))
        except LookupError as error:
            view.out(f"({error})\n")
    view.out("Au revoir.")


async def _send_file(chat: LocalChat, view: _View, path: Path) -> None:
    try:
        content = path.read_bytes()
    except OSError as error:
        view.out(f"(Impossible de lire {path} : {error.strerror}.)\n")
        return
    mime = "application/pdf" if path.suffix.lower() == ".pdf" else "application/octet-stream"
    view.show(await chat.send_document(content, path.name, mime))


async def _press(chat: LocalChat, view: _View, number: int) -> None:
    from bot.local.terminal import RULE, flat_buttons

    keyboard = chat.keyboard()
    buttons = flat_buttons(keyboard)
    if not buttons:
        view.out("(Aucun bouton à toucher.)\n")
        return
    if not 1 <= number <= len(buttons):
        view.out(f"(Pas de bouton #{number} : choisissez entre #1 et #{len(buttons)}.)\n")
        return
    button = buttons[number - 1]
    if "copy_text" in button:
        await chat.press(number - 1)
        view.out(f"(copié)\n{RULE}\n{button['copy_text']['text']}\n{RULE}\n")
    elif "callback_data" in button:
        view.show(await chat.press(number - 1))
    elif "url" in button:
        view.out(f"(lien : {button['url']})\n")
    else:
        view.out("(Ce bouton n'envoie rien au bot.)\n")
