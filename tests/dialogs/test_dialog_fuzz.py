"""Fuzz: random texts, commands and button presses, in any state, never break a handler and
always get an answer from the bot."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.runtime.clock import FixedClock
from bot.store import upgrade
from tests.support.dialog_fixtures import START, BotEnv

COMMANDS = ["/start", "/aide", "/nouveau", "/dossiers", "/rappels", "/profil", "/annuler",
            "/mesdonnees", "/inconnue"]
ANSWERS = ["Atelier Dupuis", "1 250,50 €", "0", "-3", "F-12", "15/10/2026", "31/02/2026",
           "hier", "il y a 3 semaines", "demain", "500", "Julie Moreau — Studio", "8",
           "je vais le balancer sur insta", "FR7630006000011234567890189", "x" * 300, "<b>&"]
# Free text read by `understand` (DESIGN §9): events, questions, commands in words.
FREE_TEXTS = ["il a payé 500€ hier", "Dupuis paiera vendredi", "il conteste la facture F-12",
              "je l'ai relancé par mail ce matin", "combien il me doit ?", "je fais quoi ?",
              "mes dossiers", "nouveau dossier", "laisse tomber", "merci !", "aide",
              "Nous vous réglerons en 3 fois", "il dit qu'il a déjà payé", "il refuse de payer"]
REPLY_METHODS = {"sendMessage", "editMessageText", "sendDocument", "editMessageReplyMarkup"}

actions = st.lists(
    st.one_of(
        st.tuples(st.just("text"), st.sampled_from(COMMANDS + ANSWERS + FREE_TEXTS)),
        st.tuples(st.just("text"), st.text(min_size=1, max_size=60).filter(str.strip)),
        st.tuples(st.just("press"), st.integers(min_value=0, max_value=12)),
        st.tuples(st.just("data"), st.one_of(
            st.sampled_from(["cases", "case:1", "case:999", "pay:1", "a:1:ch:sms", "a:1:pdf",
                             "a:1:sent:firm_reminder:email", "k:business", "s:none", "r:promise",
                             "new", "u:y:1:0:50000:20261122::", "u:o:0:1::20261127::",
                             "u:p:1:7::::0", "u:q:1:8", "u:y:1:99:x:::"]),
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


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=actions)
def test_random_input_never_breaks_the_bot(steps):
    asyncio.run(_play(steps))


# --- free text at any moment records nothing without the confirming tap --------------------

free_steps = st.lists(
    st.one_of(
        st.tuples(st.just("text"), st.sampled_from(FREE_TEXTS + ANSWERS)),
        st.tuples(st.just("text"), st.text(min_size=1, max_size=60).filter(str.strip)),
        st.tuples(st.just("press"), st.integers(min_value=0, max_value=12)),
    ),
    min_size=1,
    max_size=15,
)


async def _play_without_confirming(steps: list[tuple[str, object]]) -> None:
    from datetime import date
    from decimal import Decimal

    from bot.domain.facts import Case, Debtor, DebtorKind, Invoice

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
            ids = [
                await env.services.repo.create_case(
                    7, Case(Debtor(name, DebtorKind.BUSINESS),
                            Invoice(Decimal("900"), date(2026, 10, 1), number)), chat_id=7)
                for name, number in (("Atelier Dupuis", "F-12"), ("Studio Lumen", "F-13"))
            ]
            chat = env.chat(7)
            await chat.send("/start")
            for kind, value in steps:
                if kind == "text":
                    await chat.send(str(value))
                else:  # only the free-text buttons that do not confirm: other case, a pick
                    buttons = [b for row in _keyboard(chat) for b in row
                               if str(b.get("callback_data", "")).startswith(("u:o:", "u:p:"))]
                    if buttons:
                        await chat.press_data(buttons[int(value) % len(buttons)]
                                              ["callback_data"])
                assert not errors, f"{kind} {value!r} raised {errors[0]!r}"
            for case_id in ids:
                stored = await env.services.repo.get_case(7, case_id)
                assert stored is not None and stored.is_open
                case = stored.case
                assert case.payments == case.contacts == case.responses == ()
        finally:
            await env.stop()


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=free_steps)
def test_free_text_records_nothing_without_the_tap(steps):
    asyncio.run(_play_without_confirming(steps))
