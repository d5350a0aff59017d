"""Your data: the JSON export has everything a user has; delete removes all of it."""

from __future__ import annotations

import json

import sqlalchemy as sa

from bot.domain.facts import Case
from bot.store import Repo
from bot.store.models import TABLES
from tests.support.builders import make_case

ME, OTHER = 5001, 5002


def the_case() -> Case:
    return make_case(
        debtor="Agence Lumière",
        amount="2400.00",
        due="2026-06-30",
        number="F-17",
        issued="2026-05-31",
        rate="10",
        payments=[("2026-07-10", "400.00")],
        contacts=[("2026-07-05", "friendly_reminder")],
        responses=[("2026-07-06", "promise", "2026-07-20", "bientôt")],
        plan=[("2026-08-01", "1000")],
        insolvency=("safeguard", "2026-09-01"),
    )


async def fill(repo: Repo, owner: int) -> int:
    await repo.upsert_user(owner, chat_id=owner + 1)
    await repo.update_profile(owner, full_name=f"Nom {owner}", contact="a@b.fr", iban="FR76")
    case_id = await repo.create_case(owner, the_case())
    await repo.create_case(owner, the_case(), status="paid")
    await repo.save_conversation(owner, "intake", (owner, owner), "AMOUNT", {"debtor": "X"})
    await repo.save_user_data(owner, {"seen_help": True})
    log_id = await repo.claim_reminder(owner, "digest", "2026-07-01")
    assert log_id is not None
    await repo.mark_reminder_sent(owner, log_id)
    return case_id


async def test_export_contains_everything(repo: Repo) -> None:
    case_id = await fill(repo, ME)
    await fill(repo, OTHER)
    export = await repo.export_user(ME)
    text = json.dumps(export, ensure_ascii=False)  # JSON-able as is
    assert json.loads(text) == export
    assert export["format"] == "relance-export/1"
    assert export["user"]["telegram_user_id"] == ME and export["user"]["chat_id"] == ME + 1
    assert export["user"]["full_name"] == f"Nom {ME}" and export["user"]["reminder_hour"] == 9
    assert export["user_data"] == {"seen_help": True}
    assert [d["name"] for d in export["debtors"]] == ["Agence Lumière"]
    assert {c["status"] for c in export["cases"]} == {"open", "paid"}
    case = next(c for c in export["cases"] if c["id"] == case_id)
    assert case["invoice"] == {
        "number": "F-17",
        "amount": "2400.00",
        "issue_date": "2026-05-31",
        "due_date": "2026-06-30",
        "penalty_rate": "10.0000",
    }
    assert case["debtor"]["name"] == "Agence Lumière" and case["debtor"]["kind"] == "business"
    assert case["payments"] == [{"date": "2026-07-10", "amount": "400.00"}]
    assert case["contacts"] == [
        {"date": "2026-07-05", "step": "friendly_reminder", "channel": "email", "deadline": None}
    ]
    assert case["responses"] == [
        {"date": "2026-07-06", "kind": "promise", "promised_date": "2026-07-20", "note": "bientôt"}
    ]
    assert case["plan"] == {"installments": [{"date": "2026-08-01", "amount": "1000.00"}]}
    assert case["insolvency"] == {"kind": "safeguard", "published_on": "2026-09-01"}
    assert [(r["kind"], r["key"], r["status"]) for r in export["reminders"]] == [
        ("digest", "2026-07-01", "sent")
    ]
    assert export["conversations"][0]["data"] == {"debtor": "X"}
    assert f"Nom {OTHER}" not in text


async def test_export_of_unknown_user_is_empty(repo: Repo) -> None:
    export = await repo.export_user(999)
    assert export["user"] is None and export["cases"] == [] and export["debtors"] == []


async def test_delete_user_removes_everything_and_only_that(repo: Repo) -> None:
    await fill(repo, ME)
    await fill(repo, OTHER)
    other_before = await repo.export_user(OTHER)
    assert await repo.delete_user(ME)
    async with repo.db.sessions() as s:
        for model in TABLES:
            column = "user_id" if model.__tablename__ == "users" else "owner"
            left = await s.scalar(
                sa.text(f"SELECT count(*) FROM {model.__tablename__} WHERE {column} = :o"),
                {"o": ME},
            )
            assert left == 0, model.__tablename__
    assert await repo.get_user(ME) is None and await repo.list_cases(ME) == []
    other_after = await repo.export_user(OTHER)
    other_before.pop("exported_at"), other_after.pop("exported_at")
    assert other_after == other_before
    assert not await repo.delete_user(ME)  # nothing left to delete
    # the user can come back and start afresh
    assert (await repo.upsert_user(ME, chat_id=ME)).full_name is None
