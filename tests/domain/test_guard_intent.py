"""The guard judges the user's own intention (DESIGN §7 rev 2): who acts, when, and how it
is said — the client's behaviour is not flagged, a negation or a question about the law is
answered as information."""

from __future__ import annotations

import pytest

from bot.domain.guard import (
    ALARM,
    HARASSMENT_INTENT,
    HOME_VISIT,
    INFO,
    PUBLIC_SHAMING,
    SABOTAGE,
    THIRD_PARTY_CONTACT,
    THREAT,
    UNLAWFUL_FEES,
    check_text,
    codes,
    info_codes,
)
from tests.support import dialog_fixtures

bot_env = dialog_fixtures.bot_env
ME = 57


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("je vais l'appeler tous les jours", HARASSMENT_INTENT),
        ("j'ai envie de le harceler de messages", HARASSMENT_INTENT),
        ("et si je publiais sa facture impayée sur instagram ?", PUBLIC_SHAMING),
        ("je peux te dire que tu vas le regretter", THREAT),
        ("je lui mettrais bien un avis une étoile sur google", PUBLIC_SHAMING),
        ("s'il ne me paie pas vendredi, je débarque chez lui", HOME_VISIT),
        ("il a intérêt à payer sinon ça va mal finir pour lui", THREAT),
        ("on m'a conseillé de faire une vidéo tiktok sur lui", PUBLIC_SHAMING),
        ("je vais mettre son site hors ligne", SABOTAGE),
        ("je vais facturer des frais de recouvrement à ce particulier", UNLAWFUL_FEES),
    ],
)
def test_the_users_intention_is_an_alarm(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "il m'appelait tous les jours",
        "il m'a menacé d'un mauvais avis",
        "il me menace de me faire une mauvaise pub",
        "il m'a dit qu'il allait me mettre un avis négatif",
        "j'ai reçu un mauvais avis de sa part",
        "il m'a laissé un avis 1 étoile sur google",
        "il est passé chez moi sans prévenir",
        "il a contacté ma femme",
        "il a changé les mots de passe sans me prévenir",
        "le client a des gros problèmes de trésorerie",
        "elle me harcelait de messages la nuit",
        "elles ont posté un avis une étoile sur ma page",
    ],
)
def test_the_clients_behaviour_is_not_flagged(text: str) -> None:
    assert check_text(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("je ne publierai pas son nom sur linkedin", PUBLIC_SHAMING),
        ("je ne vais pas le mettre sur Facebook", PUBLIC_SHAMING),
        ("je n'irai pas chez lui", HOME_VISIT),
        ("je vais pas débarquer chez lui, t'inquiète", HOME_VISIT),
        ("je ne contacterai jamais son employeur", THIRD_PARTY_CONTACT),
        ("pas question de faire une fausse lettre d'huissier", "fake_legal_document"),
        ("je ne vais pas couper son site, même si j'en ai envie", SABOTAGE),
        ("plutôt que de l'afficher sur facebook, j'envoie une mise en demeure", PUBLIC_SHAMING),
        ("aucune chance que je le poste sur insta", PUBLIC_SHAMING),
    ],
)
def test_a_negated_intention_is_information(text: str, code: str) -> None:
    assert codes(text) == []
    assert info_codes(text) == [code]
    assert all(flag.mode == INFO for flag in check_text(text))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("est-ce que j'ai le droit de publier son nom sur les réseaux ?", PUBLIC_SHAMING),
        ("c'est légal d'écrire à son patron ?", THIRD_PARTY_CONTACT),
        ("combien de fois par jour j'ai le droit de l'appeler ?", HARASSMENT_INTENT),
        ("est-ce que j'ai le droit de mettre son site hors ligne ?", SABOTAGE),
        ("peut-on facturer des frais de relance à un consommateur ?", UNLAWFUL_FEES),
        ("est-ce légal de lui dire que mes amis vont venir récupérer l'argent ?", THREAT),
        ("c'est considéré comme du harcèlement si je l'appelle chaque soir ?", HARASSMENT_INTENT),
        ("la loi m'autorise à contacter son employeur ?", THIRD_PARTY_CONTACT),
        ("est-ce que je peux poster son nom sur facebook ?", PUBLIC_SHAMING),
        ("je peux écrire à ses clients pour les prévenir ?", THIRD_PARTY_CONTACT),
        ("puis-je couper son site tant qu'il n'a pas payé ?", SABOTAGE),
        ("je peux facturer des frais de relance à une cliente retraitée ?", UNLAWFUL_FEES),
    ],
)
def test_a_question_about_the_law_is_information(text: str, code: str) -> None:
    assert codes(text) == []
    assert info_codes(text) == [code]


def test_some_wordings_are_explained_only_when_asked_or_negated() -> None:
    assert info_codes("je peux le relancer une fois par jour ?") == [HARASSMENT_INTENT]
    assert check_text("je vais le relancer une fois par semaine") == []
    assert info_codes("je ne toucherai pas à son site") == [SABOTAGE]
    assert check_text("je vais toucher à son site pour la mise à jour") == []


def test_a_condition_on_the_client_is_not_a_negation() -> None:
    assert PUBLIC_SHAMING in codes("s'il ne paie pas, je le balance sur facebook")
    assert codes("j'ai pas le choix, je le balance sur facebook") == [PUBLIC_SHAMING]
    assert codes("je vais pas me gêner, je le balance sur facebook") == [PUBLIC_SHAMING]


def test_an_alarm_hides_the_information_for_the_same_code() -> None:
    text = "Je ne vais pas le mettre sur Facebook. Enfin si, je vais l'afficher sur insta"
    flags = check_text(text)
    assert {(flag.code, flag.mode) for flag in flags} == {(PUBLIC_SHAMING, ALARM)}


def test_lawful_withholding_and_business_fees_are_not_flagged() -> None:
    assert codes("je ne livre pas les fichiers sources tant qu'il n'a pas payé") == []
    assert codes("je suspends la suite du développement jusqu'au paiement") == []
    assert codes("je vais facturer l'indemnité forfaitaire de 40 € à cette entreprise") == []
    assert codes("je vais déposer la mise en demeure à sa boutique en main propre") == []
    assert codes("je vais débarquer à son bureau pour lui faire honte") == [HOME_VISIT]


async def test_the_dialog_informs_without_alarm(bot_env) -> None:
    chat = bot_env.chat(ME)
    calls = await chat.send("je ne vais pas le mettre sur Facebook, promis")
    text = "\n".join(c.plain_text or "" for c in calls)
    assert "Bon à savoir" in text and "Attention" not in text
    assert "diffamation" in text and "colère" not in text
    calls = await chat.send("je vais le mettre sur Facebook")
    text = "\n".join(c.plain_text or "" for c in calls)
    assert "Attention" in text and "colère" in text


@pytest.mark.parametrize(
    "text",
    [
        "il prétend que j'ai saboté son site",
        "il dit que je le harcèle alors que j'ai envoyé deux mails",
        "je n'ai plus de nouvelles depuis qu'il a fermé son site",
        "sa voiture est garée devant chez lui tous les jours",
        "il va le regretter, m'a dit son associé",
    ],
)
def test_his_claims_and_the_state_of_his_things_are_not_the_users_intention(text: str) -> None:
    assert check_text(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("non je lui ajoute pas de frais, c'est un particulier", UNLAWFUL_FEES),
        ("mon pote m'a conseillé de lui mettre une raclée, j'ai dit non", THREAT),
        ("je lui casserai pas la figure, promis", THREAT),
        ("les frais de recouvrement ne s'appliquent pas aux particuliers", UNLAWFUL_FEES),
        ("je n'enverrai personne chez lui pour récupérer l'argent", THREAT),
    ],
)
def test_spoken_split_and_refused_intentions_are_information(text: str, code: str) -> None:
    assert codes(text) == []
    assert info_codes(text) == [code]


def test_a_question_in_which_the_user_does_not_act_is_information() -> None:
    text = "les frais de recouvrement, ça s'applique aux particuliers aussi ?"
    assert codes(text) == [] and info_codes(text) == [UNLAWFUL_FEES]
    assert codes("et si je lui facturais des frais de relance, c'est une particulière ?") == [
        UNLAWFUL_FEES
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "je vais lui compter 25 € de frais par relance, il a fait refaire sa cuisine",
            UNLAWFUL_FEES,
        ),
        ("je garde son site en otage jusqu'au virement", SABOTAGE),
        ("je signe Maître Dupont, avocat au barreau de Lyon", "fake_legal_document"),
        ("j'ai des amis dans le milieu qui règlent ce genre de problème", THREAT),
        ("je vais débouler dans son restau en plein service", HOME_VISIT),
        ("je vais en parler à son coloc", THIRD_PARTY_CONTACT),
    ],
)
def test_the_families_of_issue_15_are_flagged(text: str, code: str) -> None:
    assert code in codes(text)


def test_a_letter_at_his_business_premises_is_lawful_a_scene_there_is_not() -> None:
    assert codes("je vais déposer la mise en demeure à son restaurant en main propre") == []
    assert HOME_VISIT in codes("je vais aller le voir à son magasin devant ses clients")
