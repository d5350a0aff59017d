"""Factur-X / ZUGFeRD 2: the CII XML embedded in the PDF, read exactly.

The attachment is found by Akretion's `factur-x` library; its content is parsed with lxml.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from bot.documents import vocabulary
from bot.documents.facts import InvoiceFacts
from bot.domain.identifiers import siren_of, siren_of_vat

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
AGREEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
DELIVERY = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery"
SETTLEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
SUMMATION = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
FRANCHISE_CODE = "VATEX-FR-FRANCHISE"

# The library warns on every PDF without XML; that is the ordinary case here.
logging.getLogger("factur-x").setLevel(logging.ERROR)


def embedded_xml(data: bytes) -> bytes | None:
    """The Factur-X / ZUGFeRD XML attached to the PDF `data`, or None."""
    from facturx import get_xml_from_pdf  # imported on first use: it is heavy

    _name, xml = get_xml_from_pdf(data, check_xsd=False)
    return xml or None


def read_cii(xml: bytes) -> InvoiceFacts | None:
    """The facts of a CII invoice, or None when `xml` is not one."""
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return None
    if etree.QName(root).namespace != NS["rsm"]:
        return None
    buyer = f"{AGREEMENT}/ram:BuyerTradeParty"
    seller = f"{AGREEMENT}/ram:SellerTradeParty"
    franchise, reason = _vat_exemption(root)
    return InvoiceFacts(
        source="facturx",
        number=_text(root, "rsm:ExchangedDocument/ram:ID"),
        amount=_amount(root, f"{SUMMATION}/ram:DuePayableAmount"),
        issue_date=_date(root, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"),
        due_date=_date(
            root,
            f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString",
        ),
        service_date=_date(
            root,
            f"{DELIVERY}/ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString",
        ),
        debtor_name=_text(root, f"{buyer}/ram:Name"),
        debtor_siren=_party_siren(root, buyer),
        debtor_address=_address(root, f"{buyer}/ram:PostalTradeAddress"),
        seller_name=_text(root, f"{seller}/ram:Name"),
        seller_siren=_party_siren(root, seller),
        vat_franchise=franchise,
        vat_exemption_reason=reason,
    )


def _text(root: etree._Element, path: str) -> str | None:
    found = root.find(path, NS)
    if found is None or not (found.text or "").strip():
        return None
    return " ".join(found.text.split())


def _amount(root: etree._Element, path: str) -> Decimal | None:
    text = _text(root, path)
    try:
        return Decimal(text).quantize(Decimal("0.01")) if text else None
    except InvalidOperation:
        return None


def _date(root: etree._Element, path: str) -> date | None:
    text = _text(root, path)
    try:
        return datetime.strptime(text, "%Y%m%d").date() if text else None
    except ValueError:
        return None


def _party_siren(root: etree._Element, party: str) -> str | None:
    """SIREN from the legal organisation or a global id (scheme 0002: SIREN, 0009: SIRET),
    else from a French VAT number."""
    for path in (f"{party}/ram:SpecifiedLegalOrganization/ram:ID", f"{party}/ram:GlobalID"):
        for element in root.findall(path, NS):
            if element.get("schemeID") in {"0002", "0009"} and element.text:
                found = siren_of(element.text)
                if found:
                    return found
    for element in root.findall(f"{party}/ram:SpecifiedTaxRegistration/ram:ID", NS):
        if element.get("schemeID") == "VA" and element.text:
            found = siren_of_vat(element.text)
            if found:
                return found
    return None


def _address(root: etree._Element, path: str) -> str | None:
    """The postal address as lines: street lines, then postcode and city, then a foreign country."""
    address = root.find(path, NS)
    if address is None:
        return None
    lines = [_text(address, f"ram:{name}") for name in ("LineOne", "LineTwo", "LineThree")]
    city = " ".join(
        part
        for part in (_text(address, "ram:PostcodeCode"), _text(address, "ram:CityName"))
        if part
    )
    country = _text(address, "ram:CountryID")
    lines += [city, country if country and country != "FR" else None]
    kept = [line for line in lines if line]
    return "\n".join(kept) if kept else None


def _vat_exemption(root: etree._Element) -> tuple[bool | None, str | None]:
    """Whether the invoice is under the VAT franchise (art. 293 B CGI), and the exemption reason."""
    reason: str | None = None
    charged = False
    for tax in root.findall(f"{SETTLEMENT}/ram:ApplicableTradeTax", NS):
        category = _text(tax, "ram:CategoryCode")
        if category == "E":
            text = _text(tax, "ram:ExemptionReason")
            code = _text(tax, "ram:ExemptionReasonCode")
            reason = reason or text or code
            if code == FRANCHISE_CODE or (
                text and re.search(vocabulary.VAT_FRANCHISE, text, re.IGNORECASE)
            ):
                return True, text or code
        elif category:
            charged = charged or (_amount(tax, "ram:CalculatedAmount") or Decimal(0)) > 0
    notes = " ".join(
        note.text or ""
        for note in root.findall("rsm:ExchangedDocument/ram:IncludedNote/ram:Content", NS)
    )
    if re.search(vocabulary.VAT_FRANCHISE, notes, re.IGNORECASE):
        return True, reason
    tax_total = _amount(root, f"{SUMMATION}/ram:TaxTotalAmount")
    if charged or (tax_total is not None and tax_total > 0):
        return False, reason
    return None, reason
