"""Isolation: with two users' data in the base, no repository call made for user A returns,
changes or deletes anything of user B — every public `Repo` method is tried with B's ids."""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Installment,
    Invoice,
    Payment,
    Plan,
    Response,
    ResponseKind,
    Step,
)
from bot.store import Repo
from bot.store.models import TABLES
from bot.store.origin import Origin, set_origin
from tests.support.builders import make_case

A, B = 111, 222
SECRET = "Client secret de B"


def b_case() -> Case:
    return make_case(
        debtor=SECRET,
        amount="4321.00",
        due="2026-05-01",
        number="B-SECRET-1",
        payments=[("2026-05-02", "1")],
        contacts=[("2026-05-03", "friendly_reminder")],
        responses=[("2026-05-04", "dispute", None, "note secrète B")],
        plan=[("2026-06-01", "2000")],
        insolvency=("safeguard", "2026-05-05"),
    )


def a_case() -> Case:
    return make_case(
        debtor="Client de A", kind="consumer", amount="10", due="2026-05-01", number=None
    )


async def snapshot(repo: Repo, owner: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Everything of `owner`: the export (minus its timestamp) and raw row counts."""
    export = await repo.export_user(owner)
    export.pop("exported_at")
    counts = {}
    async with repo.db.sessions() as s:
        for model in TABLES:
            column = "user_id" if model.__tablename__ == "users" else "owner"
            counts[model.__tablename__] = int(
                await s.scalar(
                    sa.text(f"SELECT count(*) FROM {model.__tablename__} WHERE {column} = :o"),
                    {"o": owner},
                )
                or 0
            )
    return export, counts


async def test_no_call_for_a_touches_b(repo: Repo) -> None:
    await repo.upsert_user(B, chat_id=B)
    await repo.update_profile(B, full_name="B secret name", iban="FR76BBBB")
    await repo.save_user_data(B, {"secret": SECRET})
    b_id = await repo.create_case(B, b_case())
    set_origin(Origin(B, B, 1))  # a case recorded from one of B's Telegram messages
    b_other = await repo.create_case(B, b_case())
    set_origin(None)
    await repo.save_conversation(B, "intake", (B, B), "AMOUNT", {"debtor": SECRET})
    b_log = await repo.claim_reminder(B, "digest", "2026-05-06")
    b_nudge = await repo.claim_reminder(B, "promise_expired", "2026-05-06", b_id)
    assert b_log and b_nudge
    a_id = await repo.create_case(A, a_case(), chat_id=A)
    await repo.save_conversation(A, "intake", (A, A), "X", {})
    before = await snapshot(repo, B)
    assert all(before[1].values()), before[1]  # B has rows in every table

    contact = Contact(date(2026, 6, 1), Step.CALL, Channel.PHONE)
    response = Response(date(2026, 6, 1), ResponseKind.REFUSAL)
    payment = Payment(date(2026, 6, 1), Decimal("5"))
    plan = Plan((Installment(date(2026, 7, 1), Decimal("5")),))
    insolvency = Insolvency(InsolvencyKind.LIQUIDATION, date(2026, 6, 1))
    key = (B, B)  # B's conversation key, tried with A as owner
    same_debtor_as_b = Case(  # B's debtor name: must become A's own debtor row
        debtor=Debtor(SECRET, DebtorKind.BUSINESS), invoice=Invoice(Decimal("7"), date(2026, 5, 1))
    )
    b_debtor = before[0]["cases"][0]["debtor"]["id"]

    Call = Callable[[], Awaitable[Any]]
    calls: dict[str, list[Call]] = {
        "upsert_user": [lambda: repo.upsert_user(A, chat_id=A)],
        "get_user": [lambda: repo.get_user(A)],
        "update_profile": [lambda: repo.update_profile(A, full_name="A", iban="FR76AAAA")],
        "set_reminders": [lambda: repo.set_reminders(A, False, hour=3)],
        "mark_blocked": [lambda: repo.mark_blocked(A)],
        "forget_blocked": [lambda: repo.forget_blocked(A)],
        "load_user_data": [lambda: repo.load_user_data(A)],
        "save_user_data": [lambda: repo.save_user_data(A, {"x": 1})],
        "create_case": [lambda: repo.create_case(A, same_debtor_as_b)],
        "get_case": [lambda: repo.get_case(A, b_id), lambda: repo.get_case(A, str(b_other))],
        "require_case": [lambda: _expect_not_found(repo.require_case(A, b_id))],
        "list_cases": [lambda: repo.list_cases(A)],
        "list_open_cases": [lambda: repo.list_open_cases(A)],
        "add_contact": [lambda: repo.add_contact(A, b_id, contact)],
        "add_response": [lambda: repo.add_response(A, b_id, response)],
        "add_payment": [lambda: repo.add_payment(A, str(b_id), payment)],
        "set_plan": [lambda: repo.set_plan(A, b_id, plan), lambda: repo.set_plan(A, b_id, None)],
        "set_insolvency": [
            lambda: repo.set_insolvency(A, b_id, insolvency),
            lambda: repo.set_insolvency(A, b_id, None),
        ],
        "update_case_fields": [
            lambda: repo.update_case_fields(A, b_id, amount=Decimal("1"), debtor_name="Moi")
        ],
        "update_debtor_details": [
            lambda: repo.update_debtor_details(A, b_id, siren="552100554", address="Ici")
        ],
        "close_case": [lambda: repo.close_case(A, b_id, "paid")],
        "reopen_case": [lambda: repo.reopen_case(A, b_id)],
        "delete_case": [lambda: repo.delete_case(A, b_id), lambda: repo.delete_case(A, b_other)],
        "save_conversation": [lambda: repo.save_conversation(A, "intake", key, "Z", {"a": 1})],
        "load_conversation": [lambda: repo.load_conversation(A, "intake", key)],
        "list_conversations": [lambda: repo.list_conversations(A)],
        "delete_conversation": [lambda: repo.delete_conversation(A, "intake", key)],
        "claim_reminder": [
            lambda: repo.claim_reminder(A, "promise_expired", "2026-05-06", b_id),
            lambda: repo.claim_reminder(A, "digest", "2026-05-06"),
        ],
        "mark_reminder_sent": [
            lambda: repo.mark_reminder_sent(A, b_log),
            lambda: repo.mark_reminder_sent(A, b_nudge),
        ],
        "release_reminder": [lambda: repo.release_reminder(A, b_nudge)],
        "list_reminders": [lambda: repo.list_reminders(A)],
        "export_user": [lambda: repo.export_user(A)],
        "delete_user": [lambda: repo.delete_user(A)],  # last: A disappears, B must not
    }
    public = {
        name
        for name, fn in inspect.getmembers(Repo, inspect.iscoroutinefunction)
        if not name.startswith("_")
    }
    assert public == set(calls), f"isolation test misses: {public - set(calls)}"

    b_case_ids = {b_id, b_other}
    for name, tries in calls.items():
        for attempt in tries:
            result = await attempt()
            text = json.dumps(result, default=repr)
            for secret in ("B-SECRET-1", "note secrète B", "B secret name", "FR76BBBB"):
                assert secret not in text, name
            if name == "get_case":
                assert result is None, name
            if name == "load_conversation":  # A's own row under that key, never B's
                assert result is not None and result.owner == A and result.data == {"a": 1}
            if name in {"add_contact", "add_response", "add_payment"}:
                assert result is None, name
            if name in {"set_plan", "set_insolvency", "update_case_fields", "close_case",
                        "reopen_case", "delete_case", "mark_reminder_sent",
                        "release_reminder"}:  # fmt: skip
                assert result is False, name
            if name == "create_case":
                mine = await repo.get_case(A, result)
                assert mine is not None and mine.debtor_id != b_debtor
            if name in {"list_cases", "list_open_cases"}:
                assert not b_case_ids & {c.id for c in result}, name
                assert all(c.owner == A for c in result), name
            if name == "list_conversations":
                assert all(c.owner == A for c in result)
            after = await snapshot(repo, B)
            assert after == before, f"{name} changed B's data"
    # B's claim key (digest, 2026-05-06) did not stop A from claiming their own digest
    assert await repo.get_user(A) is None  # delete_user(A) worked on A
    assert await repo.get_case(B, b_id) is not None
    assert a_id not in {c.id for c in await repo.list_cases(B)}


async def _expect_not_found(awaitable: Awaitable[Any]) -> None:
    from bot.store import NotFound

    try:
        await awaitable
    except NotFound:
        return None
    raise AssertionError("require_case returned someone else's case")


async def test_garbage_case_ids_are_refused(repo: Repo) -> None:
    case_id = await repo.create_case(A, a_case())
    for bad in ("", "abc", "1; DROP TABLE cases", "-1", "0", -5, 0, True, None, 2**40, "²", 1.5,
                f"{case_id} ", "9" * 30):  # fmt: skip
        if bad == f"{case_id} ":
            assert await repo.get_case(A, bad) is not None  # surrounding spaces are tolerated
            continue
        assert await repo.get_case(A, bad) is None, bad
        assert await repo.add_payment(A, bad, Payment(date(2026, 1, 1), Decimal(1))) is None
        assert not await repo.delete_case(A, bad)
    assert await repo.get_case(A, case_id) is not None
