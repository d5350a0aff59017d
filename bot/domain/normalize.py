"""French free-text normalization for the guard (pure, no I/O).

`normalize("Jvais l’appeler H24 !!!")` → `"je vais l appeler h24"`:
lowercase, accents stripped, apostrophes and punctuation turned into spaces, letters
repeated for emphasis folded, double letters squeezed ("appeler" → "apeler", so typos
that double or drop a letter meet the same form), common SMS spellings expanded, and
near-misses of the guard's key words (one edit away) corrected.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Sentence boundaries: a rule never combines words across them.
_SENTENCE_SPLIT = re.compile(r"[.!?;:…]+(?![A-Za-z0-9])|[\n\r]+|\s[-–—]\s")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_REPEAT = re.compile(r"([a-z])\1+")
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Whole-form rewrites applied before tokenizing (they contain separators).
_PRE_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b24\s*h?\s*(?:/|sur)\s*24\s*h?\b"), " h24 "),
    (re.compile(r"\b24\s*/\s*7\b"), " h24 "),
    (re.compile(r"\b7\s*j?\s*/\s*7\b"), " h24 "),
    (re.compile(r"\bh\s*24\b"), " h24 "),
    (re.compile(r"\b([0-5])\s*(?:\*|⭐|★|/\s*5)"), r" \1 etoile "),
    (re.compile(r"[⭐★]"), " etoile "),
    (re.compile(r"[🔪🗡]"), " couteau "),
    (re.compile(r"[🔫]"), " flingue "),
    (re.compile(r"[💣🔥]"), " feu "),
    (re.compile(r"\btik\s+tok\b"), " tiktok "),
    (re.compile(r"\bwhats\s*app?\b"), " whatsapp "),
    (re.compile(r"\bface\s+book\b"), " facebook "),
    (re.compile(r"\blinked\s+in\b"), " linkedin "),
    (re.compile(r"\bn\s*\+\s*1\b"), " superieur "),
)

# SMS / informal spellings, keyed by their squeezed form (see `squeeze`).
_SMS: dict[str, str] = {
    "jvais": "je vais",
    "jvai": "je vais",
    "jve": "je vais",
    "jv": "je vais",
    "jvaiz": "je vais",
    "v": "vais",
    "vai": "vais",
    "ve": "vais",
    "vait": "vais",
    "chui": "je suis",
    "chuis": "je suis",
    "jsuis": "je suis",
    "jsui": "je suis",
    "jsp": "je sais pas",
    "jsai": "je sais",
    "jsais": "je sais",
    "tkt": "t inquiete",
    "tqt": "t inquiete",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "pourkoi": "pourquoi",
    "bcp": "beaucoup",
    "bcq": "beaucoup",
    "qqn": "quelqu un",
    "qqun": "quelqu un",
    "qq1": "quelqu un",
    "kelkun": "quelqu un",
    "qqch": "quelque chose",
    "qqc": "quelque chose",
    "ct": "c etait",
    "c": "c est",
    "cst": "c est",
    "g": "j ai",
    "slt": "salut",
    "stp": "s il te plait",
    "svp": "s il vous plait",
    "bjr": "bonjour",
    "bsr": "bonsoir",
    "cc": "coucou",
    "mrc": "merci",
    "mci": "merci",
    "pr": "pour",
    "ds": "dans",
    "ms": "mais",
    "tt": "tout",
    "ts": "tous",
    "tte": "toute",
    "ttes": "toutes",
    "tjs": "toujours",
    "tjrs": "toujours",
    "mm": "meme",
    "dc": "donc",
    "pcq": "parce que",
    "pck": "parce que",
    "psk": "parce que",
    "paske": "parce que",
    "koi": "quoi",
    "kan": "quand",
    "ke": "que",
    "ki": "qui",
    "kil": "qu il",
    "kel": "quel",
    "jai": "j ai",
    "jlui": "je lui",
    "jle": "je le",
    "jla": "je la",
    "jles": "je les",
    "jte": "je te",
    "jl": "je l",
    "jlai": "je l ai",
    "jt": "je t",
    "jm": "je m",
    "jme": "je me",
    "jpeux": "je peux",
    "jpe": "je peux",
    "jdois": "je dois",
    "jfais": "je fais",
    "jfai": "je fais",
    "jcrois": "je crois",
    "jpense": "je pense",
    "jveux": "je veux",
    "jvx": "je veux",
    "jy": "j y",
    "vx": "veux",
    "veu": "veux",
    "ptn": "putain",
    "msg": "message",
    "msgs": "messages",
    "sms": "sms",
    "txt": "texto",
    "mail": "mail",
    "mel": "mail",
    "email": "mail",
    "mails": "mails",
    "emails": "mails",
    "rdv": "rendez vous",
    "nn": "non",
    "ya": "il y a",
    "fb": "facebook",
    "fbk": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "lkd": "linkedin",
    "lnkd": "linkedin",
    "linkdin": "linkedin",
    "linkedn": "linkedin",
    "tiktok": "tiktok",
    "snap": "snapchat",
    "yt": "youtube",
    "twiter": "twitter",
    "tel": "telephone",
    "tels": "telephone",
    "mat": "matin",
    "aprem": "apres midi",
    "pote": "pote",
    "keum": "mec",
    "meuf": "femme",
    "famme": "femme",
    "fame": "femme",
    "boss": "patron",
    "taf": "travail",
    "boulot": "travail",
    "pa": "pas",
    "chz": "chez",
    "ché": "chez",
    "ac": "avec",
    "avc": "avec",
    "vs": "vous",
    "ns": "nous",
    "tjr": "toujours",
    "mtn": "maintenant",
    "mnt": "maintenant",
    "ajd": "aujourd hui",
    "auj": "aujourd hui",
    "dmain": "demain",
    "dem1": "demain",
    "qd": "quand",
    "tlm": "tout le monde",
    "jdi": "je dis",
    "jdis": "je dis",
    "jpx": "je peux",
    "gt": "j etais",
    "num": "numero",
    "nums": "numeros",
    "numéro": "numero",
    "rezo": "reseaux",
    "rezos": "reseaux",
    "reso": "reseaux",
    "wtsp": "whatsapp",
    "wsp": "whatsapp",
    "whatsap": "whatsapp",
    "watsap": "whatsapp",
    "watsapp": "whatsapp",
    "wathsapp": "whatsapp",
    "fcb": "facebook",
    "twt": "twitter",
    "tweeter": "twitter",
    "lnkdn": "linkedin",
    "linkeding": "linkedin",
    "reuf": "frere",
    "reum": "mere",
    "reup": "pere",
    "daronne": "mere",
    "daron": "pere",
    "darons": "parents",
    "rents": "parents",
    "vener": "enerve",
    "venere": "enerve",
    "huiss": "huissier",
    "hussier": "huissier",
    "huisier": "huissier",
    "avocats": "avocats",
    "lol": "",
    "mdr": "",
    "ptdr": "",
    "xd": "",
    "wsh": "",
    "oklm": "",
}

# Key words of the guard rules: a token one edit away from one of them (same first
# letter, at least 6 letters) is read as that word. Written in plain French.
_KEY_WORDS: tuple[str, ...] = (
    "harceler",
    "harcele",
    "harcelement",
    "huissier",
    "huissiers",
    "commissaire",
    "tribunal",
    "jugement",
    "convocation",
    "instagram",
    "facebook",
    "linkedin",
    "twitter",
    "youtube",
    "trustpilot",
    "reputation",
    "employeur",
    "domicile",
    "debarquer",
    "debarque",
    "publiquement",
    "telephoner",
    "telephone",
    "regretter",
    "regrettera",
    "famille",
    "collegues",
    "fournisseurs",
    "officiel",
    "officielle",
    "patron",
    "voisins",
    "parents",
    "maison",
    "immeuble",
    "avocat",
    "policier",
    "gendarme",
    "tampon",
    "whatsapp",
    "snapchat",
    "tiktok",
    "google",
    "reseaux",
    "vengeance",
    "hebergement",
    "particulier",
    "particuliere",
    "recouvrement",
    "consommateur",
    "indemnite",
    "desactiver",
    "supprimer",
    "plainte",
    "gendarmerie",
    "commissariat",
    "maintenance",
    "harcelement",
)


def strip_accents(text: str) -> str:
    """Remove diacritics: "dénoncé à l'huissier" → "denonce a l'huissier"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squeeze(word: str) -> str:
    """Fold every run of a repeated letter to one: "laaaa" → "la", "appeler" → "apeler"."""
    return _REPEAT.sub(r"\1", word)


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


@lru_cache(maxsize=1)
def _key_words() -> dict[str, tuple[str, ...]]:
    """Squeezed key words indexed by themselves and by every one-letter deletion of them."""
    index: dict[str, list[str]] = {}
    for word in {squeeze(word) for word in _KEY_WORDS}:
        for variant in {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}:
            index.setdefault(variant, []).append(word)
    return {variant: tuple(words) for variant, words in index.items()}


@lru_cache(maxsize=8192)
def _correct(token: str) -> str:
    """A key word for a near-miss token ("harcler" → "harceler"), else the token."""
    if len(token) < 6 or not token.isalpha():
        return token
    index = _key_words()
    exact = index.get(token)
    if exact is not None and token in exact:
        return token
    # Every key word within one edit shares the token itself or one of its deletions.
    candidates: list[str] = list(exact or ())
    for i in range(len(token)):
        candidates.extend(index.get(token[:i] + token[i + 1 :], ()))
        if i + 1 < len(token):  # an adjacent swap ("domcilie" → "domicile")
            swapped = token[:i] + token[i + 1] + token[i] + token[i + 2 :]
            candidates.extend(index.get(swapped, ()))
    for key in sorted(set(candidates)):
        if key[0] == token[0] and len(key) >= 6 and _within_one_edit(token, key):
            return key
    return token


def _expand(raw: str, following: str) -> str:
    """SMS spelling expanded; "j" glued to a verb split off ("jbalance" → "je balance")."""
    if raw == "c":
        return "c" if following.startswith("e") else "c est"
    if raw in _SMS:
        return _SMS[raw]
    token = squeeze(raw)
    if token in _SMS:
        return _SMS[token]
    if len(token) > 3 and token[0] == "j" and token[1] in "bcdfgklmnpqrstvwxz" and token.isalpha():
        rest = _SMS.get(token[1:], token[1:])
        return f"je {rest}"
    return token


@lru_cache(maxsize=16384)
def _words(raw: str, before_e: bool) -> tuple[str, ...]:
    """The normalized words of one raw token (cached: real messages repeat their words)."""
    following = "e" if before_e else ""
    return tuple(_correct(squeeze(word)) for word in _expand(raw, following).split())


def _fold(text: str) -> str:
    """Apostrophes unified, lowercase, accents stripped (ASCII text takes a fast path)."""
    text = text.translate(_APOSTROPHES).lower()
    return text if text.isascii() else strip_accents(text)


def _rewrite(text: str) -> str:
    """Whole-form rewrites (h24, 1*, emojis, split brand names) on folded text."""
    for pattern, replacement in _PRE_REWRITES:
        text = pattern.sub(replacement, text)
    return text


def _tokens_of_folded(text: str) -> list[str]:
    raws = [raw for raw in _NON_WORD.split(text) if raw]
    out: list[str] = []
    for index, raw in enumerate(raws):
        before_e = index + 1 < len(raws) and raws[index + 1].startswith("e")
        out.extend(_words(raw, before_e and raw == "c"))
    return out


def tokens(text: str) -> list[str]:
    """Normalized tokens of a text (see `normalize`)."""
    return _tokens_of_folded(_rewrite(_fold(text)))


def normalize(text: str) -> str:
    """Lowercase, accent-free, squeezed, SMS-expanded words separated by single spaces."""
    return " ".join(tokens(text))


def sentences(text: str) -> list[str]:
    """The normalized sentences of a text (split on . ! ? ; : new lines and dashes)."""
    return [sentence for sentence, _ in marked_sentences(text)]


def marked_sentences(text: str) -> list[tuple[str, bool]]:
    """The normalized sentences of a text, each with whether it ended with a "?"."""
    folded = _rewrite(_fold(text))
    out: list[tuple[str, bool]] = []
    start = 0
    for end in [*_SENTENCE_SPLIT.finditer(folded), None]:
        part = folded[start : end.start() if end else len(folded)]
        sentence = " ".join(_tokens_of_folded(part))
        if sentence:
            out.append((sentence, end is not None and "?" in end.group(0)))
        if end is not None:
            start = end.end()
    return out
