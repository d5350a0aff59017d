"""An invoice PDF sent to the bot, through the real Application and the in-process Bot API
stand-in serving the download (getFile, then the file's bytes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tests.support import dialog_fixtures
from tests.support.invoice_facturx import FACTURX, facturx_pdf
from tests.support.invoice_plain import classic, micro_terms, not_a_pdf, scanned_pdf

bot_env = dialog_fixtures.bot_env

ME = 3003
CARD = (
    "Facture 2026-041 — Atelier Dupuis SARL (SIREN 552 100 554) — 1 250,00 € — "
    "à régler le 12 décembre 2026"
)


def texts(calls) -> str:
    return "\n".join(call.plain_text or "" for call in calls if call.is_message)


async def finish(chat):
    """From the "what was already done" question to the answer."""
    await chat.press("Rien encore")
    await chat.press("Non")  # no part paid yet
    return await chat.press("Passer")  # the signature, asked once


async def test_pdf_at_nouveau_fills_the_intake_and_asks_only_the_rest(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    calls = await chat.send_document(classic())
    # getFile, the download of its file_path, then the card
    assert [c.method for c in calls] == ["getFile", "file_1.pdf", "sendMessage"]
    assert all(c.ok for c in calls)
    assert CARD in chat.last_text
    assert "\nAdresse du client : 3 avenue Jean Jaurès, 69007 Lyon\nEst-ce juste ?" in (
        chat.last_text
    )  # each on its own line
    assert chat.button_labels() == ["Confirmer", "Corriger", "Saisir à la main"]
    await chat.press("Confirmer")
    assert "Atelier Dupuis SARL est" in chat.last_text  # the client's kind: not on an invoice
    await chat.press("Une entreprise")
    assert "Rien encore" in chat.button_labels()  # amount, number, due date: all known
    answer = texts(await finish(chat))
    assert "1 250,00 €" in answer
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    debtor, invoice = stored.case.debtor, stored.case.invoice
    assert (debtor.name, debtor.siren) == ("Atelier Dupuis SARL", "552100554")
    assert debtor.address == "3 avenue Jean Jaurès\n69007 Lyon"
    assert (invoice.number, invoice.amount) == ("2026-041", Decimal("1250.00"))
    assert (invoice.issue_date, invoice.due_date) == (date(2026, 11, 12), date(2026, 12, 12))


async def test_pdf_mid_intake_replaces_what_was_typed_and_keeps_the_kind(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Editions")
    await chat.press("Une entreprise")
    assert "montant" in chat.last_text
    await chat.send_document(micro_terms(), "F-2026-17.pdf")
    assert "Éditions du Port" in chat.last_text and "TVA non applicable" in chat.last_text
    assert "échue le 2 décembre 2026" not in chat.last_text  # 30 days after 2 November
    assert "à régler le 2 décembre 2026" in chat.last_text
    await chat.press("Confirmer")
    assert "Rien encore" in chat.button_labels()
    await finish(chat)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert stored.case.debtor.name == "Éditions du Port"
    assert stored.case.debtor.kind.value == "business"
    assert stored.case.invoice.due_date == date(2026, 12, 2)


async def test_a_forwarded_pdf_at_any_moment_starts_an_intake(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/start")
    invoice = FACTURX[2]  # Factur-X BASIC with a deposit: what is left to pay
    await chat.send_document(facturx_pdf(invoice), forwarded_from="Comptabilité")
    assert "Facture B-2026-041 — Atelier Dupuis SARL" in chat.last_text
    assert "2 000,00 €" in chat.last_text and "à régler le 3 décembre 2026" in chat.last_text
    await chat.press("Confirmer")
    assert "Atelier Dupuis SARL est" in chat.last_text
    await chat.press("Un organisme public")
    await finish(chat)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert stored.case.invoice.amount == Decimal("2000.00")
    assert stored.case.invoice.service_date == date(2026, 10, 30)


async def test_correct_one_field_asks_it_and_keeps_the_others(bot_env):
    chat = bot_env.chat(ME)
    await chat.send_document(classic())
    await chat.press("Corriger")
    assert chat.button_labels() == ["Le client", "Le montant", "Le numéro", "L'échéance"]
    await chat.press("Le montant")
    await chat.press("Une entreprise")
    assert "montant" in chat.last_text
    await chat.send("1 000")
    assert "Rien encore" in chat.button_labels()
    await finish(chat)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert stored.case.invoice.amount == Decimal("1000.00")
    assert stored.case.invoice.number == "2026-041"


async def test_correct_the_due_date(bot_env):
    chat = bot_env.chat(ME)
    await chat.send_document(classic())
    await chat.press("Corriger")
    await chat.press("L'échéance")
    await chat.press("Une entreprise")
    assert "Je ne connais que la date de facture" in chat.button_labels()
    await chat.send("20/12/2026")
    await finish(chat)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert stored.case.invoice.due_date == date(2026, 12, 20)


async def test_refusing_the_card_keeps_nothing_from_the_pdf(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send_document(classic())
    await chat.press("Saisir à la main")
    assert "nom du client" in chat.last_text
    await chat.send("Studio Martin")
    [record] = await bot_env.services.repo.list_conversations(ME)
    assert record.data == {"name": "Studio Martin"}
    assert "Studio Martin est" in chat.last_text


async def test_only_the_facts_are_kept(bot_env):
    chat = bot_env.chat(ME)
    await chat.send_document(classic())
    await chat.press("Confirmer")
    [record] = await bot_env.services.repo.list_conversations(ME)
    assert set(record.data) == {
        "name", "siren", "address", "amount", "number", "issue_date", "due_date",
    }  # fmt: skip
    assert all(isinstance(value, str) and len(value) < 200 for value in record.data.values())


async def test_a_photo_gets_one_sentence_asking_for_the_pdf(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    calls = await chat.send_photo(b"\xff\xd8\xff\xe0 not really a jpeg")
    assert len([c for c in calls if c.method == "sendMessage"]) == 1
    assert "Il me faut la facture en PDF" in chat.last_text
    assert bot_env.request.calls_of("getFile") == []
    await chat.send("Atelier Dupuis")  # the intake goes on where it was
    assert "Atelier Dupuis est" in chat.last_text


async def test_unreadable_documents_get_one_clear_sentence(bot_env):
    chat = bot_env.chat(ME)
    await chat.send_document(scanned_pdf(), "scan.pdf")
    assert "ne contient qu'une image" in chat.last_text
    await chat.send_document(not_a_pdf(), "facture.pdf")
    assert "n'est pas un PDF" in chat.last_text
    await chat.send_document(b"plain text", "notes.txt", "text/plain")
    assert "n'est pas un PDF" in chat.last_text
    assert await bot_env.services.repo.list_conversations(ME) == []


async def test_a_file_over_20_mb_is_refused_before_any_download(bot_env):
    chat = bot_env.chat(ME)
    await chat.send_document(b"%PDF-1.4\n" + bytes(20 * 1024 * 1024 + 1))
    assert "dépasse 20 Mo" in chat.last_text
    assert bot_env.request.calls_of("getFile") == []


async def test_a_card_left_before_a_restart_asks_for_the_pdf_again(bot_env):
    chat = bot_env.chat(ME)
    await chat.send_document(classic())
    await bot_env.restart()
    chat = bot_env.chat(ME)
    await chat.press("Confirmer")
    assert "renvoyez le PDF" in chat.last_text
    assert await bot_env.services.repo.list_conversations(ME) == []


async def test_a_pdf_late_in_an_intake_waits_for_the_current_case(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.press("Une entreprise")
    await chat.send("500")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.send_document(classic())
    assert "Une autre facture est en cours de saisie" in chat.last_text
    assert bot_env.request.calls_of("getFile") == []
    await finish(chat)
    [stored] = await bot_env.services.repo.list_open_cases(ME)
    assert stored.case.invoice.amount == Decimal("500.00")


async def test_after_cancelling_the_stale_intake_the_pdf_is_read(bot_env):
    chat = bot_env.chat(ME)
    await chat.send("/nouveau")
    await chat.send("Atelier Dupuis")
    await chat.press("Une entreprise")
    await chat.send("500")
    await chat.press("Passer")
    await chat.send("15/10/2026")
    await chat.send_document(classic())
    assert "/annuler" in chat.last_text
    await chat.send("/annuler")
    await chat.send_document(classic())
    assert CARD in chat.last_text
    await chat.press("Confirmer")
    assert "Atelier Dupuis SARL est" in chat.last_text


def test_the_dialog_and_the_reader_share_the_size_limit():
    from bot import documents
    from conversations import invoice_pdf

    assert invoice_pdf.MAX_BYTES == documents.MAX_BYTES == 20 * 1024 * 1024


async def test_a_failed_download_and_a_slow_read_each_get_one_sentence(bot_env, monkeypatch):
    from conversations import invoice_pdf

    chat = bot_env.chat(ME)
    bot_env.request.fail_method["getFile"] = 500
    await chat.send_document(classic())
    assert "pas pu récupérer ce fichier" in chat.last_text
    del bot_env.request.fail_method["getFile"]
    monkeypatch.setattr(invoice_pdf, "READ_TIMEOUT", 0)  # no time at all to read
    await chat.send_document(classic())
    assert "trop long à lire" in chat.last_text
    monkeypatch.undo()
    await chat.send_document(classic())
    assert CARD in chat.last_text


async def test_what_a_pdf_says_beyond_the_typed_limits_is_asked_instead(bot_env):
    """A buyer name of 3 000 characters, a 200-character number, a due date in year 9999:
    none is taken, each is asked as if the invoice were silent (typed, each is refused);
    an amount of a thousand billion is not taken either."""
    invoice = replace(
        FACTURX[-1], buyer=replace(FACTURX[-1].buyer, name="Atelier " * 375),
        number="F-" + "9" * 200, due=date(9999, 12, 31),
    )  # fmt: skip
    chat = bot_env.chat(ME)
    await chat.send_document(facturx_pdf(invoice), "facture.pdf")
    card = chat.last_text
    assert "client non trouvé" in card and "Facture sans numéro" in card
    assert "échéance non trouvée" in card and "9999" not in card
    await chat.press("Confirmer")
    assert "nom du client" in chat.last_text
    huge = replace(invoice, number="F-1", net=Decimal("1000000000000"))
    await chat.send("/annuler")
    await chat.send_document(facturx_pdf(huge), "facture.pdf")
    assert "Facture F-1" in chat.last_text and "montant non trouvé" in chat.last_text
