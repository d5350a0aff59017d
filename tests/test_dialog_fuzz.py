"""Fuzz: random texts, commands and button presses, in any state, never break a handler and
always get an answer from the bot."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import FixedClock
from bot.store import upgrade
from tests.dialog_fixtures import START, BotEnv

COMMANDS = ["/start", "/aide", "/nouveau", "/dossiers", "/rappels", "/profil", "/annuler",
            "/mesdonnees", "/inconnue"]
ANSWERS = ["Atelier Dupuis", "1 250,50 €", "0", "-3", "F-12", "15/10/2026", "31/02/2026",
           "hier", "il y a 3 semaines", "demain", "500", "Julie Moreau — Studio", "8",
           "je vais le balancer sur insta", "FR7630006000011234567890189", "x" * 300, "<b>&"]
REPLY_METHODS = {"sendMessage", "editMessageText", "sendDocument", "editMessageReplyMarkup"}

actions = st.lists(
    st.one_of(
        st.tuples(st.just("text"), st.sampled_from(COMMANDS + ANSWERS)),
        st.tuples(st.just("text"), st.text(min_size=1, max_size=60).filter(str.strip)),
        st.tuples(st.just("press"), st.integers(min_value=0, max_value=12)),
        st.tuples(st.just("data"), st.one_of(
            st.sampled_from(["cases", "case:1", "case:999", "pay:1", "a:1:ch:sms", "a:1:pdf",
                             "a:1:sent:firm_reminder:email", "k:business", "s:none", "r:promise"]),
            st.text(max_size=64),
        )),
    ),
    min_size=1,
    max_size=25,
)


async def _play(steps: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'fuzz.sqlite3'}"
        upgrade(url)
        env = BotEnv(url, FixedClock(START))
        await env.start()
        errors: list[BaseException] = []

        async def record(update: object, context) -> None:
            errors.append(context.error)

        env.app.add_error_handler(record)
        try:
            chat = env.chat(7)
            await chat.send("/start")
            for kind, value in steps:
                if kind == "text":
                    calls = await chat.send(str(value))
                elif kind == "press":
                    buttons = [b for row in _keyboard(chat) for b in row
                               if "callback_data" in b]
                    if not buttons:
                        continue
                    calls = await chat.press_data(buttons[int(value) % len(buttons)]
                                                  ["callback_data"])
                else:
                    calls = await chat.press_data(str(value))
                assert not errors, f"{kind} {value!r} raised {errors[0]!r}"
                replies = [c for c in calls if c.method in REPLY_METHODS and c.ok]
                assert replies, f"no reply to {kind} {value!r}"
                assert not any("Désolé, quelque chose s'est mal passé" in (c.plain_text or "")
                               for c in replies), f"apology after {kind} {value!r}"
        finally:
            await env.stop()


def _keyboard(chat) -> list[list[dict]]:
    try:
        return chat.keyboard()
    except LookupError:
        return []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=actions)
def test_random_input_never_breaks_the_bot(steps):
    asyncio.run(_play(steps))
