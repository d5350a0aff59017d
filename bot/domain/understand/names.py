"""Who a message is about: the invoice number, else the client's name (pure).

Both are found on the folded text (`slots.fold`, one character for one), so the name comes
back as the user wrote it: "Studio Lumen", "dupuis", "F-2026-041".
"""

from __future__ import annotations

import re

from bot.domain.understand.folding import correct, elided
from bot.domain.understand.lexicon import PATTERNS
from bot.domain.understand.slots import Span, fold
from bot.domain.understand.vocabulary import COMMON_WORDS, NOT_NAMES, SMS

_INVOICE_CODE = re.compile(
    r"(?<![a-z0-9])(?:(?:f|fa|fac|fact|inv|fct|n)[-_]?|(?:fa|fac|fact|inv|fct|n) (?=\d))"
    r"(\d{2,4}[-_/.]\d{1,6})\b|(?<![a-z0-9])(?:fa|fac|fact|inv|fct)[-_](\d{3,})\b"
    r"|(?<![\w/.-])(20\d{2}[-_/]\d{2,5})(?![\w/.-])"
)
_INVOICE_WORD = re.compile(
    r"\b(?:facture|factur|factue|facutre|fature|facure|fact|fac|invoice|ref|reference)s?\.?\s*"
    r"(?:n\s?°|no\.?|n°|numero|num\.?|#|n\.)?\s*"
    r"((?:[a-z]{1,4}[-_]?)?\d[\w/-]*)(?!\s*(?:€|e\b|eur|k\b|[.,]\d))"
)
_NUMBER_SIGN = re.compile(
    r"(?<!relance )(?<!rappel )(?<!relance)(?<!rappel)(?:n\s?°|#)\s*((?:[a-z]{1,4}[-_]?)?\d[\w/-]*)"
)


def find_invoice(folded: str, original: str) -> Span | None:
    """The invoice number mentioned, as written ("F-2026-041"; "facture 45" → "45")."""
    m = _INVOICE_CODE.search(folded)
    if m:
        number_start = next(m.start(i) for i in (1, 2, 3) if m[i])
        start = m.start() if folded[number_start - 1] != " " else number_start
        return Span(start, m.end(), original[start : m.end()])
    for pattern in (_INVOICE_WORD, _NUMBER_SIGN):
        m = pattern.search(folded)
        if m and not _looks_like_date(m[1]):
            return Span(m.start(1), m.end(1), original[m.start(1) : m.end(1)].rstrip("-/"))
    return None


def _looks_like_date(token: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?", token))


_CAPITALISED = re.compile(r"[A-ZÀ-Þ][\w&'’.-]*")
_TITLES = frozenset({"m", "m.", "mme", "mr", "mlle", "monsieur", "madame", "mademoiselle"})


_HEADER_LINE = re.compile(
    r"(?im)^\s*(?:de|from|a|à|to|cc|date|envoye|envoyé|sent|objet|subject)\s*:.*$"
)
_GREETING = re.compile(r"(?i)\s*(?:bonjour|bonsoir|salut|hello|madame|monsieur|cher|chere|chère)\b")
_GREETED = re.compile(
    r"(?i)^\s*(?:bonjour|bonsoir|salut|hello|coucou|hey|cher|chere|chère)\s+"
    r"(?-i:[A-ZÀ-Þ][\w'’-]*)\s*(?=[,!\n])"
)
_SIGNATURE = re.compile(r"([.!?\n]\s*)(?:[A-ZÀ-Þ][\w'’-]*[ ,]*){1,3}$")
_SIGN_OFF = re.compile(
    r"(?i)\b(?:cordialement|bien (?:a|à) vous|salutations|merci d'avance|bonne journ[ée]e)\b.*",
    re.S,
)


def find_name(original: str) -> str | None:
    """The first run of capitalised words that is not a common word: "Studio Lumen".

    A signature after the sign-off ("Cordialement, Marc") is the writer, not a hint."""
    original = _HEADER_LINE.sub("", _SIGN_OFF.sub("", original))
    letter = bool(_GREETING.match(original))
    original = _GREETED.sub("", original)  # "Bonjour Julie," greets the user: no hint
    if letter:  # a letter: the name it ends with is its writer's
        original = _SIGNATURE.sub(r"\1", original)
    letters = sum(map(str.isalpha, original))
    if letters and sum(map(str.isupper, original)) > 0.6 * letters:
        return None  # shouting: capitals say nothing
    sender = _FROM_COMPANY.search(original)
    if sender:
        return sender[1]  # "c'est Paul de chez Optimo": the company, not the writer
    words = list(re.finditer(r"\S+", original))
    run: list[str] = []
    for index, m in enumerate(words):
        if not run and m.group().islower():
            continue  # no capital: not where a run of names starts
        raw = m.group().strip(',;:!?()"«»')
        raw = raw.rstrip(".") if not _INITIAL.fullmatch(raw) else raw
        head = raw.split("'")[-1].split("’")[-1]  # "d'Atelier" → "Atelier"
        key = fold(head).lower()
        if "-" in key and key.split("-")[0] in NOT_NAMES:
            key = key.split("-")[0]  # "Serait-il", "Pourrions-nous"
        is_name = bool(head) and bool(_CAPITALISED.fullmatch(head)) and key not in NOT_NAMES
        is_name = is_name and key not in _TITLES and not key.isdigit()
        at_start = m.start() == 0 or original[: m.start()].rstrip()[-1:] in {".", "!", "?", ","}
        if is_name and at_start and not run and key in _VOCABULARY and key not in _TRADE_NAMES:
            is_name = False  # "Première relance…", "Slt, …": a capital that only starts
        if is_name:
            if not run and index and _trade_word_before(words, index):
                run.append(words[index - 1].group())  # "boulangerie Ferrand", "sarl Moreau"
            run.append(head)
            if m.group().endswith((",", ".", ";", ":", "!", "?")) and not head.endswith("."):
                break
            continue
        if run:
            following = words[index + 1].group() if index + 1 < len(words) else ""
            if key in _CONNECTORS and _CAPITALISED.fullmatch(following.strip(',;:!?()"«».')):
                run.append(head)  # "SCI Les Tilleuls", "Maison de Loire"
                continue
            if key in _TRADE_SUFFIXES:
                run.append(head)  # "Nova conseil"
            break
    return " ".join(run) or _lower_case_name(original)


def _trade_word_before(words: list[re.Match[str]], index: int) -> bool:
    """A lower-case trade word or legal form before a capitalised name opens it."""
    article = fold(words[index - 2].group()).lower() if index > 1 else ""
    return _opens_name(fold(words[index - 1].group()).lower(), article)


def _opens_name(word: str, previous: str) -> bool:
    """ "garage" in "du garage Morel", "sas" in "de la sas Kalia" are the name's; a generic
    word after an article is not: "la boîte Horizon", "la société Kerbrat"."""
    if word not in _TRADE_NAMES:
        return False
    after_article = previous.split("'")[-1] in _ARTICLES or previous.endswith("'")
    return not (after_article and word in _GENERIC_TRADES)


_GENERIC_TRADES = frozenset({"boite", "societe", "entreprise", "agence", "cabinet", "ets"})
_ARTICLES = frozenset({"la", "le", "l", "une", "un", "cette", "ce", "sa", "son", "notre", "votre"})
_INITIAL = re.compile(r"[A-Z]\.")
_FROM_COMPANY = re.compile(r"\bde chez ([A-ZÀ-Þ][\w&'’-]*(?: [A-ZÀ-Þ][\w&'’-]*)*)")
_CONNECTORS = frozenset({"les", "la", "le", "de", "du", "des", "et", "&"})

_VOCABULARY = (
    COMMON_WORDS
    | NOT_NAMES
    | set(SMS)
    | set(" ".join(SMS.values()).split())
    | set(re.findall(r"[a-z]+", " ".join(p for ps in PATTERNS.values() for p in ps)))
)
# Where a client's name stands when typed in lower case: before their verb at the start
# ("dupuis ma payé", "lumen a payé"), or after a contact verb or a preposition
# ("appelé arkana", "le virement de martin"), or after "il me doit combien".
_NAME_BEFORE_VERB = re.compile(
    r"\b"
    r"([a-z][a-z&-]{2,}) (?:m a|ma|a|va|vont|ont|dit|dis|jure|propose|"
    r"promet|doit|me|veut|refuse|conteste|maintient|pretend|est|sont|affirme|assure|"
    r"vient|viennent|n a|n est|ne|peut|galere|demande|m a dit|m ecrit|paye|paie|regle|vire|"
    r"solde|relance|appele|paiera|payera|reglera|virera|versera|fera|enverra)\b"
)
_NAME_AFTER = re.compile(  # a lookahead: "relance amiable a dupuis" is tried at each cue
    r"\b(?=(?:appele|rappele|croise|vu|relance|contacte|eu|"
    r"chez|dossier|client|cliente|avec|pour|pr|(?:fil|mail|sms|texto|textote|relance|message|envoye|"
    r"envoyee|ecrit|parle|rappel|courrier|lettre|recommande|amiable|ferme|reclamer|demander|"
    r"reclame|laisse|adresse|transmis|poste|expedie|renvoye|"
    r"telephone|vocal|whatsapp|linkedin|appel)(?: hier| ce matin| ce soir| avant hier| ajd|"
    r" aujourd hui| lundi| mardi| mercredi| jeudi| vendredi| samedi| dimanche)? a|"
    r"(?:virement|vir|paiement|cheque|reglement|echeancier|boutique|magasin|bureau|"
    r"versement|facture|nouvelles|relance|recu|argent|especes|liquide|cash|touche|part|"
    r"\d+(?: ?(?:e|eur|euros|k))?) de) "
    r"(?:(?:la|le|l) (?=(?:sarl|sas|sasu|eurl|sci|snc|selarl) ))?"  # "à la sarl moreau"
    r"([a-z][a-z&-]{2,}(?: [a-z][a-z&-]{2,})?)(?=[\s,.;:!?]|$))"
)
_NAME_AT_END = re.compile(
    r"\b(?:doit|doivent|combien)(?: au juste| encore| exactement| en tout)? "
    r"([a-z][a-z&-]{2,}(?: [a-z][a-z&-]{2,})?) ?\??$"
    r"|\b(?:pour|pr|avec|a|chez) ([a-z][a-z&-]{2,}(?: [a-z][a-z&-]{2,})?) ?\??$"
)
_NAME_AFTER_TITLE = re.compile(
    r"\b(?:mme|madame|mr|monsieur|mlle|mademoiselle) ([a-z][a-z&-]{2,})\b"
)
# A name set apart at the start, picked up by a pronoun: "dupuis il me doit cb en tout".
_NAME_FIRST = re.compile(r"^([a-z][a-z&-]{2,}),? (?=(?:il|elle|ils|elles) )")


def _lower_case_name(original: str) -> str | None:
    """A client's name typed in lower case: an unknown word where names stand."""
    folded = re.sub(r"[^\w&-]+", " ", fold(original)).strip()
    title = _NAME_AFTER_TITLE.search(folded)
    if title and title[1] not in NOT_NAMES:
        return title[1]  # "mme petit": after a title, any word is the name
    for pattern in (_NAME_FIRST, _NAME_BEFORE_VERB, _NAME_AFTER, _NAME_AT_END):
        for m in pattern.finditer(folded):
            group = 1 if m[1] else 2
            words = m[group].split()
            before = folded[: m.start(group)].split()[-1:]
            if pattern is _NAME_BEFORE_VERB and before and before[0] in _DETERMINERS:
                continue  # "le comptable est…", "une pizzeria a…": a noun, not a name
            if (
                pattern is _NAME_BEFORE_VERB
                and before
                and before[0] not in _OPENERS | _TRADE_NAMES
                and not _unknown(before[0])
            ):
                continue  # "le bug sur mobile n'est pas…": a name opens its clause
            previous = folded[: m.start(group)].split()[-2:-1]
            if len(words) == 1 and before and _opens_name(before[0], "".join(previous)):
                words = before + words  # "studio lumen promet"
            elif (
                pattern is _NAME_BEFORE_VERB
                and before
                and _unknown(before[0])
                and (_unknown(words[0]) or words[0] in _TRADE_SUFFIXES)
                and (not previous or previous[0] in _OPENERS)
            ):
                words = before + words  # "thomas girard veut", "leclerc traiteur dit"
            company = len(words) == 2 and words[-1] in _TRADE_SUFFIXES  # "rousseau batiment"
            if not _unknown(words[-1]) and not company:
                words = words[:1]
            if not _unknown(words[-1]) and not company:
                continue
            if len(words) == 2 and not (_unknown(words[0]) or words[0] in _TRADE_NAMES):
                if pattern is not _NAME_AT_END or words[0] in _DETERMINERS:
                    continue
                words = words[1:]  # "il me doit combien dupont ?"
            return " ".join(words)
    return None


_DETERMINERS = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "son",
        "sa",
        "ses",
        "notre",
        "votre",
        "nos",
        "vos",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "au",
        "aux",
    ]
)
# Words after which a clause (and a client's name) starts: "slt dupuis a payé".
_OPENERS_TEXT = """
    slt salut bonjour bjr coucou cc hello hey yo re bon ben bah alors euh et mais donc ok
    voila enfin bref sinon ouf super top genial youpi dsl desole aussi puis ensuite apres
    client cliente que qu car pcq parce quand si hier ajd hui demain matin soir midi
    lundi mardi mercredi jeudi vendredi samedi dimanche oui non nan ouais
    """
_OPENERS = frozenset(_OPENERS_TEXT.split())
# Lower-case words that open a company's name: "garage morel", "boulangerie Ferrand".
_TRADE_NAMES_TEXT = """
    studio agence atelier ateliers boite societe cabinet maison garage boulangerie
    patisserie boucherie charcuterie restaurant resto brasserie cafe hotel salon institut
    librairie pharmacie fleuriste menuiserie plomberie imprimerie transports editions
    ets etablissements entreprise domaine cave ferme sarl sas sasu eurl sci snc selarl
    """
_TRADE_NAMES = frozenset(_TRADE_NAMES_TEXT.split())
# Lower-case words that end a company's name: "Nova conseil", "Garnier immo".
_TRADE_SUFFIXES_TEXT = """
    conseil conseils immo immobilier consulting services digital design group groupe
    production productions media medias communication formation formations agency
    associes partners solutions tech invest patrimoine renovation batiment traiteur
    """
_TRADE_SUFFIXES = frozenset(_TRADE_SUFFIXES_TEXT.split())
# Verb forms, adverbs and adjectives: "directement", "preventive" are not names.
_VERB_ENDING = re.compile(r"(?:ait|aient|ons|ee|ees|ment|ive|ives|if|ifs|able|ables|ible|ibles)$")


def _verb_in_ez(word: str) -> bool:
    """ "payez", "attendez" are verbs; "lopez", "martinez" are names."""
    stem = word[:-2]
    return word.endswith("ez") and any(stem + end in _VOCABULARY for end in ("er", "re", "ir"))


def _unknown(word: str) -> bool:
    if "&" in word:  # "jardin&co"
        return bool(word.split("&")[0]) and _unknown(word.split("&")[0])
    if "-" in word:  # "jean-pierre" is a name; "avant-hier", "soi-disant" are not
        return all(part and _unknown(part) for part in word.split("-"))
    return (
        word not in _VOCABULARY
        and not _VERB_ENDING.search(word)
        and not _verb_in_ez(word)
        and word.isalpha()
        and correct(word) == word  # "kombien" is a typo, not a name
        and elided(word) is None  # "detre" is "d'être"
    )
