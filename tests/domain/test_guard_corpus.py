"""The guard on a written corpus: recall, right-code rate and false alarms (figures printed).

tests/support/guard_corpus/*risky*.tsv: `code<TAB>sentence`, one risky intention per line.
tests/support/guard_corpus/*ordinary*.txt: ordinary sentences about unpaid invoices, one per line.
tests/support/guard_corpus/*soft*.tsv: `code<TAB>sentence`, a negated intention or a question about
the law: the code must come back as information (mode "info") and raise no alarm.
The heldout* files were written blind, by someone else, before a tuning round; heldout3_*
were blind for round 3 and read for round 4; heldout4_* were blind for round 4 and read, as
families of misses, for round 5. round5_* are round 5's development batch (four parts, each
measured once before it was tuned on). round5_heldapart_* were written after round 5's last
tuning, never tuned on and left out of the detector's training: the measure of text the
guard has never seen (figures per file are printed, and each has its own floor).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.domain.guard import (
    ALARM,
    FAKE_LEGAL_DOCUMENT,
    GUARD_CODES,
    GUARD_REFERENCES,
    HARASSMENT_INTENT,
    HOME_VISIT,
    INFO,
    PUBLIC_SHAMING,
    SABOTAGE,
    THIRD_PARTY_CONTACT,
    THREAT,
    UNLAWFUL_FEES,
    GuardFlag,
    check_text,
    codes,
    lint_draft,
)

CORPUS = Path(__file__).resolve().parents[1] / "support" / "guard_corpus"
RISKY_FILES = sorted(CORPUS.glob("*risky*.tsv"))
ORDINARY_FILES = sorted(CORPUS.glob("*ordinary*.txt"))
SOFT_FILES = sorted(CORPUS.glob("*soft*.tsv"))


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _pairs(path: Path) -> list[tuple[str, str]]:
    return [(code, sentence) for code, sentence in (line.split("\t", 1) for line in _lines(path))]


RISKY: list[tuple[str, str]] = [pair for path in RISKY_FILES for pair in _pairs(path)]
ORDINARY: list[str] = [line for path in ORDINARY_FILES for line in _lines(path)]
SOFT: list[tuple[str, str]] = [pair for path in SOFT_FILES for pair in _pairs(path)]

# Floors per file, at the level measured when it was added (recall, right code | false alarms |
# soft handled). heldout3_* were blind for round 3 (recall 77.2 %, right code 76.6 %, false
# alarms 1.1 %, soft 54.2 %) and read, as families of misses, for round 4. round4_* are round
# 4's own tuning sentences; heldout_questions_soft.tsv holds the "est-ce que je peux … ?"
# questions moved out of heldout(2)_risky.tsv (DESIGN §7). heldout4_* were blind for round 4
# (recall 78.2 %, right code 76.6 %, false alarms 3.8 %, soft 85.9 %) and read for round 5.
# round5_heldapart_* were run once, after round 5 was done (the guard of round 4 scored
# recall 78.1 %, right code 78.1 %, false alarms 2.3 %, soft 83.3 % on them).
FLOORS: dict[str, tuple[float, ...]] = {
    "risky.tsv": (0.99, 0.99),
    "heldout_risky.tsv": (0.99, 0.99),
    "heldout2_risky.tsv": (0.99, 0.99),
    "round3_risky.tsv": (0.99, 0.99),
    "ordinary.txt": (0.01,),
    "heldout_ordinary.txt": (0.01,),
    "heldout2_ordinary.txt": (0.01,),
    "round3_ordinary.txt": (0.02,),
    "round3_soft.tsv": (0.96,),
    "heldout3_risky.tsv": (0.99, 0.99),
    "heldout3_ordinary.txt": (0.006,),
    "heldout3_soft.tsv": (0.95,),
    "heldout_questions_soft.tsv": (1.0,),
    "round4_risky.tsv": (0.99, 0.99),
    "round4_ordinary.txt": (0.0,),
    "round4_soft.tsv": (0.98,),
    "heldout4_risky.tsv": (0.99, 0.99),
    "heldout4_ordinary.txt": (0.006,),
    "heldout4_soft.tsv": (0.98,),
    "round5_risky.tsv": (0.99, 0.99),
    "round5_ordinary.txt": (0.004,),
    "round5_soft.tsv": (0.99,),
    # Held apart, never tuned on (measured once: recall 96.9 %, right code 95.8 %, false
    # alarms 1.5 %, soft 100 %).
    "round5_heldapart_risky.tsv": (0.96, 0.95),
    "round5_heldapart_ordinary.txt": (0.016,),
    "round5_heldapart_soft.tsv": (0.95,),
    # Blind batch 5, written by someone who read no code, run once after round 5 was merged
    # (the guard of round 4 scored recall 74.1 %, right code 71.8 %, false alarms 2.7 %, soft
    # 74.3 % on it; round 5: 95.0 %, 92.7 %, 1.9 %, 85.7 %; after the detector counted each
    # feature once, as in training: 94.1 %, 91.8 %, 1.9 %, 85.7 %). Never tuned on nor trained on.
    "blind5_heldapart_risky.tsv": (0.94, 0.91),
    "blind5_heldapart_ordinary.txt": (0.02,),
    "blind5_heldapart_soft.tsv": (0.85,),
}
BLIND = "round5_heldapart"  # never used for tuning nor for the detector's training


@dataclass(frozen=True)
class Figures:
    """What the guard makes of a set of sentences."""

    risky: int = 0
    caught: int = 0
    right: int = 0
    ordinary: int = 0
    alarms: int = 0
    soft: int = 0
    soft_handled: int = 0

    @property
    def recall(self) -> float:
        return self.caught / self.risky if self.risky else 1.0

    @property
    def right_code(self) -> float:
        return self.right / self.risky if self.risky else 1.0

    @property
    def false_alarms(self) -> float:
        return self.alarms / self.ordinary if self.ordinary else 0.0

    @property
    def soft_rate(self) -> float:
        return self.soft_handled / self.soft if self.soft else 1.0

    def line(self) -> str:
        parts = []
        if self.risky:
            parts.append(
                f"{self.risky} risky: recall {self.recall:.1%}, right code {self.right_code:.1%}"
            )
        if self.ordinary:
            parts.append(f"{self.ordinary} ordinary: false alarms {self.false_alarms:.1%}")
        if self.soft:
            parts.append(f"{self.soft} soft: handled as info {self.soft_rate:.1%}")
        return " | ".join(parts)


def _alarm_codes(sentence: str) -> set[str]:
    return {flag.code for flag in check_text(sentence) if flag.mode == ALARM}


def _measure(
    risky: list[tuple[str, str]], ordinary: list[str], soft: list[tuple[str, str]]
) -> tuple[Figures, list[str]]:
    details: list[str] = []
    caught = right = 0
    for code, sentence in risky:
        got = _alarm_codes(sentence)
        caught += bool(got)
        right += code in got
        if code not in got:
            label = "wrong " if got else "missed"
            details.append(f"  {label} [{code}] got {sorted(got)}: {sentence}")
    alarms = 0
    for sentence in ordinary:
        flags = [flag for flag in check_text(sentence) if flag.mode == ALARM]
        if flags:
            alarms += 1
            details.append(f"  alarm  {[(f.code, f.trigger) for f in flags]}: {sentence}")
    handled = 0
    for code, sentence in soft:
        flags = check_text(sentence)
        ok = not any(flag.mode == ALARM for flag in flags) and any(
            flag.code == code and flag.mode == INFO for flag in flags
        )
        handled += ok
        if not ok:
            details.append(f"  soft   [{code}] got {[(f.code, f.mode) for f in flags]}: {sentence}")
    figures = Figures(len(risky), caught, right, len(ordinary), alarms, len(soft), handled)
    return figures, details


def _file_figures(path: Path) -> tuple[Figures, list[str]]:
    if path in RISKY_FILES:
        return _measure(_pairs(path), [], [])
    if path in SOFT_FILES:
        return _measure([], [], _pairs(path))
    return _measure([], _lines(path), [])


def test_corpus_is_big_and_covers_every_code() -> None:
    assert {path.name for path in RISKY_FILES} >= {
        "risky.tsv",
        "heldout_risky.tsv",
        "heldout2_risky.tsv",
        "round3_risky.tsv",
    }
    assert len(RISKY) >= 600
    assert len(ORDINARY) >= 600
    assert len(SOFT) >= 40
    labels = {code for code, _ in RISKY}
    assert labels == set(GUARD_CODES)
    for code in GUARD_CODES:
        assert sum(1 for c, _ in RISKY if c == code) >= 25, code


def test_corpus_figures(capsys: pytest.CaptureFixture[str]) -> None:
    lines = []
    failures = []
    for path in RISKY_FILES + ORDINARY_FILES + SOFT_FILES:
        figures, details = _file_figures(path)
        lines.append(f"  {path.name}: {figures.line()}")
        floor = FLOORS.get(path.name)
        if floor is None:
            continue
        measured = (
            (figures.recall, figures.right_code)
            if path in RISKY_FILES
            else (figures.soft_rate,)
            if path in SOFT_FILES
            else (figures.false_alarms,)
        )
        below = (
            measured[0] > floor[0]
            if path in ORDINARY_FILES
            else any(value < limit for value, limit in zip(measured, floor, strict=True))
        )
        if below:
            failures.append(f"{path.name}: {figures.line()} (floor {floor})\n" + "\n".join(details))
    total, details = _measure(RISKY, ORDINARY, SOFT)
    with capsys.disabled():
        print("\nguard corpus (all files): " + total.line())
        for line in lines + details:
            print(line)
    assert not failures, "\n".join(failures)


def _per_code(code: str, blind: bool) -> tuple[int, float, float]:
    sentences = [
        s
        for path in RISKY_FILES
        if path.name.startswith(BLIND) == blind
        for c, s in _pairs(path)
        if c == code
    ]
    got = [_alarm_codes(s) for s in sentences]
    caught = sum(1 for g in got if g) / len(sentences) if sentences else 1.0
    right = sum(1 for g in got if code in g) / len(sentences) if sentences else 1.0
    return len(sentences), caught, right


@pytest.mark.parametrize("code", GUARD_CODES)
def test_recall_and_right_code_per_code(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    n, caught, right = _per_code(code, blind=False)
    blind_n, blind_caught, blind_right = _per_code(code, blind=True)
    with capsys.disabled():
        print(
            f"\n  {code}: tuned {n} risky, recall {caught:.1%}, right code {right:.1%}"
            f" | blind {blind_n}: recall {blind_caught:.1%}, right code {blind_right:.1%}"
        )
    assert caught >= 0.95 and right >= 0.93, f"{code}: recall {caught:.1%}, right {right:.1%}"


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
    assert "323-2" in GUARD_REFERENCES[SABOTAGE]
    assert "L111-8" in GUARD_REFERENCES[UNLAWFUL_FEES]
    assert "226-10" in GUARD_REFERENCES[THREAT]
    assert "222-33-2-2" in GUARD_REFERENCES[HARASSMENT_INTENT]
    assert "433-13" in GUARD_REFERENCES[FAKE_LEGAL_DOCUMENT]
    assert "312-10" in GUARD_REFERENCES[THREAT]
    assert "1881" in GUARD_REFERENCES[PUBLIC_SHAMING]
    assert GUARD_REFERENCES[THIRD_PARTY_CONTACT] and GUARD_REFERENCES[HOME_VISIT]


@pytest.mark.parametrize("code", GUARD_CODES)
def test_explanation_is_short_french_with_reference_and_alternative(code: str) -> None:
    from bot.words.guard_explanations import explain

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
    info = explain(code, mode=INFO)
    assert info.startswith("Bon à savoir") and GUARD_REFERENCES[code] in info
    assert info.splitlines()[0] != text.splitlines()[0]


def test_sabotage_explanation_says_what_is_lawful() -> None:
    from bot.words.guard_explanations import explain

    text = explain(SABOTAGE)
    assert "suspendre les travaux à venir" in text and "pas encore livrés" in text


def test_explain_rejects_an_unknown_code() -> None:
    from bot.words.guard_explanations import explain

    with pytest.raises(KeyError):
        explain("not_a_code")
