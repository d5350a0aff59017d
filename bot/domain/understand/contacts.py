"""A contact's channel and ladder step, read from the folded words (pure)."""

from __future__ import annotations

import re

# Channels of a contact, most specific first.
CHANNELS: tuple[tuple[str, str], ...] = (
    ("registered_letter", r"\b(?:recommande|recommandee|lrar|ar|accuse de reception|"
     r"lettre recommandee|en rar|rar|lettre ar|courrier ar)\b"),
    ("letter", r"\b(?:courrier|lettre|par la poste|poste|courrier simple|lettre simple|"
     r"mise en demeure papier)\b"),
    ("email", r"\b(?:mail|e mail|mails|mel|courriel|gmail|outlook|mailer|ecrit par mail)\b"),
    ("sms", r"\b(?:sms|texto|textos|textote|whatsapp|whatsappe|signal|telegram|texte|message ecrit|"
     r"imessage|imessages)\b"),
    ("other", r"\b(?:linkedin|messenger|facebook|instagram|slack|teams|formulaire|"
     r"plateforme|malt|upwork|fiverr|comeup)\b"),
    ("phone", r"\b(?:appele|appeler|appel|(?<!lui ai )(?<!leur ai )rappele(?! qu)|"
     r"(?<!lui )rappeler(?! qu)|telephone|telephoner|coup de fil|"
     r"coup de telephone|au tel|vocal|messagerie|repondeur|eu au bout du fil|joint|visio|"
     r"eu en ligne|eu au telephone)\b"),
    ("in_person", r"\b(?:vu|vue|croise|croisee|passe le voir|passee le voir|passe chez|"
     r"alle le voir|allee le voir|suis passe|suis passee|suis alle|suis allee|en personne|"
     r"rencontre|rendez vous|de vive voix|sur place|face a face|en mains? propres?|"
     r"passe (?:a|au|chez|dans) "
     r"(?:son|sa|leur|ses|l)|(?:a|au|dans) (?:son|sa|leur) (?:bureau|atelier|magasin|boutique|"
     r"local|locaux|agence|siege|restaurant|cabinet|usine|entrepot|stand))\b"),
)  # fmt: skip

# Ladder steps the user may name in a contact (most specific first: "dernier avertissement
# avant mise en demeure" is a final notice).
STEPS: tuple[tuple[str, str], ...] = (
    ("final_notice", r"\b(?:derniere relance|dernier rappel|dernier avertissement|"
     r"derniere chance|avant mise en demeure|ultime relance|avertissement final|"
     r"dernier avis|preavis)\b"),
    ("formal_notice", r"\b(?:mise en demeure|mis en demeure|mettre en demeure|med)\b"),
    ("preventive_reminder", r"\b(?:rappel avant|avant l echeance|avant echeance|rappel "
     r"preventif|relance preventive|pre relance|avant la date d echeance|rappel d echeance|"
     r"petit rappel avant)\b"),
    ("firm_reminder", r"\b(?:relance ferme|rappel ferme|deuxieme relance|seconde relance|"
     r"2e relance|2eme relance|2 eme relance|relance (?:n|no|numero) ?2|2nde relance|"
     r"relance plus ferme|ton ferme|relance "
     r"appuyee|relance severe|troisieme relance|3e relance|relance musclee|fermement)\b"),
    ("friendly_reminder", r"\b(?:premiere relance|1ere relance|1re relance|1 ere relance|"
     r"relance (?:n|no|numero) ?1|"
     r"relance amiable|relance gentille|relance cordiale|relance courtoise|gentille relance|"
     r"petite relance|relance sympa|gentiment|relance douce|amicale|relance amicale|"
     r"premier rappel|rappel amiable|rappel gentil|courtoisement|a l amiable|rappel courtois|"
     r"rappel cordial|rappel amical)\b"),
)  # fmt: skip


def find_channel(words: str) -> str | None:
    """The channel of a contact ("recommandé" → registered_letter), from the folded words."""
    for channel, pattern in _CHANNEL_RES:
        if pattern.search(words):
            return channel
    return None


def find_step(words: str) -> str | None:
    """The ladder step the user names ("relance ferme" → firm_reminder), if any."""
    for step, pattern in _STEP_RES:
        if pattern.search(words):
            return step
    return None


_CHANNEL_RES = tuple((name, re.compile(pattern)) for name, pattern in CHANNELS)
_STEP_RES = tuple((name, re.compile(pattern)) for name, pattern in STEPS)
