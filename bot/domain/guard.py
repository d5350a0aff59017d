"""The guard (DESIGN §7): spot risky intentions in the user's French free text.

An explainable rule set over normalized sentences (`bot.domain.normalize`): each rule is a
few word patterns that must all occur in one sentence (e.g. a verb of publishing + a
social network + a reference to the debtor), optionally cancelled by context words (a
lawful action, the spouse who does the accounting…). Every flag names the words that
triggered it. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.normalize import sentences

PUBLIC_SHAMING = "public_shaming"
THREAT = "threat"
HARASSMENT_INTENT = "harassment_intent"
THIRD_PARTY_CONTACT = "third_party_contact"
HOME_VISIT = "home_visit"
FAKE_LEGAL_DOCUMENT = "fake_legal_document"

GUARD_CODES: tuple[str, ...] = (
    THREAT,
    FAKE_LEGAL_DOCUMENT,
    PUBLIC_SHAMING,
    HARASSMENT_INTENT,
    HOME_VISIT,
    THIRD_PARTY_CONTACT,
)

# Legal basis of each code (LAW.md §7).
GUARD_REFERENCES: dict[str, str] = {
    PUBLIC_SHAMING: "loi du 29 juillet 1881, art. 29 et 32 ; art. 1240 C. civ.",
    THREAT: "art. 312-10 C. pén.",
    HARASSMENT_INTENT: "art. 222-33-2-2 et 222-16 C. pén.",
    THIRD_PARTY_CONTACT: "art. 222-33-2-2 C. pén.",
    HOME_VISIT: "art. 222-33-2-2 C. pén.",
    FAKE_LEGAL_DOCUMENT: "art. 433-13 C. pén.",
}


@dataclass(frozen=True)
class GuardFlag:
    """One risky intention found: its code and the words that triggered it."""

    code: str
    trigger: str


@dataclass(frozen=True)
class _Rule:
    code: str
    parts: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None


_SQUEEZE_SOURCE = re.compile(r"(?<!\\)([a-z])\1+")


def _alt(*words: str) -> str:
    """A regex alternation written in plain French, squeezed like the normalized text."""
    return "(?:" + "|".join(_SQUEEZE_SOURCE.sub(r"\1", w) for w in words) + ")"


def _word(pattern: str) -> re.Pattern[str]:
    """`pattern` as whole words of a normalized sentence."""
    return re.compile(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])")


def _near(first: str, second: str, gap: int) -> str:
    """`first` followed by `second` with at most `gap` words between them."""
    return rf"{first}(?: [a-z0-9]+){{0,{gap}}} {second}"


def _rule(code: str, *parts: str, unless: str | None = None) -> _Rule:
    return _Rule(code, tuple(_word(p) for p in parts), _word(unless) if unless else None)


# --- vocabulary (plain French; double letters are squeezed at compile time) ---------

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
    "judiciaire",
    "cerfa",
    "petites creances",
    "prud[a-z]*",
    "legal[a-z]*",
    "loi",
)

# Public shaming: publishing + a public venue + the debtor.
PUBLISH = _alt(
    "balanc[a-z]*",
    "post[a-z]*",
    "publi[a-z]*",
    "affich[a-z]*",
    "expos[a-z]*",
    "denonc[a-z]*",
    "partag[a-z]*",
    "gril[a-z]*",
    "cram[a-z]*",
    "tag[a-z]*",
    "identifi[a-z]*",
    "tweet[a-z]*",
    "twit[a-z]*",
    "racont[a-z]*",
    "signal[a-z]*",
    "humili[a-z]*",
    "ridiculis[a-z]*",
    "tourn[a-z]*",
    "nomm[a-z]*",
    "cit[a-z]*",
    "diffus[a-z]*",
    "relay[a-z]*",
    "epingl[a-z]*",
    "mentionn[a-z]*",
    "coller",
    "colle",
    "comment[a-z]*",
    "page",
    "buzz",
    "mettre",
    "mets",
    "met",
    "mettrai[a-z]*",
    "ecrire",
    "ecri[rsv][a-z]*",
    "video",
    "story",
    "stories",
    "thread",
    "article",
    "avis",
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
    "trustpilot",
    "malt",
    "google",
    "forum[a-z]*",
    "groupe[a-z]*",
    "reseau[x]?",
    "rs",
    "internet",
    "le net",
    "web",
    "story",
    "stories",
    "thread",
    "sur x",
    "publiquement",
    "en public",
    "partout",
    "tout le monde",
    "ma communaute",
    "mes abonnes",
    "mes followers",
    "pages jaunes",
    "mur",
    "blog",
    "mon compte",
    "ma page",
    "whatsap[a-z]*",
    "telegram",
    "discord",
    "slack",
    "google maps",
    "avis google",
    "publications",
    "commentaires?",
    "en ligne",
)
DEBTOR = _alt(
    rf"(?:l|le|la|les|lui|vous|te|t) {PUBLISH}",
    r"(?:son|sa|ses|votre|vos|ton|ta|tes) (?:nom|boite|entreprise|societe|agence|photo|"
    r"coordonnees|numero|"
    r"adresse|messages|dette|facture|factures|page|fiche|compte|tete|gueule)",
    r"(?:nos|ses|les|des) (?:echanges|conversations|screens?|captures?|screenshots?|sms)",
    r"la facture",
    r"le montant",
    r"(?:ce|cette|cet) (?:client[a-z]*|mec|gars|type|rat|bouffon|boite|entreprise|societe|"
    r"agence|escroc|arnaqueur|voleur|mauvais payeur|connard|clown)",
    r"escroc[a-z]*",
    r"arnaqu[a-z]*",
    r"voleur[a-z]*",
    r"mauvais payeur[s]?",
    r"mauvaispayeur",
    r"(?:le|la|les) nom(?:mant|mer|me)",
    r"sur (?:lui|elle|eux)",
    r"qu (?:il|elle|ils) (?:ne )?(?:paie|paye|paient|payent|rembourse)[a-z]* pas",
    r"balancetonclient",
    r"(?:l|le|la) (?:humili|ridiculis)[a-z]*",
)
OWN_CONTENT = _alt(
    "sans citer",
    "sans nommer",
    "sans nom",
    "anonym[a-z]*",
    "en general",
    "mes tarifs",
    "mon portfolio",
    "mon profil",
    "mes conseils",
    "mes services",
    "mon offre",
)
SHAME_PHRASES = _alt(
    "name and shame",
    "name shame",
    "mur de la honte",
    "mauvaise pub",
    r"(?:denonc|affich|expos|humili|ridiculis|nom)[a-z]* (?:[a-z]+ ){0,2}"
    r"(?:publiquement|en public)",
    r"(?:sale|mauvaise) (?:reputation|pub|publicite)",
    r"bad buz[z]?",
    r"(?:page|groupe|compte|liste) (?:[a-z]+ ){0,3}mauvais payeurs",
    r"mauvaispayeur",
    r"balancetonclient",
    r"(?:mauvais|sale|gros|faux) avis",
    r"avis (?:[a-z]+ ){0,2}(?:negatif[s]?|sale|pourri|"
    r"incendiaire|assassin|(?:1|une) etoile)",
    r"(?:1|une|0|zero) etoile[s]?",
    r"(?:1|0) sur 5",
    r"(?:cram|ruin|detrui|pourri|sali|flingu|nique|coul|bousill)[a-z]* (?:sa|son|leur) "
    r"(?:e )?(?:reputation|note|fiche|image|nom)",
)
WARN_PUBLIC = _near(
    _alt(
        "prevenir",
        "previen[a-z]*",
        "avertir",
        "averti[a-z]*",
        "mettre en garde",
        "dire a",
        "dirai a",
        "informer",
    ),
    _alt(
        "freelance[s]?",
        "independants",
        "communaute",
        "abonnes",
        "followers",
        "mon reseau",
        "tout le monde",
        "la profession",
        "les autres",
    ),
    4,
)

# Threats: violence, intimidation, blackmail. Lawful action is never a threat.
VIOLENCE = _alt(
    r"(?:casser|case|peter|pete|defoncer|exploser|eclater|refaire|nique[a-z]*|demont[a-z]*|"
    r"arach[a-z]*|fracas[a-z]*) (?:la|sa|ta|leur) (?:gueule|tete|face|tronche|figure|bouche)",
    r"(?:casser|case|peter|defonc[a-z]*|saccag[a-z]*|vandalis[a-z]*|rayer|raye) "
    r"(?:sa|son|ses|ta|ton|tes|leur) "
    r"(?:voiture|bagnole|caisse|vitres?|local|bureau|boutique|maison|materiel|scooter|moto)",
    r"raclee[s]?",
    r"rouste[s]?",
    r"baf+e[s]?",
    r"gifle[s]?",
    r"mandale[s]?",
    r"torgnole[s]?",
    r"beigne[s]?",
    r"coups? de (?:poing|pied|boule|tete|batte)",
    r"pain dans la gueule",
    r"(?:le|la|les|te|vous) menac[a-z]*",
    r"(?:avec|par) des menaces",
    r"fair[a-z]* chanter",
    r"chantage",
    r"fai[a-z]* la misere",
    r"sa douleur",
    r"va[s]? souffrir",
    r"ocup[a-z]* de (?:lui|toi|son cas|elle) personel[a-z]*",
    r"regret[a-z]* d etre ne",
    r"(?:lui|te|leur) en (?:coller|colle|mettre|mets|foutre|fous|"
    r"retourner|retourne) une",
    r"(?:faire|fais|ferai|fait) (?:un|une) (?:scandale|esclandre)",
    r"pas[a-z]* l envie",
    r"(?:casser|peter|briser) (?:les|ses|tes) (?:jambes|genoux|dents|bras|doigts)",
    "casser la gueule",
    r"(?:defonc|tabass|cogn|lyncha|massacr)[a-z]*",
    r"(?:le|la|te|les) (?:buter|bute|tuer|tue)",
    r"faire la peau",
    r"crev[a-z]* (?:[a-z]+ ){0,2}pneus",
    r"ray[a-z]* (?:[a-z]+ ){0,2}(?:voiture|bagnole|caisse)",
    r"(?:fout[a-z]*|mettre|mets) le feu",
    r"(?:cram|brul)[a-z]* (?:sa|son|ta|ton|leur) "
    r"(?:voiture|bagnole|caisse|maison|local|bureau|boutique)",
    r"a l ancienne",
    r"entre hommes",
    r"faire peur",
    r"fais peur",
    r"lui foutre la trouille",
    r"envoy[a-z]* (?:mes|des|deux|quelques) (?:cousins|gars|potes|amis|mecs|freres|types|"
    r"costauds|gros bras)",
    r"(?:mes|des) (?:cousins|gros bras|costauds) (?:[a-z]+ ){0,2}(?:le |la |lui )?"
    r"(?:voir|rendre visite|passer)",
    r"je sais ou (?:tu|il|elle|vous) (?:habite[a-z]*|vi[st]|vivez|dor[a-z]*)",
    r"je sais ou (?:habite|vit)",
    r"de quoi je suis capable",
    r"ce qui va (?:t|lui|vous) arriver",
    r"(?:il|tu) va[s]? lui arriver",
    r"je connais du monde",
    r"je connais des gens",
)
INTIMIDATION = _alt(
    r"(?:vas|va|vont|allez|aller|vais) (?:le |la |les )?regret[a-z]*",
    r"regretera[s]?",
    r"fai[st] gaf[a-z]*",
    r"fai[st] (?:bien )?atention a (?:toi|vous)",
    r"(?:ca|sa|cela) (?:va|risque de) (?:tres |vraiment |super )?mal (?:finir|se pas[a-z]*|"
    r"tourner)",
    r"payer cher",
    r"paiera cher",
    r"(?:gros|graves|serieux) problemes",
    r"tu vas voir ce",
    r"il va voir ce",
    r"en entendre parler",
    r"fai[a-z]* regret[a-z]*",
    r"(?:a|as|avez|ont) interet a",
    r"pour de vrai",
    r"(?:dis|dire|dirai|racont[a-z]*|balanc[a-z]*|revel[a-z]*) tout",
    r"tout (?:dire|raconter|balancer|reveler)",
)
BLACKMAIL = _alt(
    r"sinon je (?:[a-z]+ ){0,2}(?:dis|dirai|revele[a-z]*|raconte[a-z]*|balance[a-z]*|"
    r"denonce[a-z]*|previen[a-z]*|publie[a-z]*)",
    r"(?:dire|dis|dirai|revel[a-z]*|racont[a-z]*|balanc[a-z]*|denonc[a-z]*|signal[a-z]*) "
    r"(?:[a-z]+ ){0,5}(?:au fisc|aux impots|a l urssaf|a l inspection|aux flics|a la police|"
    r"ses magouilles|ses combines|ses photos|son ex|ses secrets|ce que je sais|en douce|au noir|"
    r"qu il la trompe|qu elle le trompe|sa maitresse|son amant)",
    r"(?:au fisc|aux impots|a l urssaf) (?:[a-z]+ ){0,4}(?:magouilles|au noir|fraude)",
    r"(?:previen[a-z]*|prevenir|signal[a-z]*|denonc[a-z]*|alert[a-z]*|balanc[a-z]*) "
    r"(?:le|la|les|l) (?:fisc|impots|urssaf|flics|police|inspection du travail)",
    r"(?:bosse|travaille|travail|paye|paie)[a-z]* (?:au|en) (?:noir|black)",
)

# Harassment: contact verbs + an abusive frequency or hour; flooding words.
CONTACT = _alt(
    r"r?apel[a-z]*",
    r"telephon[a-z]*",
    r"sonner",
    r"bip[a-z]*",
    r"relanc[a-z]*",
    r"ecri[a-z]*",
    r"envoy[a-z]*",
    r"spam[a-z]*",
    r"text[a-z]*",
    r"contact[a-z]*",
    r"harcel[a-z]*",
    r"mailer",
    r"whatsaper",
)
FREQUENCY = _alt(
    r"tou[st] les (?:jours|soirs|matins|nuits|heures)",
    r"toute[s]? la (?:journee|nuit)",
    r"chaque (?:jour|heure|soir|nuit|matin|minute)",
    r"toutes les (?:heures|nuits|minutes|[0-9]+ ?(?:minutes|min|mn|heures|h|secondes|s))",
    r"h24",
    r"jour et nuit",
    r"nuit et jour",
    r"la nuit",
    r"de nuit",
    r"pleine nuit",
    r"milieu de la nuit",
    r"du matin",
    r"minuit",
    r"en boucle",
    r"sans arret",
    r"non stop",
    r"nonstop",
    r"matin midi et soir",
    r"a (?:[0-5]|2[2-3]) ?h[a-z0-9]*",
    r"[0-9]+ fois par (?:jour|heure|minute)",
    r"(?:[1-9][0-9]+|cent|mile|milles) fois",
    r"[0-9]+ (?:mails|sms|messages|apels|textos|relances) par (?:jour|heure)",
    r"meme le (?:dimanche|samedi|week end)",
    r"le dimanche",
    r"a l usure",
    r"toutes les (?:deux|trois|quatre|cinq|dix|quinze|vingt|trente|demi) (?:minutes|min|heures|h)",
    r"tard le soir",
    r"le soir tard",
    r"tard dans la nuit",
    r"tres tot",
    r"a l aube",
    r"tous les week ends",
    r"numero[s]? (?:masque|cache)[s]?",
    r"plusieurs fois par jour",
)
FLOOD = _alt(
    r"harcel(?:er|e|es|ent|erai[st]?|erons|erez|eront|ez)",
    r"spam(?:er|e|es|erai[st]?)?",
    r"bombard[a-z]*",
    r"inond[a-z]*",
    r"pourri[a-z]* (?:la|sa) vie",
    r"saoul[a-z]*",
    r"soul(?:er|e|erai[st]?)",
    r"noy[a-z]* (?:sous|de)",
    r"submerg[a-z]*",
    r"(?:vivre|faire) (?:un|l) enfer",
    r"rendre (?:la vie )?(?:imposible|infernale)",
    r"rendre (?:fou|folle|dingue|chevre)",
    r"(?:[1-9][0-9]+|cent|mile|des dizaines de|des centaines de) (?:messages|mails|sms|apels|"
    r"vocaux|textos|relances|coups de fil|coups de telephone)",
    r"jusqu a ce qu (?:il|elle|ils) (?:craque|cede|pete)[a-z]*",
    r"traqu[a-z]*",
    r"satur[a-z]*",
    r"a force de (?:l |le |la |lui )?(?:r?apel|relanc|ecri|texto|spam)[a-z]*",
)

# Third parties: a contact verb + someone close to the debtor (not the accounting).
TELL = _alt(
    r"r?apel[a-z]*",
    r"telephon[a-z]*",
    r"contact[a-z]*",
    r"previen[a-z]*",
    r"prevenir",
    r"ecri[a-z]*",
    r"envoy[a-z]*",
    r"dire",
    r"dis",
    r"dirai[st]?",
    r"racont[a-z]*",
    r"inform[a-z]*",
    r"parler",
    r"parle",
    r"voir",
    r"mail[a-z]*",
    r"texter",
    r"alert[a-z]*",
    r"aler trouver",
    r"demand[a-z]*",
    r"joindre",
    r"sollicit[a-z]*",
    r"interpel[a-z]*",
    r"courier",
    r"lettre",
)
THIRD = _alt(
    r"(?:son|sa|ses|leur|leurs|votre|vos|ton|ta|tes) "
    r"(?:ex |anciens? |ancienne[s]? |nouveau |nouvel |nouvelle |futur |)"
    r"(?:patron|patrone|patrons|boss|employeur[s]?|ex|chef|manager|rh|drh|"
    r"femme|mari|epouse|epoux|compagne|compagnon|copine|copain|conjoint|conjointe|mere|pere|"
    r"parents|famille|frere|soeur|freres|soeurs|enfants|gosses|fils|fille|cousin|cousine|"
    r"oncle|tante|grand mere|grand pere|beaux parents|belle mere|beau pere|belle famille|"
    r"beau frere|belle soeur|voisin|voisins|voisine|colegue|colegues|client|"
    r"clients|fournisseur|fournisseurs|salaries|employes|banquier|proprio|proprietaire|"
    r"amis|potes|entourage|proches)",
    r"(?:aux|les|des|ses) (?:clients|fournisseurs|salaries|employes|partenaires) "
    r"(?:de|d) (?:sa|son|leur) (?:boite|entreprise|societe|agence|magasin|restaurant)",
    r"ou (?:il|elle) (?:bosse|travaille|travail|taf)",
    r"(?:la boite|l entreprise|la societe) (?:ou|pour laquelle) (?:il|elle) "
    r"(?:bosse|travaille)",
)
ROLE = _alt(
    r"gere[a-z]*",
    r"s ocup[a-z]*",
    r"c est (?:lui|elle) qui",
    r"qui (?:fait|signe|paie|regle)",
    r"compta[a-z]*",
    r"tresorerie",
    r"virement[s]?",
)
TELL_BACK = _alt(
    r"(?:l|la|le|les|lui|leur) (?:r?apel[a-z]*|contact[a-z]*|ecri[a-z]*|previen[a-z]*|"
    r"prevenir|telephon[a-z]*)",
    r"au courant",
    r"(?:sera|seront|va etre|vont etre) (?:prevenu|informe|contacte|averti|alerte)[a-z]*",
)

# Home visits: going to or waiting at the debtor's home.
GO = _alt(
    r"aler",
    r"(?:vais|irai|va|vas|allons) (?:chez|devant|en bas|sous|a son|a sa)",
    r"y vais",
    r"y aler",
    r"fai[a-z]* un tour",
    r"tap[a-z]*",
    r"siege",
    r"surprendre",
    r"coinc[a-z]*",
    r"pas[a-z]*",
    r"debarqu[a-z]*",
    r"point[a-z]*",
    r"rend[a-z]*",
    r"sonner",
    r"fraper",
    r"atend[a-z]*",
    r"camp[a-z]*",
    r"squat[a-z]*",
    r"plant[a-z]*",
    r"guet[a-z]*",
    r"venir",
    r"pied de grue",
    r"train[a-z]*",
    r"rod[a-z]*",
)
HOME = _alt(
    r"chez (?:lui|elle|eux|vous|toi|ce mec|ce type|ce gars|cette femme|ce client|le mec|le gars)",
    r"devant chez",
    r"en bas de chez",
    r"sortie de chez",
    r"domicile",
    r"(?:sa|votre|ta) (?:maison|porte)",
    r"son apart[a-z]*",
    r"sous ses fenetres",
    r"adres[a-z]* (?:perso|personele)",
    r"son imeuble",
    r"sa residence",
    r"son pavilon",
    r"son portail",
    r"son palier",
    r"sa boite aux letres",
    r"son jardin",
    r"sa rue",
    r"chez (?:sa|son|ses) (?:mere|pere|parents|femme|copine|famille|mari|copain)",
    r"(?:le|la|les) (?:voir|chercher|trouver|coincer|surprendre) (?:[a-z]+ ){0,2}"
    r"(?:a la maison|chez)",
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
    r"huisier[s]?",
    r"commissaire",
    r"signifi[a-z]*",
    r"envoy[a-z]*",
    r"recommande[a-z]*",
    r"mise en demeure",
    r"courier",
    r"siege social",
)

# Fake legal documents: faking, imitating or posing as a court officer.
FAKE = _alt(
    r"faux",
    r"fause[s]?",
    r"fose[s]?",
    r"faus",
    r"fake",
    r"bidon",
    r"imit[a-z]*",
    r"ressembl[a-z]*",
    r"contrefai[a-z]*",
    r"fabriqu[a-z]*",
    r"invent[a-z]*",
    r"bidouil[a-z]*",
    r"trafiqu[a-z]*",
    r"falsifi[a-z]*",
    r"comme si j etais",
    r"fai[a-z]* pas[a-z]* pour",
    r"faire croire",
    r"fai[st] croire",
    r"copi[a-z]*",
    r"semblant",
    r"usurp[a-z]*",
    r"pretend[a-z]*",
    r"(?:me|se) present[a-z]* comme",
    r"sign[a-z]* (?:[a-z]+ ){0,2}a (?:sa|leur) place",
    r"sign[a-z]* (?:[a-z]+ ){0,4}maitre",
    r"comme (?:un|si j etais|si c etait)",
    r"en signature",
    r"alors que (?:c est moi|je (?:ne )?suis pas)",
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
    r"assignation",
    r"acte[s]?",
    r"saisie",
    r"injonction",
    r"decision de justice",
    r"officiel[a-z]*",
    r"tampon",
    r"cachet",
    r"en tete",
    r"mise en demeure",
    r"gendarmerie",
    r"police",
    r"commandement[a-z]*",
    r"signification",
    r"ordonnance",
    r"proces verbal",
    r"sommation",
    r"greffe",
)
FAKE_AFTER = _alt(
    r"bidon",
    r"fake",
    r"falsifie[a-z]*",
    r"trafique[a-z]*",
    r"sign[a-z]* (?:[a-z]+ ){0,2}a (?:sa|leur) place",
    r"en signature",
    r"(?:que|qu) j ai (?:fait|faite|fabrique|bricole)[a-z]*",
)

OFFICIAL_MARK = _alt(
    r"(?:logo|tampon|sceau|cachet|en tete|armoiries) (?:du|de la|d un|de l|de) "
    r"(?:tribunal|justice|police|huissier|republique|ministere|etat)",
    r"marianne",
)

_RULES: tuple[_Rule, ...] = (
    _rule(PUBLIC_SHAMING, SHAME_PHRASES),
    _rule(PUBLIC_SHAMING, WARN_PUBLIC, unless=OWN_CONTENT),
    _rule(PUBLIC_SHAMING, PUBLISH, VENUE, DEBTOR, unless=OWN_CONTENT),
    _rule(THREAT, VIOLENCE),
    _rule(THREAT, BLACKMAIL),
    _rule(THREAT, INTIMIDATION, unless=LAWFUL),
    _rule(HARASSMENT_INTENT, FLOOD),
    _rule(HARASSMENT_INTENT, CONTACT, FREQUENCY),
    _rule(THIRD_PARTY_CONTACT, _near(TELL, THIRD, 5), unless=ROLE),
    _rule(THIRD_PARTY_CONTACT, _near(THIRD, TELL_BACK, 8), unless=ROLE),
    _rule(HOME_VISIT, GO, HOME, unless=WORK_VISIT),
    _rule(FAKE_LEGAL_DOCUMENT, _near(FAKE, LEGAL_PAPER, 6)),
    _rule(FAKE_LEGAL_DOCUMENT, _near(LEGAL_PAPER, FAKE_AFTER, 5)),
    _rule(FAKE_LEGAL_DOCUMENT, OFFICIAL_MARK),
)


def _check_sentence(sentence: str) -> list[GuardFlag]:
    flags: list[GuardFlag] = []
    for rule in _RULES:
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        found: list[str] = []
        for part in rule.parts:
            match = part.search(sentence)
            if match is None:
                break
            if match.group(0) not in found:
                found.append(match.group(0))
        else:
            flags.append(GuardFlag(rule.code, " + ".join(found)))
    return flags


def check_text(text: str) -> list[GuardFlag]:
    """Every risky intention in `text`, one flag per (code, trigger), in reading order."""
    flags: list[GuardFlag] = []
    for sentence in sentences(text or ""):
        for flag in _check_sentence(sentence):
            if flag not in flags:
                flags.append(flag)
    return flags


def codes(text: str) -> list[str]:
    """The guard codes found in `text`, sorted and unique."""
    return sorted({flag.code for flag in check_text(text)})


def lint_draft(original: str, edited: str) -> list[str]:
    """Codes the user's edit adds to a draft (present in `edited`, absent from `original`)."""
    return sorted(set(codes(edited)) - set(codes(original)))
