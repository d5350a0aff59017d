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
)
# "je ne publierai pas…", "je n'irai jamais…": the trigger sits between "ne" and "pas".
NEGATION_BEFORE = plain(
    r"(?:^| )(?:je|j|on|nous)(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s))? (?:ne|n)"
    r"(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s))* $"
)
NEGATION_AFTER = plain(rf"^[a-z0-9]+(?: [a-z0-9]+)? {_NOT}(?= |$)")


def negated(sentence: str, start: int) -> bool:
    """True when the trigger starting at `start` is negated by the user."""
    before = sentence[:start]
    if NEGATION.search(before):
        return True
    return bool(NEGATION_BEFORE.search(before) and NEGATION_AFTER.search(sentence[start:]))
