"""`python -m bot assess`: the §8 contract from the command line."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = json.loads((ROOT / "tests" / "support" / "fixtures" / "scenarios.json").read_text())
VALID = SCENARIOS[3]["input"]  # 3 days late, nothing sent


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def test_valid_input_from_stdin_and_from_file(tmp_path):
    from_stdin = run(["assess"], json.dumps(VALID))
    assert from_stdin.returncode == 0, from_stdin.stderr
    output = json.loads(from_stdin.stdout)
    assert output["stage"] == "friendly_reminder"
    assert output["amounts"]["total"] == "2542.50"
    assert set(output) >= {"stage", "last_step", "due_now", "next_step_on", "days_overdue",
                           "amounts", "options", "warnings", "deadline", "message"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID))
    from_file = run(["assess", str(path)])
    assert from_file.returncode == 0
    assert json.loads(from_file.stdout) == output


def with_change(path: str, value: object) -> dict:
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (with_change("debtor.kind", "company"), "debtor.kind"),
        (with_change("invoice.amount", "-10.00"), "invoice.amount"),
        (with_change("invoice.amount", "mille"), "invoice.amount"),
        (with_change("invoice.amount", "0"), "invoice.amount"),
        (with_change("invoice.due_date", "2026-02-30"), "invoice.due_date"),
        (with_change("invoice.due_date", None), "invoice.due_date"),
        (with_change("today", "hier"), "today"),
        (with_change("today", KeyError), "today"),
        (with_change("debtor", KeyError), "debtor"),
        (with_change("invoice.penalty_rate", "beaucoup"), "invoice.penalty_rate"),
        (with_change("contacts", [{"date": "2026-03-01", "step": "shout", "channel": "email"}]),
         "contacts[0].step"),
        (with_change("payments", [{"date": "2026-03-01", "amount": "-5"}]),
         "payments[0].amount"),
        (with_change("responses", [{"date": "2026-03-17", "kind": "promise"}]),
         "responses[0].promised_date"),
        (with_change("channel", "pigeon"), "channel"),
        ([1, 2, 3], "input"),
    ],
)
def test_bad_input_exits_2_naming_the_field(data, field):
    result = run(["assess"], json.dumps(data))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert field in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_not_json_and_missing_file():
    bad = run(["assess"], "{not json")
    assert bad.returncode == 2 and "JSON" in bad.stderr and "Traceback" not in bad.stderr
    missing = run(["assess", "/nonexistent/case.json"])
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
