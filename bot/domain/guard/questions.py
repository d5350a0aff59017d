"""Questions (DESIGN §7): asking whether something is allowed gets the explanation only.

A question about the law ("ai-je le droit…", "c'est légal de…", "je risque quoi si…")
gets the explanation as information, and so does a question asking whether something is
allowed ("est-ce que je peux… ?", "je peux… ?", "puis-je… ?").
"""

from __future__ import annotations

from bot.domain.guard.vocabulary import plain, words

LAW_QUESTION = plain(
    r"(?:^| )(?:(?:ai|a|as|avons|avez|aurais|aurai|aurait|on a|j ai|j aurais)"
    r"(?: je| t on| t il| nous| vous| tu)?(?: pas)? le droit|le droit (?:de|d)|"
    rf"{words('is_it')} (?:[a-z]+ )?"
    rf"{words('law_judgements')}|"
    r"(?:ca|cela) (?:compte|pase|reste) (?:come|pour)|"
    r"(?:quels|queles|quel|quele) (?:sont|est) (?:les |la )?(?:regles|limites|limite|loi)|"
    r"jusqu ou (?:je peux|on peut|j ai le droit)|ou est la limite|"
    r"(?:legal|legale|ilegal|ilegale|interdit|autorise|permis|licite|ilicite) (?:de|d)|"
    r"legalement|(?:je|j|on) (?:[a-z]+ )?risque[a-z]*|"
    r"(?:quel|quels|quele|queles) (?:sont les |est le )?risques?|"
    r"peut on|pourait on|est il permis|est il interdit|"
    r"combien de fois|jusqu a combien|a partir de combien|a partir de quand|"
    r"que dit la loi|la loi (?:me |m |nous )?(?:dit|permet|interdit|autorise))(?= |$)"
)
# Asking leave: "est-ce que je peux…", "puis-je…" in any sentence; "je peux… ?" only when the
# sentence ends with a question mark ("je peux te dire qu'il va le regretter" is a threat).
ASKS_LEAVE = plain(
    r"(?:^| )(?<! c )(?:est ce que|est ce qu) (?:je|j|on) (?:ne |n )?(?:peux|peut|pourais|"
    r"pourait|pourai|dois|devrais)(?= |$)|(?:^| )(?:puis je|pourais je|peux je|dois je)(?= |$)"
)
ASKED_LEAVE = plain(
    r"(?:^| )(?:je|j|on) (?:ne |n )?(?:peux|peut|ai le droit|a le droit|"
    r"aurais le droit|ai pas le droit|a pas le droit)(?= |$)"
)
# Anyone acting in the first person: a question without one is a general question
# ("les frais de recouvrement, ça s'applique aux particuliers ?").
_FIRST_PERSON = plain(r"(?:^| )(?:je|j|moi|nous|on|m|me)(?= |$)")
# Masked in a question, so that "est-ce légal" is not read as a lawful action.
_LAW_WORDS = plain(r"(?<![a-z0-9])(?:legal[a-z]*|ilegal[a-z]*|loi)(?![a-z0-9])")


def asks_the_law(sentence: str, asked: bool) -> bool:
    """True when the sentence asks whether something is allowed (`asked`: it ended with "?"),
    or asks a general question in which the user does not act."""
    return (
        LAW_QUESTION.search(sentence) is not None
        or ASKS_LEAVE.search(sentence) is not None
        or (asked and ASKED_LEAVE.search(sentence) is not None)
        or (asked and _FIRST_PERSON.search(sentence) is None)
    )


def mask_law_words(sentence: str) -> str:
    """The sentence with "légal", "loi"… masked: in a question they are no lawful action."""
    return _LAW_WORDS.sub("x", sentence)
