"""The guard's detector: a linear model shipped as data reads what no rule matched, through
the same who-acts, negation and question checks, and names the words that weighed most."""

from __future__ import annotations

from pathlib import Path

from bot.domain.guard import ALARM, INFO, THIRD_PARTY_CONTACT, check_text, codes, detector, training
from bot.domain.normalize import normalize

CORPUS = Path(__file__).resolve().parents[1] / "support" / "guard_corpus"
# No rule names "locataires"; the detector learned it from the corpora.
UNSEEN_BY_RULES = "je vais prévenir ses locataires qu'il ne paie pas ses dettes"


def test_the_detector_reads_what_no_rule_matched() -> None:
    guess = detector.guess(" " + normalize(UNSEEN_BY_RULES))
    assert guess is not None and guess.code == THIRD_PARTY_CONTACT
    assert guess.probability >= detector.THRESHOLD
    flags = check_text(UNSEEN_BY_RULES)
    assert [(flag.code, flag.mode) for flag in flags] == [(THIRD_PARTY_CONTACT, ALARM)]
    assert "prevenir" in flags[0].trigger and len(set(flags[0].trigger.split(" + "))) > 1


def test_its_guess_goes_through_negation_questions_and_who_acts() -> None:
    negated = "je ne vais pas prévenir ses locataires qu'il ne paie pas ses dettes"
    assert codes(negated) == [] and {f.mode for f in check_text(negated)} == {INFO}
    asked = "est-ce que je peux prévenir ses locataires qu'il ne paie pas ses dettes ?"
    assert codes(asked) == [] and {f.code for f in check_text(asked)} == {THIRD_PARTY_CONTACT}
    assert check_text("il a prévenu ses locataires que je ne paie pas mes dettes") == []


def test_a_threat_guessed_beside_a_lawful_step_is_no_threat() -> None:
    assert codes("je vais lui dire que je saisis le juge s'il ne paie pas") == []


def test_ordinary_sentences_stay_quiet() -> None:
    for text in (
        "je vais lui renvoyer la facture par mail",
        "je vais envoyer une mise en demeure en recommandé",
        "il me doit 1 200 € depuis mars",
    ):
        assert check_text(text) == []


def test_the_shipped_weights_were_trained_on_the_committed_corpora() -> None:
    first = detector.MODEL.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# corpus sha256 {training.corpus_digest(CORPUS)}", (
        "the corpora changed: retrain with python -m bot.domain.guard.training"
    )
    held = [path.name for path in CORPUS.glob("*heldapart*")]
    assert held and not set(held) & {p.name for p in training.training_files(CORPUS)}


def test_training_is_deterministic_and_writes_one_row_per_weight() -> None:
    data = [
        (frozenset({"w:balancer", "w:facebook"}), "public_shaming"),
        (frozenset({"w:facture", "w:mail"}), "none"),
        (frozenset({"w:harceler"}), "harassment_intent"),
    ] * 3
    first = training.to_tsv(training.train(list(data)), "x")
    assert first == training.to_tsv(training.train(list(data)), "x")
    rows = [line.split("\t") for line in first.splitlines() if not line.startswith("#")]
    assert {code for _, code, _ in rows} == {"public_shaming", "none", "harassment_intent"}
    assert ["w:balancer", "public_shaming"] in [row[:2] for row in rows]
    assert all(abs(float(v)) >= training.KEEP or f == "bias" for f, _, v in rows)
