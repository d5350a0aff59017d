"""Negation (DESIGN §7): a negated intention of the user gets the explanation, not the alarm.

A negation before a trigger turns its flag into information ("je vais pas débarquer chez
lui", "je ne vais pas le mettre sur Facebook"), but not "je vais pas me gêner pour…". The
words after "pas" may not start a new clause ("j'ai pas le choix, je le balance").
"""

from __future__ import annotations

from bot.domain.guard.vocabulary import entries, plain, words

_NOT = words("not_words")
_NOT_ADVERB = "(?:" + "".join(f"{adverb} |" for adverb in entries("not_adverbs")) + ")"
_KEEP_GOING = rf"(?! {words('keep_going')})"
_TAIL = r"(?: (?!je |j |il |elle |ils |on |sinon )[a-z0-9]+){0,3} $"

NEGATION = plain(
    rf"(?:^| )(?:je|j|on|nous|moi)(?: (?:ne|n))?(?: (?!peu|pour|devr|pouv)[a-z]+){{1,3}} "
    rf"{_NOT_ADVERB}{_NOT}"
    rf"{_KEEP_GOING}{_TAIL}"
    rf"|(?:^| )(?:il )?(?:ne |n )?(?:faut|faudrait|faudra) {_NOT_ADVERB}{_NOT}{_TAIL}"
    rf"|(?:^| )(?:ne|n) {_NOT_ADVERB}{_NOT}{_TAIL}"
    r"|(?<!si )jamais (?:je|j|on) (?:ne |n )?(?:[a-z]+ ){0,3}$"
    rf"|{words('refusals')}(?: [a-z0-9]+){{0,4}} $"
    r"|sans(?: (?:le|la|l|les|lui|leur|y|en|me|m|aler|pour autant))? $"
    # "je n'enverrai personne chez lui", "je ne ferai aucun faux"
    r"|(?:^| )(?:je|j|on|nous)(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t))* (?:ne|n) [a-z]+ "
    rf"(?:personne|aucun|aucune|rien){_TAIL}"
)
# "je ne publierai pas…", "je n'irai jamais…": the trigger sits between "ne" and "pas".
NEGATION_BEFORE = plain(
    r"(?:^| )(?:je|j|on|nous)(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s))? (?:ne|n)"
    r"(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s))* $"
)
NEGATION_AFTER = plain(rf"^[a-z0-9]+(?: [a-z0-9]+)? (?:{_NOT}|personne|aucun|aucune)(?= |$)")
# Spoken French drops "ne": "je l'affiche pas", "je lui ajoute pas de frais".
_CLITICS = r"(?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s)"
SPOKEN_BEFORE = plain(rf"(?:^| )(?:je|j|on|nous)(?: {_CLITICS})* $")
SPOKEN_AFTER = plain(
    r"^[a-z0-9]+ (?:pas|jamais|rien|plus(?! tard| tot| vite| que| de| en| fort| loin))(?= |$)"
)
# Any subject: "les frais ne s'appliquent pas aux particuliers" (a word between ne and pas).
NE_BEFORE = plain(rf"(?:^| )(?:ne|n)(?: {_CLITICS})* $")
# A refusal after the words: "mon pote m'a conseillé de…, j'ai dit non", "…, j'ai refusé".
REFUSED_AFTER = plain(rf"(?:^| ){words('refused_after')}(?= |$)")
# Negation words, taken out to read a phrase they split ("je lui casserai pas la figure").
NEGATION_WORDS = plain(
    r"(?<![a-z0-9])(?:ne|n|pas|jamais|plus(?! tard| tot| vite| que| de| en| fort| loin))"
    r" (?=[a-z0-9])"
)


def negated(sentence: str, start: int, trigger: str = "") -> bool:
    """True when the trigger starting at `start` is negated or refused by the user (a
    negation inside the `trigger` words themselves, "je viendrai pas seul", is no refusal)."""
    before, after = sentence[:start], sentence[start:]
    if NEGATION.search(before) or REFUSED_AFTER.search(after):
        return True
    if NEGATION_BEFORE.search(before) and NEGATION_AFTER.search(after):
        return True
    spoken = SPOKEN_BEFORE.search(before) and SPOKEN_AFTER.search(after)
    return bool(spoken) and NEGATION_WORDS.search(f" {trigger} ") is None


def without_negation(sentence: str) -> str:
    """The sentence with its negation words taken out ("" when it has none)."""
    bare = NEGATION_WORDS.sub("", sentence)
    return bare if bare != sentence else ""


def inside_ne_pas(sentence: str, start: int, trigger: str) -> bool:
    """True when a trigger word sits between "ne" and "pas", whoever the subject."""
    if NEGATION_WORDS.search(f" {trigger} ") is not None:
        return False
    return bool(NE_BEFORE.search(sentence[:start]) and NEGATION_AFTER.search(sentence[start:]))
