"""Who acts (DESIGN §7): the guard judges the user's own intention, not what others did.

The client's own behaviour, reported speech about the client and a review received are not
the user's intention ("il m'appelait tous les jours", "il m'a menacé d'un mauvais avis",
"j'ai reçu un avis 1 étoile"). Read in the words before the trigger.
"""

from __future__ import annotations

from bot.domain.guard.vocabulary import entries, plain, squeeze_pattern, words

_SOMEONE = words("someone")
_PAST = (
    r"(?:a|as|avait|ont|avaient|aurait|auraient|est|etait|sont|etaient|(?!pour|risq)[a-z]{2,}ait|"
    r"[a-z]{2,}aient)"
)
OTHER_ACTS = plain(
    rf"(?:^| )(?P<who>{_SOMEONE}) (?:ne |n )?(?:(?:m|me|nous|moi) (?:[a-z]+ )?|"
    rf"(?:l|le|la|les|lui|leur|en|y|s) )?{_PAST}(?= |$)(?! interet| pas interet)"
    rf"|(?:^| )(?P<who2>{_SOMEONE}|on) (?:ne |n )?(?:m|me|nous) [a-z]+"
    rf"|(?:^| )(?P<who3>{_SOMEONE}) {words('says')}(?= |$)"
    r"|(?:^| )(?:m|me) (?:a|ont|avait|avaient)(?= |$)"
    r"|(?:^| )(?:j ai|on m a|j avais) (?:[a-z]+ )?(?:recu|vu|lu|eu)(?= |$)"
)
_SUBORDINATE = frozenset(squeeze_pattern(word) for word in entries("subordinate"))
FIRST_PERSON = plain(
    r"(?:^| )(?:je|j|nous|moi|on (?:va|peut|pourait|devrait|doit|fait|ira|lui|le|la|l)|"
    rf"{words('advises')} (?:de|d))(?= |$)"
)


def someone_else_acts(sentence: str, cut: int) -> bool:
    """True when the words up to a trigger's first word make someone else than the user its
    author."""
    before = sentence[:cut]
    last_other = -1
    for match in OTHER_ACTS.finditer(before):
        previous = before[: match.start()].split()[-1:]
        if previous and previous[0] in _SUBORDINATE:
            continue  # "s'il ne me paie pas, …" is a condition, not what he did
        if sentence[match.end() :].startswith((" interet", " pas interet")):
            continue  # "il a intérêt à payer" is the user's warning
        last_other = match.end()
    if last_other < 0:
        return False
    last_first = max((m.start() for m in FIRST_PERSON.finditer(before)), default=-1)
    return last_other > last_first
