"""Words read by `bot.domain.understand` (data only): SMS spellings, key words whose
typos are corrected, and the everyday words that are never a client's name."""

from __future__ import annotations

# SMS / phone spellings, one token → its plain words.
SMS: dict[str, str] = {
    "jai": "j ai", "g": "j ai", "ja": "j ai", "jlai": "je l ai", "jlui": "je lui", "jle": "je le",
    "jla": "je la", "jfais": "je fais", "jfai": "je fais", "jdois": "je dois",
    "jvais": "je vais", "jvai": "je vais", "jv": "je vais", "jsuis": "je suis",
    "chui": "je suis", "kil": "qu il", "kel": "qu elle", "ki": "qui", "ke": "que", "koi": "quoi",
    "quoa": "quoi", "kwa": "quoi", "kan": "quand", "qd": "quand", "pk": "pourquoi",
    "pq": "pourquoi", "bcp": "beaucoup", "tt": "tout", "ds": "dans", "pr": "pour",
    "ajd": "aujourd hui", "auj": "aujourd hui", "aujourdhui": "aujourd hui",
    "aujourdui": "aujourd hui", "dem1": "demain", "dmain": "demain", "2main": "demain",
    "mrc": "merci", "mci": "merci", "mercii": "merci", "slt": "salut", "bjr": "bonjour",
    "bsr": "bonsoir", "cc": "coucou", "stp": "s il te plait", "svp": "s il vous plait",
    "tel": "telephone", "tph": "telephone", "txt": "texto", "sms": "sms", "msg": "message",
    "mel": "mail", "email": "mail", "emails": "mail", "mails": "mail", "courriel": "mail",
    "vir": "virement", "vrmt": "virement", "ct": "c etait", "c": "c est", "cst": "c est",
    "mtn": "maintenant", "mnt": "maintenant", "jsp": "je sais pas", "ptet": "peut etre",
    "pcq": "parce que", "psk": "parce que", "pck": "parce que", "dc": "donc", "ms": "mais",
    "nn": "non", "ouai": "oui", "ouais": "oui", "wi": "oui", "vs": "vous", "ns": "nous",
    "tjs": "toujours", "tjrs": "toujours", "tjr": "toujours", "ya": "il y a", "pa": "pas",
    "rdv": "rendez vous", "med": "mise en demeure", "lrar": "lrar", "ok": "ok", "oki": "ok",
    "okay": "ok", "dac": "d accord", "dacc": "d accord", "daccord": "d accord",
    "payé": "paye", "payer": "payer", "pay": "paye", "payee": "paye", "payes": "paye",
    "payees": "paye", "reglee": "regle", "regles": "regle", "reglees": "regle",
    "viree": "vire", "versee": "verse", "recue": "recu", "recus": "recu", "envoyee": "envoye",
    "envoyes": "envoye", "appele": "appele", "appelee": "appele", "relancee": "relance",
    "relances": "relance", "facturee": "facture", "eu": "eu",
    "quil": "qu il", "quils": "qu ils", "kils": "qu ils", "cest": "c est",
    "ta": "t a", "jen": "j en", "jy": "j y", "jpeux": "je peux",
    "jpense": "je pense", "jcrois": "je crois", "jsais": "je sais", "jveux": "je veux",
    "linstant": "l instant", "lai": "l ai", "yen": "il y en", "qqch": "quelque chose",
    "qq": "quelques", "qqs": "quelques", "tkt": "t inquiete", "dsl": "desole", "mm": "meme",
    "vrm": "vraiment", "biensur": "bien sur", "paiment": "paiement",
    "paimen": "paiement", "payment": "paiement", "virment": "virement", "virrement": "virement",
    "facutre": "facture", "fature": "facture", "reglé": "regle",
    "paid": "paye", "sorry": "desole", "btw": "au fait", "fyi": "pour info",
    "nrp": "ne repond pas", "quon": "qu on", "jviens": "je viens", "jvois": "je vois",
    "jpaye": "je paye", "jte": "je te", "jvous": "je vous", "today": "aujourd hui",
    "bjour": "bonjour", "nan": "non", "nb": "nombre", "stoppe": "stop", "stopper": "stop",
    "annul": "annule", "cmb": "combien", "cbn": "combien", "pkoi": "pourquoi",
    "qqn": "quelqu un", "mtnt": "maintenant", "rep": "reponse", "fb": "facebook",
    "insta": "instagram", "wa": "whatsapp", "whatsap": "whatsapp", "watsap": "whatsapp",
    "wtsp": "whatsapp", "thx": "merci", "jl": "je l", "jm": "je m", "lavais": "l avais",
    "lavait": "l avait", "javais": "j avais", "pb": "probleme", "pbs": "problemes",
    "treso": "tresorerie", "quest": "qu est", "kelle": "qu elle", "kelles": "qu elles",
    "vocal": "vocal", "followup": "follow up",
}  # fmt: skip

# Key words a one-letter typo of which is read as the word (tokens of 5+ letters).
KEY_WORDS: tuple[str, ...] = (
    "virement", "paiement", "payement", "reglement", "versement", "cheque",
    "relance", "relancer", "relancee", "recommande", "recommandee", "courrier", "telephone",
    "telephoner", "appele", "appeler", "rappele", "echeancier", "echelonner", "mensualites",
    "conteste", "contester", "contestation", "difficultes", "tresorerie", "penalites",
    "interets", "dossier", "dossiers", "facture", "factures", "prochaine", "maintenant",
    "demeure", "bonjour", "bonsoir", "merci", "semaine", "demain", "vendredi", "mercredi",
    "samedi", "dimanche", "janvier", "fevrier", "juillet", "septembre", "octobre",
    "novembre", "decembre", "refuse", "impaye", "nouveau", "nouvelle", "annuler",
    "comment", "combien", "encaisse", "lundi", "mardi", "jeudi", "avril",
)  # fmt: skip

# Weekday and month names (a typo of one is corrected before dates are read).
_DATE_NAMES_TEXT = """
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier avril juillet
    septembre octobre novembre decembre
    """
DATE_NAMES = frozenset(_DATE_NAMES_TEXT.split())

# Past participles whose feminine and plural forms are read as the participle ("postée",
# "reçues"): the patterns name the participle once.
_PARTICIPLES_TEXT = """
    paye regle vire verse solde rembourse envoye poste expedie depose adresse transmis emis
    execute effectue initie ordonne programme planifie prevu valide traite recu encaisse
    credite arrive tombe passe appele rappele relance contacte telephone laisse rempli
    complete honore annule livre termine fini signe accepte parti fait
    refuse conteste alle
    """
PARTICIPLES = frozenset(_PARTICIPLES_TEXT.split())

# Capitalised words that are not a client's name (folded, lower case).
_NOT_NAMES_TEXT = """
    il elle ils elles on je j nous vous tu t le la les l un une des du de d ce cet cette ces
    c ca ça mon ma mes son sa ses leur leurs notre nos votre vos et ou mais donc or ni car
    si quand comme pour par avec sans sur sous chez dans en au aux a y est ai as ont avons
    bonjour bonsoir salut coucou hello hey merci super top ok oui non cool parfait bien
    madame monsieur mme mr m mlle messieurs mesdames cher chere chers cordialement bien
    salutations sincerement dear hi bonne bon belle excellente tres vraiment
    facture factures dossier dossiers client cliente clients relance mail email sms lrar ar
    rar ht ttc tva rib iban sepa cb paypal lydia qonto stripe sumup whatsapp telegram
    linkedin gmail outlook google facebook instagram messenger signal teams slack malt
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre aujourd hier demain
    combien comment pourquoi quoi que qu qui quel quelle quels quelles ou
    virement paiement cheque acompte reglement versement mise demeure
    aide annule annuler stop help re voici voila enfin alors bref finalement apres avant
    encore toujours deja desole desolee excusez pardon suite concernant objet ref re fwd tr
    pouvez pourriez pourrions pouvons pourrait pourra auriez avez etes sommes allons devons
    voulons aurions serions faites pouvez-vous pourriez-vous veuillez serait est-ce estce
    peux puis-je puisje je fais
    nouveau nouvelle mes montre liste prochaine etape laisse tomber rien
    ok okay daccord euh bah ben bref ah oh eh hé he lol mdr ptdr
    promis payé paye payer payera paiera reglera reglerons paierons
    eur euros euro j'ai jai g
    med mad lr lre ar
    """
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())

# Everyday words that are never a client's name typed in lower case ("dupuis ma payé":
# "dupuis" is not in here nor in the patterns above, so it is read as the name).
_COMMON_TEXT = """
    moi toi lui eux elle elles nous vous se me te ne pas plus rien tout tous toute toutes
    bon bonne bien mal tres trop peu beaucoup assez aussi encore deja toujours jamais
    enfin alors puis ensuite apres avant pendant depuis hier demain soir matin midi nuit
    jour jours semaine semaines mois an ans annee fois heure heures minute instant moment
    fin debut mi prochain prochaine dernier derniere passe passee cette cet ces ce
    est sont etait etaient sera seront serait ete etre avoir ai as a avons avez ont avait
    fait faire fais font dit dire dis disent va vais vont aller alle allee viens vient
    peut peux pouvons peuvent veut veux voulons veulent doit dois devons doivent
    sais sait savoir vois voit voir vu mis mettre pris prendre donne donner
    oui non si ok merci stp svp salut bonjour bonsoir coucou hello hey yo
    euro euros eur balles boules k ht ttc tva facture factures montant somme total reste
    pile juste exactement environ presque seulement sans faute sur compte banque
    vla voila voici bref genre grave vraiment franchement quand meme comme ca
    truc machin chose gars mec type nana dame monsieur madame client cliente clients
    boite societe entreprise agence studio salon marche bureau magasin atelier
    au juste tard tot vite rapidement bientot maintenant la ici
    mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
    qui que quoi quel quelle quels quelles dont ou quand comment pourquoi combien
    et ou mais donc or ni car avec pour par chez dans en entre vers contre sous sur de du des
    le la les l un une d c j m n s t y qu il ils on je tu
    message mail sms texto appel lettre courrier recommande relance rappel
    pense crois trouve semble parait ecrit envoye recu paye regle vire
    notification emetteur libelle reference operation credit debit entrant sortant
    ferme amiable gentille douce cordiale courtoise premiere seconde derniere coworking
    simple reunion pizzeria comptable compta
    inutile possible impossible normal urgent important premier premiere deuxieme
    partie site logo photos travail prestation devis commande livraison projet
    pouvoir devoir vouloir recevoir attendre prendre rendre mettre venir partir sortir finir
    jusqu lorsqu puisqu quelqu presqu
    zero un deux trois quatre cinq six sept huit neuf dix cent cents mille
    """
COMMON_WORDS = frozenset(_COMMON_TEXT.split())
