"""The guard (DESIGN §7): spot risky intentions in the user's French free text.

An explainable rule set over normalized sentences (`bot.domain.normalize`): each rule is a
few word patterns that must all occur in one sentence (e.g. a verb of publishing + a
social network + a reference to the debtor), optionally cancelled by context words (a
lawful action, the spouse who does the accounting…). Every flag names the words that
triggered it. Pure: no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bot.domain.normalize import marked_sentences

PUBLIC_SHAMING = "public_shaming"
THREAT = "threat"
HARASSMENT_INTENT = "harassment_intent"
THIRD_PARTY_CONTACT = "third_party_contact"
HOME_VISIT = "home_visit"
FAKE_LEGAL_DOCUMENT = "fake_legal_document"
SABOTAGE = "sabotage"
UNLAWFUL_FEES = "unlawful_fees"

GUARD_CODES: tuple[str, ...] = (
    THREAT,
    FAKE_LEGAL_DOCUMENT,
    SABOTAGE,
    PUBLIC_SHAMING,
    HARASSMENT_INTENT,
    HOME_VISIT,
    THIRD_PARTY_CONTACT,
    UNLAWFUL_FEES,
)

# How a flag is shown: "alarm" for an intention of the user, "info" for a negated intention
# ("je ne vais pas le mettre sur Facebook") or a question about the law ("ai-je le droit…").
ALARM = "alarm"
INFO = "info"

# Legal basis of each code (LAW.md §7).
GUARD_REFERENCES: dict[str, str] = {
    PUBLIC_SHAMING: "loi du 29 juillet 1881, art. 29 et 32 ; art. 1240 C. civ.",
    THREAT: "art. 222-17, 312-1, 312-10 et 226-10 C. pén.",
    HARASSMENT_INTENT: "art. 222-33-2-2 et 222-16 C. pén.",
    THIRD_PARTY_CONTACT: "art. 222-33-2-2 C. pén.",
    HOME_VISIT: "art. 222-33-2-2 C. pén.",
    FAKE_LEGAL_DOCUMENT: "art. 433-13 C. pén.",
    SABOTAGE: "art. 323-2 C. pén.",
    UNLAWFUL_FEES: "art. L111-8 CPCE",
}


@dataclass(frozen=True)
class GuardFlag:
    """One risky intention found: its code, the words that triggered it, and its mode.

    `mode` is ALARM for an intention of the user, INFO when it is negated or asked as a
    question about the law (the explanation is then given without alarm wording).
    """

    code: str
    trigger: str
    mode: str = ALARM


@dataclass(frozen=True)
class _Rule:
    code: str
    parts: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None
    # Who acts is read before this part instead of the first word found: "il m'a commandé
    # son faire-part, je lui compte des frais" is about the user's charging, not his order.
    actor_part: int | None = None
    # Only worth an explanation when asked or negated ("je ne toucherai pas à son site",
    # "je peux l'appeler une fois par jour ?"): dropped when said as a plain intention.
    info_only: bool = False


_SQUEEZE_SOURCE = re.compile(r"(?<!\\)([a-z])\1+")


def _alt(*words: str) -> str:
    """A regex alternation written in plain French, squeezed like the normalized text.

    Branches starting with the same plain letter are grouped behind it ("a(?:ler|tend)"):
    the same matches, but the regex engine rejects most positions after one test (speed).
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for word in (_SQUEEZE_SOURCE.sub(r"\1", w) for w in words):
        if len(word) > 1 and word[0].isalpha() and word[1] not in "?*+{":
            groups.setdefault(word[0], []).append(word[1:])
        elif len(word) == 1 and word.isalpha():
            groups.setdefault(word, []).append("")
        else:
            others.append(word)
    branches = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return "(?:" + "|".join(branches + others) + ")"


def _word(pattern: str) -> re.Pattern[str]:
    """`pattern` as whole words of a normalized sentence, matched with the space before it.

    Sentences are checked with a leading space: a pattern that starts with a literal space
    lets the regex engine skip ahead to spaces (about twice as fast as a lookbehind).
    """
    # "$" (end of sentence) also matches before the " | " that joins sentences in check_text.
    pattern = pattern.replace("$", r"(?=$| \|)")
    return re.compile(rf" (?:{pattern})(?![a-z0-9])")


def _plain(pattern: str) -> re.Pattern[str]:
    """A regex written in plain French, squeezed like the normalized text ("elle" → "ele")."""
    return re.compile(_SQUEEZE_SOURCE.sub(r"\1", pattern))


def _near(first: str, second: str, gap: int) -> str:
    """`first` followed by `second` with at most `gap` words between them."""
    return rf"{first}(?: [a-z0-9]+){{0,{gap}}} {second}"


def _rule(
    code: str,
    *parts: str,
    unless: str | None = None,
    actor_part: int | None = None,
    info_only: bool = False,
) -> _Rule:
    return _Rule(
        code,
        tuple(_word(p) for p in parts),
        _word(unless) if unless else None,
        actor_part,
        info_only,
    )


# --- vocabulary (plain French; double letters are squeezed at compile time) ---------
# Words are grouped by family (verb stems, synonyms, slang, SMS and English loanwords)
# so that phrasings never seen before still meet a rule.

LAWFUL = _alt(
    "mise en demeure",
    "injonction",
    "tribunal",
    "tribunaux",
    "avocat[a-z]*",
    "commissaire",
    "huissier[a-z]*",
    "justice",
    "procedure[a-z]*",
    "plainte",
    "juge",
    "recommande[a-z]*",
    "mediat[a-z]*",
    "conciliat[a-z]*",
    "recouvrement",
    "poursuite[a-z]*",
    "poursuivre",
    "judiciaire",
    "cerfa",
    "petites creances",
    "prud[a-z]*",
    "legal[a-z]*",
    "loi",
    "contentieux",
    "greffe",
    "assignation",
    "penalites",
    "interets",
    "frais",
    "indemnite[s]?",
)

# --- who, when, and how it is said ------------------------------------------------
# A negation before a trigger turns its flag into information ("je vais pas débarquer chez
# lui", "je ne vais pas le mettre sur Facebook"), but not "je vais pas me gêner pour…". The
# words after "pas" may not start a new clause ("j'ai pas le choix, je le balance").
_NOT = r"(?:pas|jamais|plus|point|aucunement|nulement)"
_NOT_ADVERB = r"(?:surtout |evidemment |bien sur |absolument |certainement |du tout |vraiment |)"
_KEEP_GOING = (
    r"(?! (?:me gener|me priver|hesiter|atendre|me retenir|laiser|rester|m en priver|"
    r"le lacher|la lacher|le choix))"
)
_TAIL = r"(?: (?!je |j |il |elle |ils |on |sinon )[a-z0-9]+){0,3} $"
NEGATION = _plain(
    rf"(?:^| )(?:je|j|on|nous|moi)(?: (?:ne|n))?(?: (?!peu|pour|devr|pouv)[a-z]+){{1,3}} "
    rf"{_NOT_ADVERB}{_NOT}"
    rf"{_KEEP_GOING}{_TAIL}"
    rf"|(?:^| )(?:il )?(?:ne |n )?(?:faut|faudrait|faudra) {_NOT_ADVERB}{_NOT}{_TAIL}"
    rf"|(?:^| )(?:ne|n) {_NOT_ADVERB}{_NOT}{_TAIL}"
    r"|(?<!si )jamais (?:je|j|on) (?:ne |n )?(?:[a-z]+ ){0,3}$"
    r"|(?:pas question|hors de question|jamais de la vie|je refuse|je me refuse|aucune envie|"
    r"aucune intention|pas l intention|pas envie|loin de moi l idee|aucune chance|"
    r"je ne me vois pas|je me vois mal|pas mon genre|je m interdis|je m abstiendrai|"
    r"(?:je vais|je prefere|je prefererais|mieux vaut|je dois) eviter|j evite|je renonce|"
    r"plutot que|au lieu de|je prefere ne pas)(?: [a-z0-9]+){0,4} $"
    r"|sans(?: (?:le|la|l|les|lui|leur|y|en|me|m|aler|pour autant))? $"
)
# "je ne publierai pas…", "je n'irai jamais…": the trigger sits between "ne" and "pas".
NEGATION_BEFORE = _plain(
    r"(?:^| )(?:je|j|on|nous)(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s))? (?:ne|n)"
    r"(?: (?:le|la|les|l|lui|leur|y|en|me|m|te|t|se|s))* $"
)
NEGATION_AFTER = _plain(rf"^[a-z0-9]+(?: [a-z0-9]+)? {_NOT}(?= |$)")

# A question about the law ("ai-je le droit…", "c'est légal de…", "je risque quoi si…")
# gets the explanation as information, and so does a question asking whether something is
# allowed ("est-ce que je peux… ?", "je peux… ?", "puis-je… ?": DESIGN §7).
LAW_QUESTION = _plain(
    r"(?:^| )(?:(?:ai|a|as|avons|avez|aurais|aurai|aurait|on a|j ai|j aurais)"
    r"(?: je| t on| t il| nous| vous| tu)?(?: pas)? le droit|le droit (?:de|d)|"
    r"(?:c est|est ce|est il|est elle|serait ce|ce serait|ca serait|c etait|est ce que c est|"
    r"c est pas|c est bien|est ce bien|est ce que ca|ca reste|c est vraiment) (?:[a-z]+ )?"
    r"(?:legal|legale|ilegal|ilegale|interdit|interdite|autorise|permis|licite|ilicite|"
    r"du harcelement|du chantage|de la difamation|une menace|un delit|puni|punisable|grave|"
    r"risque|ok (?:de|d|si)|considere come|autorise (?:de|d))|"
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
ASKS_LEAVE = _plain(
    r"(?:^| )(?<! c )(?:est ce que|est ce qu) (?:je|j|on) (?:ne |n )?(?:peux|peut|pourais|"
    r"pourait|pourai|dois|devrais)(?= |$)|(?:^| )(?:puis je|pourais je|peux je|dois je)(?= |$)"
)
ASKED_LEAVE = _plain(
    r"(?:^| )(?:je|j|on) (?:ne |n )?(?:peux|peut|ai le droit|a le droit|"
    r"aurais le droit|ai pas le droit|a pas le droit)(?= |$)"
)
_LAW_WORDS = _plain(r"(?<![a-z0-9])(?:legal[a-z]*|ilegal[a-z]*|loi)(?![a-z0-9])")

# Who acts: the client's own behaviour, reported speech about the client and a review
# received are not the user's intention ("il m'appelait tous les jours", "il m'a menacé
# d'un mauvais avis", "j'ai reçu un avis 1 étoile"). Read in the words before the trigger.
_SOMEONE = (
    r"(?:il|elle|ils|elles|client|cliente|clients|debiteur|debitrice|gerant|gerante|patron|"
    r"asocie|asociee|avocat|avocate|femme|mari|type|mec|gars|boite|societe|agence|freelance|"
    r"personne|quelqu un|comptable|developeur|developeuse|prestataire|hebergeur)"
)
_PAST = (
    r"(?:a|as|avait|ont|avaient|aurait|auraient|est|etait|sont|etaient|(?!pour|risq)[a-z]{2,}ait|"
    r"[a-z]{2,}aient)"
)
OTHER_ACTS = _plain(
    rf"(?:^| )(?P<who>{_SOMEONE}) (?:ne |n )?(?:(?:m|me|nous|moi) (?:[a-z]+ )?|"
    rf"(?:l|le|la|les|lui|leur|en|y|s) )?{_PAST}(?= |$)(?! interet| pas interet)"
    rf"|(?:^| )(?P<who2>{_SOMEONE}|on) (?:ne |n )?(?:m|me|nous) [a-z]+"
    rf"|(?:^| )(?P<who3>{_SOMEONE}) (?:dit|disait|raconte|pretend|menace|afirme|jure)(?= |$)"
    r"|(?:^| )(?:m|me) (?:a|ont|avait|avaient)(?= |$)"
    r"|(?:^| )(?:j ai|on m a|j avais) (?:[a-z]+ )?(?:recu|vu|lu|eu)(?= |$)"
)
_SUBORDINATE = frozenset({"si", "s", "qu", "que", "quand", "lorsqu", "lorsque", "tant", "jusqu"})
FIRST_PERSON = _plain(
    r"(?:^| )(?:je|j|nous|moi|on (?:va|peut|pourait|devrait|doit|fait|ira|lui|le|la|l)|"
    r"(?:conseil[a-z]*|sugere|propose|dit|recomande) (?:de|d))(?= |$)"
)


def _someone_else_acts(sentence: str, cut: int) -> bool:
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


def _negated(sentence: str, start: int) -> bool:
    """True when the trigger starting at `start` is negated by the user."""
    before = sentence[:start]
    if NEGATION.search(before):
        return True
    return bool(NEGATION_BEFORE.search(before) and NEGATION_AFTER.search(sentence[start:]))


# Public shaming: publishing + a public venue + the debtor.
PUBLISH = _alt(
    "balanc[a-z]*",
    "fai[a-z]* (?:un|une|des) (?:tiktok|video[s]?|post[s]?|story|reel[s]?|thread|live|article)",
    "post[a-z]*",
    "repost[a-z]*",
    "publi[a-z]*",
    "affich[a-z]*",
    "expos[a-z]*",
    "denonc[a-z]*",
    "partag[a-z]*",
    "share[a-z]*",
    "gril[a-z]*",
    "cram[a-z]*",
    "tag[a-z]*",
    "identifi[a-z]*",
    "mention[a-z]*",
    "tweet[a-z]*",
    "twit[a-z]*",
    "racont[a-z]*",
    "signal[a-z]*",
    "humili[a-z]*",
    "ridiculis[a-z]*",
    "tourn[a-z]*",
    "nom[a-z]*",
    "cit[a-z]*",
    "diffus[a-z]*",
    "relay[a-z]*",
    "relai[a-z]*",
    "epingl[a-z]*",
    "coller",
    "colle",
    "comment[a-z]*",
    "coms?",
    "page",
    "buzz",
    "mettre",
    "mets",
    "met",
    "mis",
    "mettrai[a-z]*",
    "ecrire",
    "ecri[rsv][a-z]*",
    "video[s]?",
    "story",
    "stories",
    "thread",
    "article",
    "avis",
    "review[s]?",
    "not[a-z]*",
    "taill[a-z]*",
    "clash[a-z]*",
    "bash[a-z]*",
    "lynch[a-z]*",
    "divulg[a-z]*",
    "devoil[a-z]*",
    "revel[a-z]*",
    "etal[a-z]*",
    "cri[a-z]*",
    "gueul[a-z]*",
    "parl[a-z]*",
    "screen[a-z]*",
    "captur[a-z]*",
    "live",
    "reel[s]?",
    "leak[a-z]*",
    "pub",
    "blacklist[a-z]*",
    "fich[a-z]*",
    "mur",
    "pouri[a-z]*",
    "descend[a-z]*",
    "alum[a-z]*",
)
VENUE = _alt(
    "instagram",
    "facebook",
    "twitter",
    "linkedin",
    "tiktok",
    "snapchat",
    "youtube",
    "reddit",
    "threads",
    "bluesky",
    "mastodon",
    "pinterest",
    "twitch",
    "trustpilot",
    "yelp",
    "tripadvisor",
    "glassdoor",
    "indeed",
    "avis verifies",
    "pages jaunes",
    "pagesjaunes",
    "(?:sous|dans) (?:toutes |tous )?(?:ses|son|sa|leur|leurs) (?:pubs?|posts?|publications?|"
    "annonces?|stories|videos?|photos?|reels?)",
    "malt",
    "fiverr",
    "upwork",
    "codeurs?",
    "comeup",
    "google(?! drive| doc[s]?| sheet[s]?| agenda| meet| form[s]?)",
    "forum[a-z]*",
    "groupe[a-z]*",
    "reseau[x]?",
    "rs",
    "internet",
    "le net",
    "la toile",
    "web",
    "story",
    "stories",
    "thread",
    "sur x",
    "publiquement",
    "public",
    "publique",
    "en public",
    "place publique",
    "partout",
    "sur tous les toits",
    "tout le monde",
    "(?:tout )?le milieu",
    "la profession",
    "(?:tout )?le secteur",
    "toute la ville",
    "tout le quartier",
    "ma communaute",
    "la communaute",
    "mes abonnes",
    "mes followers",
    "mes contacts",
    "mon reseau",
    "son reseau",
    "mur",
    "blog",
    "mon site",
    "newsletter",
    "podcast",
    "ma chaine",
    "mon compte",
    "ma page",
    "whatsapp",
    "telegram",
    "discord",
    "slack",
    "publications",
    "commentaires?",
    "en ligne",
    "presse",
    "journa[a-z]*",
    "medias?",
)
DEBTOR = _alt(
    rf"(?:l|le|la|les|lui|vous|te|t) {PUBLISH}",
    r"(?:son|sa|ses|votre|vos|ton|ta|tes|leur|leurs) (?:nom|noms|boite|entreprise|societe|agence|"
    r"photo|photos|coordonees|numero|identite|profil|site|adresse|messages|mails|dette|dettes|"
    r"facture|factures|page|fiche|compte|tete|gueule|business|magasin|boutique|resto|"
    r"restaurant|marque|visage)",
    r"(?:nos|ses|les|des|mes) (?:echanges|conversations|screens?|captures?|screenshots?|sms|"
    r"mails|messages)",
    r"la facture",
    r"le montant",
    r"(?:ce|cette|cet) (?:client[a-z]*|mec|gars|type|rat|bouffon|boite|entreprise|societe|"
    r"agence|escroc|arnaqueur|voleur|mauvais payeur|connard|clown|patron|gerant|dirigeant|"
    r"individu|personage|monsieur|madame|abruti|guignol|escroc)",
    r"escroc[a-z]*",
    r"arnaqu[a-z]*",
    r"voleur[a-z]*",
    r"mauvais payeur[s]?",
    r"mauvaispayeur",
    r"(?:le|la|les) nom(?:mant|mer|me)",
    r"(?:sur|de) (?:lui|elle|eux)",
    r"(?<!alors )qu (?:il|elle|ils) (?:ne )?(?:paie|paye|paient|payent|rembourse|regle)[a-z]* "
    r"(?:pas|jamais)",
    r"que [a-z]+ (?:ne )?(?:paie|paye|rembourse|regle)[a-z]* (?:pas|jamais)",
    r"(?<!alors )qu (?:il|elle|ils) (?:me|nous) doi[a-z]*",
    r"balancetonclient",
    r"(?:l|le|la) (?:humili|ridiculis)[a-z]*",
    r"en (?:le |la |les |l )?(?:cit|nom|identifi|tag|mention)[a-z]*",
    r"(?:toute )?l histoire",
)
OWN_CONTENT = _alt(
    "sans (?:le |la |les |l )?(?:citer|nomer|nom|noms|mentioner|identifier|donner)",
    "anonym[a-z]*",
    "en general",
    "de maniere generale",
    "mes tarifs",
    "mes prix",
    "mon portfolio",
    "mes conseils",
    "mes (?:[a-z]+ )?(?:services|ofres|realisations|tarifs|prix|produits)",
    "mon offre",
    "mes offres",
    "mes realisations",
    "mon projet",
    "en prive",
    "message[s]? prive[s]?",
    "(?:mon |son |l |votre |leur )?espace client",
    "(?:google )?drive",
    "dropbox",
    "wetransfer",
    "(?:plateforme|logiciel) de facturation",
    "mettre (?:[a-z]+ ){0,2}en ligne (?:[a-z]+ ){0,2}(?:son|le) site",
    "(?:son|le) site en ligne",
    "messagerie[a-z]*",
    "mp",
    "dm",
    "inbox",
)
SHAME_PHRASES = _alt(
    "name and shame",
    "name shame",
    "mur de la honte",
    "mauvaise pub",
    r"(?:denonc|affich|expos|humili|ridiculis|nom|balanc)[a-z]* (?:[a-z]+ ){0,2}"
    r"(?:publiquement|en public|sur la place publique)",
    r"(?:sale|mauvaise) (?:reputation|pub|publicite)",
    r"bad buz[z]?",
    r"shitstorm",
    r"dox[a-z]*",
    r"boycot[a-z]*",
    r"call out",
    r"(?:page|groupe|compte|liste|site) (?:[a-z]+ ){0,3}(?:mauvais payeurs|arnaqueurs|escrocs)",
    r"liste noire",
    r"(?:tract|tracts|flyers?|prospectus|afiches?|afichettes?) (?:[a-z]+ ){0,6}"
    r"(?:que|qu|sa photo|son nom|ses clients|mauvais payeur|il paie pas|il paye pas)",
    r"(?:que|qu) (?:tous )?(?:ses|les|leurs) (?:clients|voisins|colegues|fournisseurs|"
    r"abonnes) (?:[a-z]+ ){0,1}(?:sachent|sache|soient au courant|le sachent|aprenent)",
    r"blacklist[a-z]*",
    r"mauvaispayeur",
    r"balancetonclient",
    r"(?:mauvais|sale|gros|faux|petit) avis",
    r"(?:reputation|image) de (?:mauvais payeur|escroc|arnaqueur|voleur)",
    r"(?:mauvaise|negative|salee|assassine|pourie|sale|vilaine) (?:review|critique|note)",
    r"(?:avis|review|critique|note) (?:[a-z]+ ){0,2}(?:negatif[s]?|negative[s]?|sale[e]?|"
    r"pourri[e]?|incendiaire|assassin[e]?|(?:1|une|0|zero) etoile)",
    r"(?:1|une|0|zero|deux|2) etoile[s]?(?! dans mon| sur mon agenda| a mon agenda)",
    r"(?:1|0) sur 5",
    r"(?:cram|ruin|detrui|pouri|sali|flingu|nique|coul|bousil|gril|entach|abim|tu|bris|plomb)"
    r"[a-z]* (?:sa|son|leur|ta|ton|votre) "
    r"(?:e )?(?:reputation|note|fiche|image|nom|notoriete|carriere)",
    r"(?:gril|cram)[a-z]* (?:[a-z]+ ){0,3}(?:milieu|partout|secteur|profession|ville|quartier)",
    r"(?:crier|crie|crierai) (?:[a-z]+ ){0,2}(?:partout|sur tous les toits)",
    r"(?:que )?tout le monde (?:[a-z]+ ){0,2}(?:sache|sachent|saura|doit savoir|"
    r"va savoir|soit au courant|sera au courant|le sache)",
    r"(?:l|le|la|les) (?:expos(?:er|e|es|erai[a-z]*|ant)|afich(?:er|e|erai[a-z]*))",
    r"(?:faire|fais|ferai) (?:de la |une )?(?:mauvaise |contre )?(?:pub|publicite)",
    r"(?:post|publi|balanc|difus|partag|afich|leak|divulg)[a-z]* (?:[a-z]+ ){0,2}"
    r"(?:son|sa|ses|leur) (?:coordonees|numero|adres[a-z]*|telephon[a-z]*|nom|identite|photo)",
    r"(?:foutre|fous|mettre|mets|metrai[a-z]*|faire|fais|taper) (?:[a-z]+ )?la honte",
)
WARN_PUBLIC = _near(
    _alt(
        "prevenir",
        "previen[a-z]*",
        "avertir",
        "averti[a-z]*",
        "mettre en garde",
        "signaler a",
        "alerter",
        "passer le mot",
        "faire circuler",
    ),
    _alt(
        "freelance[s]?",
        "independants",
        "communaute",
        "abonnes",
        "followers",
        "mon reseau",
        "tout le monde",
        "(?:tout )?le milieu",
        "(?:tout )?le secteur",
        "la profession",
        "les autres",
        "les gens",
        "mes contacts",
        "toute la ville",
        "la presse",
        "journalistes",
        "confreres",
    ),
    4,
)

# Threats: violence, damage, revenge, intimidation, blackmail. Lawful action is not one.
BODY = (
    r"(?:gueule|tete|face|tronche|figure|bouche|dents|jambes|genoux|bras|doigts|nez|machoire|"
    r"cotes|portrait|race)"
)
PROPERTY = (
    r"(?:voiture|bagnole|caisse|vitre[s]?|vitrine|local|locaux|bureau[x]?|boutique|magasin|"
    r"maison|materiel|scooter|moto|velo|pneus|porte|entreprise|atelier|resto|restaurant|"
    r"camion|camionette|utilitaire|baraque|jardin)"
)
VIOLENCE = _alt(
    rf"(?:cas|pet|defonc|explos|eclat|refair|refai|nique|demont|arach|fracas|bris|ecras)"
    rf"[a-z]* (?:la|le|sa|ta|leur|les|ses|tes) {BODY}",
    rf"(?:cas|pet|defonc|explos|sacag|vandalis|ray|crev|bris|degrad|abim|bousil|nique|cram|brul|"
    rf"incendi|tag)[a-z]* (?:[a-z]+ ){{0,2}}(?:sa|son|ses|ta|ton|tes|leur) {PROPERTY}",
    r"raclee[s]?",
    r"rouste[s]?",
    r"baf+e[s]?",
    r"gifle[s]?",
    r"mandale[s]?",
    r"torgnole[s]?",
    r"beigne[s]?",
    r"patate[s]? dans",
    r"coups? de (?:poing|pied|boule|tete|bate|couteau)",
    r"pain dans la gueule",
    r"(?:avec|par|des) (?:des )?menac[a-z]*",
    r"fair[a-z]* chanter",
    r"chantage",
    r"fai[a-z]* la misere",
    r"sa douleur",
    r"(?:va|vas|vont) (?:[a-z]+ )?(?:souffrir|morfler|derouiller|deguster|en baver|"
    r"le sentir pas[a-z]*|prendre cher|manger)",
    r"(?:m|s) ocup[a-z]* de (?:lui|elle|toi|son cas) personel[a-z]*",
    r"regret[a-z]* d etre ne",
    r"(?:lui|te|leur) en (?:coller|colle|mettre|mets|foutre|fous|retourner|retourne) une",
    r"(?:faire|fais|ferai|fait) (?:un|une) (?:scandale|esclandre)",
    r"pas[a-z]* l envie",
    rf"(?:cas|pet|bris)[a-z]* (?:les|ses|tes) {BODY}",
    r"(?:defonc|tabas|cogn|lyncha|masacr|etrangl|degom|bousil|demoli)[a-z]*",
    r"(?:le|la|te|les|l) (?:frap[a-z]*|buter|bute|tuer|tue|fumer|descendre|planter|butera[a-z]*|"
    r"tuera[a-z]*|crever|creve)",
    r"(?:fair|fer|fai|fe)[a-z]* la peau",
    r"crev[a-z]* (?:[a-z]+ ){0,2}pneus",
    r"ray[a-z]* (?:[a-z]+ ){0,2}(?:voiture|bagnole|caisse)",
    r"(?:fout[a-z]*|fou|fous|mettre|mets|metrai[a-z]*) le feu",
    r"(?:le|la) (?:secou[a-z]*|chop[a-z]*)",
    r"regl[a-z]* (?:son|ton|leur) compte",
    r"pression physique",
    r"(?:vivre|fair[a-z]*|fais|ferai[a-z]*) (?:un|des) cauchemar[s]?",
    r"s il tient a (?:sa|son|ses)",
    r"(?<!ses )(?<!leurs )(?:amis|potes|copains|cousins|freres|gars|mecs|types|costauds|"
    r"colegues|connaissances)(?: a moi)?(?: [a-z]+){0,5} (?:recuper|cherch|se faire payer|"
    r"faire payer|rendre visite|"
    r"s ocup|secou|recadr|casser|expliquer|s en charg|s en ocup)[a-z]*",
    r"env(?:oy|oi|er)[a-z]* (?:[a-z]+ )?(?:quelqu un|du monde|des gens|(?:mon|un|mes|des) "
    r"(?:cousin|frere|pote|ami|copain|gars|mec)[s]?)",
    r"boxeur[s]?",
    r"(?:faus[a-z]*|bidon|invent[a-z]*|fictive|mensong[a-z]*) (?:[a-z]+ ){0,3}plainte",
    r"plainte (?:[a-z]+ ){0,3}(?:bidon|fause|inventee|mensongere)",
    r"(?:plainte|main courante) (?:[a-z]+ ){0,5}(?:en inventant|en mentant|sur des faits faux|"
    r"bidon|fause|inventee|mensongere)",
    r"(?:faus[a-z]*|bidon|invent[a-z]*|fictive) (?:[a-z]+ ){0,3}main courante",
    r"accus[a-z]* (?:[a-z]+ ){0,6}(?:alors que|meme si) c est (?:faux|pas vrai)",
    r"(?:dire|pretendre|declarer|raconter) (?:aux flics|a la police|aux gendarmes|au comisariat) "
    r"(?:que|qu) (?:il|elle) (?:m a|a)",
    r"plainte (?:[a-z]+ ){0,6}(?:meme si|alors que) c est (?:faux|pas vrai)",
    r"accus[a-z]* (?:[a-z]+ ){0,4}(?:police|gendarme[s]?|flics|comisariat)[a-z]* "
    r"(?:[a-z]+ ){0,2}pour (?:qu il|qu elle|le|la|lui)",
    r"(?:dire|dis|dirai|raconter) (?:aux flics|a la police|aux gendarmes) qu (?:il|elle) m a",
    r"incendi[a-z]*",
    r"molotov",
    r"(?:couteau|flingue|pistolet|bate de baseball|fusil|kalash[a-z]*|arme[s]? a feu)",
    r"a l ancienne",
    r"entre hommes",
    r"(?:finir|finira|fini) (?:a l hosto|a l hopital|aux urgences|en fauteuil|au cimetiere|"
    r"six pieds sous terre|dans un sac|entre quatre planches)",
    r"(?:il est|t es|tu es|vous etes) (?:un homme )?mort$",
    r"homme mort",
    r"de quel bois je me chauf[a-z]*",
    r"(?:done|doner|filer|file|infliger) une (?:bone |petite )?lecon",
    r"apprendre (?:la vie|les bones manieres|le respect)",
    r"mettre la misere",
    r"(?:je connais|j ai|je sais) (?:[a-z]+ ){0,4}(?:adres[a-z]*|ecole|ou (?:vont|va)) "
    r"(?:[a-z]+ ){0,3}(?:ses|tes|vos) (?:gosses|enfants|gamins|momes|filles?|fils)",
    r"(?:foutre|fous|ficher) (?:la trouille|les jetons|la frousse)",
    r"envoy[a-z]* (?:mes|des|deux|quelques|les) (?:cousins|gars|potes|amis|mecs|freres|types|"
    r"costauds|gros bras|colegues)",
    r"(?:mes|des) (?:cousins|gros bras|costauds|potes|gars|mecs|freres) (?:[a-z]+ ){0,3}"
    r"(?:le |la |lui )?(?:voir|rendre visite|passer|ocuper|expliquer|trouver|chercher)",
    r"je sais ou (?:tu|il|elle|vous) (?:habite[a-z]*|vi[st]|vivez|dor[a-z]*|travail[a-z]*)",
    r"je sais ou (?:habite|vit|dort)",
    r"(?:je sais|je savais|je connais) ou (?:habit|vi|vont|dor|travail)[a-z]* "
    r"(?:ses|tes|vos|leurs) (?:gosses|enfants|gamins|momes|filles?|fils|parents)",
    r"de quoi je suis capable",
    r"ce qui va (?:t|lui|vous) arriver",
    r"(?:il|tu) va[s]? lui arriver",
    r"je connais des gens",
    r"veng[a-z]*",
    r"represail[a-z]*",
    r"(?:me|nous) le pa[iy]er[a-z]*",
    r"(?:me|nous) le paiera[a-z]*",
    r"(?:surveil|regard|asur)[a-z]* (?:ses|tes|mes|vos|leurs) arieres",
    # Threats by implication: his car, his home, his children, "accidents happen".
    rf"(?:surveil|garder un oeil|fair[a-z]* atention|fai[st] atention|prend[a-z]* soin)[a-z]* "
    rf"(?:[a-z]+ ){{0,2}}(?:a |sur )?(?:sa|ta|votre|leur|ses|tes|vos) "
    rf"(?:{PROPERTY}|famile|femme|enfants|gosses|gamins|fils|fille)",
    r"(?:dommage|triste|bete) (?:qu|que) (?:il|elle|ca) (?:[a-z]+ ){0,2}arive",
    r"(?:les|des|un|une) (?:accidents?|malheurs?|incendies?|bricoles) (?:ca |de voiture |"
    r"de la route )?(?:arive[a-z]*|vite arive[a-z]*)",
    r"(?:un|le) (?:accident|malheur) (?:est|c est) vite arive",
    r"(?:pourait|pourrait|risque de|peut|poura) (?:lui |leur |te |vous )?ariver "
    r"(?:des|un|une|quelque)",
    r"(?:arive|arivent|arivera) (?:quelque chose|malheur|des bricoles|des ennuis) "
    r"(?:a|au) (?:sa|son|ses|lui|elle)",
    r"(?:ne |n )?(?:dorme|dormira|dormir|dort) (?:plus|pas) (?:tranquile|sur ses deux oreiles)?",
    r"(?:flipant|glauque|angoisant|efrayant|menacant)[a-z]*",
    r"(?:avec|et) (?:[a-z]+ ){0,2}(?:cousins|potes|gars|freres|costauds|gros bras|mecs)"
    r"(?: [a-z]+){0,3}",
    r"(?:club|sale|salle) de (?:boxe|muay thai|mma|krav maga|free fight)",
    r"(?:je sais|je connais|j ai trouve) (?:[a-z]+ ){0,3}(?:ses|tes|vos) (?:gosses|enfants|"
    r"gamins|momes|filles?|fils) (?:[a-z]+ ){0,3}(?:ecole|colege|lycee|creche|rentrent|sortent)",
    r"(?:ses|tes|vos) (?:gosses|enfants|gamins|momes|filles?|fils) (?:rentrent|sortent|vont|"
    r"marchent) (?:[a-z]+ ){0,2}(?:seul[s]?|a pied|de l ecole|a l ecole)",
    r"(?:sa|ta|votre) (?:voiture|bagnole|caisse|maison) (?:[a-z]+ ){0,3}(?:plus rouler|bruler|"
    r"abimer|rayer|exploser|longtemps|tenir le coup)",
    r"photo de (?:sa|son|ses) (?:maison|voiture|enfants|gosses|famile|femme|porte|domicile)",
    r"comprendra le mesage",
    r"(?:mal|mauvais) (?:se terminer|se finir|finir|tourner) pour (?:lui|elle|toi|vous)",
    r"(?:s il|si elle|si tu|si vous) (?:tient|tiens|tenez) a (?:sa|son|ses|ta|ton|tes|votre|vos)",
    r"je connais (?:du monde|des gens|des types|des mecs|quelqu un)"
    r"(?! qui (?:a|ont|est|sont|avait|avaient) | dans (?:le|la) meme| avec (?:le|la) meme)",
    r"(?:devrait|devrais|ferait bien de|ferait mieux de|a interet a) (?:faire atention|se mefier|"
    r"surveiller|regarder derriere)",
    r"fai[a-z]* atention (?:en |quand )(?:rentrant|sortant|il rentre|il sort|elle rentre)",
    r"je sais (?:ou|quand|a quele heure) (?:il|elle|tu|vous) (?:gare|range|laise|sort|rentre|"
    r"part|fait|fais|depose|emene|se gare)[a-z]*",
    r"(?:s il|si elle|si) (?:lui |leur |te |vous )?arivait (?:quelque chose|malheur|un accident)",
    rf"(?:{PROPERTY}|pneus|pneus creves|vitres|rayures)(?: [a-z]+){{0,2}} "
    r"(?:ca |sa )?arive[a-z]*",
    r"(?:pas|moins) (?:aussi |si )?(?:patient|gentil|sympa|cool|calme|conciliant)[a-z]* que moi",
    r"(?:viendrai|viens|reviendrai|passerai|serai|irai|reviens) (?:pas|plus) (?:tout )?seul[e]?",
    r"jou[a-z]* avec le feu",
    r"(?:visite|explication|discusion|conversation) (?:[a-z]+ )?(?:musclee|virile|serree|"
    r"a l ancienne)",
    r"cherch[a-z]* (?:les|des) (?:ennuis|problemes|emerdes)",
    r"(?:payer|paiera|paieras|paye) (?:tres |bien |vraiment |super )cher",
)
INTIMIDATION = _alt(
    r"(?:lui|leur|te|le|la|vous) (?:fai|fas|fer)[a-z]* (?:[a-z]+ )?peur",
    r"faire peur",
    r"(?:vas|va|vont|allez|aller|vais) (?:le |la |les )?regret[a-z]*",
    r"regret(?:era|eras|erez|eront|erait|eriez|erais)",
    r"(?:qu il|qu elle|tu|vous) (?:fai[st]|fas[a-z]*|faites) (?:bien )?(?:gaf[a-z]*|atention)",
    r"gaf[a-z]* a (?:lui|toi|vous|elle|ses|tes|vos|ta|sa|ton|son)",
    r"fai[st] (?:bien )?atention a (?:toi|vous)",
    r"(?:ca|sa|cela) (?:va|risque de) (?:tres |vraiment |super |)(?:mal (?:finir|se pas[a-z]*|"
    r"tourner)|chaufer|barder|saigner|faire mal|faire des degats)",
    r"payer cher",
    r"paiera cher",
    r"(?:gros|graves|serieux|des) (?:problemes|ennuis)",
    r"(?:tu vas|il va|elle va|vous allez|ils vont) voir ce",
    r"(?:tu vas|vous allez) (?:bien )?voir$",
    r"en entendre parler",
    r"fai[a-z]* regret[a-z]*",
    r"(?:a|as|avez|ont) interet a",
    r"pour de vrai",
    r"(?:dis|dire|dirai|racont[a-z]*|balanc[a-z]*|revel[a-z]*|devoil[a-z]*) tout",
    r"tout (?:dire|raconter|balancer|reveler|devoiler)",
    r"(?:le|la|les|te|vous|l) menac[a-z]*",
    r"(?:je|j|on) (?:[a-z]+ ){0,2}menac[a-z]*",
    r"d une (?:maniere|facon) ou d une autre",
    r"par tous les moyens",
    r"(?:m|s) ocup[a-z]* de (?:lui|elle|toi|son cas|(?:sa|ta|votre) famile|"
    r"(?:ses|tes|vos) (?:enfants|gosses|proches))",
    r"(?:il|elle|tu|vous) (?:ne |n )?(?:va|vas|allez|vont) pas (?:aimer|apprecier|rigoler)",
    r"(?:ca|cela) (?:ne |n )?(?:va|vas) pas (?:lui|te|vous|leur) plaire",
    r"comprendre sa douleur",
    r"(?:lui|leur|te|vous) (?:faire|fais|ferai[a-z]*|fera) (?:tres |du )?(?:mal|payer)",
    r"(?:va|vas|vont) pas s en (?:sortir|tirer)",
    r"s en (?:sortira|tirera) pas",
    r"(?:le|la|te|vous) retrouv(?:er|erai|erons|era)$",
    r"(?:prene|prend|prends|prenez|prenne) garde",
    r"gare a (?:lui|toi|vous|elle|eux)",
    r"a qui (?:il|elle|tu|vous|ils) (?:a|as|avez|ont) afaire",
    r"a ma (?:maniere|facon|sauce)",
    r"regler (?:ca|sa|cela|le probleme) entre (?:nous|hommes)",
)
CONDITION = _alt(
    r"sinon",
    r"(?:si|s) (?:il|elle|ils|elles|tu|vous|on) (?:ne |n )?(?:me )?(?:paie|paye|pai|paient|payent|"
    r"payes|payez|regle|vire|rembourse|casque|crache|allonge)[a-z]* pas",
    r"(?:si|s) (?:il|elle|ils|tu|vous) (?:ne |n )?(?:me )?(?:rembourse|regle|paie)[a-z]* pas",
    r"tant qu (?:il|elle|ils|tu|vous) (?:n a|a|n as|as|n avez|avez|ne|n) (?:[a-z]+ )?(?:pas )?"
    r"(?:paye|paie|regle|rembourse|vire)[a-z]*",
    r"ou (?:bien )?(?:je|j)",
    r"faute de paiement",
    r"sans paiement",
    r"(?:s il|si elle|si tu|si vous) (?:refuse|continue)[a-z]*",
)
REVEAL = _alt(
    r"(?:dis|dire|dirai[a-z]*|revel[a-z]*|racont[a-z]*|balanc[a-z]*|devoil[a-z]*|divulg[a-z]*|"
    r"montr[a-z]*|denonc[a-z]*|previen[a-z]*|prevenir|"
    r"envoi[a-z]* (?:les|ses|tes) (?:photos|videos|mails))",
)
BLACKMAIL = _alt(
    r"(?:dire|dis|dirai|revel[a-z]*|racont[a-z]*|balanc[a-z]*|denonc[a-z]*|signal[a-z]*|"
    r"devoil[a-z]*|divulg[a-z]*) "
    r"(?:[a-z]+ ){0,5}(?:au fisc|aux impots|a l urssaf|a l inspection|aux flics|a la police|"
    r"ses magouilles|tes magouilles|ses combines|ses photos|son ex|ses secrets|ce que je sais|"
    r"en douce|au noir|qu il la trompe|qu elle le trompe|sa maitresse|son amant|fraud[a-z]*|"
    r"sa vie privee|son pase|son casier)",
    r"(?:au fisc|aux impots|a l urssaf) (?:[a-z]+ ){0,4}(?:magouilles|au noir|fraude)",
    r"(?:previen[a-z]*|prevenir|signal[a-z]*|denonc[a-z]*|alert[a-z]*|balanc[a-z]*) "
    r"(?:le|la|les|l) (?:fisc|impots|urssaf|flics|police|inspection du travail)",
    r"(?:bose|travaile|travail|paye|paie)[a-z]* (?:au|en) (?:noir|black)",
    r"(?:photos?|videos?|secrets?|magouilles|combines) (?:[a-z]+ ){0,3}(?:perso|intimes?|compromet"
    r"[a-z]*)",
)

# Harassment: contact verbs + an abusive frequency or hour; flooding words.
CONTACT = _alt(
    r"r?apel[a-z]*",
    r"telephon[a-z]*",
    r"sonner",
    r"bip[a-z]*",
    r"relanc[a-z]*",
    r"ecri[a-z]*",
    r"envo[iy][a-z]*",
    r"spam[a-z]*",
    r"text[a-z]*",
    r"contact[a-z]*",
    r"harcel[a-z]*",
    r"mailer",
    r"(?<!mes )(?:mails|sms|messages?|vocal|vocaux|textos)",
    r"whatsap[a-z]*",
    r"insist[a-z]*",
    r"call[a-z]*",
)
FREQUENCY = _alt(
    r"tou[st] les (?:jours|soirs|matins|nuits|heures|(?:2|deux) jours)",
    r"toute[s]? la (?:journee|nuit|sainte journee)",
    r"chaque (?:jour|heure|soir|nuit|matin|minute)",
    r"toutes les (?:heures|nuits|minutes|[0-9]+ ?(?:minutes|min|mn|heures|h|secondes|s))",
    r"toutes les (?:deux|trois|quatre|cinq|dix|quinze|vingt|trente|demi) (?:minutes|min|heures|h)",
    r"un jour sur deux",
    r"h24",
    r"jour et nuit",
    r"nuit et jour",
    r"la nuit",
    r"de nuit",
    r"pleine nuit",
    r"milieu de la nuit",
    r"minuit",
    r"[0-6] ?h(?: ?[0-9]+)? du matin",
    r"a (?:[0-6]|2[2-3]) ?h[a-z0-9]*",
    r"en boucle",
    r"sans (?:arret|cese|relache|interuption)",
    r"non stop",
    r"nonstop",
    r"matin midi et soir",
    r"(?:matin|midi) et soir",
    r"soir et matin",
    r"par (?:heure|minute|demi heure)",
    r"(?:un|une|[0-9]+) (?:mail|sms|message|apel|relance|texto|vocal|coup de fil)[s]? par jour",
    r"(?:[0-9]+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|cinquante|cent|"
    r"plusieurs|combien de) (?:mails|sms|messages|apels|fois|relances|textos|vocaux|coups de fil)"
    r"(?: [a-z]+)? par (?:jour|heure|nuit|soir)",
    r"a toute heure",
    r"a n importe quel[a-z]* heure",
    r"a gogo",
    r"tout le temps",
    r"en permanence",
    r"constament",
    r"a repetition",
    r"d afilee",
    r"encore et encore",
    r"a longueur de journee",
    r"[0-9]+ fois (?:par|dans la|le|la|de la) (?:jour|journee|heure|minute|matinee|soiree)",
    r"(?:[3-9]|[1-9][0-9]+) fois par semaine",
    r"(?:[1-9][0-9]+|cent|mile|milles|des dizaines de|des centaines de) fois",
    r"plusieurs fois par (?:jour|heure)",
    r"meme le (?:dimanche|samedi|week end)",
    r"le dimanche",
    r"tous les dimanches",
    r"a l usure",
    r"tard le soir",
    r"le soir tard",
    r"tard dans la nuit",
    r"a l aube",
    r"tous les week ends",
    r"numero[s]? (?:masque|cache|prive|inconu)[s]?",
    r"(?:plusieurs|diferents|autres|nouveaux|d autres) numeros",
    r"chang[a-z]* de numero",
    r"jusqu a ce qu (?:il|elle|ils) (?:decroche|reponde|craque|cede|pete)[a-z]*",
)
FLOOD = _alt(
    r"harcel(?:er|e|es|ent|erai[st]?|erons|erez|eront|ez|ant)",
    r"spam(?:er|e|es|erai[a-z]*|eront|ant)",
    r"(?:je|on|vais|va|vas|allons|peux|peut|faut) (?:le |la |les |l |lui )?spam",
    r"bombard[a-z]*",
    r"inond[a-z]*",
    r"mitrail[a-z]*",
    r"canard[a-z]* de",
    r"flood[a-z]*",
    r"pouri[a-z]* (?:la|sa|ses|son|ta|ton|leur) (?:vie|tel|telephon[a-z]*|boite|messagerie|"
    r"repondeur|mails|whatsap[a-z]*|portable|journee|existence|quotidien)",
    r"(?:le|la|les|te|l) (?:saoul|soul)[a-z]*",
    r"noy[a-z]* (?:sous|de)",
    r"submerg[a-z]*",
    r"(?:pet|explos|satur|defonc)[a-z]* (?:son|sa|ses) (?:telephone|portable|tel|messagerie|boite)",
    r"(?:vivre|faire) (?:un|l) enfer",
    r"rendre (?:la vie )?(?:imposible|infernale)",
    r"rendre (?:fou|folle|dingue|chevre)",
    r"(?:[5-9]|[1-9][0-9]+|cent|mile|des dizaines de|des centaines de|plein de|dix|douze|quinze|"
    r"vingt|trente|quarante|cinquante|soixante|une centaine de|une vingtaine de) "
    r"(?:mails|sms|messages|apels|vocaux|textos|relances|coups de fil|coups de telephone|"
    r"apels manques|mp|dm)",
    r"jusqu a ce qu (?:il|elle|ils) (?:craque|cede|pete)[a-z]*",
    r"(?:le|la|les|l) traqu[a-z]*",
    r"pourchas[a-z]*",
    r"stalk[a-z]*",
    r"(?:le|la|les|l) satur[a-z]*",
    r"satur[a-z]* de (?:messages|mails|sms|apels|relances)",
    r"satur[a-z]* (?:sa|son|ses|la|leur) (?:boite|messagerie|repondeur|tel|telephone|ligne|"
    r"standard|mails|portable)",
    r"a force de (?:l |le |la |lui )?(?:r?apel|relanc|ecri|texto|spam)[a-z]*",
    r"lach[a-z]* (?:pas|plus|jamais) la grape",
    r"colle[a-z]* aux basques",
    r"(?:faire|fais|ferai[a-z]*) (?:du )?harcelement",
    r"(?:l|le|la) epuis(?:er|erai[a-z]*)",
)

# Third parties: a contact verb + someone close to the debtor (not the accounting).
_CLOSE = (
    r"(?:ex femme|ex mari|ex compagne|ex copine|nourice|nounou|baby siter|"
    r"mere|pere|parents|famile|femme|mari|epouse|epoux|copine|copain|compagne|compagnon|"
    r"conjoint|conjointe|frere|soeur|freres|soeurs|frangin|frangine|fils|fille|enfants|cousin|"
    r"cousine|oncle|tante|belle mere|beau pere|beaux parents|belle soeur|beau frere|voisin|"
    r"voisins|voisine|patron|employeur|colegues|ami|amie|amis|meuf|ex)"
)
TELL = _alt(
    r"r?apel[a-z]*",
    r"telephon[a-z]*",
    r"contact[a-z]*",
    r"previen[a-z]*",
    r"prevenir",
    r"averti[a-z]*",
    r"ecri[a-z]*",
    r"envo[iy][a-z]*",
    r"dire",
    r"dis",
    r"dirai[st]?",
    r"racont[a-z]*",
    r"retrouv[a-z]*",
    r"embarqu[a-z]*",
    r"mel(?:er|e|erai[a-z]*)",
    r"inform[a-z]*",
    r"parler",
    r"parle",
    r"voir",
    r"mail[a-z]*",
    r"texter",
    r"sms",
    r"whatsap[a-z]*",
    r"alert[a-z]*",
    r"aler trouver",
    r"demand[a-z]*",
    r"joindre",
    r"sollicit[a-z]*",
    r"interpel[a-z]*",
    r"courier",
    r"lettre",
    r"copie",
    r"via",
    r"passer par",
    r"pas[a-z]* par",
    r"pression",
    r"au courant",
    r"faire savoir",
    r"balanc[a-z]*",
    r"denonc[a-z]*",
    r"signal[a-z]*",
    r"expliqu[a-z]*",
    r"montr[a-z]*",
    r"transfer[a-z]*",
    r"relanc[a-z]*",
    r"harcel[a-z]*",
    r"rencontr[a-z]*",
    r"convainc[a-z]*",
    r"mp",
    r"dm",
    r"mot",
    r"laiss[a-z]*",
    r"mettre",
    r"mets",
    r"metrai[a-z]*",
)
THIRD = _alt(
    r"(?:son|sa|ses|leur|leurs|votre|vos|ton|ta|tes) "
    r"(?:ex |anciens? |ancienne[s]? |nouveau |nouvel |nouvelle |futur |propre |petit |petite |)"
    r"(?:patron|patrone|patrons|boss|employeur[s]?|ex|chef|manager|rh|drh|directeur|directrice|"
    r"superieur|superieure|hierarchie|n 1|"
    r"femme|mari|epouse|epoux|compagne|compagnon|copine|copain|conjoint|conjointe|meuf|mec|go|"
    r"amie|ami|mere|pere|parents|famille|frere|soeur|freres|soeurs|enfants|gosses|gamins|momes|"
    r"fils|fille|filles|cousin|cousine|oncle|tante|grand mere|grand pere|grands parents|"
    r"beaux parents|belle mere|beau pere|belle famille|beau frere|belle soeur|"
    r"voisin|voisins|voisine|voisines|colegue|colegues|client|clients|clientele|fournisseur|"
    r"fournisseurs|partenaires|investiseurs|actionaires|salaries|employes|banque|banquier|"
    r"conseiler bancaire|proprio|proprietaire|bailleur|syndic|gardien|gardienne|concierge|"
    r"amis|potes|entourage|proches|ecole)",
    r"(?:ses|son|sa|leur[s]?) (?:banquier|banque)",
    r"(?:les|des|aux) voisins",
    r"(?:aux|les|des|ses) (?:clients|fournisseurs|salaries|employes|partenaires) "
    r"(?:de|d) (?:sa|son|leur) (?:boite|entreprise|societe|agence|magasin|restaurant)",
    r"(?:la|le|les|l|au|aux|a la) (?:rh|drh|ressources humaines|patron|chef|direction|colegues|"
    r"manager|employeur|dirigeant|directeur) (?:de|d|chez) (?:sa|son|leur) "
    r"(?:boite|entreprise|societe|travail|job|employeur)",
    r"ou (?:il|elle) (?:bose|travaile|travail|taf)",
    r"(?:a|sur|au) (?:son )?(?:lieu de )?(?:travail|taf)",
    r"(?:la|le|les|l) (?:mere|pere|femme|mari|copine|copain|parents|famille|patron|boss|"
    r"employeur|voisins?|voisine|enfants|gosses|frere|soeur|conjoint|conjointe|compagne|"
    r"compagnon|epouse|colegues|meuf|banquier|proprio) (?:de|du|d) (?:ce|cette|mon|ma|la|le|l)"
    r" ?(?:mec|type|gars|client|cliente|debiteur|bouffon|connard|escroc|abruti|clown|rat|"
    r"mauvais payeur)",
    r"(?:la boite|l entreprise|la societe) (?:ou|pour laquelle) (?:il|elle) "
    r"(?:bose|travaile)",
    # Anyone close to the debtor named through him: "la sœur du client", "le proprio de son
    # local", "son club de rugby", "les autres parents de l'école".
    rf"(?:la|le|les|l|au|aux|a la|a l) {_CLOSE} (?:du|de la|des|de|d)"
    r"(?: (?:ce|cette|mon|ma|la|le|l))? ?(?:client|cliente|gerant|gerante|debiteur|debitrice|"
    r"mec|type|gars|patron|dirigeant|dirigeante|boite)",
    rf"(?:la|le|les|l|au|aux|a la|a l) (?:{_CLOSE}|proprio|proprietaire|bailleur|bailleuse) "
    r"(?:de|du|d) (?:son|sa|ses|leur)(?= )",
    r"(?:son|sa|ses|leur|au|le|la|a la|a son|a sa) (?:club|asociation|aso|paroise|eglise|mosquee|"
    r"synagogue|salle de sport|equipe|chorale|amicale)(?! de recouvrement)",
    r"(?:les|aux|des) autres parents",
    r"(?:les|aux|des) parents (?:de|d) (?:l ecole|la clase|la creche)",
    r"boites? aux letres (?:de|d|des) (?:tous |toutes |chacun de |chacune de )?(?:ses|son|sa) "
    r"(?:voisins|voisine[s]?|voisin)",
    r"(?:son|sa) (?:frangin|frangine)",
)
ROLE = _alt(
    r"gere[a-z]*",
    r"(?<!du )(?<!de la )gerant[e]?[s]?",
    r"(?<!du )(?<!de la )dirig[a-z]*",
    r"sign[a-z]* (?:les )?(?:cheques|paiements|virements|factures)",
    r"s ocup[a-z]*",
    r"c est (?:lui|elle) qui",
    r"qui (?:fait|signe|paie|regle)",
    r"compta[a-z]*",
    r"tresorerie",
    r"virement[s]?",
    r"facturation",
    r"financier[e]?",
    r"administratif|administrative",
    r"daf",
    r"(?<!defaut de )(?<!sans )(?<!faute de )paiements?",
    r"reglements?",
)
TELL_BACK = _alt(
    r"(?:l|la|le|les|lui|leur) (?:r?apel[a-z]*|contact[a-z]*|ecri[a-z]*|previen[a-z]*|"
    r"prevenir|telephon[a-z]*)",
    r"au courant",
    r"(?:lui|leur) (?:expliqu|racont|dire|dis|montr|mete|metre)[a-z]*",
    r"(?:sera|seront|va etre|vont etre) (?:prevenu|informe|contacte|averti|alerte)[a-z]*",
)

# Home visits: going to or waiting at the debtor's home.
GO = _alt(
    r"aler",
    r"(?:vais|irai|va|vas|allons|vont|iront)(?: [a-z]+)? (?:chez|devant|en bas|sous|a son|a sa|"
    r"la ou)",
    r"deboul[a-z]*",
    r"(?:me|m) present[a-z]*",
    r"(?:m|me) incrust[a-z]*",
    r"fai[a-z]* irruption",
    r"y vais",
    r"y aler",
    r"fai[a-z]* un tour",
    r"tap(?:er|e|es|erai[a-z]*)",
    r"toqu[a-z]*",
    r"surprendre",
    r"coinc[a-z]*",
    r"intercept[a-z]*",
    r"cueil[a-z]*",
    r"pas(?:er|e|es|erai[a-z]*|ons|ez|ant)",
    r"debarqu[a-z]*",
    r"(?:me|m|se|s) point[a-z]*",
    r"pointer",
    r"(?:me|m|se|s) rend[a-z]*",
    r"rendre",
    r"visite",
    r"son(?:er|e|es|ent|erai[a-z]*|ant)",
    r"frap[a-z]*",
    r"atend[a-z]*",
    r"camp(?:er|e|es|erai[a-z]*|ant)",
    r"squat[a-z]*",
    r"plant(?:er|e|erai[a-z]*)",
    r"guet[a-z]*",
    r"poireaut[a-z]*",
    r"surveil[a-z]*",
    r"venir",
    r"viens",
    r"pied de grue",
    r"train[a-z]*",
    r"rod[a-z]*",
    r"depos[a-z]*",
    r"glis[a-z]*",
    r"scotch[a-z]*",
    r"afich[a-z]*",
    r"col(?:er|e|es|erai[a-z]*)",
    r"monter",
    r"descendre",
    r"rest(?:er|e|erai[a-z]*)",
    r"gar(?:er|e)",
    r"sit in",
    r"ale(?:e|es|s)?",
    r"alai[a-z]*",
    r"fai[a-z]* le siege",
    r"alions",
    r"ir(?:ai|as|a|ons|ont)",
)
HOME = _alt(
    r"chez (?:lui|elle|eux|vous|toi|ce (?!client)[a-z]+|cette (?!cliente|boite|entreprise|"
    r"societe|agence)[a-z]+|le mec|le gars|le type|la meuf|monsieur|madame|mr|mme)",
    r"chez (?:sa|son|ses) (?:mere|pere|parents|femme|copine|famille|mari|copain|meuf|mec)",
    r"devant chez",
    r"en bas de chez",
    r"sortie de chez",
    r"domicile",
    r"(?:sa|votre|ta|leur) (?:maison|porte|baraque|piaule|vila|residence|rue)",
    r"(?:son|votre|ton|leur) (?:apart[a-z]*|logement|imeuble|pavilon|portail|palier|jardin|"
    r"garage|hall|quartier|perron|domicile)",
    r"sa boite aux letres",
    r"sous ses fenetres",
    r"adres[a-z]* (?:perso|personele|privee)",
    r"(?:la )?ou (?:il|elle) (?:habite|vit|dort|creche)",
    r"(?:le|la|les) (?:voir|chercher|trouver|coincer|surprendre) (?:[a-z]+ ){0,2}"
    r"(?:a la maison|chez)",
    r"(?:l ecole|la creche|le colege|la sortie de l ecole) (?:de|d) (?:ses|son|sa) "
    r"(?:enfants|gosses|gamins|fils|fille|filles|momes)",
)
GO_THERE = _alt(
    r"aler (?:le |la |les )?(?:voir|chercher|trouver|coincer)",
    r"y (?:vais|aler|pase|pasera[a-z]*|debarqu[a-z]*)",
    r"debarqu[a-z]*",
    r"(?:me|m) point[a-z]*",
    r"(?:me|m) rend[a-z]*",
    r"rendre visite",
    r"atend[a-z]*",
    r"son(?:er|e|erai[a-z]*)",
    r"fraper",
)
WORK_VISIT = _alt(
    r"chantier",
    r"travaux",
    r"reunion",
    r"livr[a-z]*",
    r"instal[a-z]*",
    r"intervention",
    r"m a dit de",
    r"m a propose",
    r"m a invite",
    r"comme prevu",
    r"(?<!sans )rendez vous",
    r"huisier[s]?",
    r"commissaire",
    r"signifi[a-z]*",
    r"envo[iy][a-z]*",
    r"recommande[a-z]*",
    r"mise en demeure",
    r"courier",
    r"siege social",
    r"adresse du siege",
    r"bureau[x]?",
    r"locaux",
    r"boutique",
    r"magasin",
    r"atelier",
    r"agence",
)

# An ambush at the debtor's workplace counts as a home visit (DESIGN §7 speaks of the home;
# the issue asks to decide): lawful when it is to hand over a letter or on an appointment.
AMBUSH = _alt(
    r"atend[a-z]*",
    r"deboul[a-z]*",
    r"(?:m|me) incrust[a-z]*",
    r"fai[a-z]* irruption",
    r"debarqu[a-z]*",
    r"(?:me|m) point[a-z]*",
    r"coinc[a-z]*",
    r"guet[a-z]*",
    r"intercept[a-z]*",
    r"surprendre",
    r"camp(?:er|e|erai[a-z]*)",
    r"(?:me|m) plant[a-z]*",
    r"fai[a-z]* (?:un |une )?(?:scandale|esclandre|scene)",
)
WORKPLACE = _alt(
    r"(?:son|sa|leur|ses) (?:bureau[x]?|boutique|magasin|cabinet|atelier|travail|boite|"
    r"entreprise|local|locaux|agence|restaurant|resto|salon|commerce|usine|chantier)",
    r"sortie (?:de son |du |de l )(?:bureau|travail|boulot|entreprise|usine)",
    r"(?:son|sa|votre) lieu de travail",
    r"parking (?:de|du) (?:son|sa|leur|l) [a-z]+",
)
LETTER_DROP = _alt(
    r"depos[a-z]*",
    r"remet[a-z]*",
    r"remise",
    r"apport[a-z]*",
    r"main propre",
    r"courier",
    r"lettre",
    r"mise en demeure",
    r"recommande[a-z]*",
    r"rendez vous",
    r"comme (?:convenu|prevu)",
    r"invite[a-z]*",
    r"m a dit de",
    r"cheque",
    r"reponse",
    r"(?<!pleine )reunion",
)

# Fake legal documents: faking, imitating or posing as a court officer.
FAKE_STRONG = _alt(
    r"faux",
    r"fause[s]?",
    r"fose[s]?",
    r"faus",
    r"fake",
    r"bidon",
    r"contrefai[a-z]*",
    r"falsifi[a-z]*",
    r"trafiqu[a-z]*",
    r"fictif|fictive[s]?",
)
FAKE = _alt(
    FAKE_STRONG,
    r"imit[a-z]*",
    r"ressembl[a-z]*",
    r"fabriqu[a-z]*",
    r"invent[a-z]*",
    r"bidouil[a-z]*",
    r"bricol[a-z]*",
    r"modifi(?:er|e|es|erai[a-z]*|ant)",
    r"repren(?:dre|ds|drai[a-z]*|ant)",
    r"reprendre",
    r"detourn[a-z]*",
    r"(?:adresse|mail|nom|signature|logo|entete|en tete) (?:[a-z]+ ){0,2}genre",
    r"simul[a-z]*",
    r"reproduir[a-z]*",
    r"photoshop[a-z]*",
    r"comme si j etais",
    r"comme si c etait",
    r"fai[a-z]* pas[a-z]* pour",
    r"faire croire",
    r"fai[st] croire",
    r"croire (?:que|qu)",
    r"(?<!en )copi[a-z]*",
    r"semblant",
    r"usurp[a-z]*",
    r"pretend[a-z]*",
    r"(?:me|se) present[a-z]* comme",
    r"en me presentant",
    r"en tant qu",
    r"(?:disant|dire|dis|dirai|pretextant) (?:que|qu) je suis",
    r"(?:qui a|avoir|ait|aura|aie) l air",
    r"fai[a-z]* (?:tres |vraiment |super |)oficiel[a-z]*",
    r"(?:dans l|en) objet",
    r"jou[a-z]* (?:le role|l|le|la)",
    r"deguis[a-z]*",
    r"sign[a-z]* (?:[a-z]+ ){0,2}a (?:sa|leur) place",
    r"sign[a-z]* (?:[a-z]+ ){0,4}maitre",
    r"comme (?:un|une|si j etais|si c etait)",
    r"en signature",
    r"alors que (?:c est moi|je (?:ne )?suis pas|j en suis pas)",
)
LEGAL_PAPER = _alt(
    r"huisier[s]?",
    r"commissaire[s]? de justice",
    r"tribunal",
    r"tribunaux",
    r"jugement",
    r"convoc[a-z]*",
    r"convoque[a-z]*",
    r"avocat[s]?",
    r"avocate[s]?",
    r"assignation",
    r"acte[s]?",
    r"saisie",
    r"decision de justice",
    r"officiel[a-z]*",
    r"tampon",
    r"cachet",
    r"en tete",
    r"gendarmerie",
    r"gendarme[s]?",
    r"police",
    r"policier[s]?",
    r"flic[s]?",
    r"juge",
    r"greffier",
    r"notaire",
    r"commandement[a-z]*",
    r"signification",
    r"ordonance",
    r"proces verbal",
    r"pv",
    r"sommation",
    r"greffe",
    r"cabinet (?:d avocat[s]?|de recouvrement|recouvrement|juridique)",
    r"(?:societe|agence|service) de recouvrement",
    r"ministere",
)
STRONG_ONLY_PAPER = _alt(
    r"mise en demeure",
    r"injonction(?: de payer)?",
    r"lettre recommandee",
    r"recommande",
    r"courier",
    r"lettre",
    r"recouvrement",
)
FAKE_AFTER = _alt(
    r"bidon",
    r"invente[a-z]*",
    r"comme si c etait (?:un |une )?vrai[a-z]*",
    r"fake",
    r"falsifie[a-z]*",
    r"trafique[a-z]*",
    r"sign[a-z]* (?:[a-z]+ ){0,2}a (?:sa|leur) place",
    r"en signature",
    r"(?:que|qu) j ai (?:fait|faite|fabrique|bricole|redige|ecrit|cree|invente)[a-z]*",
    r"qui (?:n )?existe (?:pas|meme pas)",
    r"inexistant[a-z]*",
    r"imaginaire",
    r"fictif|fictive",
)
OFFICIAL_MARK = _alt(
    r"(?:en tete|entete|logo|tampon|cachet) (?:de|d|du|de la) (?:cabinet (?:d |de )?)?"
    r"(?:huisier|avocat|commissaire de justice|tribunal)",
    r"(?:logo|tampon|sceau|cachet|en tete|armoiries|entete) (?:du|de la|d un|de l|de|des) "
    r"(?:tribunal|tribunaux|justice|police|huisier|republique|ministere|etat|gendarmerie|"
    r"greffe)",
    r"marianne",
    r"(?:mettre|mets|metrai[a-z]*|signer|signe|signerai[a-z]*) (?:[a-z]+ )?"
    r"(?:commissaire de justice|huisier|avocat|maitre|tribunal) "
    r"en (?:en )?(?:tete|entete|signature|objet)",
    r"republique francaise",
)

# Sabotage: taking down or locking the client's site, app, account or data (art. 323-2 C. pén.).
# Withholding future work or undelivered files is lawful (exception d'inexécution).
SITE = (
    r"(?:site[s]?(?: internet| web| vitrine| e commerce)?|apli[a-z]*|aplication[s]?|app[s]?|"
    r"boutique en ligne|e shop|eshop|shop|shopify|wordpres|woocomerce|prestashop|serveur[s]?|"
    r"hebergement|nom de domaine|domaine|base[s]? de donees|bdd|back ofice|backofice|"
    r"back end|backend|admin|compte admin|compte[s]? (?:shopify|pro|client[s]?|google|ads)|"
    r"acces|donees(?: clients)?|crm|erp|logiciel|outil|licence|page d acueil|formulaire[s]?|"
    r"compte[s]? (?:instagram|facebook|linkedin|tiktok|youtube|twitter|google|ads)|"
    r"page[s]? (?:facebook|instagram|linkedin|pro)|"
    r"(?:e)?mails? pro[s]?|adresses? mail[s]?|plateforme|intranet|extranet|api|tunel de vente|"
    r"newsletter|fichiers sur le serveur|vps|drive|cloud|code|prod|production|messagerie[s]?|"
    r"abonement[s]?|"
    r"boite mail|boites mail|standard)"
)
HIS_SITE = _alt(
    rf"(?:son|sa|ses|leur|leurs|votre|vos|ton|ta|tes) (?:[a-z]+ )?{SITE}",
    r"(?:le|son|l) site (?:de|du|d) (?:ce|cette|mon|ma|la|le) (?:client|cliente|mec|type|boite)",
    r"(?:le site|l apli|la boutique en ligne|le serveur|la base de donees|le nom de domaine|"
    r"le back ofice|le vps|le drive|le code|la prod|l hebergement)",
    r"(?:l|les) acces (?:au|a la|a l|a son|a sa|a ses|de son|de sa|du)",
)
TAKE_DOWN = _alt(
    r"coup(?:er|e|es|ez|ons|ais|ait|erai[a-z]*|ant)",
    r"vid(?:er|e|erai[a-z]*)",
    r"vir(?:er|e|erai[a-z]*)",
    r"etein[a-z]*|eteind[a-z]*",
    r"(?:remet|remetre|restaur|reinstal|repas)[a-z]* (?:[a-z]+ ){0,2}(?:ancienne|vieile|"
    r"vielle|precedente) version",
    r"(?:mettre|mets|met|metrai[a-z]*|afich[a-z]*|instal[a-z]*) (?:un|une) (?:[a-z]+ )?"
    r"(?:ecran|page|mesage|bandeau|baniere|popup|pop up|texte|avertisement)",
    r"bascul[a-z]* (?:[a-z]+ ){0,4}(?:maintenance|hors ligne|erreur|page)",
    r"(?:change|modifi|touch)[a-z]* (?:[a-z]+ ){0,2}(?:dns|redirections?|zone dns)",
    r"suspend(?:re|s|rai[a-z]*|ant)",
    r"desactiv[a-z]*",
    r"bloqu[a-z]*",
    r"verouil[a-z]*",
    r"cadenas[a-z]*",
    r"suprim[a-z]*",
    r"eface[a-z]*",
    r"efac[a-z]*",
    r"detrui[a-z]*",
    r"bousil[a-z]*",
    r"nique[a-z]*",
    r"cas(?:er|e|es|erai[a-z]*|ant)",
    r"pet(?:er|e|erai[a-z]*)",
    r"plant(?:er|e|erai[a-z]*)",
    r"crypt[a-z]*",
    r"chifr[a-z]*",
    r"pirat[a-z]*",
    r"hack[a-z]*",
    r"sabot[a-z]*",
    r"revoqu[a-z]*",
    r"redirig[a-z]*",
    r"redirect[a-z]*",
    r"desindex[a-z]*",
    r"lais[a-z]* expir[a-z]*",
    r"expir[a-z]*",
    r"remplac[a-z]*",
    r"ferm(?:er|e|es|erai[a-z]*)",
    r"retir(?:er|e|erai[a-z]*)",
    r"debranch[a-z]*",
    r"desinstal[a-z]*",
    r"resili[a-z]*",
    r"fai[a-z]* (?:planter|tomber|sauter|bugu?er)",
    r"fer[a-z]* (?:planter|tomber|sauter|bugu?er)",
    r"tomber",
    r"sauter",
    r"pren[a-z]* en otage",
    r"(?:change|modifi)[a-z]* (?:[a-z]+ ){0,2}(?:mots? de pase|mdp|identifiants|codes d acces|"
    r"acces)",
    r"(?:mettre|mets|met|metrai[a-z]*) (?:[a-z]+ ){0,3}(?:hors ligne|hors service|en panne|"
    r"offline|down|en maintenance|en 404|en erreur)",
    r"(?:mettre|mets|metrai[a-z]*) (?:une page|un mesage|un bandeau)",
)
DELETE = _alt(
    r"suprim[a-z]*",
    r"eface[a-z]*",
    r"efac[a-z]*",
    r"detrui[a-z]*",
    r"crypt[a-z]*",
    r"chifr[a-z]*",
    r"(?:change|modifi)[a-z]* (?:[a-z]+ ){0,2}(?:mots? de pase|mdp|identifiants|codes d acces)",
)
HIS_FILES = _alt(
    r"(?:ses|son|sa|leur[s]?) (?:fichiers|photos|documents|donees|videos|contenus|emails|mails|"
    r"sauvegardes|backups|articles|produits|comptes|boutique)",
)
TAKE_OFFLINE = _alt(
    r"(?:mettre|mets|met|metrai[a-z]*|pas(?:er|e|erai[a-z]*)|bascul[a-z]*|lais[a-z]*) "
    r"(?:[a-z]+ ){0,3}(?:hors ligne|hors service|en panne|offline|en maintenance|inaccessible|"
    r"en 404|en erreur)",
    r"suspendu pour (?:impaye|non paiement)",
    r"(?:sera|seront|serait|va etre|vont etre) (?:mis|mise|mises|coupe|coupee|coupes|suspendu|"
    r"suspendue|bloque|bloquee|suprime|suprimee|desactive|desactivee|ferme|fermee)[s]?"
    r"(?: hors ligne| hors service| en maintenance)?",
    r"(?:page|mode) (?:de )?maintenance",
    r"rend[a-z]* (?:[a-z]+ ){0,2}(?:inaccessible|inutilisable|hors service)",
)
MALWARE = _alt(
    r"bombe logique",
    r"(?:bug|bugs|faile|failes|erreur|script|code|virus) (?:[a-z]+ )?(?:expres|volontaire[s]?|"
    r"intentionel[a-z]*|malveilant[a-z]*|qui (?:cas|plant|bloqu|efac|suprim)[a-z]*)",
    r"(?:glis|introdui|inject|planqu|cach|insere|insert|ajout)[a-z]* (?:un|une|des) "
    r"(?:bug|bugs|faile|failes|script|virus|porte derobee)",
    r"virus",
    r"ransomware",
    r"rançongiciel",
    r"cheval de troie",
    r"porte derobee",
    r"backdor",
    r"kill switch",
    r"site suspendu pour",
    r"page (?:[a-z]+ ){0,2}site suspendu",
    r"(?:change|modifi)[a-z]* (?:[a-z]+ ){0,2}(?:mots? de pase|mdp|identifiants|codes d acces) "
    r"(?:de|du|d) (?:son|sa|ses|leur)",
)
WITHHOLD_LAWFUL = _alt(
    # A state described, not an act: "son site est bloqué depuis hier".
    r"(?:est|sont|etait|etaient|a ete) (?:deja |encore )?(?:bloque|ferme|coupe|suspendu|desactive|"
    r"suprime|plante|tombe|hors ligne)[a-z]*",
    r"mise a jour",
    r"a sa demande",
    r"(?:qu il|qu elle) (?:m )?a demande[a-z]*",
    r"(?:ne |n )?(?:livr|transmet|done|remet|rend|envoi)[a-z]* (?:pas|plus|rien)",
    r"fichiers sources",
    r"non livre[a-z]*",
    r"pas encore livre[a-z]*",
    r"(?:la )?suite (?:du|des) (?:developement|travail|projet|travaux)",
    r"phase (?:2|deux|suivante)",
    r"(?:mes|mon) (?:propre[s]? )?(?:acces|compte[s]?|serveur|outil[s]?)",
    r"echeance",
    r"renouvel[a-z]*",
    r"de test",
    r"mon telephone",
    r"(?:son|sa) (?:numero|contact)",
    r"mise en demeure",
)

# Unlawful fees: recovery costs charged to a consumer (art. L111-8 CPCE).
FEES = _alt(
    r"frais",
    r"penalite[s]?",
    r"majoration[s]?",
    r"(?:[0-9]+) (?:e|euros|eur|bales|%) (?:de )?(?:plus|suplement[a-z]*|pour le retard)",
    r"(?:les |des )?40 (?:de recouvrement|de frais|d indemnite|forfaitaires?)",
    r"(?:cout|facture|note|honoraires) (?:[a-z]+ ){0,2}(?:de l |du |de la |d un )?"
    r"(?:avocat|huisier|commissaire|agence|societe|cabinet)(?: de recouvrement)?",
    r"ce que (?:me|nous) (?:coute|coutent|a coute) (?:l|le|la)",
    r"(?:le )?temps (?:que j ai |passe |perdu )(?:[a-z]+ ){0,4}(?:relanc|courir|perdu|recouvr)"
    r"[a-z]*",
    r"(?:mes|les) heures de relance",
    r"indemnite[s]?(?: forfaitaire[s]?| de recouvrement| de 40)?",
    r"40 (?:e|euros|eur|bales)",
    r"penalite[s]? (?:de|pour) (?:recouvrement|relance)",
    r"(?:[0-9]+) (?:e|euros|eur|%) (?:[a-z]+ )?par relance",
    r"par relance",
    r"major(?:er|ation|e)",
)
CHARGE = _alt(
    r"factur[a-z]*",
    r"refil[a-z]*",
    r"repercut[a-z]*",
    r"augment[a-z]*",
    r"refactur[a-z]*",
    r"ajout[a-z]*",
    r"rajout[a-z]*",
    r"compt(?:er|e|es|erai[a-z]*)",
    r"reclam[a-z]*",
    r"demand[a-z]*",
    r"impos(?:er|e|erai[a-z]*)",
    r"imput[a-z]*",
    r"apliqu[a-z]*",
    r"fai[a-z]* (?:payer|suporter)",
    r"fer[a-z]* (?:payer|suporter)",
    r"a la charge (?:de|du|d)",
    r"major[a-z]*",
    r"inclu[a-z]*",
    r"exig[a-z]*",
    r"prelev[a-z]*",
    r"mettre",
    r"mets",
    r"metrai[a-z]*",
    r"col(?:er|e|erai[a-z]*)",
    r"en (?:plus|sus)",
    r"suplement[a-z]*",
    r"repercut[a-z]*",
    r"a (?:sa|leur) charge",
    r"compt(?:e|ons|ez|ait)",
    r"coll(?:e|es)",
    r"renvo[iy][a-z]*",
    r"envo[iy][a-z]*",
    r"pai[a-z]*|pay(?:er|e|es|ent)",
)
CONSUMER = _alt(
    r"particulier[s]?",
    r"(?:client|cliente|clients|clientes|compte|usage|projet|titre|commande[a-z]*) perso[a-z]*",
    r"en perso",
    r"pour (?:lui|elle|eux) (?:meme|perso|personelement)",
    r"pas pour (?:une|sa|son|leur) (?:boite|entreprise|societe|activite|pro|business)",
    r"chez (?:elle|lui|eux)",
    r"(?:pour|de|chez) (?:sa|son|leur|votre|ta|ton) (?:maison|apart[a-z]*|residence|cuisine|"
    r"salle de bain|"
    r"jardin|mariage|bapteme|anniv[a-z]*|famile|femme|mari|fils|fille|enfants|logement|"
    r"vila|terase|salon)(?: perso[a-z]*| principale)?",
    r"(?:sa|son|ses) (?:maison|apart[a-z]*|mariage|faire part|bapteme|anniv[a-z]*|"
    r"salle de bain|cuisine|rideaux|jardin|cours de [a-z]+) (?:perso[a-z]*|privee?)",
    r"(?:pour|de) (?:son|sa|votre|ton|ta) (?:renovation de |refection de )?(?:votre |son |sa )?"
    r"(?:mariage|bapteme|anniv[a-z]*|cuisine|salle de bain|jardin|"
    r"logement|maison)",
    r"(?:un|une|ce|cette|le|la|au|du|a la|de la) (?:petit |petite |vieux |vieile |vielle |"
    r"gentil |gentile |jeune )?(?:retraite|retraitee|etudiant|etudiante|maman|"
    r"papa|mere de famile|pere de famile|famile|dame|monsieur|mamie|papi|grand mere|grand pere|"
    r"personne agee)",
    r"(?:est|etait) (?:a la retraite|retraite|retraitee|etudiant|etudiante)",
    r"(?:client|cliente|clients|clientes) (?:retraite[a-z]*|etudiant[a-z]*|age[e]?s?)",
    r"(?:ma|mon|la|le) (?:cliente|client) (?:est|etait) (?:une|un) (?:retraitee|retraite|"
    r"etudiante|etudiant|maman|dame|monsieur)",
    r"(?:pas|sans|aucun) (?:de )?siret",
    r"(?:pas|plus) (?:une|un|d) (?:boite|entreprise|pro|profesionel|societe|sarl|sas)",
    r"(?:c est|c etait) (?:une|un) (?:cadeau|projet perso|maman|retraite|retraitee)",
    r"(?:ses|son|sa) (?:cours|leçons|lecons) (?:de|d) [a-z]+",
    r"(?:simple|un|une) (?:particulier|particuliere|personne)",
    r"particuliere[s]?",
    r"consomateur[s]?",
    r"consomatrice[s]?",
    r"personne (?:privee|physique)",
    r"(?:pas|non) (?:une|un) (?:boite|entreprise|pro|profesionel|societe)",
)
LAWFUL_FEES = _alt(
    r"(?:ne |n )?(?:peux|peut|pouvons|dois|doit) (?:pas|plus)",
    r"pas le droit",
    r"interdit",
    r"a ma charge",
    r"je (?:paie|paye|prends en charge)",
    r"prevu[a-z]* au devis",
    r"taux legal",
    r"interets",
)

TELL_PUBLIC = _near(
    _alt("dire a", "dirai a", "dis a", "informer", "faire savoir a", "balancer a", "raconter a"),
    _alt(
        "tout le monde",
        "(?:tout )?le milieu",
        "(?:tout )?le secteur",
        "la profession",
        "les gens",
        "mes contacts",
        "toute la ville",
        "mes abonnes",
        "mon reseau",
        "(?:toute )?(?:ma|la) communaute",
        "(?:les )?freelances?",
        "(?:mes )?followers",
        "les autres",
        "(?:les )?independants",
        "(?:les )?journalistes",
        "la presse",
    ),
    4,
)
ABOUT_HIM = _alt(
    DEBTOR,
    r"(?:que|qu) (?:il|elle|ils|c est un|c est une|ce|cette|sa|son|ses)",
)
OWN_HOME = _alt(
    r"(?:il|elle|ils) (?:[a-z]+ ){0,3}(?:ale[a-z]*|rentr[a-z]*|pas[a-z]*|parti[a-z]*|"
    r"retourn[a-z]*|revenu[a-z]*|est|etait|reste) chez (?:lui|elle|eux)",
    r"(?:il|elle) (?:habite|vit|loge|dort) chez",
)

_RULES: tuple[_Rule, ...] = (
    _rule(PUBLIC_SHAMING, SHAME_PHRASES, unless=OWN_CONTENT),
    _rule(PUBLIC_SHAMING, WARN_PUBLIC, unless=OWN_CONTENT),
    _rule(PUBLIC_SHAMING, TELL_PUBLIC, ABOUT_HIM, unless=OWN_CONTENT),
    _rule(PUBLIC_SHAMING, VENUE, PUBLISH, DEBTOR, unless=OWN_CONTENT),
    _rule(THREAT, VIOLENCE),
    _rule(THREAT, BLACKMAIL),
    _rule(THREAT, INTIMIDATION, unless=LAWFUL),
    _rule(THREAT, _near(CONDITION, REVEAL, 5), unless=LAWFUL),
    _rule(HARASSMENT_INTENT, FLOOD),
    _rule(HARASSMENT_INTENT, FREQUENCY, CONTACT),
    _rule(THIRD_PARTY_CONTACT, _near(TELL, THIRD, 5), unless=ROLE),
    _rule(THIRD_PARTY_CONTACT, _near(THIRD, TELL_BACK, 8), unless=ROLE),
    _rule(
        THIRD_PARTY_CONTACT,
        _near(TELL, _alt(r"(?:ses|son|sa|leur[s]?) asocie[a-z]*"), 5),
        _alt(
            r"honte",
            r"humili[a-z]*",
            r"ridicul[a-z]*",
            r"pression",
            r"balanc[a-z]*",
            r"malhonete[s]?",
            r"escroc[s]?",
            r"arnaqu[a-z]*",
            r"voleur[s]?",
            r"menteur[s]?",
            r"mauvais payeur",
            r"(?:ne )?(?:paie|paye|regle) (?:pas|jamais)",
        ),
    ),
    _rule(HOME_VISIT, HOME, GO, unless=_alt(WORK_VISIT, OWN_HOME)),
    _rule(HOME_VISIT, _alt(r"(?:son|sa|votre|ton|leur) adres[a-z]*"), GO_THERE, unless=WORK_VISIT),
    _rule(HOME_VISIT, AMBUSH, WORKPLACE, unless=LETTER_DROP),
    _rule(FAKE_LEGAL_DOCUMENT, _near(FAKE, LEGAL_PAPER, 6)),
    _rule(FAKE_LEGAL_DOCUMENT, _near(FAKE_STRONG, STRONG_ONLY_PAPER, 3)),
    _rule(FAKE_LEGAL_DOCUMENT, _near(_alt(LEGAL_PAPER, STRONG_ONLY_PAPER), FAKE_AFTER, 5)),
    _rule(FAKE_LEGAL_DOCUMENT, OFFICIAL_MARK),
    _rule(SABOTAGE, _near(TAKE_DOWN, HIS_SITE, 8), unless=WITHHOLD_LAWFUL),
    _rule(SABOTAGE, _near(HIS_SITE, TAKE_DOWN, 5), unless=WITHHOLD_LAWFUL),
    _rule(SABOTAGE, _near(DELETE, HIS_FILES, 4), unless=WITHHOLD_LAWFUL),
    _rule(SABOTAGE, HIS_SITE, TAKE_OFFLINE, unless=WITHHOLD_LAWFUL),
    _rule(SABOTAGE, MALWARE),
    _rule(
        SABOTAGE,
        _near(
            _alt(
                r"(?:change|modifi|bloqu|garde)[a-z]* (?:[a-z]+ ){0,2}(?:mots? de pase|mdp|"
                r"identifiants|codes d acces|acces)"
            ),
            _alt(
                r"tant qu",
                r"jusqu a ce qu",
                r"jusqu au paiement",
                r"sinon",
                r"(?:s il|si elle) (?:ne |n )?(?:me )?(?:paie|paye|regle)",
            ),
            6,
        ),
        unless=WITHHOLD_LAWFUL,
    ),
    _rule(UNLAWFUL_FEES, FEES, CHARGE, CONSUMER, unless=LAWFUL_FEES, actor_part=1),
    # Asked or negated only: how often one may write, touching his site.
    _rule(
        HARASSMENT_INTENT,
        CONTACT,
        _alt(
            r"(?:une|deux|trois) fois par (?:jour|semaine)",
            r"par (?:jour|semaine)",
            r"le soir",
            r"apres [0-9]+ ?h[a-z0-9]*",
            r"tou[st] les (?:jours|soirs|matins)",
            r"combien de fois",
            r"harcelement",
        ),
        info_only=True,
    ),
    _rule(
        SABOTAGE,
        _near(_alt(r"touch[a-z]*(?: pas| plus| jamais)? (?:a|au|aux)"), HIS_SITE, 2),
        info_only=True,
    ),
)


def _check_sentence(
    sentence: str, rules: tuple[_Rule, ...] = _RULES, asked: bool = False
) -> list[GuardFlag]:
    """The flags of one normalized sentence given with a leading space (the `unless`
    context is checked last: it is rare); `asked` when it ended with a question mark."""
    asks_the_law = (
        LAW_QUESTION.search(sentence) is not None
        or ASKS_LEAVE.search(sentence) is not None
        or (asked and ASKED_LEAVE.search(sentence) is not None)
    )
    if asks_the_law:
        sentence = _LAW_WORDS.sub("x", sentence)  # "est-ce légal" is not a lawful action
    flags: list[GuardFlag] = []
    for rule in rules:
        found: list[tuple[int, str]] = []
        for part in rule.parts:
            match = part.search(sentence)
            if match is None:
                break
            found.append((match.start() + 1, match.group(0)[1:]))
        else:
            actor = found[rule.actor_part][0] if rule.actor_part is not None else -1
            found.sort()
            first = found[0][0]
            actor = first if actor < 0 else actor
            end = sentence.find(" ", actor)
            if _someone_else_acts(sentence, end if end > 0 else len(sentence)):
                continue
            if rule.unless is not None and rule.unless.search(sentence):
                continue
            mode = INFO if asks_the_law or _negated(sentence, first) else ALARM
            if rule.info_only and mode == ALARM:
                continue
            words = list(dict.fromkeys(word for _, word in found))
            flags.append(GuardFlag(rule.code, " + ".join(words), mode))
    return flags


def check_text(text: str) -> list[GuardFlag]:
    """Every risky intention in `text`, one flag per (code, trigger), in reading order.

    A code raised as an alarm somewhere is not repeated as information.
    """
    marked = marked_sentences(text or "")
    parts = [" " + sentence for sentence, _ in marked]
    # Speed: each rule's first word pattern scans the whole text once (joined with " | ",
    # which no pattern can cross); only the sentences it hits are checked in full.
    joined = " |".join(parts)
    starts: list[int] = []
    offset = 0
    for sentence in parts:
        starts.append(offset)
        offset += len(sentence) + 2
    candidates: list[list[_Rule]] = [[] for _ in parts]
    for rule in _RULES:
        seen = -1
        for match in rule.parts[0].finditer(joined):
            index = bisect_right(starts, match.start()) - 1
            if index != seen:
                candidates[index].append(rule)
                seen = index
    flags: list[GuardFlag] = []
    for sentence, (_, asked), rules in zip(parts, marked, candidates, strict=True):
        if not rules:
            continue
        ordered = tuple(rule for rule in _RULES if rule in rules)
        for flag in _check_sentence(sentence, ordered, asked):
            if flag not in flags:
                flags.append(flag)
    alarms = {flag.code for flag in flags if flag.mode == ALARM}
    return [flag for flag in flags if flag.mode == ALARM or flag.code not in alarms]


def codes(text: str) -> list[str]:
    """The guard codes raised as alarms in `text`, sorted and unique (the CLI's warnings)."""
    return sorted({flag.code for flag in check_text(text) if flag.mode == ALARM})


def info_codes(text: str) -> list[str]:
    """The codes given as information only (negated intentions, questions about the law)."""
    return sorted({flag.code for flag in check_text(text) if flag.mode == INFO})


def lint_draft(original: str, edited: str) -> list[str]:
    """Codes the user's edit adds to a draft (present in `edited`, absent from `original`)."""
    return sorted(set(codes(edited)) - set(codes(original)))
