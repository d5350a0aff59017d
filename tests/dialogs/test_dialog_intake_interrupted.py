"""The intake interrupted (DESIGN §9, issue 14): another command says the answers so far are
kept and offers to resume; a voice note gets what the bot can take; nothing is lost."""

from __future__ import annotations

from decimal import Decimal

from tests.support import dialog_fixtures

bot_env = dialog_fixtures.bot_env

ME = 1001


async def _to_amount_step(chat) -> None:
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.send("une entreprise")


async def _finish(chat) -> None:
    await chat.send("1 250,50 €")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.send("rien encore")
    await chat.send("non")  # no part paid yet
    await chat.send("Julie Moreau")


async def test_command_mid_intake_keeps_the_answers_and_resumes(bot_env):
    chat = bot_env.chat(ME)
    await _to_amount_step(chat)
    calls = await chat.send("/dossiers")
    texts = [c.plain_text or "" for c in calls if c.method == "sendMessage"]
    assert any("Atelier Dupuis" in t and "est gardé" in t for t in texts), texts
    assert "Reprendre le dossier" in chat.button_labels()
    await chat.press("Reprendre le dossier")
    assert "montant" in chat.last_text.lower()
    await _finish(chat)
    cases = await bot_env.services.repo.list_open_cases(ME)
    assert [(c.case.debtor.name, c.case.invoice.amount) for c in cases] == [
        ("Atelier Dupuis", Decimal("1250.50"))
    ]


async def test_command_outside_the_intake_says_nothing_about_a_draft(bot_env):
    chat = bot_env.chat(ME)
    calls = await chat.send("/dossiers")
    assert not any("est gardé" in (c.plain_text or "") for c in calls)


async def test_voice_note_mid_intake_says_what_the_bot_reads(bot_env):
    chat = bot_env.chat(ME)
    await _to_amount_step(chat)
    await chat.send_voice()
    assert "vocaux" in chat.last_text and "PDF" in chat.last_text
    assert chat.button_labels() == ["Reprendre le dossier"]
    await _finish(chat)  # the question was kept: the typed amount is its answer
    cases = await bot_env.services.repo.list_open_cases(ME)
    assert [c.case.invoice.amount for c in cases] == [Decimal("1250.50")]


async def test_photo_mid_intake_asks_for_the_pdf_or_a_typed_answer(bot_env):
    chat = bot_env.chat(ME)
    await _to_amount_step(chat)
    await chat.send_photo(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert "PDF" in chat.last_text and "question en cours" in chat.last_text
    assert "/nouveau" not in chat.last_text
    await _finish(chat)
    cases = await bot_env.services.repo.list_open_cases(ME)
    assert [c.case.invoice.amount for c in cases] == [Decimal("1250.50")]
