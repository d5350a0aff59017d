"""The in-process Bot API stand-in (bot/local/bot_api.py) driving a throwaway PTB Application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import (
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.local.bot_api import (
    STANDIN_TOKEN,
    Failure,
    LocalChat,
    RateLimit,
    StandinRequest,
    check_html,
    make_text_update,
)

PDF = b"%PDF-1.4\n% fake but recognisable\n%%EOF\n"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Oui", callback_data="yes")],
            [
                InlineKeyboardButton("Non", callback_data="no"),
                InlineKeyboardButton("Copier", copy_text=CopyTextButton("texte à copier")),
            ],
        ]
    )
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        "<b>Bonjour</b> &amp; bienvenue", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text
    await update.effective_message.reply_text(f"Écho : {update.effective_message.text}")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"Choix : {query.data}")


async def send_pdf(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await context.bot.send_document(
        update.effective_chat.id, document=PDF, filename="mise-en-demeure.pdf", caption="Lettre"
    )


async def raw_html(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    try:
        await update.effective_message.reply_text("a < b", parse_mode=ParseMode.HTML)
    except BadRequest as exc:
        await update.effective_message.reply_text(f"refusé : {exc.message}")


def build_app(
    request: StandinRequest, **builder_options: Any
) -> Application[Any, Any, Any, Any, Any, Any]:
    builder = (
        Application.builder()
        .token(STANDIN_TOKEN)
        .request(request)
        .get_updates_request(request.companion())
    )
    if builder_options.get("rate_limiter"):
        builder = builder.rate_limiter(builder_options["rate_limiter"])
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("pdf", send_pdf))
    app.add_handler(CommandHandler("html", raw_html))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
async def running() -> AsyncIterator[
    tuple[Application[Any, Any, Any, Any, Any, Any], StandinRequest]
]:
    request = StandinRequest()
    app = build_app(request)
    async with app:
        yield app, request


async def test_initialize_calls_get_me(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    assert request.calls[0].method == "getMe"
    assert app.bot.username == "relance_standin_bot"
    assert app.bot.id == request.bot_user["id"]


async def test_echo_records_calls_and_realistic_messages(
    running: tuple[Any, StandinRequest],
) -> None:
    app, request = running
    chat = LocalChat(app, request, user_id=42)
    calls = await chat.send("bonjour")
    assert [c.method for c in calls] == ["sendMessage"]
    call = calls[0]
    assert call.chat_id == 42
    assert call.params["text"] == "Écho : bonjour"
    assert call.result["from"]["is_bot"] is True
    assert call.result["chat"] == {"id": 42, "type": "private", "first_name": "User 42"}
    assert chat.last_text == "Écho : bonjour"
    # Message ids are per chat and shared with the user's own messages.
    second = await chat.send("encore")
    assert second[0].message_id == call.message_id + 2


async def test_command_keyboard_and_callback(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    chat = LocalChat(app, request, user_id=7)
    calls = await chat.send("/start")
    assert calls[0].text == "<b>Bonjour</b> &amp; bienvenue"
    assert calls[0].plain_text == "Bonjour & bienvenue"
    assert calls[0].result["text"] == "Bonjour & bienvenue"
    assert chat.button_labels() == ["Oui", "Non", "Copier"]

    pressed = await chat.press("Non")
    assert [c.method for c in pressed] == ["answerCallbackQuery", "editMessageText"]
    assert chat.last_text == "Choix : no"
    assert chat.unanswered_callbacks == []
    # The edit removed the keyboard: the stored message reflects it.
    assert chat.current_message(calls[0].message_id)["text"] == "Choix : no"
    with pytest.raises(LookupError):
        await chat.press(0)


async def test_copy_button_fills_clipboard(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    chat = LocalChat(app, request, user_id=8)
    await chat.send("/start")
    assert await chat.press(2) == []
    assert chat.clipboard == "texte à copier"


async def test_document_bytes_captured(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    chat = LocalChat(app, request, user_id=9)
    calls = await chat.send("/pdf")
    assert calls[0].method == "sendDocument"
    [document] = chat.documents
    assert document.filename == "mise-en-demeure.pdf"
    assert document.content == PDF
    assert calls[0].result["document"]["file_size"] == len(PDF)
    assert calls[0].params["caption"] == "Lettre"


async def test_users_are_isolated(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    alice, bob = LocalChat(app, request, 1), LocalChat(app, request, 2)
    await alice.send("a")
    await bob.send("b")
    await alice.send("c")
    assert [m.plain_text for m in alice.messages] == ["Écho : a", "Écho : c"]
    assert [m.plain_text for m in bob.messages] == ["Écho : b"]


async def test_invalid_html_is_refused_like_telegram(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    chat = LocalChat(app, request, user_id=5)
    calls = await chat.send("/html")
    assert not calls[0].ok and calls[0].error["error_code"] == 400
    assert chat.last_text is not None and chat.last_text.startswith("refusé : Can't parse entities")


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("<b>gras</b> <i>x</i> <pre>bloc</pre>", True),
        ('<a href="https://example.org">lien</a>', True),
        ("&lt;script&gt; &amp; &#233;", True),
        ("<b>non fermé", False),
        ("<b><i>croisé</b></i>", False),
        ("<script>x</script>", False),
        ("Dupont & Fils", False),
        ("3 < 4", False),
    ],
)
def test_check_html(text: str, valid: bool) -> None:
    if valid:
        check_html(text)
    else:
        with pytest.raises(ValueError):
            check_html(text)


async def test_limits_are_enforced(running: tuple[Any, StandinRequest]) -> None:
    app, _ = running
    with pytest.raises(BadRequest, match="too long"):
        await app.bot.send_message(3, "x" * 4097)
    await app.bot.send_message(3, "x" * 4096)
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="d" * 65)]])
        await app.bot.send_message(3, "ok", reply_markup=markup)
    message = await app.bot.send_message(3, "même")
    with pytest.raises(BadRequest, match="not modified"):
        await app.bot.edit_message_text("même", chat_id=3, message_id=message.message_id)
    assert await app.bot.delete_message(3, message.message_id) is True
    with pytest.raises(BadRequest, match="not found"):
        await app.bot.edit_message_text("autre", chat_id=3, message_id=message.message_id)


async def test_commands_and_webhook_methods(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    assert await app.bot.set_my_commands([("start", "Commencer"), ("aide", "Aide")])
    commands = await app.bot.get_my_commands()
    assert [c.command for c in commands] == ["start", "aide"]
    assert await app.bot.delete_my_commands()
    assert await app.bot.get_my_commands() == ()
    assert await app.bot.set_webhook("https://example.org/hook")
    assert await app.bot.delete_webhook()
    assert await app.bot.send_chat_action(3, "typing")
    assert [c.method for c in request.calls[1:]] == [
        "setMyCommands",
        "getMyCommands",
        "deleteMyCommands",
        "getMyCommands",
        "setWebhook",
        "deleteWebhook",
        "sendChatAction",
    ]


async def test_injected_failures(running: tuple[Any, StandinRequest]) -> None:
    app, request = running
    request.fail_for[666] = 403
    with pytest.raises(Forbidden, match="blocked by the user"):
        await app.bot.send_message(666, "rappel")
    request.fail_for[777] = Failure(429, retry_after=7, times=1)
    with pytest.raises(RetryAfter):
        await app.bot.send_message(777, "rappel")
    assert request.calls[-1].error["parameters"] == {"retry_after": 7}
    await app.bot.send_message(777, "rappel")  # only once
    request.fail_method["setMyCommands"] = 500
    with pytest.raises(Exception, match="Internal Server Error"):
        await app.bot.set_my_commands([("start", "Commencer")])
    failed = [c for c in request.calls if not c.ok]
    assert [(c.method, c.error["error_code"]) for c in failed] == [
        ("sendMessage", 403),
        ("sendMessage", 429),
        ("setMyCommands", 500),
    ]


async def test_rate_limit_emulation() -> None:
    now = [1000.0]
    request = StandinRequest(rate_limit=RateLimit(overall=3, per_chat=1), clock=lambda: now[0])
    app = build_app(request)
    async with app:
        await app.bot.send_message(1, "a")
        with pytest.raises(RetryAfter):
            await app.bot.send_message(1, "b")  # same chat within the second
        await app.bot.send_message(2, "a")
        await app.bot.send_message(3, "a")
        with pytest.raises(RetryAfter):
            await app.bot.send_message(4, "a")  # 4th message overall within the second
        now[0] += 1.0
        await app.bot.send_message(1, "b")
    assert request.rate_limited == 2


async def test_ptb_rate_limiter_retries_after_429() -> None:
    request = StandinRequest()
    app = build_app(request, rate_limiter=AIORateLimiter(max_retries=2))
    async with app:
        request.fail_for[11] = Failure(429, retry_after=1, times=1)
        await app.bot.send_message(11, "rappel")
    sends = request.calls_for(11, "sendMessage")
    assert [c.ok for c in sends] == [False, True]


async def test_polling_through_get_updates() -> None:
    request = StandinRequest()
    app = build_app(request)
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        request.push_update(make_text_update(55, "par polling", request.next_update_id()))
        for _ in range(200):
            if request.calls_for(55, "sendMessage"):
                break
            await asyncio.sleep(0.01)
        await app.updater.stop()
        await app.stop()
    [reply] = request.calls_for(55, "sendMessage")
    assert reply.params["text"] == "Écho : par polling"
    assert any(c.method == "deleteWebhook" for c in request.calls)
