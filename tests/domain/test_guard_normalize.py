"""Normalization of French free text for the guard."""

from __future__ import annotations

import pytest

from bot.domain.normalize import (
    marked_sentences,
    normalize,
    sentences,
    squeeze,
    strip_accents,
    tokens,
)


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


def test_a_dot_inside_a_word_does_not_split_the_sentence() -> None:
    assert sentences("je vais écrire sur codeurs.com que sa boîte arnaque. Bon") == [
        "je vais ecrire sur codeurs com que sa boite arnaque",
        "bon",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1* sur google", "1 etoile sur gogle"),
        ("je mets 1 ⭐", "je mets 1 etoile"),
        ("un 0/5", "un 0 etoile"),
        ("sur tik tok", "sur tiktok"),
        ("sur whats app", "sur whatsap"),
        ("jvais appeler sa daronne", "je vais apeler sa mere"),
        ("son reuf et ses darons", "son frere et ses parents"),
        ("chz lui ac un pote", "chez lui avec un pote"),
        ("tlm doit savoir", "tout le monde doit savoir"),
    ],
)
def test_symbols_verlan_and_more_sms_are_read(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_typo_correction_uses_the_deletion_index_both_ways() -> None:
    # a dropped letter, an extra letter, a swap and a substitution all meet the key word
    assert normalize("domicle") == "domicile"
    assert normalize("domiccile") == "domicile"
    assert normalize("domiclie") == "domicile"
    assert normalize("domicule") == "domicile"
    # a word two edits away, or with another first letter, is left alone
    assert normalize("domcle") == "domcle"
    assert normalize("xomicile") == "xomicile"


def test_marked_sentences_say_which_ended_with_a_question_mark() -> None:
    assert marked_sentences("Je peux couper son site ? Non. Et là ?!") == [
        ("je peux couper son site", True),
        ("non", False),
        ("et la", True),
    ]
    assert marked_sentences("sans ponctuation") == [("sans ponctuation", False)]
