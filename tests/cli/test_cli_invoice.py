"""`python -m bot invoice FILE.pdf`: the §8 JSON, or exit 2 and one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.invoice_facturx import FACTURX, facturx_pdf
from tests.support.invoice_plain import PLAIN, not_a_pdf, scanned_pdf

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "invoice", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def test_a_facturx_invoice_prints_its_facts(tmp_path):
    invoice = FACTURX[2]
    path = tmp_path / "facture.pdf"
    path.write_bytes(facturx_pdf(invoice))
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["source"] == "facturx"
    assert output["debtor"] == {
        "name": "Atelier Dupuis SARL",
        "siren": "552100554",
        "address": "3 avenue Jean Jaurès\n69007 Lyon",
    }
    assert output["invoice"] == {
        "number": "B-2026-041",
        "amount": "2000.00",
        "issue_date": "2026-11-03",
        "due_date": "2026-12-03",
        "service_date": "2026-10-30",
        "penalty_rate": None,
    }
    assert output["vat_franchise"] is False


def test_a_plain_invoice_prints_nulls_where_it_is_silent(tmp_path):
    invoice = next(plain for plain in PLAIN if plain.name == "invoice_no_number")
    path = tmp_path / "facture.pdf"
    path.write_bytes(invoice.draw())
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["source"] == "text"
    assert output["invoice"]["number"] is None
    assert output["invoice"]["amount"] == "990.00"
    assert output["debtor"] == {"name": "Mme Sophie Garnier", "siren": None, "address": None}


def test_not_a_readable_pdf_exits_2_with_one_line(tmp_path):
    for name, data in (("word.pdf", not_a_pdf()), ("scan.pdf", scanned_pdf())):
        path = tmp_path / name
        path.write_bytes(data)
        result = run(str(path))
        assert result.returncode == 2
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    missing = run(str(tmp_path / "absent.pdf"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
