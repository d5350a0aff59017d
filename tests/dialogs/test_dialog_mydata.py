"""`/mesdonnees` (JSON export as a document) and `/supprimer` (confirmed deletion)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from bot.domain.facts import Case, Debtor, DebtorKind, Invoice, Payment
from bot.local.bot_api import BotCall
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

A, B = 5005, 6006


def one(calls: list[BotCall]) -> str:
    found = [c.plain_text or "" for c in calls if c.is_message and c.ok]
    assert len(found) == 1, found
    return found[0]


async def make_case(env: BotEnv, owner: int, name: str) -> int:
    case = Case(
        Debtor(name, DebtorKind.BUSINESS),
        Invoice(Decimal("1250.50"), date(2026, 10, 1), "F-1"),
        payments=(Payment(date(2026, 11, 2), Decimal("250.50")),),
    )
    return await env.services.repo.create_case(owner, case, chat_id=owner)


async def test_export_is_a_json_document_with_only_my_data(bot_env: BotEnv) -> None:
    await make_case(bot_env, A, "Client de A")
    await make_case(bot_env, B, "Client de B")
    chat = bot_env.chat(A)
    await chat.send("/profil")
    await chat.press("Nom")
    await chat.send("Julie Moreau")
    await chat.send("/mesdonnees")
    (doc,) = chat.documents
    assert doc.filename == "relance-mes-donnees.json"
    data = json.loads(doc.content.decode("utf-8"))
    assert data["user"]["telegram_user_id"] == A
    assert data["user"]["full_name"] == "Julie Moreau"
    (case,) = data["cases"]
    assert case["debtor"]["name"] == "Client de A"
    assert case["invoice"]["number"] == "F-1"
    assert len(case["payments"]) == 1
    assert "Client de B" not in json.dumps(data, ensure_ascii=False)


async def test_export_failure_is_said_politely(bot_env: BotEnv) -> None:
    chat = bot_env.chat(A)
    await chat.send("/start")
    bot_env.request.fail_method["sendDocument"] = 500
    calls = await chat.send("/mesdonnees")
    assert chat.documents == []
    assert "pas pu vous envoyer le fichier" in one(calls)


async def test_delete_asks_then_removes_everything(bot_env: BotEnv) -> None:
    mine = await make_case(bot_env, A, "Client de A")
    theirs = await make_case(bot_env, B, "Client de B")
    chat = bot_env.chat(A)
    # A pending question in another dialog: it must not survive the deletion.
    await chat.send("/dossiers")
    await chat.press_data(f"pay:{mine}")
    text = one(await chat.send("/supprimer"))
    assert "Tout supprimer" in text
    assert chat.button_labels() == ["🗑 Oui, tout supprimer", "Non"]
    assert "je ne supprime rien" in one(await chat.press("Non"))
    assert await bot_env.services.repo.get_case(A, mine) is not None
    await chat.send("/supprimer")
    assert "toutes vos données ont été supprimées" in one(await chat.press("Oui, tout supprimer"))
    assert await bot_env.services.repo.get_user(A) is None
    assert await bot_env.services.repo.get_case(A, mine) is None
    assert await bot_env.services.repo.list_conversations(A) == []
    exported = await bot_env.services.repo.export_user(A)
    assert exported["user"] is None and exported["cases"] == []
    # The other user keeps everything.
    assert await bot_env.services.repo.get_case(B, theirs) is not None
    # The old payment question is gone: a number is just free text now.
    assert "Je n'attends pas de réponse" in one(await chat.send("100"))
