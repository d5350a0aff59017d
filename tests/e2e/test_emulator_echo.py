"""The harness itself: a throwaway PTB echo bot, polling over HTTP, against the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from emulator import DEVIATIONS, EmulatorHarness, PatchingProxy, fix_date, parse_body
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

App = Application[Any, Any, Any, Any, Any, Any]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Oui", callback_data="oui"),
                InlineKeyboardButton("Non", callback_data="non"),
            ]
        ]
    )
    await update.effective_message.reply_text("Voulez-vous continuer ?", reply_markup=keyboard)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"Vous avez écrit : {update.effective_message.text}")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    edited = await query.edit_message_text(f"Réponse : {query.data}")
    assert not isinstance(edited, bool) and edited.text == f"Réponse : {query.data}"
    await context.bot.send_document(query.message.chat.id, b"%PDF-1.4\n", filename="lettre.pdf")


async def post_init(app: App) -> None:
    """Like the real bot: a failing setMyCommands is logged, never fatal."""
    try:
        await app.bot.set_my_commands([BotCommand("start", "Commencer")])
    except TelegramError:
        app.bot_data["commands_failed"] = True


@pytest.fixture
async def echo_bot(emulator: EmulatorHarness) -> AsyncIterator[App]:
    app = (
        Application.builder()
        .token(emulator.token)
        .base_url(emulator.bot_base_url)
        .post_init(post_init)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with app:  # initialize() -> getMe through the proxy
        await app.post_init(app)  # type: ignore[misc]
        await app.updater.start_polling(poll_interval=0.05, timeout=0)  # type: ignore[union-attr]
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()


async def test_user_says_bonjour_and_sees_the_reply(
    emulator: EmulatorHarness, echo_bot: App
) -> None:
    assert echo_bot.bot.username == "TestNameBot"  # getMe answered (is_bot patched in)
    user = emulator.user(4242)
    await user.send("bonjour")
    [reply] = await user.wait_messages(1)
    assert reply.text == "Vous avez écrit : bonjour"
    # Another user's chat stays empty.
    assert await emulator.user(5151).history() == []


async def test_button_press_round_trip(emulator: EmulatorHarness, echo_bot: App) -> None:
    user = emulator.user(77)
    await user.send("/start")
    [question] = await user.wait_messages(1)
    assert question.button_labels == ["Oui", "Non"]
    await user.press("Non")
    history = await user.wait_until(lambda h: any(m.text == "Réponse : non" for m in h))
    edited = next(m for m in history if m.message_id == question.message_id)
    assert edited.text == "Réponse : non"
    assert edited.buttons == []  # keyboard gone, as on Telegram
    [document] = await emulator.wait_for_calls("sendDocument")
    assert document.files["document"] == ("lettre.pdf", b"%PDF-1.4\n")
    assert document.result["document"]["file_name"] == "lettre.pdf"
    [answer] = await emulator.wait_for_calls("answerCallbackQuery")
    assert answer.result is True
    assert any("chat_instance" in c.patched for c in await emulator.wait_for_calls("getUpdates"))


async def test_bot_survives_unsupported_set_my_commands(
    emulator: EmulatorHarness, echo_bot: App
) -> None:
    assert echo_bot.bot_data.get("commands_failed") is True
    assert emulator.proxy is not None
    [call] = emulator.proxy.calls_of("setMyCommands")
    assert call.status == 500 and "error reshaped" in call.patched
    user = emulator.user(9)
    await user.send("toujours là ?")
    [reply] = await user.wait_messages(1)
    assert reply.text == "Vous avez écrit : toujours là ?"


def test_patch_helpers() -> None:
    assert fix_date(1_760_000_000_123) == 1_760_000_000
    assert fix_date(1_760_000_000) == 1_760_000_000
    params, files = parse_body(
        "application/x-www-form-urlencoded",
        b"chat_id=1&text=a+b&reply_markup=%7B%22inline_keyboard%22%3A+%5B%5D%7D",
    )
    assert params == {"chat_id": "1", "text": "a b", "reply_markup": {"inline_keyboard": []}}
    assert files == {}
    assert len(DEVIATIONS) >= 5


def test_proxy_reshapes_emulator_errors() -> None:
    proxy = PatchingProxy("http://127.0.0.1:9")
    try:
        call: Any = type("C", (), {"patched": []})()
        answer = proxy._patch("setMyCommands", {}, 500, b'{"message":"not supported"}', call)
        assert answer == {"ok": False, "error_code": 500, "description": "not supported"}
        edit = proxy._patch(
            "editMessageText",
            {"chat_id": "3", "message_id": "8", "text": "x"},
            200,
            b'{"ok":true,"result":null}',
            call,
        )
        assert edit["result"]["message_id"] == 8 and edit["result"]["chat"]["id"] == 3
    finally:
        proxy.stop()
