"""Every stored user field has a length limit, and text over it is asked again (never cut
silently, never refused by the database), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.local.bot_api import BotCall
from bot.runtime.clock import FixedClock
from bot.store import upgrade
from tests.support.dialog_fixtures import START, BotEnv

U = 5005
LONG_EMAIL = "julie." + "x" * 240 + "@studio.fr"  # a valid shape, 256 characters
LONG_PHONE = "06-12-34-56-78" + "-" * 30  # ten digits, 44 characters
LONG_NAME = "Julie " + "Moreau" * 30  # 186 characters
LONG_NUMBER = "F-" + "1" * 60
LONG_NOTE = "le livrable serait incomplet " * 30  # 870 characters


def texts(calls: list[BotCall]) -> list[str]:
    return [c.plain_text or "" for c in calls if c.is_message and c.ok]


@pytest.fixture
async def env(db_url: str):
    upgrade(db_url)
    bot = BotEnv(db_url, FixedClock(START))
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


async def _user(env: BotEnv):
    return await env.services.repo.get_user(U)


async def test_a_client_name_and_an_invoice_number_over_their_limits_are_asked_again(env):
    chat = env.chat(U)
    await chat.send("/nouveau")
    asked = chat.last_text
    texts(await chat.send("Atelier " * 40))
    assert chat.last_text != asked  # an error sentence, then the same question stays
    await chat.send("Atelier Dupuis")
    await chat.press("Une entreprise")
    await chat.send("1 250 €")
    asked = chat.last_text
    texts(await chat.send(LONG_NUMBER))
    assert chat.last_text != asked
    await chat.send("F-12")
    await chat.send("15/10/2026")
    await chat.press("Rien encore")
    await chat.press("Non")  # no part paid already
    await chat.press("Passer")
    [stored] = await env.services.repo.list_open_cases(U)
    assert stored.case.debtor.name == "Atelier Dupuis" and stored.case.invoice.number == "F-12"


async def test_an_email_over_the_column_is_asked_again(env):
    chat = env.chat(U)
    await chat.send("/profil")
    await chat.press("E-mail")
    [again] = texts(await chat.send(LONG_EMAIL))
    assert "e-mail" in again.lower() and "Désolé" not in again
    record = await _user(env)
    assert record is None or record.email is None


async def test_a_phone_over_the_column_is_asked_again_or_stored_compact(env):
    chat = env.chat(U)
    await chat.send("/profil")
    await chat.press("Téléphone")
    said = " ".join(texts(await chat.send(LONG_PHONE)))
    assert "Désolé" not in said
    record = await _user(env)
    assert record is None or record.phone is None or len(record.phone) <= 32


async def test_a_signature_over_the_limit_is_asked_again(env):
    chat = env.chat(U)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.press("Une entreprise")
    await chat.send("1 250 €")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.press("Rien encore")
    await chat.press("Non")  # no part paid already
    [again] = texts(await chat.send(LONG_NAME))
    assert "120 caractères" in again
    record = await _user(env)
    assert record is None or record.full_name is None


async def test_a_dispute_note_over_the_limit_is_asked_again(env):
    chat = env.chat(U)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.press("Une entreprise")
    await chat.send("1 250 €")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.press("Relance ferme")
    await chat.send("02/11/2026")
    await chat.press("Conteste")
    said = " ".join(texts(await chat.send(LONG_NOTE)))
    assert "500" in said  # the limit said, the note not kept cut
    assert await env.services.repo.list_open_cases(U) == []
