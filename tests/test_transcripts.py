"""scripts/make_transcripts.py: it runs, the transcripts say what they should, and the committed
docs/transcripts/ are exactly what a fresh run produces (so they cannot rot silently)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "docs" / "transcripts"

# Lines (substrings) each transcript must contain.
KEY_LINES: dict[str, list[str]] = {
    "01_intake_business": [
        "**👤 /start**",
        "pas un conseil juridique",
        "**👆 [Une entreprise]**",
        "**👤 1 250,50 €**",
        "**👆 [Rappel courtois]**",
        "**👆 [Pas de réponse]**",
        "Votre message prêt à envoyer",
        "Indemnité forfaitaire de recouvrement : 40,00 €",
        "[1] ✅ Je l'ai envoyé",
        "💶 Paiement reçu",
        "**👆 [✅ Je l'ai envoyé]**",
        "✅ C'est noté.",
    ],
    "02_intake_consumer": ["**👆 [Un particulier]**", "**👆 [Passer]**", "prêt à envoyer"],
    "03_intake_public": ["**👆 [Un organisme public]**", "date de la facture", "prêt à envoyer"],
    "04_reaction_promise": ["**👆 [A promis une date]**", "**👤 30/11**"],
    "05_reaction_dispute": ["**👆 [Conteste]**", "Que conteste le client ?"],
    "06_reaction_partial": ["**👆 [A payé une partie]**", "750,50 €"],
    "07_bad_input": [
        "Touchez l'un des boutons",
        "Je n'ai pas compris ce montant",
        "supérieur à zéro",
        "n'existe pas",
        "Je n'ai pas compris cette date",
        "dans le futur",
        "prêt à envoyer",
    ],
    "08_cancel_and_free_text": ["**👤 /annuler**", "C'est annulé", "⚠️ *Attention*"],
    "09_channels": ["**👆 [💬 SMS]**", "**👆 [📞 Script d'appel]**"],
    "10_cases_and_payment": [
        "Vos dossiers en cours (2)",
        "Total restant dû : 1 730,50 €",
        "🗓 *Historique*",
        "paiement de 400,00 € reçu le 20 novembre 2026",
        "Reste dû : *850,50 €*",
    ],
    "11_profile": ["**👤 /profil**", "Julie Moreau", "Studio Moreau"],
    "12_reminders": ["**👤 /rappels**", "heure pleine", "14 h"],
    "13_my_data": [
        "📎 relance-mes-donnees.json",
        "Tout supprimer ?",
        "je ne supprime rien",
        "toutes vos données ont été supprimées",
        "aucun dossier en cours",
    ],
    "14_free_text": [
        "J'enregistre : paiement de 500,00 € reçu le 22 novembre 2026",
        "Reste dû : *1 977,55 €*",
        "*Atelier Dupuis* vous doit",
        "démarche « relance ferme » par e-mail",
        "Avec plaisir !",
    ],
    "15_forwarded_reply": [
        "Je lis ce message comme la réponse du client.",
        "promesse de paiement pour le 27 novembre 2026",
        "en attente du paiement promis",
    ],
}


def load_script() -> ModuleType:
    path = ROOT / "scripts" / "make_transcripts.py"
    spec = importlib.util.spec_from_file_location("make_transcripts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("transcripts")
    assert load_script().main(["--out", str(out)]) == 0
    return out


def test_every_transcript_has_its_key_lines(fresh: Path) -> None:
    names = sorted(p.stem for p in fresh.glob("*.md") if p.name != "README.md")
    assert names == sorted(KEY_LINES)
    for name, needles in KEY_LINES.items():
        text = (fresh / f"{name}.md").read_text(encoding="utf-8")
        missing = [n for n in needles if n not in text]
        assert missing == [], f"{name}: missing {missing}"
        assert "🤖" in text and text.count("```") % 2 == 0
        # No apology: an error in a handler would show the "oops" message.
        assert "Désolé" not in text


def test_index_links_every_transcript(fresh: Path) -> None:
    index = (fresh / "README.md").read_text(encoding="utf-8")
    for name in KEY_LINES:
        assert f"]({name}.md)" in index


def test_committed_transcripts_match_a_fresh_run(fresh: Path) -> None:
    committed = sorted(p.name for p in COMMITTED.glob("*.md"))
    assert committed == sorted(p.name for p in fresh.glob("*.md")), (
        "run `python scripts/make_transcripts.py`"
    )
    stale = [
        name for name in committed if (COMMITTED / name).read_bytes() != (fresh / name).read_bytes()
    ]
    assert stale == [], f"stale transcripts {stale}: run `python scripts/make_transcripts.py`"
