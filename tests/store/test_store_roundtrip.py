"""Round trips for every table, on SQLite and PostgreSQL; schema constraints enforced."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Installment,
    Payment,
    Plan,
    Response,
    ResponseKind,
    Step,
)
from bot.store import Database, Repo
from bot.store.models import TABLES
from bot.store.origin import Origin, set_origin
from tests.support.builders import make_case

A = 1_000_000_001
B = 7_999_999_999  # above 2**32: Telegram ids need BIGINT


def full_case(name: str = "Atelier Dupont") -> Case:
    return make_case(
        debtor=name,
        amount="1250.10",
        due="2026-09-30",
        number="F-2026-042",
        issued="2026-08-31",
        rate="12.15",
        payments=[("2026-10-20", "100.00"), ("2026-10-05", "0.01")],
        contacts=[
            ("2026-10-07", "friendly_reminder"),
            ("2026-10-21", "formal_notice", "registered_letter", "2026-10-29"),
        ],
        responses=[("2026-10-08", "promise", "2026-10-15", "« d'ici mi-octobre »")],
        plan=[("2026-11-30", "575.05"), ("2026-12-31", "575.05")],
        insolvency=("receivership", "2026-11-02"),
    )


def minimal_case() -> Case:
    return make_case(
        debtor="Mme Martin", kind="consumer", amount="80", due="2026-01-15", number=None
    )


async def test_users_round_trip(repo: Repo) -> None:
    created = await repo.upsert_user(B, chat_id=42)
    assert (created.user_id, created.chat_id) == (B, 42)
    assert created.tz == "Europe/Paris" and created.reminder_hour == 9 and created.reminders_on
    assert created.created_at.tzinfo is not None and not created.signature_asked
    again = await repo.upsert_user(B, chat_id=43)
    assert again.chat_id == 43 and again.created_at == created.created_at

    updated = await repo.update_profile(
        B,
        full_name="Claire Durand",
        business_name="Durand Conseil",
        contact="claire@example.fr",
        iban="FR7630006000011234567890189",
        siret="12345678901234",
        signature_asked=True,
    )
    assert updated is not None
    assert await repo.set_reminders(B, False, hour=7)
    user = await repo.get_user(B)
    assert user is not None
    assert (user.full_name, user.business_name, user.contact) == (
        "Claire Durand",
        "Durand Conseil",
        "claire@example.fr",
    )
    assert (user.iban, user.siret, user.signature_asked) == (
        "FR7630006000011234567890189",
        "12345678901234",
        True,
    )
    assert (user.reminders_on, user.reminder_hour) == (False, 7)
    assert await repo.mark_blocked(B)
    blocked = await repo.get_user(B)
    assert blocked is not None and blocked.blocked_at is not None and not blocked.reminders_on
    assert await repo.set_reminders(B, True)
    back = await repo.get_user(B)
    assert back is not None and back.reminders_on and back.blocked_at is None

    await repo.save_user_data(B, {"lang": "fr", "n": 3, "when": date(2026, 1, 2)})
    assert await repo.load_user_data(B) == {"lang": "fr", "n": 3, "when": "2026-01-02"}
    assert await repo.get_user(123) is None
    assert await repo.update_profile(123, full_name="x") is None
    with pytest.raises(ValueError):
        await repo.update_profile(B, user_id=5)
    with pytest.raises(ValueError):
        await repo.set_reminders(B, True, hour=24)


async def test_case_with_every_fact_round_trips(repo: Repo) -> None:
    case = full_case()
    case_id = await repo.create_case(A, case, chat_id=A)
    stored = await repo.get_case(A, case_id)
    assert stored is not None
    assert stored.id == case_id and stored.status == "open" and stored.closed_at is None
    # children come back in date order
    expected = Case(
        debtor=case.debtor,
        invoice=case.invoice,
        payments=tuple(sorted(case.payments, key=lambda p: p.date)),
        contacts=case.contacts,
        responses=case.responses,
        plan=case.plan,
        insolvency=case.insolvency,
    )
    assert stored.case == expected
    assert stored.case.invoice.amount == Decimal("1250.10")
    assert str(stored.case.invoice.penalty_rate) == "12.1500"
    assert isinstance(stored.case.debtor.kind, DebtorKind)
    assert await repo.get_case(A, str(case_id)) == stored  # callback data is text


async def test_minimal_case_and_added_facts(repo: Repo) -> None:
    case_id = await repo.create_case(A, minimal_case())
    stored = await repo.get_case(A, case_id)
    assert stored is not None and stored.case == minimal_case()
    user = await repo.get_user(A)
    assert user is not None and user.chat_id == A  # created on the fly

    contact = Contact(date(2026, 2, 1), Step.CALL, Channel.PHONE)
    response = Response(date(2026, 2, 2), ResponseKind.HARDSHIP, note="chômage")
    payment = Payment(date(2026, 2, 3), Decimal("20.5"))
    plan = Plan((Installment(date(2026, 3, 1), Decimal("30")),))
    insolvency = Insolvency(InsolvencyKind.LIQUIDATION, date(2026, 2, 10))
    assert await repo.add_contact(A, case_id, contact)
    assert await repo.add_response(A, case_id, response)
    assert await repo.add_payment(A, case_id, payment)
    assert await repo.set_plan(A, case_id, plan)
    assert await repo.set_insolvency(A, case_id, insolvency)
    got = await repo.get_case(A, case_id)
    assert got is not None
    assert got.case.contacts == (contact,)
    assert got.case.responses == (response,)
    assert got.case.payments == (Payment(date(2026, 2, 3), Decimal("20.50")),)
    assert got.case.plan == plan and got.case.insolvency == insolvency
    assert got.updated_at >= stored.updated_at

    new_plan = Plan((Installment(date(2026, 4, 1), Decimal("10")),) * 3)
    assert await repo.set_plan(A, case_id, new_plan)
    got = await repo.get_case(A, case_id)
    assert got is not None and got.case.plan == new_plan
    assert await repo.set_plan(A, case_id, None)
    assert await repo.set_insolvency(A, case_id, None)
    got = await repo.get_case(A, case_id)
    assert got is not None and got.case.plan is None and got.case.insolvency is None


async def test_update_close_reopen_delete(repo: Repo) -> None:
    case_id = await repo.create_case(A, full_case())
    other_id = await repo.create_case(A, minimal_case())
    assert await repo.update_case_fields(
        A,
        case_id,
        amount=Decimal("999.99"),
        due_date=date(2026, 10, 1),
        invoice_number=None,
        penalty_rate=None,
        debtor_name="Atelier Dupont SARL",
        debtor_kind="public",
    )
    got = await repo.get_case(A, case_id)
    assert got is not None
    assert got.case.invoice.amount == Decimal("999.99") and got.case.invoice.number is None
    assert got.case.invoice.due_date == date(2026, 10, 1) and got.case.invoice.penalty_rate is None
    assert got.case.debtor == Debtor("Atelier Dupont SARL", DebtorKind.PUBLIC)
    with pytest.raises(ValueError):
        await repo.update_case_fields(A, case_id, status="paid")

    assert [c.id for c in await repo.list_open_cases(A)] == sorted(
        [case_id, other_id], key=lambda i: {other_id: 0, case_id: 1}[i]
    )  # oldest due date first
    assert await repo.close_case(A, case_id, "paid")
    closed = await repo.get_case(A, case_id)
    assert closed is not None and closed.status == "paid" and closed.closed_at is not None
    assert [c.id for c in await repo.list_open_cases(A)] == [other_id]
    assert {c.id for c in await repo.list_cases(A)} == {case_id, other_id}
    with pytest.raises(ValueError):
        await repo.close_case(A, case_id, "open")
    assert await repo.reopen_case(A, case_id)
    reopened = await repo.get_case(A, case_id)
    assert reopened is not None and reopened.status == "open" and reopened.closed_at is None

    assert await repo.delete_case(A, case_id)
    assert await repo.get_case(A, case_id) is None
    assert not await repo.delete_case(A, case_id)
    assert await _count_rows(repo.db, "contacts", A) == 0  # children cascaded
    assert await _count_rows(repo.db, "installments", A) == 0


async def test_same_debtor_is_shared_between_cases(repo: Repo) -> None:
    first = await repo.create_case(A, full_case("Studio Nord"))
    second = await repo.create_case(A, minimal_case())
    third = await repo.create_case(A, full_case("Studio Nord"))
    cases = {c.id: c for c in await repo.list_cases(A)}
    assert cases[first].debtor_id == cases[third].debtor_id != cases[second].debtor_id


async def test_conversation_state_round_trip(repo: Repo) -> None:
    await repo.save_conversation(A, "intake", (A, A), "AMOUNT", {"debtor": "X", "amount": "12.5"})
    got = await repo.load_conversation(A, "intake", (A, A))
    assert (
        got is not None and got.state == "AMOUNT" and got.data == {"debtor": "X", "amount": "12.5"}
    )
    await repo.save_conversation(
        A, "intake", f"{A}:{A}", 3, {"amount": Decimal("12.50")}, chat_id=9
    )
    got = await repo.load_conversation(A, "intake", (A, A))
    assert (
        got is not None and got.state == 3 and got.data == {"amount": "12.50"} and got.chat_id == 9
    )
    await repo.save_conversation(A, "profile", A, None)
    assert [c.name for c in await repo.list_conversations(A)] == ["intake", "profile"]
    assert await repo.delete_conversation(A, "intake", (A, A))
    assert await repo.load_conversation(A, "intake", (A, A)) is None
    assert not await repo.delete_conversation(A, "intake", (A, A))


async def test_reminder_log_claims_exactly_once(repo: Repo) -> None:
    case_id = await repo.create_case(A, minimal_case())
    digest = await repo.claim_reminder(A, "digest", "2026-10-15")
    assert digest is not None
    assert await repo.claim_reminder(A, "digest", "2026-10-15") is None
    nudge = await repo.claim_reminder(A, "promise_expired", "2026-10-15", case_id)
    assert nudge is not None and nudge != digest
    assert await repo.claim_reminder(A, "promise_expired", "2026-10-15", case_id) is None
    assert await repo.claim_reminder(A, "digest", "2026-10-16") is not None
    sent_at = datetime(2026, 10, 15, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    assert await repo.mark_reminder_sent(A, digest, at=sent_at)
    log = {r["id"]: r for r in await repo.list_reminders(A)}
    assert log[digest]["status"] == "sent" and log[digest]["sent_at"] == sent_at
    assert log[digest]["sent_at"].tzinfo is not None
    assert log[nudge]["case_id"] == case_id and log[nudge]["status"] == "claimed"
    assert not await repo.release_reminder(A, digest)  # sent: stays
    assert await repo.release_reminder(A, nudge)
    assert await repo.claim_reminder(A, "promise_expired", "2026-10-15", case_id) is not None


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("users", {"user_id": 5, "chat_id": 5, "reminder_hour": 24}),
        ("cases", {"amount": 0}),
        ("cases", {"amount": -3}),
        ("cases", {"status": "lost"}),
        ("payments", {"amount": 0}),
        ("debtors", {"kind": "alien"}),
        ("contacts", {"step": "threaten"}),
        ("cases", {"owner": B}),  # a case whose debtor belongs to someone else
        ("contacts", {"owner": B}),  # a contact on someone else's case
        ("contacts", {"case_id": 999_999}),
    ],
)
async def test_schema_refuses_bad_rows(database: Database, table: str, values: dict) -> None:
    repo = Repo(database)
    case_id = await repo.create_case(A, full_case())
    await repo.upsert_user(B)
    stored = await repo.get_case(A, case_id)
    assert stored is not None
    now = datetime.now(UTC)
    good: dict[str, dict] = {
        "users": {"user_id": 6, "chat_id": 6, "user_data": "{}", "created_at": now,
                  "updated_at": now},
        "cases": {
            "owner": A, "debtor_id": stored.debtor_id, "amount": "10.00",
            "due_date": date(2026, 1, 1), "status": "open", "created_at": now, "updated_at": now,
        },
        "payments": {"owner": A, "case_id": case_id, "date": date(2026, 1, 1), "amount": "1.00",
                     "created_at": now},
        "debtors": {"owner": A, "name": "Z", "kind": "business", "created_at": now},
        "contacts": {"owner": A, "case_id": case_id, "date": date(2026, 1, 1), "step": "call",
                     "channel": "phone", "created_at": now},
    }  # fmt: skip
    if database.backend == "sqlite":
        now_text = now.replace(tzinfo=None).isoformat(sep=" ")
        for row in good.values():
            for key in ("created_at", "updated_at"):
                if key in row:
                    row[key] = now_text

    async def insert(row: dict) -> None:
        cols = ", ".join(row)
        params = ", ".join(f":{k}" for k in row)
        async with database.transaction() as s:
            await s.execute(sa.text(f"INSERT INTO {table} ({cols}) VALUES ({params})"), row)

    good_row = {**good[table], **({"user_id": 7, "chat_id": 7} if table == "users" else {})}
    await insert(good_row)  # the good row is accepted…
    with pytest.raises(IntegrityError):  # …the bad one is refused by the database itself
        await insert({**good[table], **values})


async def test_every_table_is_covered(repo: Repo) -> None:
    """One full user touches every table (so the round trips above cover the schema)."""
    set_origin(Origin(A, A, 1))  # recorded from a Telegram message: fills recorded_updates
    try:
        case_id = await repo.create_case(A, full_case())
    finally:
        set_origin(None)
    await repo.save_conversation(A, "intake", A, "X", {})
    assert await repo.claim_reminder(A, "digest", "2026-01-01", case_id)
    for model in TABLES:
        assert await _count_rows(repo.db, model.__tablename__, A) > 0, model.__tablename__
    json.dumps(await repo.export_user(A))


async def _count_rows(db: Database, table: str, owner: int) -> int:
    column = "user_id" if table == "users" else "owner"
    async with db.sessions() as s:
        result = await s.scalar(
            sa.text(f"SELECT count(*) FROM {table} WHERE {column} = :o"), {"o": owner}
        )
        return int(result or 0)


async def test_all_conversations_for_restoring_the_bot(repo: Repo) -> None:
    from bot.store import all_conversations

    await repo.save_conversation(A, "intake", (A, A), "AMOUNT", {"a": 1})
    await repo.save_conversation(B, "intake", (B, B), "DUE", {"b": 2})
    await repo.save_conversation(B, "profile", (B, B), "NAME", {})
    found = {(c.owner, c.key): c.state for c in await all_conversations(repo.db, "intake")}
    assert found == {(A, f"{A}:{A}"): "AMOUNT", (B, f"{B}:{B}"): "DUE"}


async def test_nul_characters_are_stripped_from_everything_stored(database: Database) -> None:
    repo = Repo(database)
    nul = full_case("Atelier\x00 Dupont")
    case_id = await repo.create_case(1, nul, chat_id=1)
    await repo.update_profile(1, full_name="Julie\x00 Moreau", contact="julie@\x00example.org")
    await repo.save_conversation(1, "intake", 1, "NAME", {"name": "Dupont\x00 & Fils"})
    await repo.update_debtor_details(1, case_id, contact_name="M.\x00 Martin")
    stored = await repo.require_case(1, case_id)
    assert stored.case.debtor.name == "Atelier Dupont"
    user = await repo.get_user(1)
    assert user is not None and user.full_name == "Julie Moreau"
    assert user.contact == "julie@example.org"
    draft = await repo.load_conversation(1, "intake", 1)
    assert draft is not None and "\x00" not in json.dumps(draft.data, ensure_ascii=False)
    assert "\x00" not in json.dumps(await repo.export_user(1), ensure_ascii=False, default=str)
