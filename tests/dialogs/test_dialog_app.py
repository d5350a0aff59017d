"""Application-wide behaviour: errors, logs, limits, commands outside any dialog."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from bot.local.bot_api import STANDIN_TOKEN
from bot.words.html_split import split_html as split_text
from tests.support import dialog_fixtures

bot_env = dialog_fixtures.bot_env
ME = 31


async def test_unexpected_error_apologises_and_logs_the_update_id_only(bot_env, caplog):
    chat = bot_env.chat(ME)
    await chat.send("/start")
    async with bot_env.services.db.transaction() as session:  # a real failure, not a mock
        await session.execute(sa.text("DROP TABLE contacts"))
    secret = "Client très secret"
    with caplog.at_level(logging.INFO):
        await chat.send("/nouveau")
        await chat.send(secret)
        await chat.press("Une entreprise")
        await chat.send("100")
        await chat.press("Passer")
        await chat.send("01/10/2026")
        await chat.press("Rien encore")
        await chat.press("Non")  # no part paid yet
        calls = await chat.press("Passer")  # the signature; then the case is read back: boom
    assert any("Désolé" in (c.plain_text or "") for c in calls)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "error while handling update" in errors[0].getMessage()
    for record in caplog.records:
        assert secret not in record.getMessage()


async def test_logs_hold_no_token_and_no_message_contents_at_info(bot_env, caplog):
    chat = bot_env.chat(ME)
    with caplog.at_level(logging.INFO):
        await chat.send("/nouveau")
        await chat.send("Madame Confidentielle")
        await chat.press("Un particulier")
        await chat.send("4 321,09 €")
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert STANDIN_TOKEN not in text and STANDIN_TOKEN.split(":")[1] not in text
    assert "Confidentielle" not in text and "4 321" not in text


async def test_commands_outside_a_dialog(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/annuler")
    assert "Rien à annuler" in chat.last_text
    await chat.send("/inconnue")
    assert "/nouveau" in chat.last_text
    await chat.send("/aide")
    assert "pas un conseil juridique" in chat.last_text
    await chat.send("bonjour")
    assert "Dites-moi ce qui s'est passé" in chat.last_text
    await chat.send("12")
    assert "Je n'attends pas de réponse" in chat.last_text


async def test_free_text_goes_through_the_guard(bot_env):
    chat = bot_env.chat(ME)
    calls = await chat.send("je vais l'afficher sur facebook et appeler son patron")
    text = "\n".join(c.plain_text or "" for c in calls)
    assert "Attention" in text
    assert "mise en demeure" in text.lower() or "médiation" in text.lower()


async def test_user_strings_are_escaped(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    calls = await chat.send("Dupont & <Fils>")
    # the stand-in refuses invalid HTML exactly as Telegram does: the reply went through
    assert calls and all(c.ok for c in calls)
    assert "Dupont & <Fils>" in chat.last_text


def test_long_texts_are_split_under_the_limit():
    text = "\n".join(f"ligne {i} " + "x" * 90 for i in range(200))
    parts = split_text(text)
    assert len(parts) > 1
    assert all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == text
    giant = "y" * 10000
    assert "".join(split_text(giant)) == giant
    assert all(len(p) <= 4096 for p in split_text(giant))
