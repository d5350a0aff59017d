"""The pure mapping of the register's and the BODACC's formats (no HTTP)."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from bot.domain.facts import DebtorKind, InsolvencyKind
from bot.outside import bodacc, registry
from bot.outside.standin import fixture

UNITS = {unit["siren"]: unit for unit in fixture("registry")}
NOTICES = fixture("bodacc")
NAMES = {
    unit["nom_raison_sociale"] or unit["nom_complet"]: unit["siren"] for unit in UNITS.values()
}


def unit(name: str) -> dict:
    return copy.deepcopy(UNITS[NAMES[name]])


def test_legal_name_is_the_raison_sociale_without_sigle() -> None:
    result = unit("BOULANGERIE MÉRIDIENNE")
    assert result["nom_complet"] == "BOULANGERIE MÉRIDIENNE (BM)"
    assert registry.legal_name(result) == "BOULANGERIE MÉRIDIENNE"


def test_entrepreneur_individuel_name_loses_the_trade_name_suffix() -> None:
    result = unit("CLAIRE FONTAINE (CF RÉNOVATION)")
    assert result["nom_raison_sociale"] is None
    assert registry.legal_name(result) == "CLAIRE FONTAINE"
    result["nom_complet"] = "CLAIRE FONTAINE (CF RÉNOVATION) (CFR)"
    assert registry.legal_name(result) == "CLAIRE FONTAINE"
    result["nom_complet"] = "(SANS NOM)"
    assert registry.legal_name(result) == "(SANS NOM)"


@pytest.mark.parametrize(
    ("name", "nature", "kind"),
    [
        ("COMMUNE DE VAL-DES-CÈDRES", "7210", DebtorKind.PUBLIC),
        ("COMMUNAUTÉ DE COMMUNES DU PAYS D'ORNAIN", "7346", DebtorKind.PUBLIC),
        ("CENTRE HOSPITALIER DE BEAUVALLON", "7364", DebtorKind.PUBLIC),
        ("DIRECTION DÉPARTEMENTALE DES TERRITOIRES DE LA LOZÈRE", "7172", DebtorKind.PUBLIC),
        ("CLAIRE FONTAINE (CF RÉNOVATION)", "1000", DebtorKind.BUSINESS),
        ("ATELIER DUPUIS", "5499", DebtorKind.BUSINESS),
        ("STUDIO LUMEN", "5710", DebtorKind.BUSINESS),
    ],
)
def test_kind_from_each_family_of_nature_juridique(
    name: str, nature: str, kind: DebtorKind
) -> None:
    result = unit(name)
    assert result["nature_juridique"] == nature
    assert registry.kind_of(result) is kind
    assert registry.company(result).kind is kind


def test_public_markers_without_a_7xxx_nature() -> None:
    result = unit("ATELIER DUPUIS")
    result["nature_juridique"] = None
    result["complements"]["est_administration"] = True
    assert registry.kind_of(result) is DebtorKind.PUBLIC
    result["complements"]["est_administration"] = False
    result["complements"]["collectivite_territoriale"] = {"code": "01", "niveau": "Commune"}
    assert registry.kind_of(result) is DebtorKind.PUBLIC
    result["complements"] = None
    assert registry.kind_of(result) is DebtorKind.BUSINESS


def test_every_field_of_a_company() -> None:
    found = registry.company(unit("CAFÉ DES ÂMES"))
    assert found.siren == NAMES["CAFÉ DES ÂMES"]
    assert found.name == "CAFÉ DES ÂMES"
    assert found.address == "7 RUE SAINTE-CATHERINE\n33000 BORDEAUX"
    assert (found.postcode, found.city) == ("33000", "BORDEAUX")
    assert found.kind is DebtorKind.BUSINESS
    assert found.active is False


def test_address_with_a_complement_and_without_postcode() -> None:
    siege = unit("STUDIO LUMEN")["siege"]
    assert registry.postal_address(siege) == "BATIMENT B 48 BD RICHARD LENOIR\n75011 PARIS 11"
    assert registry.postal_address({"adresse": "LIEU-DIT LES PINS", "code_postal": None}) == (
        "LIEU-DIT LES PINS"
    )
    assert registry.postal_address({}) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("812 345 676", "812345676"),
        ("812345676", "812345676"),
        ("812 345 676 00014", "81234567600014"),
        ("812.345.676", "812345676"),
        ("81234567", None),
        ("SAS 812345676", None),
        ("Atelier Dupuis", None),
    ],
)
def test_identifier(query: str, expected: str | None) -> None:
    assert registry.identifier(query) == expected


def test_legal_forms_are_left_out_of_the_words() -> None:
    assert registry.search_params("Atelier Dupuis SARL", None, 1, 10)["q"] == "Atelier Dupuis"
    assert registry.search_words("S.A.S. (SAS) Lumen") == "S.A.S. Lumen"
    assert registry.search_words("SAS") == "SAS"


def test_search_params_drop_the_postcode_for_a_siren() -> None:
    assert "code_postal" not in registry.search_params("812 345 676", "69003", 1, 10)
    params = registry.search_params("  atelier   dupuis ", "69003", 2, 5)
    assert params["q"] == "atelier dupuis"
    assert (params["code_postal"], params["page"], params["per_page"]) == ("69003", 2, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-14", date(2026, 10, 14)),
        ("03/06/2026", date(2026, 6, 3)),
        ("3/6/2026", date(2026, 6, 3)),
        ("1er septembre 2026", date(2026, 9, 1)),
        ("27 novembre 2008", date(2008, 11, 27)),
        ("1er\u00a0janvier 2020", date(2020, 1, 1)),
        ("2 Décembre 2020", date(2020, 12, 2)),
        ("15 aout 2021", date(2021, 8, 15)),
        ("31/02/2020", None),
        ("bientôt", None),
        ("", None),
        (None, None),
    ],
)
def test_judgment_dates_in_their_several_forms(text: str | None, expected: date | None) -> None:
    assert bodacc.judgment_date(text) == expected


def test_receivership_converted_into_liquidation_with_a_rectificatif() -> None:
    found = bodacc.proceedings(NOTICES, NAMES["BOULANGERIE MÉRIDIENNE"])
    assert [(p.kind, p.opened_on, p.published_on) for p in found] == [
        # the rectificatif's judgment date, the first publication of the judgment
        (InsolvencyKind.LIQUIDATION, date(2026, 9, 2), date(2026, 9, 10)),
        (InsolvencyKind.RECEIVERSHIP, date(2026, 6, 3), date(2026, 6, 15)),
    ]  # the filed state of claims ("Avis de dépôt") opens nothing


def test_judgment_is_a_json_string_inside_the_record() -> None:
    siren = NAMES["STUDIO LUMEN"]
    records = [r for r in NOTICES if siren in r["registre"]]
    assert {r["familleavis"] for r in records} == {"collective", "dpc"}
    assert all(isinstance(r["jugement"], str) for r in records if r["familleavis"] == "collective")
    (found,) = bodacc.proceedings(records, siren)
    assert (found.kind, found.opened_on, found.published_on) == (
        InsolvencyKind.RECEIVERSHIP,
        date(2026, 10, 14),
        date(2026, 10, 24),
    )
    as_dict = [{**r, "jugement": json.loads(r["jugement"])} for r in records if r["jugement"]]
    assert bodacc.proceedings(as_dict, siren) == (found,)


def test_closure_and_other_families_open_nothing() -> None:
    found = bodacc.proceedings(NOTICES, NAMES["CAFÉ DES ÂMES"])
    assert [(p.kind, p.opened_on) for p in found] == [
        (InsolvencyKind.LIQUIDATION, date(2024, 11, 5))
    ]
    assert bodacc.proceedings(NOTICES, NAMES["ATELIER DUPUIS"]) == ()  # a registration only


def test_other_judgment_kind_read_in_its_complement() -> None:
    (found,) = bodacc.proceedings(NOTICES, NAMES["LES JARDINS D'ÉMILE"])
    assert found.kind is InsolvencyKind.SAFEGUARD
    assert bodacc.opening_kind({"nature": "Autre jugement d'ouverture"}) is None
    assert (
        bodacc.opening_kind(
            {
                "famille": "Avis de dépôt",
                "nature": "Autre jugement d'ouverture",
                "complementJugement": "liquidation judiciaire",
            }
        )
        is None
    )


@pytest.mark.parametrize(
    ("nature", "kind"),
    [
        ("Jugement d'ouverture de redressement judiciaire", InsolvencyKind.RECEIVERSHIP),
        ("Jugement d’ouverture d’une procédure de sauvegarde", InsolvencyKind.SAFEGUARD),
        ("Jugement de conversion de la sauvegarde en liquidation judiciaire",
         InsolvencyKind.LIQUIDATION),
        ("Jugement de clôture pour insuffisance d'actif", None),
        ("Jugement arrêtant le plan de redressement judiciaire", None),
        ("Dépôt de l'état des créances", None),
    ],
)  # fmt: skip
def test_unlisted_natures_by_their_words(nature: str, kind: InsolvencyKind | None) -> None:
    assert bodacc.opening_kind({"famille": "Jugement", "nature": nature}) is kind


def test_an_annulation_removes_the_notice_it_cancels() -> None:
    siren = NAMES["LES JARDINS D'ÉMILE"]
    (opening,) = [r for r in NOTICES if siren in r["registre"]]
    cancel = {
        **opening,
        "id": "A202602051",
        "parution": "20260205",
        "numeroannonce": 1,
        "dateparution": "2026-10-20",
        "typeavis": "annulation",
        "parutionavisprecedent": json.dumps(
            {
                "nomPublication": "BODACC A",
                "numeroParution": opening["parution"],
                "dateParution": opening["dateparution"],
                "numeroAnnonce": opening["numeroannonce"],
            }
        ),
    }
    assert bodacc.proceedings([opening, cancel], siren) == ()


def test_a_notice_about_another_company_is_not_theirs() -> None:
    assert bodacc.proceedings(NOTICES, "000000000") == ()
    assert bodacc.sirens_of({"registre": ["790 456 123", "790456123"]}) == {"790456123"}
