"""The real bot, as production starts it (`python -m bot run`, polling over HTTP), against the
`telegram-test-api` emulator: a full intake as a new user, "I sent it", a `kill -9` mid-intake
and a restart that resumes, and a second user who never sees the first one's cases.

Only the emulator's deviations are adapted, on the test side, by the proxy of emulator.py.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from emulator import ROOT, BotMessage, EmulatorHarness, EmulatorUser

FIRST, SECOND = 7001, 7002
TIMEOUT = 20.0  # per bot answer (a fresh process needs a few seconds to start)


class BotProcess:
    """`python -m bot run` in a subprocess; its output goes to a log file."""

    def __init__(self, emulator: EmulatorHarness, db_url: str, log_path: Path) -> None:
        env = dict(os.environ)
        for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "TELEGRAM_BASE_URL", "PORT"):
            env.pop(name, None)
        env.update(
            TELEGRAM_BOT_TOKEN=emulator.token,
            TELEGRAM_BASE_URL=emulator.bot_base_url,
            DATABASE_URL=db_url,
            PYTHONUNBUFFERED="1",
            RELANCE_OUTSIDE_SERVICES="off",  # the register lookups have their own tests
        )
        self.log_path = log_path
        self._log = log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def crash(self) -> None:
        """kill -9: nothing flushed, no shutdown hook."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self._log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def bots(emulator: EmulatorHarness, tmp_path: Path) -> Iterator[list[BotProcess]]:
    """Started bot processes; every one is killed in teardown, whatever happened."""
    started: list[BotProcess] = []
    try:
        yield started
    finally:
        for bot in started:
            bot.stop()


def start_bot(bots: list[BotProcess], emulator: EmulatorHarness, tmp_path: Path) -> BotProcess:
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    bot = BotProcess(emulator, url, tmp_path / f"bot{len(bots)}.log")
    bots.append(bot)
    return bot


def plain(message: BotMessage) -> str:
    """The emulator echoes the HTML the bot sent: what the user reads, without the tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", message.text))


async def expect(user: EmulatorUser, needle: str, bot: BotProcess) -> list[BotMessage]:
    """Wait for new bot messages until one contains `needle`; return them all."""
    got: list[BotMessage] = []
    while not any(needle in plain(m) for m in got):
        try:
            got += await user.wait_messages(1, timeout=TIMEOUT)
        except TimeoutError as error:
            seen = [plain(m)[:80] for m in got]
            raise AssertionError(
                f"no bot message with {needle!r}; got {seen}\n--- bot log ---\n{bot.log()[-3000:]}"
            ) from error
    return got


def fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


async def test_new_user_full_intake_crash_and_second_user(
    emulator: EmulatorHarness, bots: list[BotProcess], tmp_path: Path
) -> None:
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    bot = start_bot(bots, emulator, tmp_path)
    me, other = emulator.user(FIRST, "Julie"), emulator.user(SECOND, "Marc")

    # --- /start and the first intake, button by button --------------------------------------
    await me.send("/start")
    [welcome] = await expect(me, "pas un conseil juridique", bot)
    assert any("Nouveau dossier" in label for label in welcome.button_labels)

    await me.send("/nouveau")
    await expect(me, "client", bot)
    await me.send("Atelier Ferrand")
    [kind] = await expect(me, "Atelier Ferrand", bot)
    assert set(kind.button_labels) == {"Une entreprise", "Un particulier", "Un organisme public"}
    await me.press("Une entreprise")
    await expect(me, "montant", bot)

    # The second user starts meanwhile (interleaved updates from two chats).
    await other.send("/nouveau")
    await expect(other, "client", bot)

    await me.send("1 250,50 €")
    [number_q] = await expect(me, "numéro", bot)
    assert "Passer" in number_q.button_labels
    await me.send("F-2026-12")
    await expect(me, "échéance", bot)
    await me.send(fr(today - timedelta(days=40)))
    [done_q] = await expect(me, "déjà", bot)
    assert {"Rien encore", "Rappel courtois", "Relance ferme"} <= set(done_q.button_labels)

    await other.send("Boulangerie Marc & Fils")
    await expect(other, "Boulangerie Marc & Fils", bot)

    await me.press("Rappel courtois")
    await expect(me, "Rappel courtois", bot)
    await me.send(fr(today - timedelta(days=12)))
    [reaction_q] = await expect(me, "réagi", bot)
    assert {"Pas de réponse", "A promis une date", "Conteste"} <= set(reaction_q.button_labels)
    await me.press("Pas de réponse")
    await expect(me, "une partie", bot)
    await me.press("Non")  # no part paid yet
    [signature_q] = await expect(me, "signer", bot)
    assert signature_q.button_labels == ["Passer"]
    await me.press("Passer")

    answer = await expect(me, "Votre message prêt à envoyer", bot)
    shown = "\n".join(plain(m) for m in answer)
    assert "Atelier Ferrand" in shown and "F-2026-12" in shown
    assert "1 250,50 €" in shown
    assert "40,00 €" in shown  # the fixed recovery indemnity between businesses
    # The message that carries the copyable block and its buttons (a digest may follow it).
    [ready] = [m for m in answer if "✅ Je l'ai envoyé" in m.button_labels]
    assert "<pre>" in ready.text or "<code>" in ready.text  # the copyable block
    labels = ready.button_labels
    assert "✅ Je l'ai envoyé" in labels and "💶 Paiement reçu" in labels
    assert any("SMS" in label for label in labels)

    await me.press("✅ Je l'ai envoyé", ready)
    await me.wait_until(lambda history: any("C'est noté" in plain(m) for m in history))

    # --- second case: the bot is killed right after it answered the amount ----------------
    await me.send("/nouveau")
    await expect(me, "client", bot)
    await me.send("Mme Durand")
    await expect(me, "Mme Durand", bot)
    await me.press("Un particulier")
    await expect(me, "montant", bot)
    await me.send("480")
    await expect(me, "numéro", bot)
    bot.crash()
    assert bot.proc.returncode == -signal.SIGKILL

    bot = start_bot(bots, emulator, tmp_path)  # same database
    await me.send("D-77")  # the invoice number: the intake goes on where it stopped
    await expect(me, "échéance", bot)
    await me.send(fr(today - timedelta(days=20)))
    await expect(me, "déjà", bot)
    await me.press("Rien encore")
    await expect(me, "une partie", bot)
    await me.press("Non")  # no part paid yet
    answer = await expect(me, "Votre message prêt à envoyer", bot)
    shown = "\n".join(plain(m) for m in answer)
    assert "Mme Durand" in shown and "480,00 €" in shown and "D-77" in shown
    assert "signer" not in shown  # the signature was asked once, before the crash

    # The second user goes on after the restart too.
    await other.press("Une entreprise")
    await expect(other, "montant", bot)
    await other.send("/annuler")
    await expect(other, "annulé", bot)

    # --- /dossiers: each user sees their own cases only --------------------------------------
    await me.send("/dossiers")
    mine = "\n".join(plain(m) for m in await expect(me, "Mme Durand", bot))
    assert "Atelier Ferrand" in mine

    await other.send("/dossiers")
    [theirs] = await other.wait_messages(1, timeout=TIMEOUT)
    for private in ("Atelier Ferrand", "Mme Durand", "1 250,50", "480,00"):
        assert private not in plain(theirs)
    leaked = [plain(m) for m in await other.history() if "Atelier Ferrand" in plain(m)]
    assert leaked == []

    # The bot survived the emulator's unsupported setMyCommands, twice (one per process).
    assert emulator.proxy is not None
    assert len(emulator.proxy.calls_of("setMyCommands")) == 2
    assert "Traceback" not in bot.log()
