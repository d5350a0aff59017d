"""The intake looks the client up in the company register and the BODACC (stand-in)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import pytest

from bot.domain.assess import assess
from bot.domain.facts import DebtorKind, InsolvencyKind, Stage
from bot.outside.lookup import Outside
from bot.outside.standin import OutsideStandin
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env

ME = 3003
KIND_QUESTION = "est :"


@pytest.fixture(scope="module")
def server() -> Iterator[OutsideStandin]:
    with OutsideStandin() as standin:
        yield standin


@pytest.fixture
async def env(bot_env: BotEnv, server: OutsideStandin) -> AsyncIterator[BotEnv]:
    server.requests.clear()
    outside = Outside.create(server.url, server.url)
    bot_env.services.outside = outside
    yield bot_env
    await outside.aclose()


def texts(calls) -> str:
    return "\n".join(c.plain_text or "" for c in calls if c.is_message)


async def rest_of_intake(chat) -> str:
    """Amount, no number, due date, nothing done yet, no signature: the answer's text."""
    said = [
        await chat.send("1 250,50 €"),
        await chat.press("Passer"),
        await chat.send("15/10/2026"),
    ]
    said.append(await chat.press("Rien encore"))
    said.append(await chat.press("Non"))  # no part paid yet
    said.append(await chat.press("Passer"))
    return "\n".join(texts(calls) for calls in said)


async def only_case(env: BotEnv):
    (stored,) = await env.services.repo.list_open_cases(ME)
    return stored.case


async def test_the_chosen_company_fills_siren_address_and_kind(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    said = texts(await chat.send("Atelier Dupuis SARL"))
    assert "Je cherche Atelier Dupuis SARL dans l'annuaire des entreprises…" in said
    assert chat.button_labels() == ["ATELIER DUPUIS · LYON 3EME · 812 345 676", "Aucun de ceux-là"]
    said = texts(await chat.press("ATELIER DUPUIS · LYON 3EME · 812 345 676"))
    assert "SIREN 812 345 676, 12 RUE DES TANNEURS, 69003 LYON 3EME" in said
    assert KIND_QUESTION not in said and "montant" in said
    answer = await rest_of_intake(chat)
    case = await only_case(env)
    assert case.debtor.name == "Atelier Dupuis SARL"
    assert case.debtor.kind is DebtorKind.BUSINESS
    assert case.debtor.siren == "812345676"
    assert case.debtor.address == "12 RUE DES TANNEURS\n69003 LYON 3EME"
    assert case.insolvency is None
    assert "Votre message prêt à envoyer" in answer


async def test_none_of_those_asks_the_kind(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("atelier")
    assert len(chat.button_labels()) == 4  # three matches at most, and "none of those"
    said = texts(await chat.press("Aucun de ceux-là"))
    assert KIND_QUESTION in said
    await chat.press("Une entreprise")
    await rest_of_intake(chat)
    case = await only_case(env)
    assert (case.debtor.siren, case.debtor.address) == (None, None)


async def test_typed_text_or_a_forged_match_keeps_the_buttons(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Studio Lumen")
    said = texts(await chat.send("le premier"))
    assert "Touchez l'un des boutons" in said
    assert "Aucun de ceux-là" in chat.button_labels()
    calls = await chat.press_data("lk:7")
    assert any(c.method == "answerCallbackQuery" for c in calls)
    assert KIND_QUESTION not in texts(calls)
    said = texts(await chat.press("STUDIO LUMEN · PARIS 11 · 830 124 574"))
    assert "redressement judiciaire" in said


async def test_service_down_goes_on_by_hand(bot_env: BotEnv) -> None:
    with OutsideStandin() as gone:
        url = gone.url
    bot_env.services.outside = Outside.create(url, url)
    try:
        chat = bot_env.chat(ME)
        await chat.send("/nouveau")
        said = texts(await chat.send("Atelier Dupuis"))
        assert "L'annuaire des entreprises ne répond pas pour l'instant" in said
        assert KIND_QUESTION in said
        await chat.press("Une entreprise")
        await rest_of_intake(chat)
        assert (await only_case(bot_env)).debtor.siren is None
    finally:
        await bot_env.services.outside.aclose()


async def test_bodacc_down_still_fills_the_client_and_says_it(
    bot_env: BotEnv, server: OutsideStandin
) -> None:
    bot_env.services.outside = Outside.create(server.url, "http://127.0.0.1:9")
    try:
        chat = bot_env.chat(ME)
        await chat.send("/nouveau")
        await chat.send("Studio Lumen")
        said = texts(await chat.press(0))
        assert "Le BODACC ne répond pas pour l'instant" in said
        assert "redressement" not in said and KIND_QUESTION not in said
        await rest_of_intake(chat)
        case = await only_case(bot_env)
        assert (case.debtor.siren, case.insolvency) == ("830124574", None)
    finally:
        await bot_env.services.outside.aclose()


async def test_a_public_body_sets_the_kind_without_asking(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Centre hospitalier de Beauvallon")
    said = texts(await chat.press(0))
    assert "organisme public" in said and KIND_QUESTION not in said
    await rest_of_intake(chat)
    case = await only_case(env)
    assert case.debtor.kind is DebtorKind.PUBLIC
    assert case.debtor.siren == "267200194"


async def test_a_company_in_receivership_goes_to_insolvency(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Studio Lumen")
    said = texts(await chat.press("STUDIO LUMEN · PARIS 11 · 830 124 574"))
    assert "STUDIO LUMEN" not in said.split("\n")[-1]  # the user's name for the client
    assert "Studio Lumen est en redressement judiciaire depuis le 14 octobre 2026" in said
    assert "publié au BODACC le 24 octobre 2026" in said
    assert "déclarer votre créance au mandataire judiciaire avant le 24 décembre 2026" in said
    await rest_of_intake(chat)
    case = await only_case(env)
    assert case.insolvency is not None
    assert (case.insolvency.kind, case.insolvency.opened_on, case.insolvency.published_on) == (
        InsolvencyKind.RECEIVERSHIP,
        date(2026, 10, 14),
        date(2026, 10, 24),
    )
    assessment = assess(case, env.clock.today())
    assert assessment.stage is Stage.INSOLVENCY
    assert "insolvency_declare" in assessment.warnings


async def test_a_ceased_company_in_liquidation_is_said_at_once(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Café des Âmes")
    said = texts(await chat.press(0))
    assert "est en liquidation judiciaire depuis le 5 novembre 2024" in said
    await rest_of_intake(chat)
    case = await only_case(env)
    assert case.insolvency is not None and case.insolvency.kind is InsolvencyKind.LIQUIDATION


async def test_a_siren_typed_as_the_name_takes_the_registers_name(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("790 456 123")
    said = texts(await chat.press(0))
    assert "BOULANGERIE MÉRIDIENNE est en liquidation judiciaire depuis le 2 septembre 2026" in said
    await rest_of_intake(chat)
    assert (await only_case(env)).debtor.name == "BOULANGERIE MÉRIDIENNE"


async def test_a_private_person_is_never_looked_up(env: BotEnv, server: OutsideStandin) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    said = texts(await chat.send("Mme Dupuis"))
    assert KIND_QUESTION in said and "annuaire" not in said
    assert server.requests == []


async def test_the_matches_survive_a_restart(env: BotEnv) -> None:
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Jardins d'Émile")
    await env.restart()  # services without the outside clients: the draft has the matches
    chat = env.chat(ME)
    said = texts(await chat.press(0))
    assert "est en procédure de sauvegarde depuis le 2 octobre 2026" in said
    await rest_of_intake(chat)
    assert (await only_case(env)).debtor.address == "150 AV DE L'ARGONNE\n33700 MERIGNAC"


async def test_the_case_card_looks_a_client_up_later(env: BotEnv) -> None:
    outside = env.services.outside
    env.services.outside = None  # the intake went on by hand
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Boulangerie Méridienne")
    await chat.press("Une entreprise")
    await rest_of_intake(chat)
    stored = (await env.services.repo.list_open_cases(ME))[0]
    env.services.outside = outside
    await chat.send("/dossiers")
    await chat.press_data(f"case:{stored.id}")
    assert "🔎 Chercher dans l'annuaire" in chat.button_labels()
    await chat.press("🔎 Chercher dans l'annuaire")
    said = texts(await chat.press("BOULANGERIE MÉRIDIENNE · MARSEILLE · 790 456 123"))
    assert "est en liquidation judiciaire depuis le 2 septembre 2026" in said
    assert "à la fin" not in said
    assert "🔎 Chercher dans l'annuaire" not in chat.button_labels()  # the card again
    case = await only_case(env)
    assert case.debtor.siren == "790456123"
    assert case.debtor.address == "3 PL DU MARCHE\n13002 MARSEILLE"
    assert case.insolvency is not None and case.insolvency.kind is InsolvencyKind.LIQUIDATION


async def test_the_card_lookup_corrects_the_kind_and_none_of_those_keeps_the_case(
    env: BotEnv,
) -> None:
    outside = env.services.outside
    env.services.outside = None
    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Commune de Val-des-Cèdres")
    await chat.press("Une entreprise")
    await rest_of_intake(chat)
    stored = (await env.services.repo.list_open_cases(ME))[0]
    env.services.outside = outside
    await chat.press_data(f"case:{stored.id}")
    await chat.press("🔎 Chercher dans l'annuaire")
    await chat.press("Aucun de ceux-là")
    assert (await only_case(env)).debtor.siren is None
    await chat.press("🔎 Chercher dans l'annuaire")
    said = texts(await chat.press(0))
    assert "organisme public" in said
    case = await only_case(env)
    assert (case.debtor.kind, case.debtor.siren) == (DebtorKind.PUBLIC, "216904128")


async def test_a_registered_client_needs_no_question_for_the_letter(env: BotEnv) -> None:
    """Issue 20: the register gave the kind and the address, so the letter asks nothing of
    the client (the sender's own details are in the profile)."""
    from bot.domain.facts import Channel, Contact, Step

    chat = env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis SARL")
    await chat.press("ATELIER DUPUIS · LYON 3EME · 812 345 676")
    await rest_of_intake(chat)
    (stored,) = await env.services.repo.list_open_cases(ME)
    repo = env.services.repo
    await repo.update_profile(
        ME, full_name="Camille Leroy", email="camille@example.fr",
        address="12 rue des Lilas\n69003 Lyon", city="Lyon",
    )  # fmt: skip
    await repo.update_case_fields(ME, stored.id, due_date=date(2026, 9, 1))
    for day, step in ((date(2026, 9, 2), Step.FRIENDLY_REMINDER),
                      (date(2026, 9, 20), Step.FIRM_REMINDER),
                      (date(2026, 10, 10), Step.FINAL_NOTICE)):  # fmt: skip
        await repo.add_contact(ME, stored.id, Contact(day, step, Channel.EMAIL))
    calls = await chat.press_data(f"a:{stored.id}:ch:letter")
    said = texts(calls)
    assert "Quelle est l'adresse postale" not in said
    assert "Mise en demeure" in said and "12 RUE DES TANNEURS" in said
