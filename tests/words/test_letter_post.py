"""The letter one can post: addresses in the DL window, the breakdown, an EPC payment QR code."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from bot.domain.facts import DebtorKind
from bot.domain.identifiers import clean_iban, clean_siret
from bot.domain.profile import Profile
from bot.words.letter_pdf import PAGE_HEIGHT, RECIPIENT_LEFT, letter_context, letter_pdf_bytes
from bot.words.render import money
from tests.words.test_letter import formal_case, pdf_text

PROFILE = Profile(
    full_name="Camille Leroy",
    business_name="Studio Leroy",
    email="camille@studio-leroy.fr",
    iban="FR76 3000 6000 0112 3456 7890 189",
    address="12 rue des Lilas\n69003 Lyon",
    city="Lyon",
)
CLIENT_ADDRESS = "8 avenue Jean Jaurès\n69007 Lyon"


def posted_case(kind: DebtorKind = DebtorKind.BUSINESS):
    case, result = formal_case(kind)
    return replace(case, debtor=replace(case.debtor, address=CLIENT_ADDRESS)), result


def words_at(data: bytes) -> list[tuple[str, float, float]]:
    """Each text run of page 1 with its position in mm from the left and from the top."""
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x / 72 * 25.4, (PAGE_HEIGHT - y) / 72 * 25.4))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return runs


def decoded_qr(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    found = []
    for page in pdf:
        image = page.render(scale=3).to_pil()
        found += [code.text for code in zxingcpp.read_barcodes(image)]
    return found


@pytest.mark.parametrize("kind", list(DebtorKind))
def test_pdf_holds_both_addresses_the_city_and_the_breakdown(kind):
    case, result = posted_case(kind)
    data = letter_pdf_bytes(case, result, PROFILE)
    text = pdf_text(data)
    for line in ("12 rue des Lilas", "69003 Lyon", "8 avenue Jean Jaurès", "69007 Lyon"):
        assert line in text
    assert "Lyon, le " in text
    context = letter_context(case, result, PROFILE)
    assert f"Principal, facture n° F-2026-014 {money(context['principal'])}" in text
    assert f"{money(context['total'])}" in text
    assert "Pièce jointe : copie de la facture n° F-2026-014." in text
    if kind is not DebtorKind.CONSUMER:
        assert "Indemnité forfaitaire" in text


def test_recipient_block_sits_in_the_dl_window():
    case, result = posted_case()
    runs = words_at(letter_pdf_bytes(case, result, PROFILE))
    name = next((x, y) for text, x, y in runs if text.startswith("Atelier Dupuis"))
    street = next((x, y) for text, x, y in runs if text.startswith("8 avenue Jean"))
    sender = next((x, y) for text, x, y in runs if text.startswith("Camille Leroy"))
    assert abs(name[0] - RECIPIENT_LEFT / 72 * 25.4) < 1 and 45 <= name[1] <= 55
    assert street[1] > name[1] and street[1] < 90  # inside a 45 mm high window
    assert sender[0] < 30 and sender[1] < 25


def test_qr_code_decoded_from_the_pdf_is_the_exact_epc_payload():
    case, result = posted_case()
    data = letter_pdf_bytes(case, result, PROFILE)
    total = letter_context(case, result, PROFILE)["total"]
    expected = "\n".join([
        "BCD", "002", "1", "SCT", "", "Studio Leroy", "FR7630006000011234567890189",
        f"EUR{total:.2f}", "", "", "Facture n° F-2026-014",
    ])
    assert total > Decimal("1250")
    assert decoded_qr(data) == [expected]


def test_no_qr_code_without_a_valid_iban():
    case, result = posted_case()
    for iban in (None, "FR76 3000 6000 0112 3456 7890 188"):
        data = letter_pdf_bytes(case, result, replace(PROFILE, iban=iban))
        assert decoded_qr(data) == []


def test_iban_and_siret_checked_by_their_checksums():
    assert clean_iban("fr7630006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189"
    assert clean_iban("FR76 3000 6000 0112 3456 7890 188") is None
    assert clean_siret("732 829 320 00074") == "73282932000074"
    assert clean_siret("732829320") == "732829320"
    assert clean_siret("73282932000075") is None and clean_siret("abc") is None
