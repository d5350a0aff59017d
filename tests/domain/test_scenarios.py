"""The public scenarios (../shared/scenarios/public.json, copied in tests/support/fixtures/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.domain.warnings import WARNING_CODES
from bot.words.advisor import advise

FIXTURE = Path(__file__).resolve().parents[1] / "support" / "fixtures" / "scenarios.json"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "scenarios" / "public.json"
SCENARIOS = json.loads(FIXTURE.read_text(encoding="utf-8"))
EXACT = (
    "stage", "last_step", "due_now", "next_step_on", "days_overdue", "limitation_on", "options"
)


def compare(expected: dict, actual: dict) -> list[str]:
    """Differences by the rules of scenarios/README.md."""
    problems = [
        f"{key}: expected {expected[key]!r}, got {actual[key]!r}"
        for key in EXACT
        if key in expected and expected[key] != actual[key]
    ]
    for key, value in expected.get("amounts", {}).items():
        if actual["amounts"][key] != value:
            problems.append(f"amounts.{key}: expected {value!r}, got {actual['amounts'][key]!r}")
    if "periods" in expected:
        got = [period["interest"] for period in actual["amounts"]["periods"]]
        if got != expected["periods"]:
            problems.append(f"periods: expected {expected['periods']!r}, got {got!r}")
    if "warnings" in expected:
        want, got = set(expected["warnings"]), set(actual["warnings"])
        problems += [f"warning {code} missing" for code in sorted(want - got)]
        if "harassment_risk" in got - want:
            problems.append("harassment_risk not expected")
        problems += [f"unknown warning {code}" for code in sorted(got - set(WARNING_CODES))]
    return problems


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_public_scenario(scenario: dict) -> None:
    actual = advise(scenario["input"])
    assert compare(scenario["expected"], actual) == []


def test_fixture_matches_shared_copy() -> None:
    """The committed fixture is the shared file, when the shared folder is beside the repo."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside this clone; the committed fixture is used as is")
    assert json.loads(SHARED.read_text(encoding="utf-8")) == SCENARIOS
