"""Ask just in time, once (DESIGN §6): the details a message needs, asked before it is shown,
through the real Application and the Bot API stand-in; answers survive a restart."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from pypdf import PdfReader

from bot.domain.facts import Case, Channel, Contact, Debtor, DebtorKind, Invoice, Step
from conversations.details import clean_address
from tests.dialogs.test_dialog_cases import one, started, texts
from tests.support import dialog_fixtures
from tests.support.dialog_fixtures import BotEnv

bot_env = dialog_fixtures.bot_env  # the fixture, for this module

U = 4004
QUESTION_MARKS = ("quel nom", "joindre", "adresse postale")


async def formal_case(env: BotEnv) -> int:
    """A 1 250 € invoice at the formal-notice stage on the fixture's today (23 Nov 2026)."""
    due = date(2026, 9, 15)
    case = Case(
        Debtor("Atelier Dupuis", DebtorKind.BUSINESS),
        Invoice(Decimal("1250.00"), due, "F-12"),
        contacts=(
            Contact(date(2026, 9, 20), Step.FRIENDLY_REMINDER, Channel.EMAIL),
            Contact(date(2026, 10, 10), Step.FIRM_REMINDER, Channel.EMAIL),
            Contact(date(2026, 10, 30), Step.FINAL_NOTICE, Channel.EMAIL),
        ),
    )
    return await env.services.repo.create_case(U, case, chat_id=U)


def is_question(text: str) -> bool:
    return any(mark in text.lower() for mark in QUESTION_MARKS)


def test_clean_address():
    assert clean_address("12 rue des Lilas, 69003 Lyon") == ("12 rue des Lilas\n69003 Lyon", "Lyon")
    assert clean_address("8 av. Foch\n75016 Paris") == ("8 av. Foch\n75016 Paris", "Paris")
    assert clean_address("Lyon") is None and clean_address("69003 Lyon") is None


async def test_empty_profile_asks_before_showing_the_email(bot_env: BotEnv) -> None:
    cid = await formal_case(bot_env)
    chat = await started(bot_env, U)
    asked = one(await chat.press_data(f"a:{cid}:ch:email"))
    assert "quel nom" in asked.lower() and "Mise en demeure" not in asked
    assert "joindre" in one(await chat.send("Julie Moreau — Studio Moreau")).lower()
    assert "facultative" in one(await chat.send("julie@studio-moreau.fr"))
    shown = texts(await chat.press("Passer"))[-1]
    assert "Madame, Monsieur," in shown  # no contact person: the formal greeting
    assert "Mise en demeure" in shown and "Julie Moreau" in shown
    assert "julie@studio-moreau.fr" in shown and "[" not in shown
    user = await bot_env.services.repo.get_user(U)
    assert user.email == "julie@studio-moreau.fr" and user.business_name == "Studio Moreau"
    # asked once: the next message needs nothing more
    again = one(await chat.press_data(f"a:{cid}:ch:sms"))
    assert not is_question(again) and "Julie Moreau" in again
    one(await chat.press_data(f"a:{cid}:ch:call"))
    assert "✅ Appel fait" in chat.button_labels()


async def test_channels_offered_only_where_they_have_their_own_text(bot_env: BotEnv) -> None:
    chat = await started(bot_env, U)
    await bot_env.services.repo.update_profile(U, full_name="Julie Moreau", email="j@m.fr")
    case = Case(Debtor("Atelier Dupuis", DebtorKind.BUSINESS),
                Invoice(Decimal("1250.00"), date(2026, 11, 2), "F-12"))
    cid = await bot_env.services.repo.create_case(U, case, chat_id=U)
    one(await chat.press_data(f"a:{cid}:ch:email"))  # a friendly reminder: no letter of its own
    labels = chat.button_labels()
    assert "💬 SMS" in labels and "📮 Lettre" not in labels


async def test_new_user_gets_the_pdf_after_four_short_questions_even_across_a_restart(
    bot_env: BotEnv,
) -> None:
    cid = await formal_case(bot_env)
    chat = await started(bot_env, U)
    questions = [one(await chat.press_data(f"a:{cid}:pdf"))]
    questions.append(one(await chat.send("Julie Moreau")))
    await bot_env.restart()  # as after kill -9: the pending question is in the database
    chat = bot_env.chat(U)
    questions.append(one(await chat.send("06 12 34 56 78")))
    questions.append(one(await chat.send("12 rue des Lilas, 69003 Lyon")))
    optional = one(await chat.send("8 avenue Jean Jaurès, 69007 Lyon"))
    assert "facultative" in optional and "Passer" in chat.button_labels()
    assert "Il me faut un nom" in one(await chat.send("Madame"))
    calls = await chat.send("Madame Martin")
    assert len(questions) == 4 and all(is_question(q) for q in questions), questions
    assert chat.documents, texts(calls)
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(chat.documents[-1].content)).pages
    ).replace("\u00a0", " ")
    for line in ("Julie Moreau", "06 12 34 56 78", "12 rue des Lilas", "69003 Lyon",
                 "8 avenue Jean Jaurès", "69007 Lyon", "Lyon, le 23 novembre 2026",
                 "À l'attention de Madame Martin", "Madame,", "d'agréer, Madame, l'expression"):
        assert line in text, line
    stored = await bot_env.services.repo.get_case(U, cid)
    assert stored.case.debtor.address == "8 avenue Jean Jaurès\n69007 Lyon"
    assert (stored.case.debtor.civility, stored.case.debtor.contact_name) == ("madame", "Martin")
    # the next PDF asks nothing
    before = len(chat.documents)
    assert not [t for t in texts(await chat.press_data(f"a:{cid}:pdf")) if is_question(t)]
    assert len(chat.documents) == before + 1


async def test_a_bad_address_is_asked_again_with_an_example(bot_env: BotEnv) -> None:
    cid = await formal_case(bot_env)
    chat = await started(bot_env, U)
    await bot_env.services.repo.update_profile(U, full_name="Julie Moreau", email="j@m.fr")
    assert "adresse postale" in one(await chat.press_data(f"a:{cid}:pdf")).lower()
    retry = one(await chat.send("chez moi"))
    assert "code postal" in retry and "69003 Lyon" in retry
    assert "adresse postale" in one(await chat.send("12 rue des Lilas, 69003 Lyon")).lower()


async def test_see_message_on_the_card_asks_what_the_letter_needs(bot_env: BotEnv) -> None:
    """A formal notice's card shows the registered letter: its details are asked first."""
    cid = await formal_case(bot_env)
    chat = await started(bot_env, U)
    await chat.press_data(f"case:{cid}")
    assert f"a:{cid}:ch:letter" in [b["callback_data"] for b in chat.last.buttons]
    assert "quel nom" in one(await chat.press("Voir le message")).lower()
    await chat.send("Julie Moreau")
    assert "votre adresse postale" in one(await chat.send("julie@studio-moreau.fr"))
    asked = one(await chat.send("12 rue des Lilas, 69003 Lyon"))  # the city comes with it
    assert "adresse postale d'Atelier Dupuis" in asked
    await chat.send("8 avenue Jean Jaurès, 69007 Lyon")
    shown = texts(await chat.press("Passer"))[-1]
    assert "Mise en demeure" in shown and "8 avenue Jean Jaurès" in shown and "[" not in shown


async def test_the_digest_button_asks_before_showing_the_message(bot_env: BotEnv) -> None:
    """The reminders digest's buttons go through the same just-in-time questions."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from bot.reminders import sweep

    case = Case(
        Debtor("Atelier Dupuis", DebtorKind.BUSINESS), Invoice(Decimal("800"), date(2026, 11, 2))
    )
    cid = await bot_env.services.repo.create_case(U, case, chat_id=U)
    chat = await started(bot_env, U)
    at = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    report = await sweep(bot_env.services, bot_env.app.bot, at)
    assert report.sent == 1
    assert f"a:{cid}:ch:email" in [b["callback_data"] for b in chat.last.buttons]
    assert "quel nom" in one(await chat.press(0)).lower()
    await chat.send("Julie Moreau")
    await chat.send("06 12 34 56 78")
    shown = one(await chat.send("M. Durand"))  # the optional contact person, answered
    assert "Votre message prêt à envoyer" in shown and "06 12 34 56 78" in shown
    assert "Bonjour Monsieur Durand," in shown
    assert "[" not in shown
