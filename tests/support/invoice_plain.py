"""Plain (not Factur-X) test invoices in the layouts of common French invoicing tools, drawn
with ReportLab, each with what it states — the truth a reader is scored against — and
documents that are not readable invoices (a scan, a non-PDF, an encrypted or broken PDF)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests.support.invoice_sheet import Sheet

D = Decimal
NBSP = "\u00a0"
SCORED = (
    "number",
    "amount",
    "issue_date",
    "due_date",
    "service_date",
    "penalty_rate",
    "debtor_name",
    "debtor_siren",
    "debtor_address",
    "vat_franchise",
)


@dataclass(frozen=True)
class PlainInvoice:
    """A layout and the facts it prints; fields it does not print are None."""

    name: str
    draw: Callable[[], bytes]
    truth: dict[str, object]

    def expected(self) -> dict[str, object]:
        return {field: self.truth.get(field) for field in SCORED}


def _items(sheet: Sheet, y: float, rows: list[tuple[str, str, str, str]]) -> float:
    sheet.at(50, y, "Désignation")
    sheet.at(320, y, "Qté")
    sheet.at(390, y, "P.U. HT")
    sheet.at(540, y, "Total HT", right=True)
    sheet.rule(y - 5)
    for label, qty, unit, total in rows:
        y -= 18
        sheet.at(50, y, label)
        sheet.at(320, y, qty)
        sheet.at(390, y, unit)
        sheet.at(540, y, total, right=True)
    return y - 30


def classic() -> bytes:
    """Seller top left, client block on the right under "Client", totals HT / TVA / TTC."""
    s = Sheet()
    s.at(50, 800, "Studio Lumen", size=14)
    s.at(50, 785, "12 rue Oberkampf")
    s.at(50, 771, "75011 Paris")
    s.at(330, 800, "Client")
    s.at(330, 785, "Atelier Dupuis SARL")
    s.at(330, 771, "3 avenue Jean Jaurès")
    s.at(330, 757, "69007 Lyon")
    s.at(330, 743, "SIREN : 552 100 554")
    s.at(50, 690, "FACTURE N° 2026-041", size=16)
    s.at(50, 670, "Date d'émission : 12/11/2026")
    s.at(50, 656, "Date d'échéance : 12/12/2026")
    y = _items(s, 610, [("Identité visuelle", "1", "1 041,67 €", "1 041,67 €")])
    s.at(390, y, "Total HT")
    s.at(540, y, "1 041,67 €", right=True)
    s.at(390, y - 15, "TVA 20 %")
    s.at(540, y - 15, "208,33 €", right=True)
    s.at(390, y - 30, "Total TTC")
    s.at(540, y - 30, "1 250,00 €", right=True)
    s.at(50, 120, "Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire")
    s.at(50, 108, "pour frais de recouvrement : 40 €.")
    s.at(50, 60, "Studio Lumen — SIRET 732 829 320 00017 — RCS Paris", size=8)
    return s.pdf()


def header_table() -> bytes:
    """A row of labels with the values under them, the client on the left ("Facturé à")."""
    s = Sheet()
    s.at(380, 800, "Maison Grenat", size=14)
    s.at(380, 786, "8 quai de la Fosse, 44000 Nantes")
    s.at(50, 740, "Facturé à")
    s.at(50, 725, "Boulangerie Les Tilleuls")
    s.at(50, 711, "Chez Mme Roux")
    s.at(50, 697, "14 place du Marché")
    s.at(50, 683, "44100 Nantes")
    s.at(50, 630, "N° facture")
    s.at(190, 630, "Date")
    s.at(330, 630, "Échéance")
    s.at(450, 630, "Montant")
    s.at(50, 615, "FA-2026-0113")
    s.at(190, 615, "05/10/2026")
    s.at(330, 615, "04/11/2026")
    s.at(450, 615, "2 160,00 €")
    y = _items(s, 560, [("Site vitrine", "1", "1 800,00", "1 800,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "1 800,00", right=True)
    s.at(390, y - 15, "TVA (20 %)")
    s.at(540, y - 15, "360,00", right=True)
    s.at(390, y - 30, "Total TTC")
    s.at(540, y - 30, "2 160,00", right=True)
    s.at(50, 60, "SARL Maison Grenat · SIRET 412 345 670 00019 · TVA FR12412345670", size=8)
    return s.pdf()


def micro_terms() -> bytes:
    """A micro-entrepreneur: no VAT (art. 293 B), "Total", payment terms instead of a date."""
    s = Sheet()
    s.at(50, 800, "Julie Martin — Traductrice", size=13)
    s.at(50, 786, "EI — SIRET 802 954 784 00012")
    s.at(50, 740, "Adressé à :")
    s.at(50, 725, "Éditions du Port")
    s.at(50, 711, "27 rue des Docks")
    s.at(50, 697, "13002 Marseille")
    s.at(330, 740, "Facture n° 2026/17")
    s.at(330, 725, "Date : 02/11/2026")
    y = _items(s, 640, [("Traduction (12 500 mots)", "1", "850,00", "850,00")])
    s.at(390, y, "Total")
    s.at(540, y, "850,00 €", right=True)
    s.at(50, y - 40, "TVA non applicable, art. 293 B du CGI")
    s.at(50, y - 55, "Conditions de paiement : 30 jours")
    return s.pdf()


def words_dates() -> bytes:
    """Dates in words, the number and the date on one line, "À régler avant le"."""
    s = Sheet()
    s.at(50, 800, "Atelier Cobalt", size=13)
    s.at(50, 786, "SIREN 352 600 746")
    s.at(50, 720, "Facture n° F-2026-0007 du 3 novembre 2026", size=13)
    s.at(50, 690, "Facturé à : Garage Moreau")
    s.at(50, 676, "Zone artisanale des Prés")
    s.at(50, 662, "35510 Cesson-Sévigné")
    s.at(50, 648, "SIRET : 512 343 211 00011")
    y = _items(s, 600, [("Signalétique", "3", "400,00", "1 200,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "1 200,00 €", right=True)
    s.at(390, y - 15, "TVA 20,0 %")
    s.at(540, y - 15, "240,00 €", right=True)
    s.at(390, y - 30, "Total TTC")
    s.at(540, y - 30, "1 440,00 €", right=True)
    s.at(50, y - 70, "À régler avant le 1er décembre 2026 par virement.")
    return s.pdf()


def deposit_net() -> bytes:
    """Total TTC, a deposit already paid, "Net à payer"."""
    s = Sheet()
    s.at(50, 800, "Menuiserie Bellec", size=13)
    s.at(330, 800, "Client")
    s.at(330, 785, "SCI Les Hortensias")
    s.at(330, 771, "5 allée des Pins")
    s.at(330, 757, "29200 Brest")
    s.at(50, 720, "Facture")
    s.at(150, 720, "N° 2026-112")
    s.at(50, 705, "Émise le")
    s.at(150, 705, "20/10/2026")
    s.at(50, 690, "Échéance")
    s.at(150, 690, "19/11/2026")
    y = _items(s, 640, [("Escalier chêne", "1", "2 500,00", "2 500,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "2 500,00 €", right=True)
    s.at(390, y - 15, "TVA 20 %")
    s.at(540, y - 15, "500,00 €", right=True)
    s.at(390, y - 30, "Total TTC")
    s.at(540, y - 30, "3 000,00 €", right=True)
    s.at(390, y - 45, "Acompte versé")
    s.at(540, y - 45, "-1 000,00 €", right=True)
    s.at(390, y - 60, "Net à payer")
    s.at(540, y - 60, "2 000,00 €", right=True)
    s.at(50, 60, "SIRET 391 487 659 00016", size=8)
    return s.pdf()


def deposit_only() -> bytes:
    """Total TTC and a deposit, no line saying what is left: the reader subtracts."""
    s = Sheet()
    s.at(50, 800, "Clara Nguyen Photographie", size=13)
    s.at(50, 720, "Facture n°: CN-88")
    s.at(50, 706, "Date de facture: 14/09/2026")
    s.at(50, 692, "Date d'échéance: 14/10/2026")
    s.at(330, 760, "Facturer à")
    s.at(330, 745, "Agence Horizon SAS")
    s.at(330, 731, "40 boulevard Haussmann")
    s.at(330, 717, "75009 Paris")
    y = _items(s, 640, [("Reportage", "1", "1 000,00", "1 000,00")])
    s.at(390, y, "Total TTC")
    s.at(540, y, f"1{NBSP}200,00 €", right=True)
    s.at(390, y - 15, "Acompte reçu")
    s.at(540, y - 15, "400,00 €", right=True)
    s.at(50, 60, "SIRET 881 234 561 00010", size=8)
    return s.pdf()


def balance_due() -> bytes:
    """ "Montant total TTC", "Déjà réglé", "Reste à payer"; client SIRET in its block."""
    s = Sheet()
    s.at(50, 800, "Nova Conseil", size=13)
    s.at(50, 786, "SIREN 412 345 670")
    s.at(330, 760, "Destinataire")
    s.at(330, 745, "Transports Lefèvre")
    s.at(330, 731, "ZI du Moulin")
    s.at(330, 717, "59000 Lille")
    s.at(330, 703, "SIRET 802 954 784 00020")
    s.at(50, 680, "Numéro de facture   NC-2026-031")
    s.at(50, 666, "Date de facturation   30/09/2026")
    s.at(50, 652, "Date limite de paiement   30/10/2026")
    y = _items(s, 600, [("Audit", "2", "900,00", "1 800,00")])
    s.at(390, y, "Montant total TTC")
    s.at(540, y, "2 160,00 €", right=True)
    s.at(390, y - 15, "Déjà réglé")
    s.at(540, y - 15, "660,00 €", right=True)
    s.at(390, y - 30, "Reste à payer")
    s.at(540, y - 30, "1 500,00 €", right=True)
    return s.pdf()


def on_receipt() -> bytes:
    """Payable on receipt, ISO dates, a consumer client written on one line."""
    s = Sheet()
    s.at(50, 800, "Dépannage Express", size=13)
    s.at(50, 786, "SIRET 351 748 905 00011")
    s.at(50, 730, "Client : M. Jean Martin")
    s.at(50, 716, "9 impasse des Lilas")
    s.at(50, 702, "31000 Toulouse")
    s.at(330, 730, "FACTURE FX-2026-501")
    s.at(330, 716, "Émise le 2026-11-02")
    y = _items(s, 650, [("Intervention", "1", "150,00", "150,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "150,00", right=True)
    s.at(390, y - 15, "TVA 10 %")
    s.at(540, y - 15, "15,00", right=True)
    s.at(390, y - 30, "Total TTC")
    s.at(540, y - 30, "165,00 EUR", right=True)
    s.at(50, y - 70, "Paiement à réception de facture.")
    return s.pdf()


def right_column_labels() -> bytes:
    """Labels stacked in a column with the values in the next one; end-of-month terms."""
    s = Sheet()
    s.at(50, 800, "Bureau d'études Aubert", size=13)
    s.at(50, 786, "RCS Grenoble 352 600 746")
    s.at(50, 740, "Destinataire")
    s.at(50, 725, "Commune de Vizille")
    s.at(50, 711, "Place du Château")
    s.at(50, 697, "38220 Vizille")
    s.at(330, 740, "Numéro")
    s.at(450, 740, "BEA-0419")
    s.at(330, 725, "Date")
    s.at(450, 725, "15 octobre 2026")
    s.at(330, 710, "Délai de paiement")
    s.at(450, 710, "45 jours fin de mois")
    s.at(50, 660, "Facture", size=16)
    y = _items(s, 620, [("Étude de sol", "1", "3 000,00", "3 000,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "3 000,00 €", right=True)
    s.at(390, y - 15, "TVA 20 %")
    s.at(540, y - 15, "600,00 €", right=True)
    s.at(390, y - 30, "Total TTC")
    s.at(540, y - 30, "3 600,00 €", right=True)
    return s.pdf()


def two_pages() -> bytes:
    """Items over page 1, totals and terms on page 2; a penalty rate in percent."""
    s = Sheet()
    s.at(50, 800, "Agence Pixel & Co", size=13)
    s.at(330, 800, "Facturé à")
    s.at(330, 785, "Librairie Le Chat Botté")
    s.at(330, 771, "2 rue Sainte-Catherine")
    s.at(330, 757, "33000 Bordeaux")
    s.at(330, 743, "SIREN : 881 234 561")
    s.at(50, 700, "Facture n° PX-2026-090")
    s.at(50, 686, "Date d'émission : 01/10/2026")
    s.at(50, 672, "Date de prestation : 30/09/2026")
    rows = [(f"Développement, lot {n}", "1", "100,00", "100,00") for n in range(1, 26)]
    _items(s, 630, rows)
    s.new_page()
    s.at(390, 760, "Total HT")
    s.at(540, 760, "2 500,00 €", right=True)
    s.at(390, 745, "TVA 20 %")
    s.at(540, 745, "500,00 €", right=True)
    s.at(390, 730, "Total TTC")
    s.at(540, 730, "3 000,00 €", right=True)
    s.at(50, 680, "Échéance : 31/10/2026")
    s.at(50, 660, "Pénalités de retard : taux annuel de 12 % appliqué dès le lendemain")
    s.at(50, 648, "de l'échéance, et indemnité forfaitaire de 40 euros.")
    s.at(50, 60, "Agence Pixel & Co — SIRET 391 487 659 00024", size=8)
    return s.pdf()


def service_terms() -> bytes:
    """Service date and "Conditions de règlement : 30 jours fin de mois", dotted dates."""
    s = Sheet()
    s.at(50, 800, "Coaching Delorme", size=13)
    s.at(50, 786, "SIRET 512 343 211 00029")
    s.at(330, 800, "Client")
    s.at(330, 785, "Cabinet Vidal & Associés")
    s.at(330, 771, "18 cours Lafayette")
    s.at(330, 757, "69003 Lyon")
    s.at(50, 720, "Facture N° : 2026-0042")
    s.at(50, 706, "Date : 28.10.2026")
    s.at(50, 692, "Date de la prestation : 21.10.2026")
    y = _items(s, 640, [("Séminaire", "1", "1.250,00", "1.250,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "1.250,00 EUR", right=True)
    s.at(390, y - 15, "TVA 20 %")
    s.at(540, y - 15, "250,00 EUR", right=True)
    s.at(390, y - 30, "Net à payer")
    s.at(540, y - 30, "1.500,00 EUR", right=True)
    s.at(50, y - 70, "Conditions de règlement : 30 jours fin de mois")
    return s.pdf()


def micro_due_words() -> bytes:
    """A franchise invoice with "Échéance le" in words and "Total à payer"; no client label."""
    s = Sheet()
    s.at(50, 800, "Léa Fontaine, graphiste", size=13)
    s.at(50, 786, "SIRET 802 954 784 00020")
    s.at(330, 760, "Le Petit Bistrot")
    s.at(330, 746, "4 rue du Marché")
    s.at(330, 732, "21000 Dijon")
    s.at(50, 700, "Facture n° LF-2026-12")
    s.at(50, 686, "Dijon, le 6 novembre 2026")
    y = _items(s, 640, [("Carte de menu", "1", "480,00", "480,00")])
    s.at(390, y, "Total à payer")
    s.at(540, y, "480,00 €", right=True)
    s.at(50, y - 40, "TVA non applicable, article 293 B du Code général des impôts.")
    s.at(50, y - 55, "Échéance le 6 décembre 2026.")
    return s.pdf()


def invoice_no_number() -> bytes:
    """A bare invoice: no number printed, one total, "Payable avant le"."""
    s = Sheet()
    s.at(50, 800, "Marc Olivier — plombier", size=13)
    s.at(50, 786, "SIRET 881 234 561 00028")
    s.at(50, 730, "FACTURE", size=16)
    s.at(50, 700, "Client :")
    s.at(110, 700, "Mme Sophie Garnier")
    s.at(50, 670, "Date : 10/11/2026")
    y = _items(s, 630, [("Remplacement chauffe-eau", "1", "900,00", "900,00")])
    s.at(390, y, "Total TTC")
    s.at(540, y, "990,00 €", right=True)
    s.at(390, y - 15, "dont TVA 10 %")
    s.at(540, y - 15, "90,00 €", right=True)
    s.at(50, y - 60, "Payable avant le 25/11/2026.")
    return s.pdf()


def upper_labels() -> bytes:
    """Labels in capitals, typographic apostrophes, the client "À l'attention de"."""
    s = Sheet()
    s.at(50, 800, "SAS OCÉANE DIGITAL", size=13)
    s.at(50, 786, "5 rue Kléber, 67000 Strasbourg")
    s.at(50, 772, "N° SIRET : 802 954 784 00012")
    s.at(330, 730, "À l'attention de")
    s.at(330, 716, "Fromagerie Bastien")
    s.at(330, 702, "M. Paul Bastien")
    s.at(330, 688, "11 rue des Fleurs")
    s.at(330, 674, "67100 Strasbourg")
    s.at(50, 640, "FACTURE", size=16)
    s.at(50, 620, "N° : F2026-118")
    s.at(50, 606, "DATE D’ÉMISSION : 04/11/2026")
    s.at(50, 592, "DATE D’ÉCHÉANCE : 04/12/2026")
    s.at(390, 500, "TOTAL HT")
    s.at(540, 500, "700,00", right=True)
    s.at(390, 485, "TOTAL TVA")
    s.at(540, 485, "140,00", right=True)
    s.at(390, 470, "TOTAL TTC (EUR)")
    s.at(540, 470, "840,00", right=True)
    return s.pdf()


def no_accents() -> bytes:
    """A tool that drops accents ("Net a payer", "echeance"), amounts with a decimal point."""
    s = Sheet()
    s.at(50, 800, "Freelance Dev - Thomas Petit", size=13)
    s.at(50, 770, "Facture N. 2026-77")
    s.at(50, 756, "Date de facturation : 2 octobre 2026")
    s.at(50, 742, "Date d'echeance : 1 novembre 2026")
    s.at(330, 770, "Client :")
    s.at(330, 756, "Startup Hopla SAS")
    s.at(330, 742, "22 rue du Faubourg")
    s.at(330, 728, "67000 STRASBOURG")
    s.at(330, 714, "SIREN 412345670")
    s.at(390, 600, "Total HT")
    s.at(540, 600, "2 000.00 EUR", right=True)
    s.at(390, 585, "TVA 20%")
    s.at(540, 585, "400.00 EUR", right=True)
    s.at(390, 570, "Net a payer")
    s.at(540, 570, "2 400.00 EUR", right=True)
    return s.pdf()


def kv_table() -> bytes:
    """A key/value table ("Référence", "Conditions de règlement : à 45 jours"), a deposit
    in percent and "Solde à régler"."""
    s = Sheet()
    s.at(50, 800, "Cabinet Roche Architecture", size=13)
    s.at(50, 786, "RCS Nantes 391 487 659")
    s.at(50, 740, "Facture")
    s.at(50, 720, "Référence")
    s.at(250, 720, "ARCH-2026-014")
    s.at(50, 706, "Date de la facture")
    s.at(250, 706, "16/10/2026")
    s.at(50, 692, "Conditions de règlement")
    s.at(250, 692, "à 45 jours")
    s.at(330, 760, "Facturé à :")
    s.at(330, 745, "SCI du Parc")
    s.at(330, 731, "Le Clos Fleuri, 3 chemin Vert")
    s.at(330, 717, "44300 Nantes")
    s.at(390, 600, "Montant HT")
    s.at(540, 600, "5 000,00 €", right=True)
    s.at(390, 585, "TVA (20,00 %)")
    s.at(540, 585, "1 000,00 €", right=True)
    s.at(390, 570, "Montant TTC")
    s.at(540, 570, "6 000,00 €", right=True)
    s.at(390, 555, "Acompte de 30 % déjà versé")
    s.at(540, 555, "1 800,00 €", right=True)
    s.at(390, 540, "Solde à régler")
    s.at(540, 540, "4 200,00 €", right=True)
    return s.pdf()


def sentence_style() -> bytes:
    """Everything in sentences: the client and its address on one line, terms and penalties
    written out, a micro-entrepreneur."""
    s = Sheet()
    s.at(50, 800, "Sophie Lambert — Rédactrice web", size=13)
    s.at(50, 786, "Micro-entreprise — SIRET 881 234 561 00010")
    s.at(50, 740, "Client : Agence Mosaïque, 9 place Bellecour, 69002 Lyon")
    s.at(50, 700, "Facture n°2026-031 émise le 9 novembre 2026")
    s.at(50, 680, "Rédaction de 10 articles de blog : 600,00 €")
    s.at(50, 660, "Montant total : 600,00 €")
    s.at(50, 640, "TVA non applicable – article 293 B du CGI")
    s.at(50, 620, "Paiement sous 30 jours à compter de la date de facture, par virement.")
    s.at(
        50,
        600,
        "En cas de retard de paiement, pénalités au taux de 10 % l'an et indemnité de 40 €.",
    )
    return s.pdf()


def platypus_tables() -> bytes:
    """Laid out by ReportLab's platypus (flowing tables and paragraphs, as HTML-to-PDF tools
    do): the two parties side by side, a header table, "Total" with VAT but no "TTC"."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    normal = getSampleStyleSheet()["Normal"]
    buffer = io.BytesIO()
    parties = Table(
        [
            [
                Paragraph(
                    "<b>Atelier Ferrand</b><br/>7 rue Pasteur<br/>63000 Clermont-Ferrand<br/>"
                    "SIRET 552 100 554 00013",
                    normal,
                ),
                Paragraph(
                    "<b>Facturé à</b><br/>Hôtel des Volcans<br/>Avenue de Royat<br/>"
                    "63400 Chamalières",
                    normal,
                ),
            ]
        ],
        colWidths=[250, 250],
    )
    header = Table(
        [["Facture", "Date", "Échéance"], ["AF-2026-0203", "18 novembre 2026", "18 décembre 2026"]],
        colWidths=[160, 160, 160],
    )
    items = Table(
        [
            ["Description", "Quantité", "Prix unitaire", "Montant"],
            ["Restauration de fauteuils", "4", "250,00 €", "1 000,00 €"],
            ["", "", "Sous-total", "1 000,00 €"],
            ["", "", "TVA 20 %", "200,00 €"],
            ["", "", "Total", "1 200,00 €"],
        ],
        colWidths=[200, 80, 100, 100],
    )
    penalty = (
        "En cas de retard de paiement, une pénalité égale à trois fois le taux d'intérêt "
        "légal sera exigible."
    )
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [
            parties,
            Spacer(1, 30),
            header,
            Spacer(1, 20),
            items,
            Spacer(1, 20),
            Paragraph(penalty, normal),
        ]
    )
    return buffer.getvalue()


def billing_address_vat() -> bytes:
    """ "Adresse de facturation", the client identified by its VAT number only, "Total dû"."""
    s = Sheet()
    s.at(50, 800, "Studio Lumen", size=13)
    s.at(50, 786, "SIRET 732 829 320 00017")
    s.at(50, 740, "Numéro : SL-2026-208")
    s.at(50, 726, "Date de facture : 21/11/2026")
    s.at(50, 712, "À payer avant le : 21/12/2026")
    s.at(330, 740, "Adresse de facturation")
    s.at(330, 725, "Atelier Dupuis SARL")
    s.at(330, 711, "Bâtiment B, 3 avenue Jean Jaurès")
    s.at(330, 697, "69007 LYON")
    s.at(330, 683, "TVA intracom. : FR 96 552 100 554")
    y = _items(s, 640, [("Shooting produit", "1", "500,00", "500,00")])
    s.at(390, y, "Total HT")
    s.at(540, y, "500,00 €", right=True)
    s.at(390, y - 15, "TVA 20 %")
    s.at(540, y - 15, "100,00 €", right=True)
    s.at(390, y - 30, "Total dû")
    s.at(540, y - 30, "600,00 €", right=True)
    return s.pdf()


PLAIN: tuple[PlainInvoice, ...] = (
    PlainInvoice(
        "classic",
        classic,
        {
            "number": "2026-041",
            "amount": D("1250.00"),
            "issue_date": date(2026, 11, 12),
            "due_date": date(2026, 12, 12),
            "debtor_name": "Atelier Dupuis SARL",
            "debtor_siren": "552100554",
            "debtor_address": "3 avenue Jean Jaurès\n69007 Lyon",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "header_table",
        header_table,
        {
            "number": "FA-2026-0113",
            "amount": D("2160.00"),
            "issue_date": date(2026, 10, 5),
            "due_date": date(2026, 11, 4),
            "debtor_name": "Boulangerie Les Tilleuls",
            "debtor_address": "Chez Mme Roux\n14 place du Marché\n44100 Nantes",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "micro_terms",
        micro_terms,
        {
            "number": "2026/17",
            "amount": D("850.00"),
            "issue_date": date(2026, 11, 2),
            "due_date": date(2026, 12, 2),
            "debtor_name": "Éditions du Port",
            "debtor_address": "27 rue des Docks\n13002 Marseille",
            "vat_franchise": True,
        },
    ),
    PlainInvoice(
        "words_dates",
        words_dates,
        {
            "number": "F-2026-0007",
            "amount": D("1440.00"),
            "issue_date": date(2026, 11, 3),
            "due_date": date(2026, 12, 1),
            "debtor_name": "Garage Moreau",
            "debtor_siren": "512343211",
            "debtor_address": "Zone artisanale des Prés\n35510 Cesson-Sévigné",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "deposit_net",
        deposit_net,
        {
            "number": "2026-112",
            "amount": D("2000.00"),
            "issue_date": date(2026, 10, 20),
            "due_date": date(2026, 11, 19),
            "debtor_name": "SCI Les Hortensias",
            "debtor_address": "5 allée des Pins\n29200 Brest",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "deposit_only",
        deposit_only,
        {
            "number": "CN-88",
            "amount": D("800.00"),
            "issue_date": date(2026, 9, 14),
            "due_date": date(2026, 10, 14),
            "debtor_name": "Agence Horizon SAS",
            "debtor_address": "40 boulevard Haussmann\n75009 Paris",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "balance_due",
        balance_due,
        {
            "number": "NC-2026-031",
            "amount": D("1500.00"),
            "issue_date": date(2026, 9, 30),
            "due_date": date(2026, 10, 30),
            "debtor_name": "Transports Lefèvre",
            "debtor_siren": "802954784",
            "debtor_address": "ZI du Moulin\n59000 Lille",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "on_receipt",
        on_receipt,
        {
            "number": "FX-2026-501",
            "amount": D("165.00"),
            "issue_date": date(2026, 11, 2),
            "due_date": date(2026, 11, 2),
            "debtor_name": "M. Jean Martin",
            "debtor_address": "9 impasse des Lilas\n31000 Toulouse",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "right_column_labels",
        right_column_labels,
        {
            "number": "BEA-0419",
            "amount": D("3600.00"),
            "issue_date": date(2026, 10, 15),
            "due_date": date(2026, 11, 30),
            "debtor_name": "Commune de Vizille",
            "debtor_address": "Place du Château\n38220 Vizille",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "two_pages",
        two_pages,
        {
            "number": "PX-2026-090",
            "amount": D("3000.00"),
            "issue_date": date(2026, 10, 1),
            "due_date": date(2026, 10, 31),
            "service_date": date(2026, 9, 30),
            "penalty_rate": D("12"),
            "debtor_name": "Librairie Le Chat Botté",
            "debtor_siren": "881234561",
            "debtor_address": "2 rue Sainte-Catherine\n33000 Bordeaux",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "service_terms",
        service_terms,
        {
            "number": "2026-0042",
            "amount": D("1500.00"),
            "issue_date": date(2026, 10, 28),
            "due_date": date(2026, 11, 30),
            "service_date": date(2026, 10, 21),
            "debtor_name": "Cabinet Vidal & Associés",
            "debtor_address": "18 cours Lafayette\n69003 Lyon",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "micro_due_words",
        micro_due_words,
        {
            "number": "LF-2026-12",
            "amount": D("480.00"),
            "issue_date": date(2026, 11, 6),
            "due_date": date(2026, 12, 6),
            "debtor_name": "Le Petit Bistrot",
            "debtor_address": "4 rue du Marché\n21000 Dijon",
            "vat_franchise": True,
        },
    ),
    PlainInvoice(
        "invoice_no_number",
        invoice_no_number,
        {
            "amount": D("990.00"),
            "issue_date": date(2026, 11, 10),
            "due_date": date(2026, 11, 25),
            "debtor_name": "Mme Sophie Garnier",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "upper_labels",
        upper_labels,
        {
            "number": "F2026-118",
            "amount": D("840.00"),
            "issue_date": date(2026, 11, 4),
            "due_date": date(2026, 12, 4),
            "debtor_name": "Fromagerie Bastien",
            "debtor_address": "M. Paul Bastien\n11 rue des Fleurs\n67100 Strasbourg",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "no_accents",
        no_accents,
        {
            "number": "2026-77",
            "amount": D("2400.00"),
            "issue_date": date(2026, 10, 2),
            "due_date": date(2026, 11, 1),
            "debtor_name": "Startup Hopla SAS",
            "debtor_siren": "412345670",
            "debtor_address": "22 rue du Faubourg\n67000 STRASBOURG",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "kv_table",
        kv_table,
        {
            "number": "ARCH-2026-014",
            "amount": D("4200.00"),
            "issue_date": date(2026, 10, 16),
            "due_date": date(2026, 11, 30),
            "debtor_name": "SCI du Parc",
            "debtor_address": "Le Clos Fleuri, 3 chemin Vert\n44300 Nantes",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "sentence_style",
        sentence_style,
        {
            "number": "2026-031",
            "amount": D("600.00"),
            "issue_date": date(2026, 11, 9),
            "due_date": date(2026, 12, 9),
            "penalty_rate": D("10"),
            "debtor_name": "Agence Mosaïque",
            "debtor_address": "9 place Bellecour\n69002 Lyon",
            "vat_franchise": True,
        },
    ),
    PlainInvoice(
        "platypus_tables",
        platypus_tables,
        {
            "number": "AF-2026-0203",
            "amount": D("1200.00"),
            "issue_date": date(2026, 11, 18),
            "due_date": date(2026, 12, 18),
            "debtor_name": "Hôtel des Volcans",
            "debtor_address": "Avenue de Royat\n63400 Chamalières",
            "vat_franchise": False,
        },
    ),
    PlainInvoice(
        "billing_address_vat",
        billing_address_vat,
        {
            "number": "SL-2026-208",
            "amount": D("600.00"),
            "issue_date": date(2026, 11, 21),
            "due_date": date(2026, 12, 21),
            "debtor_name": "Atelier Dupuis SARL",
            "debtor_siren": "552100554",
            "debtor_address": "Bâtiment B, 3 avenue Jean Jaurès\n69007 LYON",
            "vat_franchise": False,
        },
    ),
)


def scanned_pdf() -> bytes:
    """A PDF whose page is only an image, as a scanner makes it: no text layer."""
    from reportlab.lib.utils import ImageReader

    width, height = 200, 280
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            shade = 40 if (y // 12) % 3 == 0 and 20 < x < 180 else 245
            pixels += bytes((shade, shade, shade))
    image = _png(width, height, bytes(pixels))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(image)), 40, 100, 500, 700)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _png(width: int, height: int, rgb: bytes) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + rgb[y * width * 3 : (y + 1) * width * 3] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def not_a_pdf() -> bytes:
    """A Word-like document renamed `.pdf`."""
    return b"PK\x03\x04" + b"word/document.xml" + bytes(200)


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(classic())))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_pdf() -> bytes:
    """A PDF cut short in the middle, as an interrupted download leaves it."""
    return classic()[:400]


def huge_pdf(size: int) -> bytes:
    """A PDF of `size` bytes: a real invoice followed by padding (a comment)."""
    data = classic()
    return data + b"%" + b"0" * max(0, size - len(data) - 1)
