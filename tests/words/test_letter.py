"""The formal notice as a PDF: it opens, is A4, and its text holds the title, amounts, deadline."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.domain.assess import assess
from bot.domain.contract import case_from_json
from bot.domain.facts import Case, Channel, Contact, Debtor, DebtorKind, Invoice, Stage, Step
from bot.words.letter_pdf import (
    letter_deadline,
    letter_pdf_bytes,
    letter_sections,
    write_letter_pdf,
)
from bot.words.messages import Profile
from bot.words.render import long_date, money

ROOT = Path(__file__).resolve().parents[2]
_FIXTURE = ROOT / "tests" / "support" / "fixtures" / "scenarios.json"
_SHARED = ROOT.parent / "shared" / "scenarios" / "public.json"
SCENARIOS = json.loads((_FIXTURE if _FIXTURE.exists() else _SHARED).read_text())
PROFILE = Profile(
    full_name="Camille Leroy",
    business_name="Studio Leroy",
    contact="camille@studio-leroy.fr",
    iban="FR76 3000 6000 0112 3456 7890 189",
    address="12 rue des Lilas\n69003 Lyon",
    city="Lyon",
)
DUE = date(2026, 3, 16)


def scenario_input(name: str) -> dict:
    return next(s for s in SCENARIOS if s["name"] == name)["input"]


def formal_case(kind: DebtorKind) -> tuple[Case, object]:
    contacts = (
        Contact(DUE + timedelta(3), Step.FRIENDLY_REMINDER, Channel.EMAIL),
        Contact(DUE + timedelta(20), Step.FIRM_REMINDER, Channel.EMAIL),
        Contact(DUE + timedelta(35), Step.FINAL_NOTICE, Channel.EMAIL),
    )
    case = Case(
        Debtor("Atelier Dupuis & Fils", kind),
        Invoice(Decimal("1250.00"), DUE, "F-2026-014"),
        contacts=contacts,
    )
    result = assess(case, DUE + timedelta(46))
    assert result.stage is Stage.FORMAL_NOTICE
    return case, result


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_business_letter_pdf_opens_is_a4_and_holds_the_figures():
    case, result = formal_case(DebtorKind.BUSINESS)
    data = letter_pdf_bytes(case, result, PROFILE)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title.startswith("Mise en demeure")
    text = pdf_text(data)
    for needle in (
        "Mise en demeure",
        "Lettre recommandée avec accusé de réception",
        "Atelier Dupuis & Fils",
        "F-2026-014",
        "1 250,00 €",
        money(result.amounts.interest),
        "40,00 €",
        money(result.amounts.total),
        long_date(result.deadline),
        "8 jours",
        "L441-10",
        "D441-5",
        "Camille Leroy",
        "Lyon, le",
        "Signature",
    ):
        assert needle in text, needle


def test_consumer_letter_has_no_indemnity_and_starts_legal_interest():
    case, result = formal_case(DebtorKind.CONSUMER)
    text = pdf_text(letter_pdf_bytes(case, result))
    assert "Mise en demeure" in text and "1 250,00 €" in text
    assert "40,00 €" not in text and "indemnité forfaitaire" not in text.lower()
    assert "1344-1" in text
    assert not re.search(r"\[[^\]]*\]", text)  # no gap without a profile


def test_public_letter_cites_the_public_procurement_code():
    case, result = formal_case(DebtorKind.PUBLIC)
    text = pdf_text(letter_pdf_bytes(case, result, PROFILE))
    assert "R2192-31" in text and "tribunal administratif" in text


def test_letter_outside_the_formal_notice_stage_gets_its_own_eight_day_deadline():
    case, today, _ = case_from_json(scenario_input("escalation, large amount"))
    result = assess(case, today)
    assert result.stage is Stage.ESCALATION
    deadline = letter_deadline(result)
    assert timedelta(8) <= deadline - today <= timedelta(11)
    sections = letter_sections(case, result)
    assert long_date(deadline) in sections["closing"]
    assert {"sender", "recipient", "place_date", "mention", "subject", "table", "signature"} <= set(
        sections
    )


def test_write_to_path_and_file(tmp_path):
    case, result = formal_case(DebtorKind.BUSINESS)
    path = tmp_path / "letter.pdf"
    write_letter_pdf(case, result, None, path)
    buffer = io.BytesIO()
    write_letter_pdf(case, result, None, buffer)
    assert path.read_bytes()[:4] == b"%PDF" and buffer.getvalue()[:4] == b"%PDF"
    assert "Mise en demeure" in pdf_text(path.read_bytes())


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_writes_the_pdf_with_the_profile(tmp_path):
    data = dict(scenario_input("refusal: straight to formal notice"))
    data["profile"] = {"full_name": "Camille Leroy", "iban": "FR76 1111 2222 3333 4444 5555 666"}
    source = tmp_path / "case.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = run(["letter", str(source), "-o", str(out)])
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Mise en demeure" in text and "Camille Leroy" in text
    assert "FR76 1111 2222 3333 4444 5555 666" in text


@pytest.mark.parametrize(
    "mutate,field",
    [
        (lambda d: d["invoice"].update(amount="abc"), "invoice.amount"),
        (lambda d: d.update(today="2026-13-01"), "today"),
        (lambda d: d.update(profile={"full_name": 3}), "profile.full_name"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(tmp_path, mutate, field):
    data = json.loads(json.dumps(scenario_input("refusal: straight to formal notice")))
    mutate(data)
    result = run(["letter", "-o", str(tmp_path / "x.pdf")], json.dumps(data))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and field in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_cli_invalid_json_and_paid_case(tmp_path):
    result = run(["letter", "-o", str(tmp_path / "x.pdf")], "{not json")
    assert result.returncode == 2 and "input" in result.stderr
    paid = scenario_input("paid late: interest and indemnity remain claimable")
    result = run(["letter", "-o", str(tmp_path / "x.pdf")], json.dumps(paid))
    assert result.returncode == 1 and "paid" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
