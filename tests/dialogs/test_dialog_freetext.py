"""Free text at any moment (DESIGN §9): read, proposed back, recorded after one tap — through
the real Application and the Bot API stand-in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.facts import Channel, ResponseKind, Step
from bot.local.bot_api import LocalChat, make_text_update
from tests.dialogs.test_dialog_cases import make_case, one, started, stored, texts
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

TODAY = date(2026, 11, 23)  # a Monday (dialog_fixtures.START)


def labels(chat: LocalChat) -> list[str]:
    return [b["text"] for row in chat.keyboard() for b in row]


async def forwarded(chat: LocalChat, text: str) -> list:
    """The user forwards a client's message (forward_origin set)."""
    update = make_text_update(
        chat.user_id,
        text,
        chat.request.next_update_id(),
        message_id=chat.request.next_message_id(chat.user_id),
        date=int(chat.request.state.clock()),
        user=chat.user,
    )
    update["message"]["forward_origin"] = {
        "type": "hidden_user",
        "date": int(chat.request.state.clock()) - 3600,
        "sender_user_name": "Studio Lumen",
    }
    chat.request.remember_message(update["message"])
    return await chat.feed(update)


async def test_payment_proposed_then_recorded_after_the_tap(bot_env: BotEnv) -> None:
    case_id = await make_case(bot_env, name="Studio Lumen", amount="2000", number="F-2026-118")
    chat = await started(bot_env)
    answer = one(await chat.send("il a payé 500€ hier"))
    assert "J'enregistre : paiement de 500,00 € reçu le 22 novembre 2026" in answer
    assert "Studio Lumen (F-2026-118) ?" in answer
    assert labels(chat) == ["✅ Oui", "✏️ Corriger"]
    assert (await stored(bot_env, case_id)).case.payments == ()  # nothing without the tap
    await chat.press("✅ Oui")
    case = (await stored(bot_env, case_id)).case
    assert [(p.date, p.amount) for p in case.payments] == [(date(2026, 11, 22), Decimal(500))]
    assert "Reste dû : 1 500,00 €" in (chat.last_text or "")


async def test_whole_payment_closes_the_case(bot_env: BotEnv) -> None:
    case_id = await make_case(bot_env, name="Studio Lumen", amount="800", number="F-7")
    chat = await started(bot_env)
    assert "800,00 € (tout le solde)" in one(await chat.send("Studio Lumen a tout réglé ce matin"))
    await chat.press("✅ Oui")
    assert not (await stored(bot_env, case_id)).is_open


async def test_case_found_by_name_among_several_and_other_case(bot_env: BotEnv) -> None:
    lumen = await make_case(bot_env, name="Studio Lumen", number="F-1")
    dupuis = await make_case(bot_env, name="Atelier Dupuis", number="F-2")
    chat = await started(bot_env)
    answer = one(await chat.send("Dupuis m'a dit qu'il paierait vendredi"))
    assert "promesse de paiement pour le 27 novembre 2026" in answer
    assert "Atelier Dupuis" in answer
    await chat.press("Autre dossier")
    assert "Pour quel dossier ?" in (chat.last_text or "")
    await chat.press("Studio Lumen")
    assert "Studio Lumen (F-1) ?" in (chat.last_text or "")
    await chat.press("✅ Oui")
    lumen_case = (await stored(bot_env, lumen)).case
    assert [(r.kind, r.promised_date) for r in lumen_case.responses] == [
        (ResponseKind.PROMISE, date(2026, 11, 27))
    ]
    assert (await stored(bot_env, dupuis)).case.responses == ()


async def test_no_hint_and_several_cases_asks_which(bot_env: BotEnv) -> None:
    await make_case(bot_env, name="Studio Lumen", number="F-1")
    dupuis = await make_case(bot_env, name="Atelier Dupuis", number="F-2")
    chat = await started(bot_env)
    answer = one(await chat.send("je l'ai relancé par mail ce matin, relance ferme"))
    assert "démarche « relance ferme » par e-mail le 23 novembre 2026" in answer
    assert "Pour quel dossier ?" in answer
    await chat.press("Atelier Dupuis")
    await chat.press("✅ Oui")
    contacts = (await stored(bot_env, dupuis)).case.contacts
    assert [(c.date, c.step, c.channel) for c in contacts] == [
        (TODAY, Step.FIRM_REMINDER, Channel.EMAIL)
    ]


async def test_forwarded_client_message_is_the_clients_response(bot_env: BotEnv) -> None:
    case_id = await make_case(bot_env, name="Studio Lumen", number="F-2026-041")
    chat = await started(bot_env)
    answer = one(await forwarded(chat, "Nous avons bien procédé au virement ce matin."))
    assert "réponse du client" in answer
    assert "le client dit avoir payé le 23 novembre 2026 — à vérifier" in answer
    await chat.press("✅ Oui")
    case = (await stored(bot_env, case_id)).case
    assert [r.kind for r in case.responses] == [ResponseKind.CLAIMS_PAID]
    assert case.payments == ()  # a claim is not a payment


async def test_correct_opens_the_guided_step(bot_env: BotEnv) -> None:
    case_id = await make_case(bot_env, name="Studio Lumen", amount="1000", number="F-3")
    chat = await started(bot_env)
    await chat.send("il a payé 300 € hier")
    await chat.press("Corriger")
    assert "Tout est payé" in " ".join(labels(chat))
    await chat.send("250")
    await chat.press("Aujourd'hui")
    case = (await stored(bot_env, case_id)).case
    assert [(p.date, p.amount) for p in case.payments] == [(TODAY, Decimal(250))]


async def test_questions_answered_from_the_case(bot_env: BotEnv) -> None:
    await make_case(bot_env, name="Studio Lumen", amount="2000", number="F-4")
    chat = await started(bot_env)
    answer = one(await chat.send("combien il me doit ?"))
    assert "Studio Lumen vous doit" in answer and "principal : 2 000,00 €" in answer
    answer = one(await chat.send("je fais quoi maintenant ?"))
    assert "prochaine étape" in answer
    assert "Voir le message" in " ".join(labels(chat))


async def test_commands_and_chitchat(bot_env: BotEnv) -> None:
    await make_case(bot_env, name="Studio Lumen", amount="2000", number="F-5")
    chat = await started(bot_env)
    assert "Studio Lumen" in " ".join(texts(await chat.send("mes dossiers")))
    assert "Avec plaisir" in one(await chat.send("merci !"))
    assert labels(chat) == ["📁 Mes dossiers", "➕ Nouveau dossier"]
    assert "Rien à annuler" in one(await chat.send("laisse tomber"))
    await chat.send("nouveau dossier")
    await chat.press("Nouveau dossier")
    assert "client" in (chat.last_text or "").lower()  # the intake's first question
    assert chat.unanswered_callbacks == []


async def test_nothing_recorded_without_the_tap_and_forged_buttons(bot_env: BotEnv) -> None:
    case_id = await make_case(bot_env, name="Studio Lumen", amount="2000", number="F-6")
    other = await make_case(bot_env, owner=2002, name="Autre", number="X")
    chat = await started(bot_env)
    for text in ("il a payé 500€", "il conteste la facture", "il paiera lundi prochain"):
        await chat.send(text)
    case = (await stored(bot_env, case_id)).case
    assert case.payments == case.responses == case.contacts == ()
    await chat.press_data(f"u:y:{other}:0:50000::::")  # another user's case
    assert "Studio" not in (chat.last_text or "")
    assert (await stored(bot_env, other, owner=2002)).case.payments == ()
    await chat.press_data(f"u:y:{case_id}:99:x:::")  # garbage
    await chat.press_data(f"u:y:{case_id}:0:-500:::")  # a negative amount
    assert (await stored(bot_env, case_id)).case.payments == ()
    # What typing refuses, a button cannot record: a date in year 9999 or year 1, a
    # payment above all that is owed (it would close the case as paid).
    for data in (f"u:y:{case_id}:1::99991231::", f"u:y:{case_id}:0:50000:00010101::"):
        await chat.press_data(data)
        assert "n'est plus actif" in (chat.last_text or "")
    await chat.press_data(f"u:y:{case_id}:0:99999999999:20261122::")
    assert "dépasse tout ce que le client vous doit" in (chat.last_text or "")
    case = (await stored(bot_env, case_id)).case
    assert case.payments == case.responses == () and (await stored(bot_env, case_id)).is_open


async def test_risky_text_gets_the_guard_not_a_proposal(bot_env: BotEnv) -> None:
    await make_case(bot_env, name="Studio Lumen", number="F-8")
    chat = await started(bot_env)
    answer = " ".join(texts(await chat.send("je vais l'afficher sur facebook s'il paie pas")))
    assert "J'enregistre" not in answer


async def test_start_and_help_fit_one_screen_with_buttons(bot_env: BotEnv) -> None:
    chat = bot_env.chat(1001)
    welcome = one(await chat.send("/start"))
    assert len(welcome) <= 600
    assert labels(chat) == ["➕ Nouveau dossier", "📁 Mes dossiers", "❓ Aide"]
    guide = one(await chat.press("Aide"))
    assert len(guide) <= 600 and "transférez la réponse du client" in guide
    assert labels(chat) == ["➕ Nouveau dossier", "📁 Mes dossiers"]
    assert len(one(await chat.send("/aide"))) <= 600
    assert chat.unanswered_callbacks == []


async def test_amount_said_before_vat_is_flagged(bot_env: BotEnv) -> None:
    await make_case(bot_env, name="Studio Lumen", amount="2000", number="F-9")
    chat = await started(bot_env)
    answer = one(await chat.send("il m'a réglé 850 HT hier"))
    assert "paiement de 850,00 €" in answer and "hors taxes" in answer
    assert "hors taxes" not in one(await chat.send("il m'a réglé 850 € hier"))
