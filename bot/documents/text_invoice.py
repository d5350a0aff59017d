"""A plain invoice PDF: its text layer (laid out as on the page) read with French vocabulary.

The text is cut into segments: runs of words on one line, apart from their neighbours by
wide gaps (columns). A label's value is looked for after it in its own segment, then in
the next segment on its line, then just below it in its column (tables, stacked labels).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from bot.documents import vocabulary as vocab
from bot.documents.facts import InvoiceFacts
from bot.domain.identifiers import siren_of, siren_of_vat

T = TypeVar("T")
FLAGS = re.IGNORECASE
SEPARATORS = " \t:.-–—=|"
MONTH_WORDS = "|".join(sorted(map(re.escape, vocab.MONTHS), key=len, reverse=True))
DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4}|\d{2})(?!\d)")
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DATE_WORDS = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:er)?\s+({MONTH_WORDS})\.?\s+(\d{{4}})(?!\d)", FLAGS
)
AMOUNT = re.compile(
    r"(?P<pre>€\s*)?(?<![\d,.])(?P<int>\d{1,3}(?:[ \u00a0\u202f.']\d{3})+|\d+)"
    r"(?:[,.](?P<cents>\d{1,2}))?(?![\d])\s*(?P<cur>€|eur\b|euros?\b)?",
    FLAGS,
)
INVOICE_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9\-_/.]*", FLAGS)
NEAR = 12  # characters: a value this close right of its label belongs to it
NUMBER_PREFIX = re.compile(r"^(?:n\s*[°ºo]|num[ée]ro|no\.?|#)?\s*[:#]?\s*", FLAGS)


@dataclass(frozen=True)
class Segment:
    line: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def segments_of(text: str) -> list[Segment]:
    """Runs of words apart by three spaces or more, line by line, in reading order."""
    found = []
    for number, line in enumerate(text.splitlines()):
        for match in re.finditer(r"\S+(?:\s{1,2}\S+)*", line):
            found.append(Segment(number, match.start(), match.group()))
    return found


class Page:
    """Segments of the document's text with the geometry to find a label's value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.segments = segments_of(text)
        self.by_line: dict[int, list[Segment]] = {}
        for segment in self.segments:
            self.by_line.setdefault(segment.line, []).append(segment)

    def labels(
        self, patterns: Iterable[str], last_first: bool = False
    ) -> Iterator[tuple[Segment, re.Match]]:
        """Each (segment, match) of the patterns, pattern by pattern, segments in order."""
        for pattern in patterns:
            regex = re.compile(pattern, FLAGS)
            ordered = reversed(self.segments) if last_first else self.segments
            for segment in ordered:
                for match in regex.finditer(segment.text):
                    yield segment, match

    def right_of(self, segment: Segment) -> Segment | None:
        after = [s for s in self.by_line.get(segment.line, []) if s.start > segment.start]
        return after[0] if after else None

    def below(self, segment: Segment, start: int, end: int, depth: int = 2) -> Iterator[Segment]:
        """Segments on the next lines overlapping columns start..end, nearest first."""
        for line in range(segment.line + 1, segment.line + 1 + depth):
            for other in self.by_line.get(line, []):
                if other.start <= end + 2 and other.end >= start - 2:
                    yield other

    def value(
        self,
        patterns: Iterable[str],
        finder: Callable[[str], T | None],
        last_first: bool = False,
    ) -> T | None:
        """The first value `finder` reads next to one of the labels."""
        for segment, match in self.labels(patterns, last_first):
            rest = segment.text[match.end() :].lstrip(SEPARATORS)
            candidates = [rest] if rest else []
            right = self.right_of(segment)
            if right is not None:
                candidates.append(right.text)
            label_start = segment.start + match.start()
            label_end = segment.start + match.end()
            candidates += [s.text for s in self.below(segment, label_start, label_end)]
            for candidate in candidates:
                found = finder(candidate)
                if found is not None:
                    return found
        return None


def find_date(text: str) -> date | None:
    """The first date written in `text` ("12/11/2026", "2026-11-12", "1er décembre 2026")."""
    found: list[tuple[int, date]] = []
    for regex, order in ((DATE_NUMERIC, "dmy"), (DATE_ISO, "ymd"), (DATE_WORDS, "dmy")):
        for match in regex.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = (
                vocab.MONTHS.get(parts["m"].lower().rstrip("."), None)
                if not parts["m"].isdigit()
                else int(parts["m"])
            )
            year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)
            try:
                found.append((match.start(), date(year, month or 0, int(parts["d"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None


def find_amount(text: str) -> Decimal | None:
    """The first sum of money in `text` ("1 250,00 €", "1.250,00", "980 EUR")."""
    for match in AMOUNT.finditer(text):
        if not (match.group("cents") or match.group("cur") or match.group("pre")):
            continue
        whole = re.sub(r"[ \u00a0\u202f.']", "", match.group("int"))
        cents = (match.group("cents") or "0").ljust(2, "0")
        return Decimal(f"{whole}.{cents}")
    return None


def find_number(text: str) -> str | None:
    """An invoice number: the first token holding a digit that is neither a date nor a sum."""
    text = NUMBER_PREFIX.sub("", text, count=1)
    match = INVOICE_NUMBER.match(text)
    if not match:
        return None
    token = match.group().rstrip(".-/")
    if (
        not re.search(r"\d", token)
        or len(token) > 30
        or find_date(token)
        or re.fullmatch(r"\d{1,3}[,.]\d{2}", token)
    ):
        return None
    return token


def find_terms(text: str) -> tuple[int, bool] | None:
    """Payment terms as (days, end of month): "30 jours", "45 jours fin de mois", "à réception"."""
    days = re.search(vocab.TERMS_DAYS, text, FLAGS)
    if days:
        return int(days.group(1)), bool(days.group(2))
    if re.search(vocab.TERMS_ON_RECEIPT, text, FLAGS):
        return 0, False
    return None


def due_from_terms(issued: date, days: int, end_of_month: bool) -> date:
    due = issued + timedelta(days=days)
    if end_of_month:
        due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
    return due


def find_penalty_rate(text: str) -> Decimal | None:
    """An annual penalty rate stated as a percentage, not as a multiple of a legal rate."""
    match = re.search(vocab.PENALTY_RATE, text)
    if not match or re.search(
        r"fois|taux\s+(?:d['’]int[ée]r[êe]t\s+)?l[ée]gal|bce|refi", text[: match.start()], FLAGS
    ):
        return None
    return Decimal(match.group(1).replace(",", "."))


def read_text(text: str) -> InvoiceFacts:
    """The facts a plain invoice's laid-out text states."""
    page = Page(text)
    issue_date = page.value(vocab.ISSUE_DATE_LABELS, find_date)
    due_date = page.value(vocab.DUE_DATE_LABELS, find_date)
    if due_date is None and issue_date is not None:
        terms = page.value((*vocab.TERMS_LABELS, *vocab.DUE_DATE_LABELS), find_terms)
        if terms is not None:
            due_date = due_from_terms(issue_date, *terms)
    franchise = vat_franchise(text)
    debtor_name, debtor_address, debtor_siren, block = client_block(page)
    return InvoiceFacts(
        source="text",
        number=page.value(vocab.NUMBER_LABELS, find_number),
        amount=amount_due(page, franchise),
        issue_date=issue_date,
        due_date=due_date,
        service_date=page.value(vocab.SERVICE_DATE_LABELS, find_date),
        penalty_rate=penalty_rate(page),
        debtor_name=debtor_name,
        debtor_siren=debtor_siren,
        debtor_address=debtor_address,
        seller_siren=seller_siren(page, block),
        vat_franchise=franchise,
        vat_exemption_reason=franchise_sentence(text) if franchise else None,
    )


def amount_due(page: Page, franchise: bool | None) -> Decimal | None:
    """What is left to pay: a "net à payer" line, else the total less any deposit."""
    due = page.value(vocab.AMOUNT_DUE_LABELS, find_amount, last_first=True)
    if due is not None:
        return due
    total = page.value(vocab.TOTAL_TTC_LABELS, find_amount, last_first=True)
    if total is None:
        total = page.value(vocab.TOTAL_LABELS, find_amount, last_first=True)
    if total is None and franchise:
        total = page.value(vocab.TOTAL_HT_LABELS, find_amount, last_first=True)
    if total is None:
        return None
    prepaid = page.value(vocab.PREPAID_LABELS, find_amount, last_first=True)
    return total - prepaid if prepaid is not None and prepaid < total else total


def vat_franchise(text: str) -> bool | None:
    """True under the VAT franchise, False when VAT is charged, None when the text is silent."""
    if re.search(vocab.VAT_FRANCHISE, text, FLAGS):
        return True
    if re.search(r"\btva\b[^\n%]{0,20}?\d{1,2}(?:[.,]\d{1,2})?\s*%|\bttc\b", text, FLAGS):
        return False
    return None


def franchise_sentence(text: str) -> str | None:
    match = re.search(rf"[^\n]*(?:{vocab.VAT_FRANCHISE})[^\n]*", text, FLAGS)
    return " ".join(match.group().split()) if match else None


def penalty_rate(page: Page) -> Decimal | None:
    for segment, match in page.labels(vocab.PENALTY_LABELS):
        following = page.by_line.get(segment.line + 1, [])
        sentence = " ".join([segment.text[match.end() :], *(s.text for s in following)])
        return find_penalty_rate(sentence)
    return None


def client_block(page: Page) -> tuple[str | None, str | None, str | None, set[Segment]]:
    """The client's name, postal address and SIREN from the block under a client label."""
    for segment, match in page.labels(vocab.CLIENT_LABELS):
        if segment.text[: match.start()].strip():
            continue
        rest = segment.text[match.end() :].lstrip(SEPARATORS)
        one_line = one_line_client(rest)
        if one_line is not None:
            return (*one_line, None, {segment})
        if rest:
            name_segment = Segment(
                segment.line, segment.start + len(segment.text) - len(rest), rest
            )
        else:
            right = page.right_of(segment)
            near = right is not None and right.start - segment.end <= NEAR
            name_segment = (
                right if near else next(page.below(segment, segment.start, segment.end), None)
            )
        if name_segment is None or not plausible_name(name_segment.text):
            continue
        lines, siren = block_lines(page, name_segment)
        return (
            name_segment.text.strip(),
            address_of(lines),
            siren,
            {segment, name_segment, *lines},
        )
    return unlabelled_client(page)


def unlabelled_client(page: Page) -> tuple[str | None, str | None, str | None, set[Segment]]:
    """The client's block when no label names it: the window-envelope block, on the right
    half of the top of the first page, under the seller's name and ending with a postcode."""
    if not page.segments:
        return None, None, None, set()
    first_line = page.segments[0].line
    width = max(segment.end for segment in page.segments)
    for segment in page.segments:
        if segment.line > first_line + 15:
            break
        if segment.line == first_line or segment.start < width * 0.4:
            continue
        if not plausible_name(segment.text):
            continue
        above = next(page.below(Segment(segment.line - 2, 0, ""), segment.start, segment.end), None)
        if above is not None and above.line < segment.line:
            continue  # not the first line of its block
        lines, siren = block_lines(page, segment)
        address = address_of(lines)
        if address is not None:
            return segment.text.strip(), address, siren, {segment, *lines}
    return None, None, None, set()


def one_line_client(text: str) -> tuple[str, str] | None:
    """ "Agence Mosaïque, 9 place Bellecour, 69002 Lyon": the name and the address lines."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 3 or not re.search(vocab.POSTCODE_CITY, parts[-1]):
        return None
    if not plausible_name(parts[0]):
        return None
    return parts[0], "\n".join(parts[1:])


def plausible_name(text: str) -> bool:
    return (
        len(text) <= 80
        and re.search(r"[A-Za-zÀ-ÿ]{2}", text) is not None
        and not re.search(vocab.NOT_ADDRESS, text, FLAGS)
        and find_date(text) is None
    )


def block_lines(page: Page, name: Segment) -> tuple[list[Segment], str | None]:
    """The segments under the client's name in its column, and a SIREN printed among them."""
    lines: list[Segment] = []
    siren: str | None = None
    current = name
    for _ in range(8):
        below = next(page.below(current, name.start, max(name.end, name.start + 20), depth=1), None)
        if below is None:
            break
        identifier = re.search(vocab.IDENTIFIER, below.text, FLAGS)
        if identifier and siren is None:
            siren = siren_of(identifier.group(2))
        vat = re.search(vocab.VAT_NUMBER, below.text, FLAGS)
        if vat and siren is None:
            siren = siren_of_vat(vat.group())
        lines.append(below)
        current = below
    return lines, siren


def address_of(lines: list[Segment]) -> str | None:
    """The address lines up to the postcode and city line (and a country after it)."""
    kept: list[str] = []
    for segment in lines:
        text = segment.text.strip()
        if re.search(vocab.NOT_ADDRESS, text, FLAGS):
            break
        kept.append(text)
        if re.search(vocab.POSTCODE_CITY, text):
            return "\n".join(kept)
    return None


def seller_siren(page: Page, client: set[Segment]) -> str | None:
    """The first valid identifier printed outside the client's block (header or footer)."""
    for segment in page.segments:
        if segment in client:
            continue
        for match in re.finditer(vocab.IDENTIFIER, segment.text, FLAGS):
            found = siren_of(match.group(2))
            if found:
                return found
    return None
