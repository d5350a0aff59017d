"""Folding a message into the plain words the intent patterns read (pure).

"J'ai reçu le virmeent !!" → "j ai recu le virement". On top of `slots.fold` (lower case,
no accents): SMS spellings expanded ("jai", "kil", "nan"), glued auxiliaries and pronouns
split ("il ma payé", "jcomprends"), feminine and plural participles read as the participle
("postée" → "poste", "reçues" → "recu"), "cb" read as "combien" unless it is the bank card
("par cb"), and one-edit typos of the key words corrected ("virment", "virmeent").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.understand import lexicon, signals
from bot.domain.understand.numbers import NUMBER_WORDS_MONEY, number_from_words
from bot.domain.understand.vocabulary import (
    COMMON_WORDS,
    DATE_NAMES,
    KEY_WORDS,
    NOT_NAMES,
    PARTICIPLES,
    SMS,
)

_NON_WORD = re.compile(r"[^a-z0-9]+")
_LONG_RUN = re.compile(r"([a-z])\1{2,}")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _transpositions(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


@lru_cache(maxsize=1)
def _typo_index() -> dict[str, str]:
    """Every deletion-variant of a key word → the key word (symmetric delete lookup)."""
    index: dict[str, str] = {}
    for word in KEY_WORDS:
        for variant in _deletions(word):
            index.setdefault(variant, word)
    return index


_KEYS = frozenset(KEY_WORDS)
# Every word the patterns know is left as it is ("compte" is not "acompte").
_KNOWN = frozenset(
    re.findall(r"[a-z]{5,}", " ".join(p for ps in lexicon.PATTERNS.values() for p in ps))
)


@lru_cache(maxsize=8192)
def correct(token: str) -> str:
    """A key word for a one-edit near miss ("virment", "virmeent" → "virement"), else the
    token."""
    if len(token) < 5 or token in _KEYS or token in _KNOWN or not token.isalpha():
        return token
    index = _typo_index()
    if token in index:  # one letter too few
        return index[token]
    for variant in _transpositions(token):  # two letters swapped
        if variant in _KEYS:
            return variant
    for variant in _deletions(token):  # one letter too many, or one wrong
        if variant in _KEYS:
            return variant
        if variant in index and len(index[variant]) == len(token):
            key = index[variant]
            if sum(a != b for a, b in zip(key, token, strict=True)) == 1:
                return key
    return token


def _participle_forms() -> dict[str, str]:
    """Feminine and plural forms: "postee", "postees", "postes" → "poste"."""
    forms: dict[str, str] = {}
    for participle in PARTICIPLES:
        endings = ("e", "es") if participle.endswith("s") else ("e", "s", "es")
        for ending in endings:
            forms.setdefault(participle + ending, participle)
    return forms


_TOKENS: dict[str, str] = {**_participle_forms(), **SMS}
# Every word the reader knows: an unknown token made of an elided "l'", "d'", "n'"… and a
# known word lost its apostrophe ("dici", "lacompte", "naurez").
_WORDS = frozenset(
    re.findall(r"[a-z]{2,}", " ".join(p for ps in lexicon.PATTERNS.values() for p in ps))
    + re.findall(r"[a-z]{2,}", signals.HOW_TO)
    + list(COMMON_WORDS | NOT_NAMES | set(KEY_WORDS) | set(_TOKENS))
    + " ".join(_TOKENS.values()).split()
)
_ELIDED = frozenset("ljmtnsdc")
_VOWELS = frozenset("aeiouyh")


@lru_cache(maxsize=4096)
def elided(raw: str) -> str | None:
    """ "dici" → "d ici", "lacompte" → "l acompte"; None when the token is not one."""
    if len(raw) < 3 or raw[0] not in _ELIDED or raw[1] not in _VOWELS or raw in _WORDS:
        return None
    rest = raw[1:]
    return f"{raw[0]} {_TOKENS.get(rest, rest)}" if rest in _WORDS else None


_CARD_BEFORE = frozenset({"par", "en", "la", "une", "ma", "sa", "ta", "carte", "votre", "notre"})
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")

_GLUED_HAS = re.compile(r"\b(il|elle|on|qui|client|cliente) ([mts])a\b")
# "dupuis ma payé", "elle ta dit": "ma"/"ta" before a past participle is "m'a"/"t'a".
_GLUED_HAS_PARTICIPLE = re.compile(
    r"\b([mt])a (?=(?:tout |bien |enfin |deja |encore |pas |jamais |rien |)"
    r"(?:paye|regle|vire|verse|solde|dit|ecrit|repondu|promis|assure|jure|appele|envoye|"
    r"rappele|raccroche|demande|propose|confirme|explique|annonce|fait|donne|file|lache|"
    r"refile|sorti|avance|transfere)\w*\b)"
)


def _token(raw: str, previous: str) -> str:
    if raw == "cb":  # "il me doit cb" is "combien"; "payé par cb" is the bank card
        return "cb" if previous in _CARD_BEFORE else "combien"
    if raw == "vir" and previous in {"a", "ai", "ont", "avons", "avez", "as"}:
        return "vire"  # "il m'a vir 500": the verb, not "virement"
    expanded = _TOKENS.get(raw)
    if expanded is not None:
        return expanded
    if len(raw) > 2 and raw[0] == "j" and raw[1] in _CONSONANTS:  # "jcomprends", "jme"
        rest = raw[1:]
        return "je " + _TOKENS.get(rest, correct(rest))
    return elided(raw) or correct(raw)


def fold_words(folded: str) -> str:
    """Folded text as plain words: "J'ai reçu le virment !!" → "j ai recu le virement"."""
    folded = _GLUED_HAS.sub(r"\1 \2 a", folded)  # "il ma payé" → "il m a payé"
    folded = _GLUED_HAS_PARTICIPLE.sub(r"\1 a ", folded)
    out: list[str] = []
    previous = ""
    for raw in _NON_WORD.split(_LONG_RUN.sub(r"\1", folded)):
        if raw:
            word = _token(raw, previous)
            out.append(word)
            previous = word.rpartition(" ")[2]
    words = _C_EST.sub("c ", _STRAY_N.sub("", " ".join(out)))
    return NUMBER_WORDS_MONEY.sub(_digits, words) if "euro" in words or "balles" in words else words


def _digits(m: re.Match[str]) -> str:
    """ "deux mille euros" → "2000 euros": the patterns read amounts as figures."""
    value = number_from_words(m[1])
    return m[0] if value is None else f"{value}{m[0][len(m[1]) :]}"


# "n" is only elided before a vowel: before a consonant it is what is left of "n°".
_STRAY_N = re.compile(r"\bn (?=[bcdfgjklmnpqrstvwxz])")
# "c" is SMS for "c'est", but "c'est" itself folds to "c est": not "c est est".
_C_EST = re.compile(r"\bc est (?=est\b|etait\b)")
_LETTERS = re.compile(r"[a-z]{5,}")


def _date_word(m: re.Match[str]) -> str:
    fixed = correct(m[0])
    return fixed if fixed in DATE_NAMES else m[0]


_DATE_SMS = re.compile(r"\b(?:ds|pr|dmain|dem1|2main|apres dem1|dici|lheure)\b")
_DATE_SMS_WORDS = {
    "ds": "dans", "pr": "pour", "dmain": "demain", "dem1": "demain", "2main": "demain",
    "apres dem1": "apres-demain", "dici": "d'ici", "lheure": "l'heure",
}  # fmt: skip


def date_text(folded: str) -> str:
    """Folded text as the date finder reads it: SMS spellings of date words expanded ("ds 3
    jours", "pr le 15") and one-edit typos of weekday and month names corrected ("vendedi")."""
    folded = _DATE_SMS.sub(lambda m: _DATE_SMS_WORDS[m[0]], folded)
    return _LETTERS.sub(_date_word, folded)
