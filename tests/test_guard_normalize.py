"""Normalization of French free text for the guard."""

from __future__ import annotations

import pytest

from bot.domain.normalize import normalize, sentences, squeeze, strip_accents, tokens


def test_accents_and_case_are_removed() -> None:
    assert strip_accents("Dénoncé à l'Huissier, ça où") == "Denonce a l'Huissier, ca ou"
    assert normalize("ÉCRIRE À SON EMPLOYEUR") == "ecrire a son employeur"
    assert normalize("sœur") == "soeur"


def test_repeated_letters_are_folded() -> None:
    assert normalize("laaaaa") == "la"
    assert normalize("trooooop bieeeen") == "trop bien"
    assert squeeze("appeler") == "apeler"
    # a doubled or a single letter reach the same form, so typos meet
    assert normalize("harceller") == normalize("harceler") == "harceler"
    assert normalize("apeller") == normalize("appeler")


@pytest.mark.parametrize("text", ["l’appeler", "l'appeler", "l‘appeler", "l`appeler", "l appeler"])
def test_apostrophes_all_split_the_same_way(text: str) -> None:
    assert normalize(text) == "l apeler"


def test_punctuation_becomes_single_spaces() -> None:
    assert normalize("  il... paie   pas !!! ") == "il paie pas"
    assert normalize("#mauvaispayeur @lui") == "mauvaispayeur lui"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jvais", "je vais"),
        ("jv le relancer", "je vais le relancer"),
        ("chui dégoûté", "je suis degoute"),
        ("tkt", "t inquiete"),
        ("pk il paie pas", "pourquoi il paie pas"),
        ("bcp de retard", "beaucoup de retard"),
        ("qqn sait ?", "quelqu un sait"),
        ("ct prévu", "c etait prevu"),
        ("slt", "salut"),
        ("tt les jours", "tout les jours"),
        ("g appelé", "j ai apele"),
        ("c un escroc", "c est un escroc"),
        ("fb", "facebok"),  # squeezed like every word
        ("insta", "instagram"),
        ("jlui ai dit", "je lui ai dit"),
        ("jbalance tout", "je balance tout"),
    ],
)
def test_sms_abbreviations_are_expanded(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_c_before_est_is_not_expanded_twice() -> None:
    assert normalize("c'est tout") == "c est tout"


@pytest.mark.parametrize("text", ["h24", "H24", "24h/24", "24/24", "24/7", "7j/7", "24 h sur 24"])
def test_round_the_clock_spellings_become_h24(text: str) -> None:
    assert "h24" in tokens(text)


def test_near_miss_of_a_key_word_is_corrected() -> None:
    assert normalize("le harcler") == "le harceler"
    assert normalize("un huisser") == normalize("un huissier")
    assert normalize("linkdin") == "linkedin"
    # a real word one edit away from a key word with another first letter stays itself
    assert normalize("oublier") == "oublier"
    # and short words are never "corrected"
    assert normalize("poser") == "poser"


def test_sentences_are_split_on_punctuation_and_lines() -> None:
    assert sentences("Je vais le relancer. Il habite à Lyon!\nOK") == [
        "je vais le relancer",
        "il habite a lyon",
        "ok",
    ]
    assert sentences("   ") == []
