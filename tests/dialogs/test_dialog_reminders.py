"""`/rappels`: hour and on/off, stored with repo.set_reminders."""

from __future__ import annotations

import pytest

from bot.local.bot_api import BotCall
from conversations.reminder_settings import parse_hour
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

U = 4004


def one(calls: list[BotCall]) -> str:
    found = [c.plain_text or "" for c in calls if c.is_message and c.ok]
    assert len(found) == 1, found
    return found[0]


async def settings(env: BotEnv) -> tuple[bool, int]:
    user = await env.services.repo.get_user(U)
    assert user is not None
    return user.reminders_on, user.reminder_hour


@pytest.mark.parametrize(
    "text, hour",
    [("8", 8), ("8h", 8), ("08:00", 8), ("14 heures", 14), ("0h", 0), ("23H", 23)],
)
def test_parse_hour(text: str, hour: int) -> None:
    assert parse_hour(text) == hour


@pytest.mark.parametrize("text", ["8h30", "24", "midi", "-1", "8h5"])
def test_parse_hour_rejects(text: str) -> None:
    assert isinstance(parse_hour(text), str)


async def test_show_toggle_and_quick_hour(bot_env: BotEnv) -> None:
    chat = bot_env.chat(U)
    text = one(await chat.send("/rappels"))
    assert "Activé" in text and "9 h" in text
    assert await settings(bot_env) == (True, 9)
    text = one(await chat.press("Désactiver"))
    assert "Désactivé" in text and chat.button_labels()[0] == "🔔 Activer"
    assert await settings(bot_env) == (False, 9)
    text = one(await chat.press("Activer"))
    assert await settings(bot_env) == (True, 9)
    await chat.press("Désactiver")
    text = one(await chat.press("7 h"))
    assert "7 h" in text
    assert await settings(bot_env) == (True, 7)  # choosing an hour switches it on


async def test_typed_hour_with_bad_input_and_cancel(bot_env: BotEnv) -> None:
    chat = bot_env.chat(U)
    await chat.send("/rappels")
    assert "À quelle heure" in one(await chat.press("Autre heure"))
    assert "heure pleine" in one(await chat.send("8h30"))
    assert "entre 0 et 23" in one(await chat.send("25"))
    assert "14 h" in one(await chat.send("14h"))
    assert await settings(bot_env) == (True, 14)
    await chat.press("Autre heure")
    assert "n'a pas changé" in one(await chat.send("/annuler"))
    assert await settings(bot_env) == (True, 14)
    assert "Je n'attends pas de réponse" in one(await chat.send("18"))


async def test_forged_hour_button(bot_env: BotEnv) -> None:
    chat = bot_env.chat(U)
    await chat.send("/rappels")
    assert "n'est plus actif" in one(await chat.press_data("rm:h:99"))
    assert "n'est plus actif" in one(await chat.press_data("rm:zzz"))
    assert await settings(bot_env) == (True, 9)


async def test_restart_resumes_the_hour_question(bot_env: BotEnv) -> None:
    chat = bot_env.chat(U)
    await chat.send("/rappels")
    await chat.press("Autre heure")
    await bot_env.restart()
    await bot_env.chat(U).send("18")
    assert await settings(bot_env) == (True, 18)
