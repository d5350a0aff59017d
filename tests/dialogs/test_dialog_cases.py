"""`/dossiers` and the case card: list, timeline, contact, response, payment, edit, close,
delete — through the real Application and the Bot API stand-in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.facts import (
    Case,
    Channel,
    Contact,
    Debtor,
    DebtorKind,
    Insolvency,
    InsolvencyKind,
    Invoice,
    Payment,
    ResponseKind,
    Step,
)
from bot.local.bot_api import BotCall, LocalChat
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

A, B = 1001, 2002
TODAY = date(2026, 11, 23)


async def make_case(
    env: BotEnv,
    owner: int = A,
    name: str = "Atelier Dupuis",
    amount: str = "1250.50",
    due: date = date(2026, 10, 1),
    number: str | None = "F-12",
    kind: DebtorKind = DebtorKind.BUSINESS,
    **facts: object,
) -> int:
    case = Case(Debtor(name, kind), Invoice(Decimal(amount), due, number), **facts)  # type: ignore[arg-type]
    return await env.services.repo.create_case(owner, case, chat_id=owner)


def texts(calls: list[BotCall]) -> list[str]:
    return [c.plain_text or "" for c in calls if c.is_message and c.ok]


def one(calls: list[BotCall]) -> str:
    """The single message the bot answered with."""
    found = texts(calls)
    assert len(found) == 1, found
    return found[0]


async def started(env: BotEnv, user_id: int = A) -> LocalChat:
    """A chat where the bot has already spoken (callback queries need a message)."""
    chat = env.chat(user_id)
    await chat.send("/start")
    return chat


async def open_card(env: BotEnv, chat: LocalChat, case_id: int) -> str:
    calls = await chat.press_data(f"case:{case_id}")
    return one(calls)


async def stored(env: BotEnv, case_id: int, owner: int = A):
    result = await env.services.repo.get_case(owner, case_id)
    assert result is not None
    return result


async def draft(env: BotEnv, owner: int = A) -> dict:
    return await env.services.draft_data(owner, owner, "cases")


# --- the list -------------------------------------------------------------------------------------


async def test_list_empty(bot_env: BotEnv) -> None:
    text = one(await bot_env.chat(A).send("/dossiers"))
    assert "aucun dossier en cours" in text
    assert "/nouveau" in text


async def test_list_most_urgent_first_with_total(bot_env: BotEnv) -> None:
    # Not due yet: next step later. Two overdue (due now): the older one first.
    later = await make_case(bot_env, name="Pas encore", amount="100", due=date(2026, 12, 20))
    recent = await make_case(bot_env, name="Récent", amount="200", due=date(2026, 11, 10))
    old = await make_case(bot_env, name="Ancien", amount="300", due=date(2026, 9, 1))
    await make_case(bot_env, owner=B, name="Chez B", amount="999")
    chat = await started(bot_env)
    text = one(await chat.send("/dossiers"))
    assert "Vos dossiers en cours (3)" in text
    assert "Total restant dû : 600,00 €" in text
    assert "Chez B" not in text
    data = [
        b["callback_data"] for b in chat.keyboard()[0] + chat.keyboard()[1] + chat.keyboard()[2]
    ]
    assert data == [f"case:{old}", f"case:{recent}", f"case:{later}"]
    assert text.index("Ancien") < text.index("Récent") < text.index("Pas encore")


async def test_list_counts_payments_and_skips_closed(bot_env: BotEnv) -> None:
    await make_case(bot_env, amount="1000", payments=(Payment(date(2026, 11, 1), Decimal("400")),))
    closed = await make_case(bot_env, name="Clos", amount="50")
    await bot_env.services.repo.close_case(A, closed, "paid")
    text = one(await bot_env.chat(A).send("/dossiers"))
    assert "Total restant dû : 600,00 €" in text
    assert "Clos" not in text


async def test_list_pages(bot_env: BotEnv) -> None:
    for i in range(10):
        await make_case(bot_env, name=f"Client {i:02d}", amount="10")
    chat = await started(bot_env)
    text = one(await chat.send("/dossiers"))
    assert "page 1/2" in text and "Total restant dû : 100,00 €" in text
    assert len(chat.button_labels()) == 9 and chat.button_labels()[-1] == "Suivants ›"
    text = one(await chat.press("Suivants ›"))
    assert "page 2/2" in text
    assert chat.button_labels()[:2] == ["9. Client 08 — 10,00 €", "10. Client 09 — 10,00 €"]
    assert chat.button_labels()[-1] == "‹ Précédents"
    text = one(await chat.press_data("cases:99"))  # beyond the end: the last page
    assert "page 2/2" in text


# --- the card -------------------------------------------------------------------------------------


async def test_card_timeline_status_and_buttons(bot_env: BotEnv) -> None:
    cid = await make_case(
        bot_env,
        contacts=(Contact(date(2026, 10, 10), Step.FRIENDLY_REMINDER, Channel.EMAIL),),
        payments=(Payment(date(2026, 11, 2), Decimal("250.50")),),
    )
    await bot_env.services.repo.add_response(
        A,
        cid,
        __import__("bot.domain.facts", fromlist=["Response"]).Response(
            date(2026, 10, 20), ResponseKind.PROMISE, date(2026, 10, 30)
        ),
    )
    chat = await started(bot_env)
    await chat.send("/dossiers")
    text = one(await chat.press(0))
    assert "Atelier Dupuis" in text and "F-12" in text
    assert "Reste dû : 1 000,00 €" in text
    lines = text.splitlines()
    history = lines[lines.index("🗓 Historique") + 1 :]
    assert history[0] == "• 10/10/2026 — Rappel courtois (e-mail)"
    assert history[1] == "• 20/10/2026 — Le client a promis de payer pour le 30 octobre 2026"
    assert history[2] == "• 02/11/2026 — Paiement reçu : 250,50 €"
    data = [b["callback_data"] for row in chat.keyboard() for b in row]
    assert data == [
        f"a:{cid}:ch:email",
        f"c:{cid}:contact",
        f"c:{cid}:resp",
        f"pay:{cid}",
        f"c:{cid}:edit",
        f"c:{cid}:insolv",
        f"c:{cid}:close",
        f"c:{cid}:del",
        "cases",
    ]


async def test_card_escapes_user_text(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, name="<b>Evil</b> & Co", number="<i>")
    chat = await started(bot_env)
    calls = await chat.press_data(f"case:{cid}")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert sent and all(c.ok for c in sent)
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in sent[0].text


async def test_see_message_button_shows_the_ready_message(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    asked = one(await chat.press("Voir le message"))  # empty profile: asked first (§6)
    assert "quel nom" in asked.lower()
    await chat.send("Julie Moreau")
    await chat.send("julie@studio-moreau.fr")
    calls = await chat.press("Passer")  # the optional contact person
    assert any("Votre message prêt à envoyer" in t for t in texts(calls))


# --- record a contact -----------------------------------------------------------------------------


async def test_record_contact_with_bad_inputs(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    assert "Qu'avez-vous fait pour Atelier Dupuis" in one(await chat.press("Démarche faite"))
    assert "Touchez l'un des boutons" in one(await chat.send("une relance"))
    assert "Par quel moyen" in one(await chat.press("Relance ferme"))
    assert "Touchez l'un des boutons" in one(await chat.send("mail"))
    assert "Quand l'avez-vous fait" in one(await chat.press("E-mail"))
    assert (await draft(bot_env))["channel"] == "email"
    assert "dans le futur" in one(await chat.send("demain"))
    assert "Je n'ai pas compris cette date" in one(await chat.send("bientôt"))
    text = one(await chat.send("hier"))
    assert "C'est noté, démarche du 22 novembre 2026" in text
    case = (await stored(bot_env, cid)).case
    assert case.contacts == (Contact(date(2026, 11, 22), Step.FIRM_REMINDER, Channel.EMAIL),)
    assert await draft(bot_env) == {}
    assert chat.button_labels() == ["✉️ Voir le message", "📁 Voir le dossier"]
    # The question is over: free text goes to the free-text handler again.
    assert "Je n'attends pas de réponse" in one(await chat.send("hier"))


async def test_record_call_skips_the_channel_and_today_button(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await chat.press_data(f"c:{cid}:contact")
    assert "Quand l'avez-vous fait" in one(await chat.press("Un appel seulement"))
    await chat.press("Aujourd'hui")
    case = (await stored(bot_env, cid)).case
    assert case.contacts == (Contact(TODAY, Step.CALL, Channel.PHONE),)


# --- record a response ----------------------------------------------------------------------------


async def test_response_promise_with_bad_dates(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    assert "Qu'a répondu Atelier Dupuis" in one(await chat.press("Réponse du client"))
    assert "Touchez l'un des boutons" in one(await chat.send("il a promis"))
    assert "Pour quelle date" in one(await chat.press("A promis une date"))
    assert "déjà passée" in one(await chat.send("hier"))
    assert "Je n'ai pas compris" in one(await chat.send("un jour"))
    text = one(await chat.send("5 décembre"))
    assert "C'est noté" in text
    (response,) = (await stored(bot_env, cid)).case.responses
    assert (response.kind, response.date, response.promised_date) == (
        ResponseKind.PROMISE,
        TODAY,
        date(2026, 12, 5),
    )


async def test_response_dispute_note_and_skip(bot_env: BotEnv) -> None:
    first = await make_case(bot_env)
    second = await make_case(bot_env, name="Autre client")
    chat = await started(bot_env)
    await chat.press_data(f"c:{first}:resp")
    assert "Que conteste le client" in one(await chat.press("Conteste"))
    await chat.send("Le logo n'était <pas> conforme")
    (response,) = (await stored(bot_env, first)).case.responses
    assert (
        response.kind == ResponseKind.DISPUTE and response.note == "Le logo n'était <pas> conforme"
    )
    await chat.press_data(f"c:{second}:resp")
    await chat.press("Conteste")
    await chat.press("Passer")
    (response,) = (await stored(bot_env, second)).case.responses
    assert response.kind == ResponseKind.DISPUTE and response.note is None
    text = one(await chat.press_data(f"case:{first}"))
    assert "Le client conteste la facture : « Le logo n'était <pas> conforme »" in text


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Dit avoir payé", ResponseKind.CLAIMS_PAID),
        ("Des difficultés", ResponseKind.HARDSHIP),
        ("Refuse de payer", ResponseKind.REFUSAL),
        ("Demande un échéancier", ResponseKind.PAYMENT_PLAN),
    ],
)
async def test_response_without_follow_up(bot_env: BotEnv, label: str, kind: ResponseKind) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await chat.press_data(f"c:{cid}:resp")
    text = one(await chat.press(label))
    assert text.startswith("✅ C'est noté")
    (response,) = (await stored(bot_env, cid)).case.responses
    assert response.kind == kind and response.date == TODAY


# --- record a payment -----------------------------------------------------------------------------


async def test_partial_payment_then_all_paid(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, amount="1000")
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    text = one(await chat.press("Paiement reçu"))
    assert "combien avez-vous reçu" in text and "Reste dû : 1 000,00 €" in text
    # 1 000 € + 53 days at 12,15 % (17,64 €) + 40 € = 1 057,64 € may be paid, no more.
    text = one(await chat.send("1 500 €"))
    assert "dépasse tout ce que le client vous doit" in text and "1 057,64 €" in text
    assert "supérieur à zéro" in one(await chat.send("0"))
    assert "Je n'ai pas compris ce montant" in one(await chat.send("beaucoup"))
    assert "Quand avez-vous reçu ces 400,00 €" in one(await chat.send("400"))
    assert "dans le futur" in one(await chat.send("dans 3 jours"))
    text = one(await chat.send("20/11"))
    assert "paiement de 400,00 € reçu le 20 novembre 2026" in text
    assert "Reste dû : 600,00 €" in text
    after = await stored(bot_env, cid)
    assert after.is_open and after.case.payments == (Payment(date(2026, 11, 20), Decimal("400")),)
    # The shortcut: the remaining balance, today, case closed as paid.
    await chat.press_data(f"pay:{cid}")
    text = one(await chat.press("Tout est payé"))
    assert "entièrement payée" in text
    after = await stored(bot_env, cid)
    assert after.status == "paid"
    assert after.case.payments[-1] == Payment(TODAY, Decimal("600"))
    assert "aucun dossier en cours" in one(await chat.send("/dossiers"))


async def test_insolvency_proceedings_with_the_opening_judgment(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, amount="2000", due=date(2026, 10, 1))
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    assert "Quelle procédure collective" in one(await chat.press("Procédure collective"))
    assert "publiée au BODACC" in one(await chat.press("Redressement judiciaire"))
    assert "dans le futur" in one(await chat.send("demain"))
    assert "jugement d'ouverture" in one(await chat.send("12/11/2026"))
    assert "dans le futur" in one(await chat.send("13/11/2026"))  # after the publication
    text = one(await chat.send("05/11/2026"))
    assert "procédure collective enregistrée" in text
    assert "déclarer votre créance" in text and "12 janvier 2027" in text
    insolvency = (await stored(bot_env, cid)).case.insolvency
    assert insolvency == Insolvency(
        InsolvencyKind.RECEIVERSHIP, published_on=date(2026, 11, 12), opened_on=date(2026, 11, 5)
    )
    # Interest stops the day before the opening judgment: 2 Oct → 4 Nov, 34 days
    # (2 000 × 12,15 % × 34 / 365 = 22,64), not up to today (53 days).
    card = await open_card(bot_env, chat, cid)
    assert "Intérêts de retard : 22,64 €" in card


async def test_insolvency_is_not_offered_for_a_public_buyer(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, kind=DebtorKind.PUBLIC)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    data = [b["callback_data"] for row in chat.keyboard() for b in row]
    assert f"c:{cid}:insolv" not in data
    calls = await chat.press_data(f"c:{cid}:insolv")
    assert "Quelle procédure collective" not in " ".join(texts(calls))
    assert (await stored(bot_env, cid)).case.insolvency is None


async def test_payment_with_interest_and_indemnity_is_accepted(bot_env: BotEnv) -> None:
    """[v2] The client paid what the bot asked for: principal, interest and the 40 €."""
    cid = await make_case(bot_env, amount="1000")
    chat = await started(bot_env)
    await chat.press_data(f"pay:{cid}")
    await chat.send("1 057,64 €")
    assert "entièrement payée" in one(await chat.press("Aujourd'hui"))
    after = await stored(bot_env, cid)
    assert after.status == "paid"
    assert after.case.payments == (Payment(TODAY, Decimal("1057.64")),)


async def test_payment_of_the_exact_balance_closes_the_case(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, amount="300")
    chat = await started(bot_env)
    await chat.press_data(f"pay:{cid}")
    await chat.send("300")
    text = one(await chat.press("Aujourd'hui"))
    assert "entièrement payée" in text
    assert (await stored(bot_env, cid)).status == "paid"


async def test_payment_on_a_closed_case_is_refused(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    await bot_env.services.repo.close_case(A, cid, "abandoned")
    chat = await started(bot_env)
    text = one(await chat.press_data(f"pay:{cid}"))
    assert "est clos" in text
    assert (await stored(bot_env, cid)).case.payments == ()


# --- edit a fact ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "button, bad, error, good, check",
    [
        ("Montant", "-5", "supérieur à zéro", "1 300 €", ("amount", Decimal("1300"))),
        ("Échéance", "31/02/2026", "n'existe pas", "15/10/2026", ("due_date", date(2026, 10, 15))),
        ("N° de facture", "X" * 41, "trop long", "F-2026-099", ("number", "F-2026-099")),
        ("Nom du client", "   ", "entre 1 et 120", "Dupuis & Fils", ("name", "Dupuis & Fils")),
    ],
)
async def test_edit_each_fact(
    bot_env: BotEnv, button: str, bad: str, error: str, good: str, check: tuple[str, object]
) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    assert "Que voulez-vous corriger" in one(await chat.press("Modifier"))
    assert "Touchez l'un des boutons" in one(await chat.send("le montant"))
    assert "Actuellement" in one(await chat.press(button))
    if bad.strip():
        assert error in one(await chat.send(bad))
    calls = await chat.send(good)
    said = texts(calls)[0]
    assert ("Échéance modifiée" if button == "Échéance" else f"{button} modifié") in said or (
        button == "N° de facture" and "Numéro de facture modifié" in said
    )
    case = (await stored(bot_env, cid)).case
    field, value = check
    actual = {
        "amount": case.invoice.amount,
        "due_date": case.invoice.due_date,
        "number": case.invoice.number,
        "name": case.debtor.name,
    }[field]
    assert actual == value


async def test_edit_clears_the_invoice_number(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await chat.press_data(f"c:{cid}:edit")
    await chat.press("N° de facture")
    await chat.press("Effacer le numéro")
    assert (await stored(bot_env, cid)).case.invoice.number is None


async def test_edit_client_kind_drops_the_indemnity_for_a_consumer(bot_env: BotEnv) -> None:
    """A mis-tapped kind is corrected on the card: no 40 € claimed from a consumer (§6)."""
    cid = await make_case(bot_env, due=date(2026, 9, 1))
    await bot_env.services.repo.update_profile(A, full_name="Julie Moreau", email="j@moreau.fr")
    chat = await started(bot_env)
    assert "Indemnité forfaitaire" in await open_card(bot_env, chat, cid)
    await chat.press("Modifier")
    asked = one(await chat.press("Type de client"))
    assert "Actuellement : une entreprise" in asked
    assert "Touchez l'un des boutons" in one(await chat.send("je ne sais pas"))
    calls = await chat.press("Un particulier")
    assert "Type de client modifié" in texts(calls)[0]
    assert "Indemnité forfaitaire" not in texts(calls)[1]
    assert (await stored(bot_env, cid)).case.debtor.kind is DebtorKind.CONSUMER
    message = "\n".join(texts(await chat.press("Voir le message")))
    assert "Votre message prêt à envoyer" in message
    assert "40" not in message and "Indemnité" not in message


async def test_edit_client_kind_typed(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, kind=DebtorKind.CONSUMER)
    chat = await started(bot_env)
    await chat.press_data(f"c:{cid}:edit")
    await chat.press("Type de client")
    assert "Type de client modifié" in texts(await chat.send("une entreprise"))[0]
    assert (await stored(bot_env, cid)).case.debtor.kind is DebtorKind.BUSINESS


# --- close, reopen, delete ------------------------------------------------------------------------


@pytest.mark.parametrize("label, status", [("Payé", "paid"), ("Abandonné", "abandoned")])
async def test_close_and_reopen(bot_env: BotEnv, label: str, status: str) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    assert "Clore le dossier Atelier Dupuis" in one(await chat.press("Clore"))
    assert (await stored(bot_env, cid)).status == "open"  # nothing before the confirmation
    assert "clos" in one(await chat.press(label))
    assert (await stored(bot_env, cid)).status == status
    text = await open_card(bot_env, chat, cid)
    assert "Dossier payé" in text or "Dossier abandonné" in text
    assert "Rouvrir" in chat.button_labels()[0]
    await chat.press("Rouvrir")
    assert (await stored(bot_env, cid)).status == "open"


async def test_close_keep_open(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await chat.press_data(f"c:{cid}:close")
    await chat.press("Non, le garder ouvert")
    assert (await stored(bot_env, cid)).status == "open"


async def test_delete_needs_explicit_confirmation(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    assert "irréversible" in one(await chat.press("Supprimer"))
    await chat.press("Non")
    assert await bot_env.services.repo.get_case(A, cid) is not None
    await chat.press_data(f"c:{cid}:del")
    assert "est supprimé" in one(await chat.press("Oui, supprimer"))
    assert await bot_env.services.repo.get_case(A, cid) is None
    # Its old buttons are now stale.
    assert "n'est plus actif" in one(await chat.press_data(f"case:{cid}"))


# --- /annuler at every step -----------------------------------------------------------------------

PATHS = {
    "contact_step": [("data", "c:{cid}:contact")],
    "contact_channel": [("data", "c:{cid}:contact"), ("press", "Relance ferme")],
    "contact_date": [("data", "c:{cid}:contact"), ("press", "Relance ferme"), ("press", "SMS")],
    "response_kind": [("data", "c:{cid}:resp")],
    "response_promise": [("data", "c:{cid}:resp"), ("press", "A promis une date")],
    "response_note": [("data", "c:{cid}:resp"), ("press", "Conteste")],
    "pay_amount": [("data", "pay:{cid}")],
    "pay_date": [("data", "pay:{cid}"), ("send", "100")],
    "edit_field": [("data", "c:{cid}:edit")],
    "edit_value": [("data", "c:{cid}:edit"), ("press", "Montant")],
}


async def walk(chat: LocalChat, cid: int, path: list[tuple[str, str]]) -> None:
    for kind, value in path:
        value = value.format(cid=cid)
        if kind == "data":
            await chat.press_data(value)
        elif kind == "press":
            await chat.press(value)
        else:
            await chat.send(value)


@pytest.mark.parametrize("step", list(PATHS))
async def test_cancel_at_every_step(bot_env: BotEnv, step: str) -> None:
    cid = await make_case(bot_env)
    before = await stored(bot_env, cid)
    chat = await started(bot_env)
    await walk(chat, cid, PATHS[step])
    assert (await draft(bot_env))["case_id"] == cid
    text = one(await chat.send("/annuler"))
    assert "C'est annulé, rien n'a été modifié" in text
    assert await draft(bot_env) == {}
    after = await stored(bot_env, cid)
    assert after.case == before.case and after.status == before.status
    assert "Je n'attends pas de réponse" in one(await chat.send("1 200"))


@pytest.mark.parametrize("step", list(PATHS))
async def test_restart_resumes_every_step(bot_env: BotEnv, step: str) -> None:
    """The pending question survives a new Application on the same database."""
    cid = await make_case(bot_env)
    await walk(await started(bot_env), cid, PATHS[step])
    state_before = (await bot_env.services.repo.load_conversation(A, "cases", (A, A))).state
    await bot_env.restart()
    chat = await started(bot_env)
    assert (await bot_env.services.repo.load_conversation(A, "cases", (A, A))).state == state_before
    # A typed answer goes back to the same question (not to the free-text handler).
    reply = one(await chat.send("???"))
    assert "Je n'attends pas de réponse" not in reply


async def test_restart_mid_payment_records_it(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env, amount="1000")
    await walk(await started(bot_env), cid, PATHS["pay_date"])
    await bot_env.restart()
    await bot_env.chat(A).send("hier")
    assert (await stored(bot_env, cid)).case.payments == (
        Payment(date(2026, 11, 22), Decimal("100")),
    )


async def test_another_case_button_ends_the_pending_question(bot_env: BotEnv) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await chat.press_data(f"pay:{cid}")
    await chat.send("/dossiers")
    assert await draft(bot_env) == {}
    assert "Je n'attends pas de réponse" in one(await chat.send("100"))
    await chat.press_data(f"pay:{cid}")
    await chat.press_data(f"case:{cid}")
    assert await draft(bot_env) == {}


# --- ownership: forged and foreign ids ------------------------------------------------------------

FORGED = [
    "case:{cid}",
    "c:{cid}:contact",
    "c:{cid}:resp",
    "c:{cid}:edit",
    "pay:{cid}",
    "c:{cid}:close",
    "c:{cid}:close:paid",
    "c:{cid}:close:abandoned",
    "c:{cid}:del",
    "c:{cid}:del:yes",
    "c:{cid}:reopen",
    "a:{cid}:ch:email",
    "a:{cid}:pdf",
]


@pytest.mark.parametrize("pattern", FORGED)
async def test_another_users_case_reveals_nothing(bot_env: BotEnv, pattern: str) -> None:
    theirs = await make_case(bot_env, owner=B, name="Secret Client B", amount="4321")
    await make_case(bot_env, owner=A)
    before = await stored(bot_env, theirs, owner=B)
    chat = await started(bot_env)
    await chat.send("/dossiers")
    calls = await chat.press_data(pattern.format(cid=theirs))
    text = one(calls)
    assert "n'est plus actif" in text
    assert "Secret" not in text and "4 321" not in text
    after = await stored(bot_env, theirs, owner=B)
    assert after.case == before.case and after.status == before.status
    assert await draft(bot_env) == {}


@pytest.mark.parametrize(
    "data",
    [
        "case:abc",
        "case:",
        "case:-1",
        "case:0",
        "case:99999999999999999999999",
        "case:1:2",
        "c:abc:contact",
        "c:1",
        "c:999999:close",
        "pay:",
        "pay:x",
        "pay:1:2",
        "cases:abc",
        "c:{cid}:zzz",
        "c:{cid}:close:maybe",
        "c:{cid}:del:no",
    ],
)
async def test_garbage_callback_data(bot_env: BotEnv, data: str) -> None:
    cid = await make_case(bot_env)
    chat = await started(bot_env)
    await chat.send("/dossiers")
    calls = await chat.press_data(data.format(cid=cid))
    assert "n'est plus actif" in one(calls)
    assert (await stored(bot_env, cid)).status == "open"


async def test_two_users_interleaved(bot_env: BotEnv) -> None:
    ca = await make_case(bot_env, owner=A, name="Client de A", amount="100")
    cb = await make_case(bot_env, owner=B, name="Client de B", amount="200")
    alice, bob = await started(bot_env, A), await started(bot_env, B)
    await alice.press_data(f"pay:{ca}")
    await bob.press_data(f"pay:{cb}")
    await alice.send("40")
    await bob.send("150")
    await bob.send("hier")
    await alice.press("Aujourd'hui")
    assert (await stored(bot_env, ca, A)).case.payments == (Payment(TODAY, Decimal("40")),)
    assert (await stored(bot_env, cb, B)).case.payments == (
        Payment(date(2026, 11, 22), Decimal("150")),
    )
    text_a = one(await alice.send("/dossiers"))
    text_b = one(await bob.send("/dossiers"))
    assert "Client de A" in text_a and "Client de B" not in text_a and "60,00 €" in text_a
    assert "Client de B" in text_b and "Client de A" not in text_b and "50,00 €" in text_b


async def test_a_voice_note_or_an_unknown_command_says_the_question_still_waits(bot_env):
    """At the payment question, a voice note or /inconnue is not "no answer expected": the
    question stays open and the next typed amount is taken; with no question, idle."""
    cid = await make_case(bot_env, amount="900")
    chat = await started(bot_env)
    await open_card(bot_env, chat, cid)
    await chat.press("Paiement reçu")
    await chat.send_voice()
    assert "Votre question en cours reste ouverte" in chat.last_text
    await chat.send("/inconnue")
    assert chat.last_text.startswith("Je ne connais pas cette commande")
    assert "reste ouverte" in chat.last_text
    await chat.send("500")
    assert "Quand avez-vous reçu ces 500,00 €" in chat.last_text
    await chat.send("/annuler")
    await chat.send_voice()
    assert chat.last_text.startswith("Je n'attends pas de réponse")
    await chat.send("/inconnue")
    assert "/nouveau" in chat.last_text and "/aide" in chat.last_text
