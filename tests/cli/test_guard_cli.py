"""`python -m bot guard [TEXT]`: argument or stdin in, `{"warnings": [...]}` out, exit 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "guard", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_argument_with_a_risky_text() -> None:
    result = run(["jvais le balancer sur insta"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"warnings": ["public_shaming"]}


def test_several_words_as_separate_arguments_are_one_text() -> None:
    result = run(["je", "vais", "débarquer", "chez", "lui"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"warnings": ["home_visit"]}


def test_stdin_with_several_codes_sorted() -> None:
    result = run([], stdin="Je vais l'appeler h24.\nEt je passe chez lui ce soir.\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"warnings": ["harassment_intent", "home_visit"]}


def test_lawful_action_gives_no_warning() -> None:
    result = run(["je vais envoyer une mise en demeure puis saisir le tribunal"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"warnings": []}


def test_empty_stdin_gives_no_warning() -> None:
    result = run([], stdin="")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"warnings": []}


def test_new_codes_and_info_mode_on_the_command_line() -> None:
    assert json.loads(run(["je vais mettre son site hors ligne"]).stdout) == {
        "warnings": ["sabotage"]
    }
    fees = "je vais facturer des frais de recouvrement à ce particulier"
    assert json.loads(run([], stdin=fees).stdout) == {"warnings": ["unlawful_fees"]}
    # a negated intention is information in the dialogs, not a warning
    assert json.loads(run(["je ne vais pas le mettre sur Facebook"]).stdout) == {"warnings": []}
    # the client's behaviour is not the user's intention
    assert json.loads(run(["il m'appelait tous les jours"]).stdout) == {"warnings": []}
