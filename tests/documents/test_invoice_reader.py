"""Reading invoice PDFs: Factur-X exactly, plain PDFs scored field by field, and one French
sentence for whatever is not a readable invoice."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal

import pytest
from facturx import get_xml_from_pdf

from bot.documents import MAX_BYTES, DocumentError, read_invoice, read_invoice_file
from bot.documents.errors import (
    BrokenPdfError,
    EncryptedError,
    NotPdfError,
    ScannedError,
    TooLargeError,
)
from bot.documents.text_invoice import find_amount, find_date, read_text
from bot.domain.identifiers import siren_of
from tests.support.invoice_facturx import FACTURX, cii_xml, expected_facts, facturx_pdf
from tests.support.invoice_plain import (
    PLAIN,
    broken_pdf,
    encrypted_pdf,
    huge_pdf,
    not_a_pdf,
    scanned_pdf,
)


@pytest.mark.parametrize("invoice", FACTURX, ids=lambda invoice: invoice.number)
def test_every_facturx_invoice_is_read_exactly(invoice):
    pdf = facturx_pdf(invoice)
    assert get_xml_from_pdf(pdf, check_xsd=True)[1] == cii_xml(invoice)  # a valid Factur-X
    assert asdict(read_invoice(pdf)) == expected_facts(invoice)


def test_facturx_profiles_prepaid_and_exemption_are_all_covered():
    assert {invoice.profile for invoice in FACTURX} == {"minimum", "basic", "en16931"}
    assert any(invoice.prepaid for invoice in FACTURX)
    assert any(invoice.vat_rate is None for invoice in FACTURX)
    assert any(invoice.vat_rate is not None and not invoice.prepaid for invoice in FACTURX)


def test_the_embedded_xml_wins_over_the_visible_text():
    invoice = FACTURX[2]  # BASIC with a deposit: the XML says what is left to pay
    facts = read_invoice(facturx_pdf(invoice))
    assert facts.source == "facturx"
    assert facts.amount == invoice.grand_total - invoice.prepaid == Decimal("2000.00")


def test_plain_invoices_most_fields_right_none_invented():
    assert len(PLAIN) >= 12
    right = total = 0
    invented: list[str] = []
    for invoice in PLAIN:
        facts = read_invoice(invoice.draw())
        assert facts.source == "text"
        for field, expected in invoice.expected().items():
            got = getattr(facts, field)
            if expected is not None:
                total += 1
                right += got == expected
            if got is not None and got != expected:
                invented.append(f"{invoice.name}.{field}={got!r} (printed: {expected!r})")
    share = right / total
    print(f"\nplain invoices: {right}/{total} fields right ({share:.1%}), invented: {invented}")
    assert share >= 0.90
    assert invented == []


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (scanned_pdf, ScannedError),
        (not_a_pdf, NotPdfError),
        (encrypted_pdf, EncryptedError),
        (broken_pdf, BrokenPdfError),
        (lambda: b"", NotPdfError),
        (lambda: huge_pdf(MAX_BYTES + 1), TooLargeError),
    ],
    ids=["scan", "not-pdf", "encrypted", "broken", "empty", "huge"],
)
def test_unreadable_documents_give_one_french_sentence(make, error):
    with pytest.raises(error) as raised:
        read_invoice(make())
    sentence = str(raised.value)
    assert isinstance(raised.value, DocumentError)
    assert sentence.endswith(".") and "\n" not in sentence
    assert any(word in sentence for word in ("PDF", "fichier"))


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "facture.pdf"
    path.write_bytes(huge_pdf(MAX_BYTES + 10))
    with pytest.raises(TooLargeError):
        read_invoice_file(path)
    with pytest.raises(BrokenPdfError, match="Je ne trouve pas ce fichier"):
        read_invoice_file(tmp_path / "absent.pdf")


def test_a_file_just_under_the_limit_is_read(tmp_path):
    path = tmp_path / "facture.pdf"
    path.write_bytes(huge_pdf(MAX_BYTES - 10))
    assert read_invoice_file(path).number == "2026-041"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 1er décembre 2026", date(2026, 12, 1)),
        ("12/11/2026", date(2026, 11, 12)),
        ("28.10.26", date(2026, 10, 28)),
        ("2026-11-02", date(2026, 11, 2)),
        ("6 nov. 2026", date(2026, 11, 6)),
        ("31/02/2026", None),
        ("30 jours", None),
    ],
)
def test_dates_as_printed(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 250,00 €", Decimal("1250.00")),
        ("1.250,00 EUR", Decimal("1250.00")),
        ("1\u00a0200,5", Decimal("1200.50")),
        ("€ 980", Decimal("980.00")),
        ("30 jours", None),
        ("TVA 20 %", None),
    ],
)
def test_amounts_as_printed(text, expected):
    assert find_amount(text) == expected


def test_identifiers_need_their_checksum():
    assert siren_of("552 100 554") == "552100554"
    assert siren_of("552 100 554 00013") == "552100554"
    assert siren_of("552 100 555") is None
    assert siren_of("552 100 554 00014") is None


def test_a_wrong_siren_is_not_read_and_nothing_is_guessed():
    text = (
        "Client\nAtelier Dupuis SARL\n3 avenue Jean Jaurès\n69007 Lyon\nSIREN : 552 100 555\n\n"
        "Prestation réalisée en octobre, merci de votre confiance."
    )
    facts = read_text(text)
    assert facts.debtor_name == "Atelier Dupuis SARL"
    assert facts.debtor_siren is None
    assert (facts.number, facts.amount, facts.issue_date, facts.due_date) == (None,) * 4


def test_damaged_pdfs_never_raise_anything_but_a_document_error():
    import random

    rng = random.Random(16)
    originals = [PLAIN[0].draw(), PLAIN[9].draw(), facturx_pdf(FACTURX[3])]
    outcomes = {"read": 0, "refused": 0}
    for _ in range(150):
        data = bytearray(rng.choice(originals))
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        try:
            read_invoice(bytes(data))
            outcomes["read"] += 1
        except DocumentError:  # anything else fails the test
            outcomes["refused"] += 1
    assert outcomes["read"] > 0 and outcomes["refused"] > 0
