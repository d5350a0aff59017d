"""Who acts (DESIGN §7): the guard judges the user's own intention, not what others did.

The client's own behaviour, reported speech about the client and a review received are not
the user's intention ("il m'appelait tous les jours", "il m'a menacé d'un mauvais avis",
"j'ai reçu un avis 1 étoile"). Read in the words before the trigger.
"""

from __future__ import annotations

from bot.domain.guard.vocabulary import entries, plain, squeeze_pattern, words

_SOMEONE = words("someone")
_PAST = (
    r"(?:a|as|avait|ont|avaient|aurait|auraient|est|etait|sont|etaient|(?!pour|risq|ser|fer|dev|voud|faud)[a-z]{2,}ait|"
    r"[a-z]{2,}aient)"
)
OTHER_ACTS = plain(
    rf"(?:^| )(?P<who>{_SOMEONE}) (?:ne |n )?(?:(?:m|me|nous|moi) (?:[a-z]+ )?|"
    rf"(?:l|le|la|les|lui|leur|en|y|s) )?{_PAST}(?= |$)(?! interet| pas interet)"
    rf"|(?:^| )(?P<who2>{_SOMEONE}|on) (?:ne |n )?(?:m|me|nous) [a-z]+"
    rf"|(?:^| )(?P<who3>{_SOMEONE}) {words('says')}(?= |$)"
    r"|(?:^| )(?:m|me) (?:a|ont|avait|avaient)(?= |$)"
    r"|(?:^| )(?:j ai|on m a|j avais) (?:[a-z]+ )?(?:recu|vu|lu|eu)(?= |$)"
    # A thing of his in a state: "sa voiture est garée devant chez lui".
    r"|(?:^| )(?:sa|son|ses|leur|leurs) [a-z]+ (?:est|sont|etait|etaient)(?= |$)"
)
# Reported speech: "il prétend que j'ai saboté son site" is his claim, not the user's plan.
REPORTED = plain(
    rf"(?:^| ){_SOMEONE} (?:(?:m|me|nous) )?(?:a |avait )?(?:{words('says')}|accuse|reproche)"
    r" (?:que|qu|de|d)(?= |$)"
)
# Said after the words: "il va le regretter, m'a dit son associé".
REPORTED_AFTER = plain(
    r"(?:^| )(?:m a dit|me dit|m a ecrit|m a lance|m a repondu|dit il|dit elle|a t il dit|"
    r"a t elle dit|selon lui|selon elle|d apres lui|d apres elle)(?= |$)"
)
# After his "que", the user's own plans still count: "il dit qu'il paiera pas, je vais…".
_INTENT_FIRST = plain(
    r"(?:je|j|on|nous)(?: (?:l|le|la|les|lui|leur|y|en|me|m|te|t))* (?:vais|va|veux|compte|"
    r"peux|dois|voudrais|aimerais|prefere|pense|irai|ai envie|m en vais|[a-z]+rai|[a-z]+rais)"
    r"(?= |$)"
)
# "depuis qu'il a fermé son site" is a fact, not a condition like "s'il ne paie pas".
_FACTUAL = frozenset({"depuis", "parce", "alors", "vu", "des", "pendant", "maintenant", "apres"})
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
        previous = before[: match.start()].split()[-2:]
        if (
            previous
            and previous[-1] in _SUBORDINATE
            and not (
                previous[-1] in {"qu", "que"} and len(previous) == 2 and previous[0] in _FACTUAL
            )
        ):
            continue  # "s'il ne me paie pas, …" is a condition, not what he did
        if sentence[match.end() :].startswith((" interet", " pas interet")):
            continue  # "il a intérêt à payer" is the user's warning
        last_other = match.end()
    if last_other < 0:
        return False
    firsts = [m.start() for m in FIRST_PERSON.finditer(before)]
    if last_other > max(firsts, default=-1):
        return True
    return _reported_claim(before, firsts)


def _reported_claim(before: str, firsts: list[int]) -> bool:
    """True when, after someone's "il prétend que…", the user appears without a plan of his
    own ("il dit que je le harcèle", "il prétend que j'ai saboté son site")."""
    reported = max((m.end() for m in REPORTED.finditer(before)), default=-1)
    if reported < 0:
        return False
    after = [position + (before[position] == " ") for position in firsts if position >= reported]
    return bool(after) and not any(_INTENT_FIRST.match(before, position) for position in after)


def reported_after(after: str) -> bool:
    """True when the words from a trigger on are followed by "…, m'a dit son associé"."""
    return REPORTED_AFTER.search(after) is not None
