"""Exactly once: a double tap, an update Telegram delivers twice, or an update delivered again
after the bot died between recording a fact and moving its dialog on — one row each time."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import event

from bot.domain.facts import Case, Channel, Contact, Debtor, DebtorKind, Invoice, Payment, Step
from bot.local.bot_api import LocalChat, make_text_update
from bot.store.origin import Origin, set_origin
from tests.dialogs.test_dialog_cases import TODAY, A, make_case, open_card, started, stored, texts
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

SENT = f"a:{{cid}}:sent:{Step.FRIENDLY_REMINDER.value}:email"


class Killed(Exception):
    """The process dies here: nothing after this statement reaches the database."""


@contextmanager
def killed_before(env: BotEnv, statement: str) -> Iterator[list[str]]:
    """Make the bot die at the first SQL statement starting with `statement` (inside the
    window between a recorded fact and the dialog's next state)."""
    assert env.db is not None
    engine = env.db.engine.sync_engine
    hits: list[str] = []

    def die(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if not hits and sql.lstrip().upper().startswith(statement):
            hits.append(sql)
            raise Killed(statement)

    event.listen(engine, "before_cursor_execute", die)
    try:
        yield hits
    finally:
        event.remove(engine, "before_cursor_execute", die)


@contextmanager
def killed_after_commit_of(env: BotEnv, statement: str) -> Iterator[list[str]]:
    """Make the bot die at the first SQL statement after the transaction that ran
    `statement` has committed (the fact is stored; whatever came later is not)."""
    assert env.db is not None
    engine = env.db.engine.sync_engine
    seen: list[str] = []
    committed: list[bool] = []
    hits: list[str] = []

    def watch(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if committed and not hits:
            hits.append(sql)
            raise Killed(sql)
        if sql.lstrip().upper().startswith(statement):
            seen.append(sql)

    def on_commit(_conn: Any) -> None:
        if seen:
            committed.append(True)

    event.listen(engine, "before_cursor_execute", watch)
    event.listen(engine, "commit", on_commit)
    try:
        yield hits
    finally:
        event.remove(engine, "before_cursor_execute", watch)
        event.remove(engine, "commit", on_commit)


def typed(chat: LocalChat, text: str) -> dict[str, Any]:
    """The update for a message the user types, to deliver once or more."""
    update = make_text_update(
        chat.user_id,
        text,
        chat.request.next_update_id(),
        message_id=chat.request.next_message_id(chat.user_id),
        user=chat.user,
    )
    chat.request.remember_message(update["message"])
    return update


async def test_double_tap_on_i_sent_it_records_one_contact(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    button = chat.request.calls[-1].message_id
    first = await chat.press_data(SENT.format(cid=cid), message_id=button)
    second = await chat.press_data(SENT.format(cid=cid), message_id=button)
    assert any("noté" in t for t in texts(first)) and any("noté" in t for t in texts(second))
    case = (await stored(bot_env, cid)).case
    assert case.contacts == (Contact(TODAY, Step.FRIENDLY_REMINDER, Channel.EMAIL),)


async def test_the_same_button_on_another_message_records_again(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    await chat.press_data(SENT.format(cid=cid), message_id=chat.request.calls[-1].message_id)
    await open_card(bot_env, chat, cid)
    await chat.press_data(SENT.format(cid=cid), message_id=chat.request.calls[-1].message_id)
    assert len((await stored(bot_env, cid)).case.contacts) == 2


async def test_a_payment_delivered_again_after_a_crash_is_recorded_once(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, amount="1000")
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    await chat.press("Paiement reçu")
    await chat.send("400")
    when = typed(chat, "20/11")
    # The payment commits, then the bot dies before it answers.
    with killed_after_commit_of(bot_env, "INSERT INTO PAYMENTS") as hits:
        await chat.feed(when)
    assert hits
    assert len((await stored(bot_env, cid)).case.payments) == 1
    await bot_env.restart()
    chat = bot_env.chat(A)
    await chat.feed(when)  # Telegram delivers the unanswered update again
    payments = (await stored(bot_env, cid)).case.payments
    assert payments == (Payment(date(2026, 11, 20), Decimal("400")),)


async def _at_the_contact_date(env: BotEnv) -> tuple[int, LocalChat]:
    """A case's card, "Démarche faite" → Relance ferme → E-mail: the date is asked."""
    cid = await make_case(env)
    chat = await started(env)
    await open_card(env, chat, cid)
    for label in ("Démarche faite", "Relance ferme", "E-mail"):
        await chat.press(label)
    return cid, chat


async def test_a_contact_update_delivered_twice_is_recorded_once(bot_env: BotEnv) -> None:
    cid, chat = await _at_the_contact_date(bot_env)
    when = typed(chat, "hier")
    with killed_after_commit_of(bot_env, "INSERT INTO CONTACTS"):
        await chat.feed(when)
    await bot_env.restart()
    chat = bot_env.chat(A)
    await chat.feed(when)
    await chat.feed(when)  # and once more, after the dialog has ended
    assert len((await stored(bot_env, cid)).case.contacts) == 1


async def test_two_deliveries_racing_record_one_payment(repo) -> None:
    """Two processes handling the same update at once (both backends): one row."""
    cid = await repo.create_case(
        A,
        Case(
            Debtor("Atelier Dupuis", DebtorKind.BUSINESS),
            Invoice(Decimal("1000"), date(2026, 10, 1)),
        ),
        chat_id=A,
    )
    payment = Payment(date(2026, 11, 20), Decimal("400"))
    set_origin(Origin(A, A, 77))
    try:
        ids = await asyncio.gather(*(repo.add_payment(A, cid, payment) for _ in range(4)))
    finally:
        set_origin(None)
    assert len(set(ids)) == 1 and ids[0] is not None
    stored_case = await repo.get_case(A, cid)
    assert stored_case is not None and stored_case.case.payments == (payment,)


async def test_nouveau_records_its_question_before_asking_it(bot_env: BotEnv) -> None:
    chat = await started(bot_env)
    before = len(texts(chat.request.calls))
    command = typed(chat, "/nouveau")
    with killed_before(bot_env, "INSERT INTO CONVERSATION_STATE") as hits:
        await chat.feed(command)
    assert hits
    asked = [t for t in texts(chat.request.calls)[before:] if "nom du client" in t]
    assert asked == []  # the bot died before its state was saved: it asked nothing
    await bot_env.restart()
    chat = bot_env.chat(A)
    again = texts(await chat.feed(command))  # delivered again: the first question
    assert any("nom du client" in t for t in again)
    assert (await bot_env.services.draft_data(A, A, "intake")) == {}
    reply = texts(await chat.send("Atelier Dupuis"))
    assert (await bot_env.services.draft_data(A, A, "intake")).get("name") == "Atelier Dupuis"
    assert reply


async def _retyped_after_a_crash(env: BotEnv, chat: LocalChat, text: str, table: str) -> None:
    """The fact commits, the bot dies before it answers, restarts; the user, who saw no
    answer, types the same answer again (a new message)."""
    with killed_after_commit_of(env, f"INSERT INTO {table}") as hits:
        await chat.feed(typed(chat, text))
    assert hits
    await env.restart()
    await env.chat(A).send(text)


async def test_a_payment_date_typed_again_after_a_crash_records_one_payment(
    bot_env: BotEnv,
) -> None:
    cid = await make_case(bot_env, amount="1000")
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    await chat.press("Paiement reçu")
    await chat.send("200")
    await _retyped_after_a_crash(bot_env, chat, "20/11", "PAYMENTS")
    assert (await stored(bot_env, cid)).case.payments == (
        Payment(date(2026, 11, 20), Decimal("200")),
    )


async def test_a_contact_date_typed_again_after_a_crash_records_one_contact(
    bot_env: BotEnv,
) -> None:
    cid, chat = await _at_the_contact_date(bot_env)
    await _retyped_after_a_crash(bot_env, chat, "hier", "CONTACTS")
    assert len((await stored(bot_env, cid)).case.contacts) == 1


async def test_the_intakes_last_answer_typed_again_after_a_crash_creates_one_case(
    bot_env: BotEnv,
) -> None:
    chat = await started(bot_env)
    for text in ("/nouveau", "Atelier Dupuis", "une entreprise", "700 €"):
        await chat.send(text)
    await chat.press("Passer")  # no invoice number
    await chat.send("01/10/2026")
    await chat.press("Rien encore")
    await chat.press("Oui")  # a part was already paid
    await chat.send("100")
    await _retyped_after_a_crash(bot_env, chat, "15/10/2026", "CASES")
    cases = await bot_env.services.repo.list_open_cases(A)
    assert len(cases) == 1
    assert cases[0].case.payments == (Payment(date(2026, 10, 15), Decimal("100")),)
