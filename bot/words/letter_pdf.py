"""The formal notice (mise en demeure) as an A4 PDF, ready to print and send by registered post.

The words come from templates/messages/formal_notice/pdf.j2 (the same partials as the text
letter); this module only lays them out with ReportLab platypus. Text stays extractable.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bot.domain.calendar import add_days, next_working_day
from bot.domain.facts import Assessment, Case, Stage
from bot.domain.profile import Profile
from bot.words.messages import as_profile, message_context
from bot.words.payment_qr import epc_qr, qr_png
from bot.words.render import render

# Page 1 of a letter folded in three into a French DL envelope with a window on the right
# (NF EN ISO 269 / La Poste): the recipient block starts 100 mm from the left edge and 47 mm
# from the top; the sender block sits top left, above the fold, outside the window.
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 22 * mm
RIGHT = 20 * mm
SENDER_TOP = 15 * mm
SENDER_WIDTH = 75 * mm
RECIPIENT_LEFT = 100 * mm
RECIPIENT_TOP = 47 * mm
RECIPIENT_WIDTH = 85 * mm
FIRST_BODY_TOP = 95 * mm  # below the window: place and date, object, text
QR_SIZE = 32 * mm
NOTICE_DAYS = 8  # the deadline given in a formal notice (practice, LAW §5)
NBSP = "\u00a0"
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_DATE = re.compile(rf"\b(\d{{1,2}}|1er) ({_MONTHS}) (\d{{4}})\b")
_THOUSANDS = re.compile(r"(\d) (?=\d{3}\b)")
_SECTION = re.compile(r"^## (\w+)\s*$")


def letter_deadline(assessment: Assessment) -> date:
    """The engine's deadline at the formal-notice stage, else today + 8 days on a working day."""
    if assessment.stage is Stage.FORMAL_NOTICE and assessment.deadline is not None:
        return assessment.deadline
    return next_working_day(add_days(assessment.today, NOTICE_DAYS))


def letter_context(
    case: Case,
    assessment: Assessment,
    profile: Profile | None = None,
    others: Sequence[tuple[Case, Assessment]] = (),
) -> dict[str, Any]:
    """The message context of the formal notice, with the letter's own deadline."""
    context = message_context(case, assessment, "formal_notice", "letter", profile, others)
    context["deadline"] = letter_deadline(assessment)
    return context


def letter_sections(
    case: Case,
    assessment: Assessment,
    profile: Profile | None = None,
    others: Sequence[tuple[Case, Assessment]] = (),
) -> dict[str, str]:
    """The letter's text by section (sender, recipient, place_date, mention, subject, …)."""
    text = render(
        "messages/formal_notice/pdf.j2", **letter_context(case, assessment, profile, others)
    )
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = _SECTION.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def _keep_together(text: str) -> str:
    """Non-breaking spaces inside amounts and dates, so a line never splits `1 250,00 €`."""
    text = _DATE.sub(lambda m: NBSP.join(m.groups()), text)
    text = _THOUSANDS.sub(rf"\1{NBSP}", text)
    return text.replace(" €", f"{NBSP}€")


def _markup(text: str) -> str:
    return escape(_keep_together(text))


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()["Normal"]
    body = ParagraphStyle("body", parent=base, fontName="Helvetica", fontSize=10.5, leading=14)
    return {
        "body": ParagraphStyle("para", parent=body, spaceAfter=7),
        "block": body,
        "right": ParagraphStyle("right", parent=body, leftIndent=9.5 * cm),
        "bold": ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold", spaceAfter=7),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=0.5 * cm, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
        "amount": ParagraphStyle(
            "amount", parent=body, fontSize=9.5, leading=12, alignment=TA_RIGHT
        ),
        "total": ParagraphStyle("total", parent=body, fontName="Helvetica-Bold", fontSize=9.5),
        "note": ParagraphStyle("note", parent=body, fontName="Helvetica-Oblique", fontSize=9),
    }


def _block(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph("<br/>".join(_markup(line) for line in text.splitlines()), style)


def _paragraphs(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Blank-line separated paragraphs; lines starting with "- " become bullet lines."""
    flowables: list[Flowable] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            flowables += [Paragraph("• " + _markup(line[2:]), styles["bullet"]) for line in lines]
            flowables.append(Spacer(1, 5))
        else:
            flowables.append(Paragraph(_markup(" ".join(lines)), styles["body"]))
    return flowables


def _table(text: str, styles: dict[str, ParagraphStyle]) -> Table:
    rows = [line.rsplit(" | ", 1) for line in text.splitlines() if " | " in line]
    data = []
    for i, (label, value) in enumerate(rows):
        last = i == len(rows) - 1
        data.append(
            [
                Paragraph(_markup(label), styles["total"] if last else styles["cell"]),
                Paragraph(_markup(value), styles["total"] if last else styles["amount"]),
            ]
        )
    table = Table(data, colWidths=[13 * cm, 4 * cm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEEEEE")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _qr_block(png: bytes, caption: str, styles: dict[str, ParagraphStyle]) -> Table:
    image = Image(io.BytesIO(png), width=QR_SIZE, height=QR_SIZE)
    table = Table(
        [[image, Paragraph(_markup(caption), styles["note"])]],
        colWidths=[QR_SIZE + 4 * mm, 12 * cm],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return KeepTogether([Spacer(1, 0.3 * cm), table])


def _story(sections: dict[str, str], qr: bytes | None = None) -> list[Flowable]:
    styles = _styles()
    get = sections.get
    story: list[Flowable] = [
        NextPageTemplate("next"),
        _block(get("place_date", ""), styles["right"]),
        Spacer(1, 0.6 * cm),
        Paragraph(_markup(get("mention", "")), styles["bold"]),
        Paragraph(_markup(get("subject", "")), styles["bold"]),
        Spacer(1, 0.3 * cm),
        Paragraph(_markup(get("salutation", "")), styles["body"]),
    ]
    story += _paragraphs(get("intro", ""), styles)
    story += [_table(get("table", ""), styles), Spacer(1, 0.3 * cm)]
    if get("after_table"):
        story.append(Paragraph(_markup(get("after_table", "")), styles["note"]))
    story.append(Spacer(1, 0.3 * cm))
    story += _paragraphs(get("closing", ""), styles)
    if qr is not None:
        story.append(_qr_block(qr, get("qr_caption", ""), styles))
    story.append(KeepTogether([Spacer(1, 0.8 * cm), _block(get("signature", ""), styles["right"])]))
    if get("attachments"):
        story += [Spacer(1, 0.6 * cm), Paragraph(_markup(get("attachments", "")), styles["note"])]
    return story


def write_letter_pdf(
    case: Case,
    assessment: Assessment,
    profile: Profile | None,
    path_or_file: str | Path | BinaryIO,
    others: Sequence[tuple[Case, Assessment]] = (),
) -> None:
    """Write the formal notice of `case` as an A4 PDF to a path or a binary file object."""
    sections = letter_sections(case, assessment, profile, others)
    target = str(path_or_file) if isinstance(path_or_file, str | Path) else path_or_file
    author = (profile.full_name or profile.business_name or "") if profile else ""
    styles = _styles()

    def addresses(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """The sender top left and the recipient in the envelope window, on page 1."""
        for key, left, top, width in (
            ("sender", LEFT, SENDER_TOP, SENDER_WIDTH),
            ("recipient", RECIPIENT_LEFT, RECIPIENT_TOP, RECIPIENT_WIDTH),
        ):
            block = _block(sections.get(key, ""), styles["block"])
            _, height = block.wrap(width, PAGE_HEIGHT)
            block.drawOn(canvas, left, PAGE_HEIGHT - top - height)

    body_width = PAGE_WIDTH - LEFT - RIGHT
    first = Frame(LEFT, 20 * mm, body_width, PAGE_HEIGHT - FIRST_BODY_TOP - 20 * mm, id="first")
    later = Frame(LEFT, 20 * mm, body_width, PAGE_HEIGHT - 40 * mm, id="later")
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        title=sections.get("subject", "").removeprefix("Objet : "),
        author=author,
        creator="Relance",
        pageTemplates=[
            PageTemplate("first", [first], onPage=addresses),
            PageTemplate("next", [later]),
        ],
    )
    qr = _payment_qr(case, assessment, profile, others, sections)
    doc.build(_story(sections, qr))


def _payment_qr(
    case: Case,
    assessment: Assessment,
    profile: Profile | None,
    others: Sequence[tuple[Case, Assessment]],
    sections: dict[str, str],
) -> bytes | None:
    """The EPC QR code PNG for the total claimed, when the user's IBAN is known and valid."""
    total = letter_context(case, assessment, profile, others)["total"]
    code = epc_qr(as_profile(profile), total, sections.get("qr_reference", ""))
    return qr_png(code) if code is not None else None


def letter_pdf_bytes(
    case: Case,
    assessment: Assessment,
    profile: Profile | None = None,
    others: Sequence[tuple[Case, Assessment]] = (),
) -> bytes:
    """The formal notice PDF as bytes (what the bot sends as a document)."""
    buffer = io.BytesIO()
    write_letter_pdf(case, assessment, profile, buffer, others)
    return buffer.getvalue()
