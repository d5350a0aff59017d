"""`/profil`: show, set each field with validation, clear, skip, /annuler."""

from __future__ import annotations

import pytest

from bot.local.bot_api import BotCall, LocalChat
from conversations.profile import clean_contact, clean_iban, clean_siret
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

U = 3003
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def one(calls: list[BotCall]) -> str:
    found = [c.plain_text or "" for c in calls if c.is_message and c.ok]
    assert len(found) == 1, found
    return found[0]


async def profile_chat(env: BotEnv) -> LocalChat:
    chat = env.chat(U)
    text = one(await chat.send("/profil"))
    assert "Votre profil" in text
    return chat


async def user(env: BotEnv):
    record = await env.services.repo.get_user(U)
    assert record is not None
    return record


def test_validators() -> None:
    assert clean_iban("fr7630006000011234567890189") == IBAN
    assert clean_iban(IBAN.replace("189", "188")) is None  # mod-97 fails
    assert clean_iban("FR76 3000 6000 0112 3456 7890 18") is None  # too short for FR
    assert clean_iban("not an iban") is None
    assert clean_contact("julie@studio.fr") == "julie@studio.fr"
    assert clean_contact("06 12 34 56 78") == "06 12 34 56 78"
    assert clean_contact("+33 6 12 34 56 78") is not None
    assert clean_contact("julie at studio") is None
    assert clean_contact("12") is None
    assert clean_siret("732 829 320 00074") == "73282932000074"
    assert clean_siret("123 456 789 00012") is None  # Luhn check fails
    assert clean_siret("1234") is None


async def test_show_empty_profile(bot_env: BotEnv) -> None:
    chat = await profile_chat(bot_env)
    assert chat.button_labels() == [
        "Nom", "Entreprise", "Adresse", "Ville", "E-mail", "Téléphone", "IBAN", "SIRET", "TVA"
    ]
    assert "Nom : —" in chat.last_text


@pytest.mark.parametrize(
    "button, bad, error, good, field, stored",
    [
        ("Nom", " ", None, "Julie Moreau", "full_name", "Julie Moreau"),
        (
            "Entreprise",
            "x" * 121,
            "entre 1 et 120",
            "Studio <Moreau>",
            "business_name",
            "Studio <Moreau>",
        ),
        (
            "E-mail",
            "julie chez studio",
            "ni un e-mail ni un téléphone",
            "julie@studio.fr",
            "email",
            "julie@studio.fr",
        ),
        ("Téléphone", "12", "06 12 34 56 78", "06 12 34 56 78", "phone", "06 12 34 56 78"),
        (
            "Adresse",
            "chez moi",
            "code postal",
            "12 rue des Lilas, 69003 Lyon",
            "address",
            "12 rue des Lilas\n69003 Lyon",
        ),
        ("Ville", " ", None, "Lyon", "city", "Lyon"),
        (
            "IBAN",
            IBAN.replace("189", "188"),
            "clé de contrôle",
            IBAN.replace(" ", ""),
            "iban",
            IBAN,
        ),
        ("SIRET", "123 456 789 00012", "732 829 320 00074", "73282932000074", "siret",
         "73282932000074"),
    ],
)
async def test_set_each_field(
    bot_env: BotEnv,
    button: str,
    bad: str,
    error: str | None,
    good: str,
    field: str,
    stored: str,
) -> None:
    chat = await profile_chat(bot_env)
    one(await chat.press(button))
    if error:
        assert error in one(await chat.send(bad))
        assert getattr(await user(bot_env), field) is None
    text = one(await chat.send(good))
    assert "enregistré" in text
    assert getattr(await user(bot_env), field) == stored
    assert await bot_env.services.draft_data(U, U, "profile") == {}


async def test_escapes_profile_values(bot_env: BotEnv) -> None:
    chat = await profile_chat(bot_env)
    await chat.press("Entreprise")
    calls = await chat.send("A & <B>")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert sent[0].ok and "A &amp; &lt;B&gt;" in sent[0].text


async def test_skip_and_clear(bot_env: BotEnv) -> None:
    chat = await profile_chat(bot_env)
    await chat.press("Téléphone")
    assert chat.button_labels() == ["Passer"]  # nothing to clear yet
    await chat.press("Passer")
    assert (await user(bot_env)).phone is None
    await chat.press("Téléphone")
    await chat.send("06 12 34 56 78")
    await chat.press("Téléphone")
    assert chat.button_labels() == ["Effacer", "Passer"]
    await chat.press("Effacer")
    assert (await user(bot_env)).phone is None


async def test_vat_franchise_and_address_fill_the_next_message(bot_env: BotEnv) -> None:
    from datetime import date
    from decimal import Decimal

    from bot.domain.facts import Case, Debtor, DebtorKind, Invoice

    chat = await profile_chat(bot_env)
    await chat.press("TVA")
    assert chat.button_labels() == ["Oui", "Non", "Passer"]
    assert "franchise (art. 293 B" in one(await chat.press("Oui"))
    assert (await user(bot_env)).vat_franchise is True
    await chat.press("Adresse")
    await chat.send("12 rue des Lilas, 69003 Lyon")
    record = await user(bot_env)
    assert record.address == "12 rue des Lilas\n69003 Lyon" and record.city == "Lyon"
    await chat.press("Nom")
    await chat.send("Julie Moreau")
    await chat.press("E-mail")
    await chat.send("julie@studio.fr")
    case = Case(Debtor("Atelier Dupuis", DebtorKind.BUSINESS),
                Invoice(Decimal("1250.00"), date(2026, 11, 2), "F-12"))
    cid = await bot_env.services.repo.create_case(U, case, chat_id=U)
    shown = one(await chat.press_data(f"a:{cid}:ch:email"))  # nothing to ask: all known
    assert "1 250,00 €" in shown and "TTC" not in shown and "julie@studio.fr" in shown


async def test_cancel(bot_env: BotEnv) -> None:
    chat = await profile_chat(bot_env)
    await chat.press("IBAN")
    assert "votre profil n'a pas changé" in one(await chat.send("/annuler"))
    assert (await user(bot_env)).iban is None
    assert "Je n'attends pas de réponse" in one(await chat.send(IBAN))


async def test_restart_resumes_the_question(bot_env: BotEnv) -> None:
    chat = await profile_chat(bot_env)
    await chat.press("Nom")
    await bot_env.restart()
    await bot_env.chat(U).send("Julie Moreau")
    assert (await user(bot_env)).full_name == "Julie Moreau"


async def test_users_do_not_share_profiles(bot_env: BotEnv) -> None:
    chat = await profile_chat(bot_env)
    other = bot_env.chat(U + 1)
    await other.send("/profil")
    await chat.press("Nom")
    await other.press("Nom")
    await chat.send("Julie")
    await other.send("Marc")
    assert (await user(bot_env)).full_name == "Julie"
    other_user = await bot_env.services.repo.get_user(U + 1)
    assert other_user is not None and other_user.full_name == "Marc"
