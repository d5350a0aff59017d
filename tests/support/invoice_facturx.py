"""Factur-X test invoices made here: CII XML written per profile (MINIMUM, BASIC, EN 16931),
a visible PDF drawn with ReportLab, both combined by the `factur-x` library (XSD-checked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from facturx import generate_from_binary

from bot.documents.facturx import NS
from tests.support.invoice_sheet import Sheet

GUIDELINES = {
    "minimum": "urn:factur-x.eu:1p0:minimum",
    "basic": "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
    "en16931": "urn:cen.eu:en16931:2017",
}
FRANCHISE_REASON = "TVA non applicable, art. 293 B du CGI"


@dataclass(frozen=True)
class Party:
    name: str
    siren: str | None = None
    scheme: str = "0002"  # 0002: SIREN, 0009: SIRET
    lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    vat: str | None = None  # a French VAT number, the only identifier some buyers give

    @property
    def legal_id(self) -> str | None:
        if self.siren is None:
            return None
        return self.siren if self.scheme == "0002" else siret_of(self.siren)


@dataclass(frozen=True)
class FacturX:
    """One Factur-X invoice and the facts a reader must give back, exactly."""

    profile: str
    number: str
    issued: date
    seller: Party
    buyer: Party
    net: Decimal
    vat_rate: Decimal | None  # None: VAT franchise (art. 293 B CGI)
    prepaid: Decimal = Decimal("0.00")
    due: date | None = None
    delivered: date | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def vat(self) -> Decimal:
        rate = self.vat_rate or Decimal(0)
        return (self.net * rate / 100).quantize(Decimal("0.01"))

    @property
    def grand_total(self) -> Decimal:
        return self.net + self.vat

    @property
    def due_payable(self) -> Decimal:
        return self.grand_total - self.prepaid


def siret_of(siren: str, establishment: str = "0001") -> str:
    """A SIRET of the company `siren` whose Luhn key holds."""
    from stdnum import luhn

    stem = siren + establishment
    return stem + luhn.calc_check_digit(stem)


def _dt(day: date) -> str:
    return f'<udt:DateTimeString format="102">{day:%Y%m%d}</udt:DateTimeString>'


def _address(party: Party) -> str:
    lines = "".join(
        f"<ram:Line{tag}>{escape(text)}</ram:Line{tag}>"
        for tag, text in zip(("One", "Two", "Three"), party.lines, strict=False)
    )
    return (
        f"<ram:PostalTradeAddress><ram:PostcodeCode>{party.postcode}</ram:PostcodeCode>{lines}"
        f"<ram:CityName>{escape(party.city)}</ram:CityName>"
        f"<ram:CountryID>{party.country}</ram:CountryID></ram:PostalTradeAddress>"
    )


def _party(tag: str, party: Party, profile: str, seller: bool) -> str:
    legal = (
        f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="{party.scheme}">{party.legal_id}'
        f"</ram:ID></ram:SpecifiedLegalOrganization>"
        if party.legal_id
        else ""
    )
    address = _address(party) if seller or profile != "minimum" else ""
    if seller and profile == "minimum":
        country = f"<ram:CountryID>{party.country}</ram:CountryID>"
        address = f"<ram:PostalTradeAddress>{country}</ram:PostalTradeAddress>"
    tax = (
        f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{party.vat}</ram:ID>'
        "</ram:SpecifiedTaxRegistration>"
        if party.vat and profile != "minimum"
        else ""
    )
    name = f"<ram:Name>{escape(party.name)}</ram:Name>"
    return f"<ram:{tag}>{name}{legal}{address}{tax}</ram:{tag}>"


def _tax(invoice: FacturX, basis: bool) -> str:
    if invoice.vat_rate is None:
        category = f"<ram:ExemptionReason>{FRANCHISE_REASON}</ram:ExemptionReason>" if basis else ""
        after = "<ram:CategoryCode>E</ram:CategoryCode>" + (
            "<ram:ExemptionReasonCode>VATEX-FR-FRANCHISE</ram:ExemptionReasonCode>" if basis else ""
        )
        rate = "0"
    else:
        category, after, rate = "", "<ram:CategoryCode>S</ram:CategoryCode>", str(invoice.vat_rate)
    if basis:
        return (
            f"<ram:ApplicableTradeTax><ram:CalculatedAmount>{invoice.vat}</ram:CalculatedAmount>"
            f"<ram:TypeCode>VAT</ram:TypeCode>{category}<ram:BasisAmount>{invoice.net}"
            f"</ram:BasisAmount>{after}<ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent>"
            "</ram:ApplicableTradeTax>"
        )
    return (
        f"<ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode>{after}"
        f"<ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent></ram:ApplicableTradeTax>"
    )


def cii_xml(invoice: FacturX) -> bytes:
    """The CII XML of `invoice` in its profile."""
    full = invoice.profile != "minimum"
    notes = (
        "".join(
            f"<ram:IncludedNote><ram:Content>{escape(note)}</ram:Content></ram:IncludedNote>"
            for note in invoice.notes
        )
        if full
        else ""
    )
    line = (
        (
            "<ram:IncludedSupplyChainTradeLineItem>"
            "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>"
            "</ram:AssociatedDocumentLineDocument>"
            "<ram:SpecifiedTradeProduct><ram:Name>Prestation</ram:Name></ram:SpecifiedTradeProduct>"
            "<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>"
            f"<ram:ChargeAmount>{invoice.net}</ram:ChargeAmount></ram:NetPriceProductTradePrice>"
            "</ram:SpecifiedLineTradeAgreement>"
            "<ram:SpecifiedLineTradeDelivery>"
            '<ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity>'
            "</ram:SpecifiedLineTradeDelivery>"
            f"<ram:SpecifiedLineTradeSettlement>{_tax(invoice, basis=False)}"
            "<ram:SpecifiedTradeSettlementLineMonetarySummation>"
            f"<ram:LineTotalAmount>{invoice.net}</ram:LineTotalAmount>"
            "</ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>"
            "</ram:IncludedSupplyChainTradeLineItem>"
        )
        if full
        else ""
    )
    delivery = (
        "<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>"
        f"{_dt(invoice.delivered)}</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>"
        if full and invoice.delivered
        else ""
    )
    terms = (
        f"<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>{_dt(invoice.due)}"
        "</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"
        if full and invoice.due
        else ""
    )
    prepaid = (
        f"<ram:TotalPrepaidAmount>{invoice.prepaid}</ram:TotalPrepaidAmount>"
        if full and invoice.prepaid
        else ""
    )
    summation = (
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        + (f"<ram:LineTotalAmount>{invoice.net}</ram:LineTotalAmount>" if full else "")
        + f"<ram:TaxBasisTotalAmount>{invoice.net}</ram:TaxBasisTotalAmount>"
        f'<ram:TaxTotalAmount currencyID="EUR">{invoice.vat}</ram:TaxTotalAmount>'
        f"<ram:GrandTotalAmount>{invoice.grand_total}</ram:GrandTotalAmount>{prepaid}"
        f"<ram:DuePayableAmount>{invoice.due_payable}</ram:DuePayableAmount>"
        "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<rsm:CrossIndustryInvoice xmlns:rsm="{NS["rsm"]}" xmlns:ram="{NS["ram"]}"'
        f' xmlns:udt="{NS["udt"]}">'
        "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
        f"<ram:ID>{GUIDELINES[invoice.profile]}</ram:ID>"
        "</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>"
        f"<rsm:ExchangedDocument><ram:ID>{escape(invoice.number)}</ram:ID>"
        f"<ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime>{_dt(invoice.issued)}"
        f"</ram:IssueDateTime>{notes}</rsm:ExchangedDocument>"
        f"<rsm:SupplyChainTradeTransaction>{line}<ram:ApplicableHeaderTradeAgreement>"
        f"{_party('SellerTradeParty', invoice.seller, invoice.profile, seller=True)}"
        f"{_party('BuyerTradeParty', invoice.buyer, invoice.profile, seller=False)}"
        f"</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery>{delivery}"
        "</ram:ApplicableHeaderTradeDelivery><ram:ApplicableHeaderTradeSettlement>"
        "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>"
        f"{_tax(invoice, basis=True) if full else ''}{terms}{summation}"
        "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"
        "</rsm:CrossIndustryInvoice>"
    )
    return xml.encode("utf-8")


def visible_pdf(invoice: FacturX) -> bytes:
    """The human-readable invoice: what a tool prints on the page, for the same facts."""
    sheet = Sheet()
    sheet.at(50, 800, invoice.seller.name, size=13)
    sheet.at(50, 785, f"SIREN {invoice.seller.siren}")
    sheet.at(330, 800, "Facturé à")
    y = 785
    for text in (
        invoice.buyer.name,
        *invoice.buyer.lines,
        f"{invoice.buyer.postcode} {invoice.buyer.city}",
    ):
        sheet.at(330, y, text)
        y -= 14
    sheet.at(50, 700, f"Facture n° {invoice.number}", size=14)
    sheet.at(50, 680, f"Date d'émission : {invoice.issued:%d/%m/%Y}")
    if invoice.due:
        sheet.at(50, 666, f"Date d'échéance : {invoice.due:%d/%m/%Y}")
    sheet.at(330, 560, "Total HT")
    sheet.at(540, 560, f"{invoice.net} €".replace(".", ","), right=True)
    if invoice.vat_rate is None:
        sheet.at(50, 500, FRANCHISE_REASON)
    else:
        sheet.at(330, 545, f"TVA {invoice.vat_rate} %")
        sheet.at(540, 545, f"{invoice.vat} €".replace(".", ","), right=True)
    sheet.at(330, 530, "Net à payer")
    sheet.at(540, 530, f"{invoice.due_payable} €".replace(".", ","), right=True)
    return sheet.pdf()


def facturx_pdf(invoice: FacturX) -> bytes:
    """The Factur-X PDF: the visible invoice with its XML attached (checked against the XSD)."""
    return generate_from_binary(
        visible_pdf(invoice), cii_xml(invoice), flavor="factur-x", level=invoice.profile
    )


SELLER = Party(
    "Studio Lumen", "732829320", lines=("12 rue Oberkampf",), postcode="75011", city="Paris"
)
SELLER_MICRO = Party(
    "Julie Martin EI", "802954784", "0009", ("4 rue des Lilas",), "13005", "Marseille"
)
DUPUIS = Party(
    "Atelier Dupuis SARL", "552100554", "0002", ("3 avenue Jean Jaurès",), "69007", "Lyon"
)
GRENAT = Party(
    "Maison Grenat SAS",
    "412345670",
    "0009",
    ("Service comptabilité", "8 quai de la Fosse"),
    "44000",
    "Nantes",
)
BRUXELLES = Party(
    "Brasserie Atomium SPRL",
    None,
    lines=("Rue Haute 12",),
    postcode="1000",
    city="Bruxelles",
    country="BE",
)
VOLCANS = Party(
    "Hôtel des Volcans SAS",
    None,
    lines=("Avenue de Royat",),
    postcode="63400",
    city="Chamalières",
    vat="FR96552100554",
)
FACTURX: tuple[FacturX, ...] = (
    FacturX(
        "minimum",
        "MIN-2026-001",
        date(2026, 10, 15),
        SELLER,
        DUPUIS,
        Decimal("1250.00"),
        Decimal("20"),
        due=date(2026, 11, 14),
    ),
    FacturX(
        "minimum",
        "MIN-2026-002",
        date(2026, 10, 16),
        SELLER_MICRO,
        GRENAT,
        Decimal("640.00"),
        None,
        due=date(2026, 11, 15),
    ),
    FacturX(
        "basic",
        "B-2026-041",
        date(2026, 11, 3),
        SELLER,
        DUPUIS,
        Decimal("2500.00"),
        Decimal("20"),
        prepaid=Decimal("1000.00"),
        due=date(2026, 12, 3),
        delivered=date(2026, 10, 30),
    ),
    FacturX(
        "basic",
        "B-2026-042",
        date(2026, 11, 4),
        SELLER_MICRO,
        GRENAT,
        Decimal("1800.00"),
        None,
        prepaid=Decimal("600.00"),
        due=date(2026, 12, 4),
    ),
    FacturX(
        "en16931",
        "E-2026-0007",
        date(2026, 9, 1),
        SELLER,
        GRENAT,
        Decimal("3000.00"),
        Decimal("20"),
        due=date(2026, 10, 1),
        delivered=date(2026, 8, 31),
    ),
    FacturX(
        "en16931",
        "E-2026-0008",
        date(2026, 9, 2),
        SELLER_MICRO,
        DUPUIS,
        Decimal("450.00"),
        None,
        due=date(2026, 10, 2),
        notes=(FRANCHISE_REASON,),
    ),
    FacturX(
        "basic",
        "B-2026-043",
        date(2026, 11, 5),
        SELLER,
        VOLCANS,
        Decimal("900.00"),
        Decimal("10"),
        due=date(2026, 12, 5),
    ),
    FacturX(
        "en16931",
        "E-2026-0009",
        date(2026, 9, 3),
        SELLER,
        BRUXELLES,
        Decimal("700.00"),
        Decimal("20"),
        prepaid=Decimal("140.00"),
        due=date(2026, 10, 3),
    ),
)


def expected_facts(invoice: FacturX) -> dict[str, object]:
    """What a reader must give back: the XML's facts, and what the visible page adds to a
    MINIMUM profile (its due date and the client's address are printed, not embedded)."""
    buyer = invoice.buyer
    address_lines = [*buyer.lines, f"{buyer.postcode} {buyer.city}"]
    if buyer.country != "FR":
        address_lines.append(buyer.country)
    franchise = invoice.vat_rate is None
    return {
        "source": "facturx",
        "number": invoice.number,
        "amount": invoice.due_payable,
        "issue_date": invoice.issued,
        "due_date": invoice.due,
        "service_date": invoice.delivered,
        "penalty_rate": None,
        "debtor_name": buyer.name,
        "debtor_siren": buyer.siren or (buyer.vat[4:] if buyer.vat else None),  # FR + key + SIREN
        "debtor_address": "\n".join(address_lines),
        "seller_name": invoice.seller.name,
        "seller_siren": invoice.seller.siren,
        "vat_franchise": franchise,
        "vat_exemption_reason": FRANCHISE_REASON if franchise else None,
    }
