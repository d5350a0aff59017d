"""French invoice vocabulary: the labels invoicing tools print, as regular expressions.

Data only; `text_invoice` holds the logic that uses it. Every pattern is matched
case-insensitively against text whose accents and apostrophes are kept as printed, so
each one spells both the accented and the bare form where tools differ.
"""

from __future__ import annotations

# Invoice number: "Facture n° 2026-041", "N° de facture", "Numéro de facture", "Réf. facture".
NUMBER_LABELS: tuple[str, ...] = (
    r"facture\s*(?:n\s*[°ºo.]|num[ée]ro|no\.?|#)\s*",
    r"(?:n\s*[°ºo.]|num[ée]ro|no\.?)\s*(?:de\s+(?:la\s+)?)?facture",
    r"r[ée]f(?:[ée]rence|\.)?\s*(?:de\s+(?:la\s+)?)?facture",
    r"\bfacture\b(?!\s+(?:du|d['’]acompte|acquitt))",
    r"^(?:n\s*[°ºo]|num[ée]ro|r[ée]f[ée]rence)\s*(?::|$)",
)

# Issue date: "Date d'émission", "Date de facture", "Émise le", "Date :".
ISSUE_DATE_LABELS: tuple[str, ...] = (
    r"date\s+d['’]\s*[ée]mission",
    r"date\s+de\s+(?:la\s+)?factur(?:e|ation)",
    r"[ée]mise?\s+le",
    r"factur[ée]e?\s+le",
    r"facture\s+du",
    r"facture\s+(?:n\s*[°ºo]\s*)?\S*\d\S*\s+du",
    r"^[a-zà-ÿ'’\- ]{2,40},\s*le\b",
    r"\bdate\b(?!\s*(?:d['’]\s*[ée]ch|de\s+(?:la\s+)?(?:prestation|livraison|paiement|r[èe]glement|"
    r"d[ée]but|fin|ex[ée]cution|vente|commande)|limite|d['’]ex[ée]cution))",
    r"\bfait\s+(?:à\s+\S+\s*,?\s*)?le",
)

# Due date: "Échéance", "À régler avant le", "Date limite de paiement".
DUE_DATE_LABELS: tuple[str, ...] = (
    r"date\s+d['’]\s*[ée]ch[ée]ance",
    r"date\s+limite\s+de\s+(?:paiement|r[èe]glement)",
    r"[àa]\s+(?:r[ée]gler|payer)\s+(?:au\s+plus\s+tard\s+)?(?:avant\s+)?le",
    r"payable\s+(?:au\s+plus\s+tard\s+)?(?:avant\s+)?le",
    r"(?:paiement|r[èe]glement)\s+(?:au\s+plus\s+tard|attendu|avant)\s+(?:le)?",
    r"[ée]ch[ée]ance(?:\s+de\s+paiement|\s+le)?",
    r"date\s+de\s+(?:paiement|r[èe]glement)",
)

# Payment terms giving the due date from the issue date: "Conditions de paiement : 30 jours".
TERMS_LABELS: tuple[str, ...] = (
    r"conditions?\s+de\s+(?:paiement|r[èe]glement)",
    r"d[ée]lai\s+de\s+(?:paiement|r[èe]glement)",
    r"(?:paiement|r[èe]glement|payable)\s+(?:[àa]|sous|dans\s+les)",
    r"termes?\s+de\s+paiement",
)
TERMS_DAYS = r"(\d{1,3})\s*jours(\s+fin\s+de\s+mois)?"
TERMS_ON_RECEIPT = r"(?:\br[ée]ception|comptant|imm[ée]diat)"

# Service date: "Date de prestation", "Date de livraison".
SERVICE_DATE_LABELS: tuple[str, ...] = (
    r"date\s+de\s+(?:la\s+)?(?:prestation|livraison|vente|r[ée]alisation)",
    r"date\s+d['’]\s*ex[ée]cution",
    r"(?:prestation|mission|livraison)\s+(?:r[ée]alis[ée]e|effectu[ée]e|termin[ée]e|livr[ée]e)\s+le",
    r"livr[ée]e?\s+le",
)

# What the client owes, most specific first: what is left after a deposit, then the total.
AMOUNT_DUE_LABELS: tuple[str, ...] = (
    r"reste\s+[àa]\s+(?:payer|r[ée]gler)",
    r"solde\s+(?:d[ûu]|[àa]\s+payer|restant)",
    r"net\s+[àa]\s+payer",
    r"montant\s+(?:d[ûu]|[àa]\s+(?:payer|r[ée]gler))",
    r"(?:montant\s+)?restant\s+d[ûu]",
    r"total\s+d[ûu]",
    r"total\s+[àa]\s+(?:payer|r[ée]gler)",
)
TOTAL_TTC_LABELS: tuple[str, ...] = (
    r"total\s+t\.?t\.?c\.?",
    r"montant\s+t\.?t\.?c\.?",
    r"total\s+toutes\s+taxes\s+comprises",
)
PREPAID_LABELS: tuple[str, ...] = (
    r"acomptes?\s+(?:vers[ée]s?|re[çc]us?|r[ée]gl[ée]s?|d[ée]j[àa]\s+(?:vers|r[ée]gl)[ée]s?)",
    r"d[ée]j[àa]\s+(?:r[ée]gl[ée]|pay[ée]|vers[ée])",
    r"\bacomptes?\b(?!\s+de\s+\d)",
)
# A total without "TTC": what is owed when no line says more (never "Sous-total", "Total TVA").
TOTAL_LABELS: tuple[str, ...] = (
    r"montant\s+total(?!\s*(?:h\.?t\b|hors|de\s+la\s+tva|tva))",
    r"(?<!sous-)(?<!sous\s)\btotal\b(?!\s*(?:h\.?t\b|hors|de\s+la\s+tva|tva|net\s+h))",
)
# Only read when the invoice is under the VAT franchise (then the total before tax is owed).
TOTAL_HT_LABELS: tuple[str, ...] = (
    r"total\s+(?:net\s+)?h\.?t\.?",
    r"montant\s+h\.?t\.?",
)

VAT_FRANCHISE = (
    r"tva\s+non\s+applicable|293\s*b\b|franchise\s+en\s+base(?:\s+de\s+tva)?|"
    r"exon[ée]ration\s+de\s+tva.{0,40}293"
)

PENALTY_LABELS: tuple[str, ...] = (
    r"p[ée]nalit[ée]s?\s+(?:de\s+|en\s+cas\s+de\s+)?retard",
    r"p[ée]nalit[ée]s?\b",
)
PENALTY_RATE = r"(\d{1,2}(?:[.,]\d{1,2})?)\s*%"

# The client's block: "Client", "Facturé à", "Adressé à", "Destinataire".
CLIENT_LABELS: tuple[str, ...] = (
    r"factur[ée]e?\s+[àa]",
    r"facturer\s+[àa]",
    r"adress[ée]e?\s+[àa]",
    r"destinataire",
    r"adresse\s+de\s+facturation",
    r"acheteur",
    r"donneur\s+d['’]ordre",
    r"[àa]\s+l['’]attention\s+de",
    r"\bclient(?:e)?\b(?!\s*(?:n\s*[°ºo]|num[ée]ro|r[ée]f|code|id))",
)

# Company identifiers: "SIREN 552 100 554", "SIRET : 552 100 554 00011", "RCS Lyon 552 100 554".
VAT_NUMBER = r"\bFR[\s.\-]?[0-9A-Z]{2}[\s.\-]?\d{3}[\s.\-]?\d{3}[\s.\-]?\d{3}\b"
IDENTIFIER = r"\b(siren|siret|rcs(?:\s+[a-zà-ÿ\-]+){0,3})\b\W{0,3}((?:\d[\s\u00a0\u202f.]?){9,14})"

# Lines that end a postal address block.
NOT_ADDRESS = (
    r"\b(?:siren|siret|rcs|tva|t[ée]l|t[ée]l[ée]phone|mobile|e-?mail|courriel|www|ape|naf|iban|"
    r"bic|capital|code\s+client)\b|@|n\s*[°ºo]\s*client"
)
POSTCODE_CITY = r"\b(?:\d{5}|\d{2}\s\d{3})\s+[A-Za-zÀ-ÿ'’\- ]{2,}"

MONTHS: dict[str, int] = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "février": 2,
    "fevrier": 2,
    "févr": 2,
    "fevr": 2,
    "fév": 2,
    "fev": 2,
    "mars": 3,
    "mar": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "décembre": 12,
    "decembre": 12,
    "déc": 12,
    "dec": 12,
}
