"""BODACC collective-proceedings judgments that open (or turn into) a proceeding: data only.

Each rule is (nature, words the `complementJugement` must contain or None, kind); the first
rule whose nature matches exactly decides. Natures not listed open nothing (closures, plans,
filed claims, appeal rulings...)."""

from __future__ import annotations

from bot.domain.facts import InsolvencyKind

L, R, S = InsolvencyKind.LIQUIDATION, InsolvencyKind.RECEIVERSHIP, InsolvencyKind.SAFEGUARD

OPENING_RULES: tuple[tuple[str, str | None, InsolvencyKind], ...] = (
    ("Jugement d'ouverture de liquidation judiciaire", None, L),
    ("Jugement d'extension de liquidation judiciaire", None, L),
    ("Jugement de conversion en liquidation judiciaire", None, L),
    ("Jugement de conversion en liquidation judiciaire de la procédure de sauvegarde", None, L),
    (
        "Jugement de conversion en liquidation judiciaire de la procédure de sauvegarde "
        "financière accélérée",
        None,
        L,
    ),
    (
        "Jugement prononçant la résolution du plan de sauvegarde et la liquidation judiciaire",
        None,
        L,
    ),
    (
        "Jugement prononçant la résolution du plan de sauvegarde accélérée et la liquidation "
        "judiciaire",
        None,
        L,
    ),
    (
        "Jugement prononçant la résolution du plan de sauvegarde financière accélérée et la "
        "liquidation judiciaire",
        None,
        L,
    ),
    ("Jugement prononçant la résolution du plan de cession et la liquidation judiciaire", None, L),
    (
        "Jugement prononçant la résolution du plan de redressement et la liquidation judiciaire",
        None,
        L,
    ),
    ("Jugement d'ouverture d'une procédure de redressement judiciaire", None, R),
    ("Jugement d'extension d'une procédure de redressement judiciaire", None, R),
    (
        "Jugement prononçant la résolution du plan de sauvegarde et le redressement judiciaire",
        None,
        R,
    ),
    ("Jugement de conversion en redressement judiciaire de la procédure de sauvegarde", None, R),
    (
        "Jugement de conversion en redressement judiciaire de la procédure de sauvegarde "
        "financière accélérée",
        None,
        R,
    ),
    ("Jugement d'ouverture d'une procédure de sauvegarde", None, S),
    ("Jugement d'extension d'une procédure de sauvegarde", None, S),
    ("Jugement d'ouverture d'une procédure de sauvegarde accélérée", None, S),
    ("Jugement d'ouverture d'une procédure de sauvegarde financière accélérée", None, S),
    ("Autre jugement prononçant", "liquidation judiciaire", L),
    ("Autre jugement d'ouverture", "liquidation judiciaire", L),
    ("Autre jugement prononçant", "redressement judiciaire", R),
    ("Autre jugement d'ouverture", "redressement judiciaire", R),
    ("Autre jugement prononçant", "sauvegarde", S),
    ("Autre jugement d'ouverture", "sauvegarde", S),
)

# Natures outside the rules that still open (or turn into) a proceeding, by their first words;
# their kind is then read in the nature itself ("... liquidation ...").
OPENING_PREFIXES = (
    "jugement d'ouverture",
    "jugement de conversion",
    "jugement d'extension",
)
KIND_WORDS: tuple[tuple[str, InsolvencyKind], ...] = (
    ("liquidation judiciaire", L),
    ("redressement judiciaire", R),
    ("sauvegarde", S),
)

# Families of the "collective" notices that never open a proceeding.
NON_OPENING_FAMILIES = frozenset({"Avis de dépôt", "Extrait de jugement", "Loi de 1967"})

FRENCH_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
