"""The guard on a written corpus: recall, right-code rate and false alarms (figures printed).

tests/guard_corpus/*risky*.tsv: `code<TAB>sentence`, one risky intention per line.
tests/guard_corpus/*ordinary*.txt: ordinary sentences about unpaid invoices, one per line.
The heldout* files were written blind before a tuning round (figures per file are printed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.guard import (
    FAKE_LEGAL_DOCUMENT,
    GUARD_CODES,
    GUARD_REFERENCES,
    HARASSMENT_INTENT,
    HOME_VISIT,
    PUBLIC_SHAMING,
    THIRD_PARTY_CONTACT,
    THREAT,
    GuardFlag,
    check_text,
    codes,
    lint_draft,
)

CORPUS = Path(__file__).resolve().parent / "guard_corpus"
RISKY_FILES = sorted(CORPUS.glob("*risky*.tsv"))
ORDINARY_FILES = sorted(CORPUS.glob("*ordinary*.txt"))


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _risky(path: Path) -> list[tuple[str, str]]:
    return [(code, sentence) for code, sentence in (line.split("\t", 1) for line in _lines(path))]


RISKY: list[tuple[str, str]] = [pair for path in RISKY_FILES for pair in _risky(path)]
ORDINARY: list[str] = [line for path in ORDINARY_FILES for line in _lines(path)]


def test_corpus_is_big_and_covers_every_code() -> None:
    assert {path.name for path in RISKY_FILES} >= {
        "risky.tsv",
        "heldout_risky.tsv",
        "heldout2_risky.tsv",
    }
    assert len(RISKY) >= 450
    assert len(ORDINARY) >= 450
    labels = {code for code, _ in RISKY}
    assert labels == set(GUARD_CODES)
    for code in GUARD_CODES:
        assert sum(1 for c, _ in RISKY if c == code) >= 50, code


def _figures(risky: list[tuple[str, str]], ordinary: list[str]) -> tuple[str, list[str], tuple]:
    flagged = [(code, sentence, codes(sentence)) for code, sentence in risky]
    missed = [(code, s) for code, s, got in flagged if not got]
    wrong = [(code, s, got) for code, s, got in flagged if got and code not in got]
    alarms = [(s, check_text(s)) for s in ordinary if codes(s)]
    recall = 1 - len(missed) / len(risky) if risky else 1.0
    right = 1 - (len(missed) + len(wrong)) / len(risky) if risky else 1.0
    false_alarm = len(alarms) / len(ordinary) if ordinary else 0.0
    figures = (
        f"{len(risky)} risky, {len(ordinary)} ordinary | "
        f"recall {recall:.1%} | right code {right:.1%} | false alarms {false_alarm:.1%}"
    )
    details = [f"  missed [{c}] {s}" for c, s in missed]
    details += [f"  wrong  [{c}] got {g}: {s}" for c, s, g in wrong]
    details += [f"  alarm  {flags}: {s}" for s, flags in alarms]
    return figures, details, (recall, right, false_alarm)


def test_corpus_figures(capsys: pytest.CaptureFixture[str]) -> None:
    lines = []
    for path in RISKY_FILES:
        figures, _, _ = _figures(_risky(path), [])
        lines.append(f"  {path.name}: {figures.split(' | ', 1)[1].rsplit(' | ', 1)[0]}")
    for path in ORDINARY_FILES:
        figures, _, _ = _figures([], _lines(path))
        lines.append(f"  {path.name}: {figures.rsplit(' | ', 1)[1]}")
    figures, details, (recall, right, false_alarm) = _figures(RISKY, ORDINARY)
    figures = "guard corpus (all files): " + figures
    with capsys.disabled():
        print("\n" + figures)
        for line in lines + details:
            print(line)
    message = figures + "\n" + "\n".join(details)
    assert recall >= 0.95, message
    assert right >= 0.90, message
    assert false_alarm <= 0.05, message


@pytest.mark.parametrize("code", GUARD_CODES)
def test_recall_per_code_is_high(code: str) -> None:
    sentences = [s for c, s in RISKY if c == code]
    hits = sum(1 for s in sentences if code in codes(s))
    assert hits / len(sentences) >= 0.85, f"{code}: {hits}/{len(sentences)}"


@pytest.mark.parametrize(
    "text",
    [
        "je vais envoyer une mise en demeure",
        "je passe par un commissaire de justice",
        "je vais saisir le tribunal",
        "je vais demander une injonction de payer",
        "je vais prendre un avocat, il va le regretter au tribunal",
        "sa femme gère la facturation",
        "j'ai appelé sa comptable",
        "je poste mes tarifs sur LinkedIn",
        "il habite à Lyon",
        "je l'ai relancé par mail",
    ],
)
def test_lawful_and_ordinary_sentences_are_not_flagged(text: str) -> None:
    assert codes(text) == []


def test_flag_names_the_words_that_triggered_it() -> None:
    flags = check_text("Bon. Jvais le balancer sur Insta ce rat !")
    assert flags and all(isinstance(flag, GuardFlag) for flag in flags)
    flag = flags[0]
    assert flag.code == PUBLIC_SHAMING
    assert "balancer" in flag.trigger and "instagram" in flag.trigger


def test_words_in_different_sentences_do_not_combine() -> None:
    assert codes("Je vais poster mes tarifs. Ce client sur LinkedIn ne paie pas") == []
    assert codes("Je vais le poster sur LinkedIn, ce client") == [PUBLIC_SHAMING]


def test_codes_are_sorted_and_unique() -> None:
    text = "je vais l'appeler h24, débarquer chez lui et lui casser la gueule, tu vas le regretter"
    assert codes(text) == sorted({HARASSMENT_INTENT, HOME_VISIT, THREAT})


def test_lint_draft_flags_only_what_the_edit_adds() -> None:
    original = "Bonjour, la facture F-12 de 1 250,00 € reste impayée. Merci de régler sous 8 jours."
    assert lint_draft(original, original) == []
    threat = original + " Sinon je dis à votre femme ce que je sais."
    assert THREAT in lint_draft(original, threat)
    public = original + " Sans paiement, je publierai votre nom sur LinkedIn."
    assert lint_draft(original, public) == [PUBLIC_SHAMING]
    lawful = original + " À défaut, je saisirai le tribunal par une injonction de payer."
    assert lint_draft(original, lawful) == []
    # a risk already in the original is not reported again
    assert lint_draft(public, public + " Cordialement.") == []


def test_every_code_has_a_reference_from_law_section_7() -> None:
    assert set(GUARD_REFERENCES) == set(GUARD_CODES)
    assert "222-33-2-2" in GUARD_REFERENCES[HARASSMENT_INTENT]
    assert "433-13" in GUARD_REFERENCES[FAKE_LEGAL_DOCUMENT]
    assert "312-10" in GUARD_REFERENCES[THREAT]
    assert "1881" in GUARD_REFERENCES[PUBLIC_SHAMING]
    assert GUARD_REFERENCES[THIRD_PARTY_CONTACT] and GUARD_REFERENCES[HOME_VISIT]


@pytest.mark.parametrize("code", GUARD_CODES)
def test_explanation_is_short_french_with_reference_and_alternative(code: str) -> None:
    from bot.guard_text import explain

    text = explain(code)
    assert GUARD_REFERENCES[code] in text
    assert "vous" in text.lower() or "votre" in text.lower()
    assert any(
        step in text
        for step in ("mise en demeure", "injonction de payer", "médiation", "petites créances")
    )
    assert len(text) < 600
    html = explain(code, html=True)
    assert html.startswith("<b>") and GUARD_REFERENCES[code] in html


def test_explain_rejects_an_unknown_code() -> None:
    from bot.guard_text import explain

    with pytest.raises(KeyError):
        explain("not_a_code")
