"""`python -m bot lookup`: the §8 JSON from the stand-in; exit 3 when a service is down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.outside.standin import OutsideStandin

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def standin() -> Iterator[OutsideStandin]:
    with OutsideStandin() as server:
        yield server


def run(args: list[str], registry_url: str, bodacc_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RELANCE_REGISTRY_URL": registry_url, "RELANCE_BODACC_URL": bodacc_url}
    env.pop("RELANCE_OUTSIDE_SERVICES", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "lookup", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_a_company_in_liquidation(standin: OutsideStandin) -> None:
    result = run(["boulangerie", "méridienne"], standin.url, standin.url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "results": [
            {
                "siren": "790456123",
                "name": "BOULANGERIE MÉRIDIENNE",
                "address": "3 PL DU MARCHE\n13002 MARSEILLE",
                "kind": "business",
                "active": True,
                "proceedings": [
                    {
                        "kind": "liquidation",
                        "opened_on": "2026-09-02",
                        "published_on": "2026-09-10",
                    },
                    {
                        "kind": "receivership",
                        "opened_on": "2026-06-03",
                        "published_on": "2026-06-15",
                    },
                ],
            }
        ]
    }


def test_postcode_and_public_body(standin: OutsideStandin) -> None:
    result = run(["--postcode", "55000", "communes", "ornain"], standin.url, standin.url)
    assert result.returncode == 0, result.stderr
    (found,) = json.loads(result.stdout)["results"]
    assert (found["name"], found["kind"], found["proceedings"]) == (
        "COMMUNAUTÉ DE COMMUNES DU PAYS D'ORNAIN",
        "public",
        [],
    )


def test_nothing_found_is_an_empty_list(standin: OutsideStandin) -> None:
    result = run(["zzz introuvable"], standin.url, standin.url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"results": []}


def test_unreachable_service_exits_3_with_one_line(standin: OutsideStandin) -> None:
    result = run(["Studio Lumen"], standin.url, "http://127.0.0.1:9")
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: BODACC cannot be reached")


def test_bad_postcode_exits_2(standin: OutsideStandin) -> None:
    result = run(["--postcode", "690", "dupuis"], standin.url, standin.url)
    assert result.returncode == 2
    assert "--postcode" in result.stderr
