"""A user who had blocked the bot writes again: told once that the reminders are off, with a
button to switch them back on; the update itself is then handled as usual."""

from __future__ import annotations

from tests.dialogs.test_dialog_cases import A, make_case, texts
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module


async def test_a_user_back_after_blocking_is_told_reminders_are_off(bot_env: BotEnv) -> None:
    await make_case(bot_env)
    repo = bot_env.services.repo
    assert await repo.mark_blocked(A)  # a digest got 403 while the bot was blocked
    chat = bot_env.chat(A)
    first = texts(await chat.send("/dossiers"))
    assert len(first) == 2, first
    assert "rappels" in first[0].lower() and "désactivé" in first[0].lower()
    assert "Atelier Dupuis" in first[1]  # the command itself is answered too
    welcome = next(c for c in chat.request.calls if c.plain_text == first[0])
    labels = [b["text"] for row in welcome.inline_keyboard for b in row]
    assert labels == ["🔔 Réactiver les rappels"]
    user = await repo.get_user(A)
    assert user is not None and not user.reminders_on and user.blocked_at is None
    assert len(texts(await chat.send("/dossiers"))) == 1  # said once only
    await chat.press("Réactiver les rappels", message_id=welcome.message_id)
    user = await repo.get_user(A)
    assert user is not None and user.reminders_on


async def test_a_user_who_never_blocked_hears_nothing_more(bot_env: BotEnv) -> None:
    await make_case(bot_env)
    await bot_env.services.repo.set_reminders(A, False)
    assert len(texts(await bot_env.chat(A).send("/dossiers"))) == 1
