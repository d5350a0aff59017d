"""A typed answer where the intake shows buttons: which button it names (DESIGN §9).

"une entreprise" → business; "rien encore" → nothing done; "il a promis de payer vendredi"
at "Comment le client a-t-il réagi ?" → a promise with its date. Pure, like `reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.domain.understand.contacts import find_step
from bot.domain.understand.folding import fold_words
from bot.domain.understand.reader import understand
from bot.domain.understand.slots import fold

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("public", re.compile(
        r"\b(?:public|publique|mairie|commune|collectivite|administration|etat|ministere|"
        r"hopital|region|departement|prefecture|lycee|college|universite|organisme)\b")),
    ("consumer", re.compile(
        r"\b(?:particulier|particuliere|personne|individu|prive|privee|famille|un monsieur|"
        r"une dame|une madame)\b")),
    ("business", re.compile(
        r"\b(?:entreprise|societe|boite|sarl|sas|sasu|eurl|pro|professionnel|professionnelle|"
        r"commerce|commercant|magasin|agence|association|startup|pme|artisan|client pro)\b")),
)  # fmt: skip

_NOTHING_DONE = re.compile(
    r"^(?:non|rien|rien encore|pas encore|encore rien|rien du tout|aucune|aucun|nothing|"
    r"rien fait|rien fait encore|j ai rien fait|je n ai rien fait|pas du tout|jamais|"
    r"pas encore relance|jamais relance|rien pour l instant|pas pour l instant|non rien)$"
)
_CALL = re.compile(r"\b(?:appel|appele|telephone|coup de fil|appeler)\b")
_STEP_EXTRA: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("friendly_reminder", re.compile(r"\b(?:rappel courtois|courtois|relance amiable)\b")),
    ("final_notice", re.compile(r"\b(?:dernier avis|avis amiable)\b")),
    ("preventive_reminder", re.compile(r"\b(?:avant echeance|rappel avant)\b")),
)

_NO_ANSWER = re.compile(
    r"\b(?:pas de reponse|aucune reponse|pas repondu|n a pas repondu|ne repond pas|"
    r"repond pas|rien repondu|silence|pas de nouvelles|aucune nouvelle|toujours rien|"
    r"rien du tout|sans reponse|rien dit|ignore|ghoste|ne dit rien)\b|^(?:rien|non|nada)$"
)


def kind_named(text: str) -> str | None:
    """The debtor kind a typed answer names ("une entreprise" → "business"), else None."""
    words = fold_words(fold(text))
    for kind, pattern in _KINDS:
        if pattern.search(words):
            return kind
    return None


def step_named(text: str) -> str | None:
    """What was already done: "none", a ladder step's value or "call", else None."""
    words = fold_words(fold(text))
    if _NOTHING_DONE.match(words):
        return "none"
    step = find_step(words)
    if step is not None:
        return step
    for value, pattern in _STEP_EXTRA:
        if pattern.search(words):
            return value
    return "call" if _CALL.search(words) else None


@dataclass(frozen=True)
class Reaction:
    """How the client reacted, read from a typed answer."""

    key: str  # a key of the intake's reaction buttons: none, promise, dispute, partial…
    when: date | None = None
    amount: Decimal | None = None


_REACTIONS = {
    "promise": "promise",
    "dispute": "dispute",
    "claims_paid": "claims_paid",
    "hardship": "hardship",
    "refusal": "refusal",
    "payment": "partial",
}


def reaction_named(text: str, today: date) -> Reaction | None:
    """The reaction a typed answer describes ("il a promis de payer vendredi"), else None."""
    words = fold_words(fold(text))
    reading = understand(text, today)
    key = _REACTIONS.get(reading.intent)
    if key is None:
        return Reaction("none") if _NO_ANSWER.search(words) else None
    return Reaction(key, reading.date, reading.amount)
