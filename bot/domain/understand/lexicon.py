"""Word lists and phrase patterns read by `bot.domain.understand` (data only, no logic).

Patterns are regular expressions over the *folded* text: lower case, no accents, every
non-alphanumeric character a single space, SMS spellings expanded and near-misses of the
key words corrected (see `folding.fold_words`). "paye" therefore stands for both "paye" and
"payé"; tense is told by the auxiliary around it.
"""

from __future__ import annotations

# Intent patterns: any match votes for the intent. Order inside a list does not matter.
_PAY_VERB = r"(?:paye|regle|vire|verse|solde|rembourse|crache|raque|casque)"
_PAY_NOUN = (
    r"(?:virement|vir|paiement|payement|reglement|versement|cheque|acompte|argent|sous|"
    r"thune|fric|tune|somme|montant|solde|virements|paiements|cb|paypal|lydia)"
)
# Doing something with the money: "faire le virement", "lancer le paiement", "déposer le chèque".
_PAY_ACT = (
    r"(?:fais|fait|faisait|faire|lance|lancer|lancait|envoie|envoyer|envoyait|emets|emet|"
    r"emettre|effectue|effectuer|depose|deposer|apporte|apporter|donne|donner|poste|poster|"
    r"passe|passer|ordonne|ordonner|declenche|declencher|debloque|debloquer) "
    r"(?:te |vous |lui |me |)(?:(?:le |la |l |un |une |son |sa |ton |ta |votre |notre |leur |"
    r"mon |ce |les )?(?:virement|paiement|reglement|versement|cheque|solde|reste|somme|"
    r"totalite|integralite|acompte|argent|sous|liquide|especes|paypal|lydia|wero)\b|ca\b|"
    r"cela\b)"
)
# "arrivé", "tombé", "passé" (the reader tells the present "arrive demain" by the accent).
_ARRIVED = r"(?:arrive|tombe|passe)"
# What is received and is not money: "j'ai reçu son mail", "reçu un colis".
_NOT_MONEY = (
    r"(?:mail|mails|message|messages|sms|texto|appel|coup de fil|courrier|lettre|reponse|retour|"
    r"colis|devis|commande|rdv|rendez vous|invitation|facture|avis de passage|coup de telephone|"
    r"accuse|nouvelles|explication|explications|excuses|menace|menaces|vocal)\b"
)
# Not after an auxiliary or an adverb of a done thing: "il a payé mardi" is no promise.
_NOT_DONE = (
    r"(?<!\ba )(?<!\bai )(?<!\bont )(?<!\bavons )(?<!\bavez )(?<!\bavoir )(?<!\bete )"
    r"(?<!\best )(?<!\bsont )(?<!\btout )(?<!\bavait )(?<!\bavaient )(?<!\bdeja )(?<!\bbien )"
    r"(?<!\benfin )"
)
# What the freelancer delivered (a dispute judges it: "le site n'est pas fini").
_WORK = (
    r"(?:travail|prestation|prestations|presta|site|logo|photos|photo|video|videos|livrable|"
    r"livrables|maquette|maquettes|mission|formation|traduction|rapport|code|appli|application|"
    r"design|texte|textes|article|articles|contenu|fichiers|fichier|livraison|boulot|projet|"
    r"montage|visuels|visuel|shooting|intervention|chantier|travaux|developpement|bug|bugs|"
    r"corrections|retouches|modifications|commande|service|rendu)"
)
_SUBJ3 = r"(?:il|elle|ils|elles|on|le client|la cliente|client|monsieur|madame|mr|mme|[a-z]+)"
_NEG = r"(?:pas|jamais|toujours pas|rien|plus|point)"
_CLAIM = (
    r"(?:dit|dis|disait|dire|affirme|pretend|pretendu|soutient|assure|jure|jurer|"
    r"m a (?:dit|ecrit|repondu|affirme|assure|certifie|jure)|selon (?:lui|elle|eux)|"
    r"d apres (?:lui|elle|eux)|selon [a-z]+|soi disant|parait|certifie|confirme avoir|disant|"
    r"ecrit que|"
    r"explique|explique que|repond|repondu|soutenu|jure)"
)

PATTERNS: dict[str, tuple[str, ...]] = {
    "payment": (
        rf"\b(?:m a|a|ont|m ont|avait|vient de|viennent de|a bien|ont bien|m a bien|a enfin|"
        rf"m a enfin|ont enfin|a finalement|a deja|m a deja|a quand meme|m a quand meme|"
        rf"a fini par|ont quand meme) (?:tout |enfin |bien |deja |me )?"
        rf"{_PAY_VERB}\b",
        r"\b(?:m a|a|ont|m ont) (?:fait|envoye|transfere|vire|donne|file|remis|tendu|lache|"
        r"refile) "
        rf"(?:un |le |son |leur |une |mon |les |la |l )?{_PAY_NOUN}",
        r"\b(?:c est|ca y est c est) (?:enfin |bien )?(?:tombe|rentre|arrive)\b",
        r"\b(?:j ai|on a|nous avons|je viens d|on vient d) (?:bien |enfin |finalement |deja )?"
        r"(?:(?:recu|encaisse|touche) (?:(?:le |un |son |leur |mon |l |les |une |des |mes |sa |"
        rf"ses |enfin |bien )(?!{_NOT_MONEY})|\d)|(?:eu|vu arriver|vu) (?:le |un |son |leur |mon |"
        r"l |les |une |des |mes |)"
        rf"(?:{_PAY_NOUN}\b|reste\b|totalite|moitie|montant|\d))",
        r"\b(?:j ai|je suis) (?:ete |enfin ete |bien ete )(?:paye|regle|rembourse)",
        rf"\b{_PAY_NOUN} (?:bien |enfin )?(?:recu|encaisse|visible|credite|{_ARRIVED})\b",
        rf"\b{_PAY_NOUN} (?:est|a ete|vient d etre|sont) (?:bien |enfin )?"
        rf"(?:arrive|tombe|recu|encaisse|passe|credite|rentre|la)",
        r"\b(?:facture|factures|dossier|c|tout|c est|ca|la facture) (?:est |a ete |sont |est bien |"
        r"est enfin |enfin |bien )?(?:paye|regle|solde|acquitte|paye en totalite)\b(?! (?:sera|"
        r"bientot))",
        r"\b(?:recu|encaisse|touche) (?:son |le |leur |un )?(?:virement|paiement|cheque|reglement)",
        r"\bpaiement recu\b",
        r"\b(?:vu|voir) (?:le |un |son |leur )(?:virement|paiement|cheque|versement)\b",
        r"\b(?:got paye|been paye|paye by|paye today)\b",
        r"(?:^|\b(?:dossier|facture|client|cliente) (?:(?!(?:sera|seront|va|vont|doit|devrait|"
        r"pas|jamais|aura|auront|aurait|serait|quand|si|me|te|nous|vous|lui|m|t|se|qu|que|il|"
        r"elle|dit|ne|n|le|la|les|l)\b)[a-z0-9]+ ){1,3})(?:est )?(?:paye|regle|"
        r"solde|acquitte)\b(?! (?:sera|bientot|demain|la semaine))",
        r"^(?:bien |enfin |)(?:recu|encaisse)\b"
        r"(?! (?:merci|ok|c est note|5 sur 5|cinq sur cinq)\b|$)",
        r"^(?:facture |)(?:regle|paye|solde|acquitte|vire|verse)(?: |$)",
        r"\b(?:acompte|virement|paiement|cheque|reglement|versement)\b.{0,30}\b(?:recu|encaisse|"
        rf"{_ARRIVED})\b",
        r"\bil y a (?:un )?(?:virement|paiement) (?:de|sur mon compte)",
        r"\b(?:vient de|viennent de) (?:me |nous )?(?:payer|regler|virer)",
        r"\bsur (?:mon|le) compte\b",
        r"\b(?:a ete|ont ete|sont|est|a deja ete|a bien ete|ont deja ete|ont bien ete) "
        r"(?:bien |deja |enfin )?(?:vire|verse|transfere|credite|paye|regle|solde|acquitte)\b",
        r"\b(?:le reste|le solde|l acompte|la somme|les sous|l argent|le fric|la thune) "
        r"(?:est |a ete |vient d etre )?(?:bien |enfin )?(?:tombe|arrive|rentre|recu|passe)\b",
        r"\best (?:enfin |bien )?(?:rentre|arrive|tombe)\b.*\b(?:virement|paiement|argent|sous)",
        rf"\b{_PAY_NOUN}(?: [a-z0-9]+){{1,7}}? (?:est|a ete|vient d etre|sont) (?:bien |enfin |)"
        r"(?:arrive|tombe|recu|encaisse|credite|rentre)\b",
        r"\b(?:a|ont|m a|m ont) fini par (?:me |nous |tout |)(?:payer|regler|virer|verser|solder)",
        r"\b(?:m a|a|ont|m ont|nous a) (?:enfin |bien |deja |)(?:donne|file|lache|refile|sorti|"
        r"avance|transfere|envoye|vire|verse|regle|paye) (?:les |des |)\d",
        r"^(?:bien |enfin |)touche\b",
        r"\b(?:paye|regle|solde|acquitte|vire|verse) (?:[a-z]+ ){0,2}(?:hier|avant "
        r"hier|ce matin|ce midi|tout a l heure|la semaine derniere|la semaine passee|il y a|"
        r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) dernier)\b",
        r"^(?!(?:il|elle|ils|elles|on|je|j|tu|nous|vous|qui)\b)(?:pour |)[a-z][a-z-]+"
        r"(?: [a-z][a-z-]+)? (?:paye|regle|solde|acquitte)$",
        r"\b\d+(?: \d+)*(?: ?k| e| eur| euros| balles| ht| ttc|) (?:bien |enfin |)(?:recu|encaisse|"
        r"touche|arrive|tombe|rentre|credite|vire|verse)\b",
        r"\b(?:cheque|cheques|especes|liquide)\b.{0,40}\b(?:depose|encaisse|remis) (?:a|en) "
        r"(?:la |)banque\b",
    ),
    "claims_paid": (
        rf"\b{_CLAIM}\b.{{0,40}}\b(?:avoir |a |ont |avait |aurait |a deja |l a |deja |c est |"
        rf"c etait |tout est |est |etait )"
        rf"(?:deja |bien |tout )?(?:{_PAY_VERB}|fait le virement|fait un virement|envoye|poste)",
        rf"\b{_CLAIM}\b.{{0,30}}\b(?:deja|bien) (?:{_PAY_VERB}|fait|envoye|parti)",
        rf"\b{_CLAIM}\b.{{0,40}}\b{_PAY_NOUN} (?:est |a ete |etait )"
        r"(?:deja |bien )?(?:parti|fait|envoye|effectue|passe|emis|poste)",
        r"\b(?:j ai|nous avons|on a|je vous ai|nous vous avons|avons|ai) (?:bien |deja |"
        r"pourtant |deja bien |bien deja )?(?:paye|regle|vire|verse|solde|envoye le (?:cheque|"
        r"virement|paiement|reglement)|fait le virement|fait un virement|effectue le (?:virement|"
        r"paiement|reglement)|procede au (?:virement|paiement|reglement)|emis (?:le|un) virement|"
        r"poste (?:le|un) cheque|envoye un cheque|transmis (?:le|un) (?:virement|paiement))",
        r"\b(?:virement|paiement|reglement|cheque|versement|solde)(?: de [a-z0-9 ]{1,20}?|) "
        r"(?:vous |nous |lui |te |)(?:a|est|etait|avait) (?:bien |deja |)(?:ete |)(?:bien |deja |)"
        r"(?:effectue|emis|fait|envoye|parti|poste|transmis|passe|ordonne|programme le|initie|"
        r"execute|adresse|expedie|lance|declenche|realise|depose)\b",
        r"\b(?:a ete|ont ete|est|sont|avons|avons bien|a bien ete) (?:bien |deja |)mise? en "
        r"paiement\b",
        r"\b(?:j ai|nous avons|on a|je vous ai|nous vous avons|avons|ai) (?:bien |deja |)(?:envoye|"
        r"adresse|transmis|expedie|poste|emis|depose|effectue|fait|lance|initie|ordonne|execute|"
        r"realise|procede a|procede au) (?:le |un |notre |mon |la |votre |)(?:premier |1er |"
        r"deuxieme |second |nouveau |dernier |petit |)(?:virement|paiement|reglement|cheque|"
        r"versement)\b",
        r"\bavoir (?:bien |deja |tout |deja tout |bien tout |)(?:paye|regle|vire|verse|solde|"
        r"procede (?:au|a)|effectue|"
        r"envoye|emis|fait (?:le|un)|adresse|transmis|poste|expedie|depose|initie|ordonne|"
        r"execute|lance)\b",
        r"\b(?:a|ont|avons|ai) (?:bien |deja |)(?:emis|ordonne|execute|lance|initie|declenche) "
        r"(?:le |un |notre |son |leur |)(?:virement|paiement|reglement)",
        r"\b(?:facture|factures|montant|somme) (?:a ete|ont ete|est|a deja ete|a bien ete|"
        r"ont deja ete) (?:deja |bien )?"
        r"(?:reglee?|payee?|acquittee?|soldee?)\b.{0,30}\b(?:vous|votre)",
        r"\bvous (?:avez |devriez avoir |devez avoir |allez |devriez |avez du )(?:deja |bien )?"
        r"(?:recu|le recevoir|recevoir|voir)",
        r"\b(?:preuve|justificatif|capture|avis|ordre|copie|screen) (?:de|du|d un) (?:virement|"
        r"paiement)",
        r"\b(?:deja|bien) (?:paye|regle|vire)\b.{0,30}\b(?:selon|d apres|dit|pretend)",
        r"\bpretend(?:re)?\b",
        r"\b(?:c est|tout est|c etait) (?:deja |bien |)parti (?:hier|avant hier|ce matin|depuis|"
        r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|le \d|il y a)",
    ),
    "promise": (
        r"\b(?:va|vais|vont|allons|allait|allaient|devrait|devraient|doit|doivent|compte|"
        r"comptent|pense|pensent|compter|vais vous|allons vous|va me|vont me|va nous|vont nous|"
        r"compte me|doit me) (?:me |nous |vous |bien |enfin |le |la |les |tout )?(?:payer|regler|"
        r"virer|verser|solder|rembourser|faire (?:le|un) (?:paiement|reglement)|"
        r"envoyer (?:le|un|son|les) (?:paiement|virement|cheque|"
        r"reglement|sous|argent)|faire (?:le|un) virement|proceder|lancer le virement|"
        r"effectuer (?:le|un) (?:virement|paiement|reglement))",
        r"\b(?:paiera|payera|paierai|payerai|paierons|payerons|paieront|payeront|paierait|"
        r"payerait|paieraient|reglera|reglerai|reglerons|regleront|reglerait|virera|virerai|"
        r"virerons|vireront|virerait|versera|verserons|verserai|soldera|solderons|"
        r"rembourserons|remboursera|effectuerons|effectuera|procederons|procedera|"
        r"enverrons|enverra|enverrai|ferons le virement|fera le virement|ferai le virement)\b",
        r"\b(?:promis|promet|promettent|s est engage|s engage|engagement|s engagent|m engage|"
        r"nous engageons|m engager|propose de payer|garanti|jure de payer)\b",
        r"\b(?:virement|paiement|reglement|cheque|versement|solde)\b(?: [a-z0-9]+){0,6}? "
        r"(?:sera|seront|partira|partiront|arrivera|interviendra|devrait etre|va etre|"
        r"sera effectue|est prevu|est programme|est planifie)\b",
        r"\b(?:confirme|confirmons|programme|programmons|planifie|prevoyons|prevois|lancerai|"
        r"lancerons|ordonnerons|validerons)\b (?:le |la |un |notre |mon )?(?:paiement|virement|"
        r"reglement|versement)\b.{0,40}\b(?:{when})",
        r"\b(?:virement|paiement|reglement|cheque|versement) (?:sera|partira|part|arrivera|"
        r"est prevu|interviendra|devrait|va|sera effectue|sera fait|est programme|"
        r"sera envoye|sera emis|est planifie)",
        r"\bvous (?:recevrez|serez paye|serez regle|aurez (?:le|votre|l) (?:paiement|virement|"
        r"argent|reglement))",
        r"\b(?:sera|seront) (?:regle|paye|vire|solde|verse)e?s?\b",
        r"\b(?:a dit|m a dit|dit|promis|annonce|parle de) (?:pour |que |)(?:{when})",
        r"\b(?:je vous|nous vous|je te|on vous|je|on) (?:fais|fait|faisons|envoie|envoyons|vire|"
        r"virons|regle|reglons|paie|paye|payons) (?:le |un |la |ca |cela |l )?(?:virement|paiement|"
        r"reglement|cheque|facture|somme|tout|ca|cela|)\b.{0,20}\b(?:{when})",
        r"\b(?:paiement|virement|reglement|versement) (?:prevu|programme|planifie|annonce)\b",
        r"\b(?:prevu|prevoit|prevoyons|planifie) (?:de |le |un )?(?:payer|regler|virer|"
        r"paiement|virement|reglement)",
        rf"\b(?=[prv]){_NOT_DONE}(?:paye|paie|paient|payent|regle|reglent|vire|virent|verse|raque|"
        r"raquent|payait|reglait|"
        r"virait|payaient|reglaient) (?:(?:me|nous|vous|te|tout|ca|cela|la|facture|le|reste|"
        r"l|integralite|solde|totalite) ){0,3}(?:{when})",
        r"\b(?:payait|reglait|virait|payaient|reglaient|viraient|paierait|reglerait|"
        r"virerait)\b(?: [a-z0-9]+){0,5}? (?:{when})",
        r"\b(?:(?:dans|sous|d ici) (?:les )?(?:\d+|deux|trois|quelques|huit|quinze) (?:jours|"
        r"semaines)|sous huitaine|sous quinzaine)\b.{0,30}\b(?:paiement|virement|reglement|"
        r"payer|regler)",
        rf"\b(?:va|vais|vont|allons|allait|allaient|devrait|devraient|doit|doivent|compte|"
        rf"comptent|pense|pensent|peut|pourra|pourrait|voudrait|souhaite) (?:me |nous |vous |te |"
        rf"lui |bien |enfin |tout |)(?:{_PAY_ACT})",
        rf"\b(?=[fledaopr]){_NOT_DONE}{_PAY_ACT}.{{0,30}}\b(?:{{when}})",
        r"\b(?:sera|seront|va etre|vont etre|devrait etre|devraient etre|doit etre|doivent etre|"
        r"pourra etre|pourrait etre) (?:bien |normalement |)(?:mise? en (?:paiement|reglement)|"
        r"honore|effectue|"
        r"emis|execute|traite|envoye|transmis|programme|planifie|lance|ordonne|fait|poste|"
        r"expedie|adresse|credite|debloque|valide|integre|inclus)\b",
        rf"\b(?=m){_NOT_DONE}(?:mise?|mettre|mettrons|mettra) en paiement\b",
        r"\b(?:est|sont|a ete|ont ete) (?:bien |)(?:programme|planifie|prevu|inscrit|integre|"
        r"positionne|cale|inclus) (?:pour|au|le|dans|a|en|d ici|sur)\b",
        r"\bprochaine? (?:virement|paiement|reglement|campagne de (?:paiement|reglement|virement)|"
        r"echeance de paiement|vague de (?:paiement|virement)|lot de (?:paiement|virement))",
        r"\b(?:ce sera|ce serait|ca sera|ca serait|c est|ca devrait etre|ce devrait etre) (?:bon|"
        r"ok|regle|fait|paye|vire|good) (?:pour |d ici |avant |au plus tard |)(?:{when})",
        rf"\b{_PAY_NOUN} (?:arrive|tombe|part|passe|rentre) (?:{{when}})",
        r"\b(?:ca|cela) (?:part|partira|tombera|arrivera|sera vire|sera paye|sera regle) "
        r"(?:{when})",
        r"\b(?:puissions|puisse|pouvoir|pour|afin de) (?:proceder|passer) (?:au|a) (?:paiement|"
        r"reglement|virement)\b",
        r"\b(?:fera|ferai|ferons|feront|ferait|va faire|vais faire|allons faire) le necessaire\b|"
        r"\b(?:regulariser|regulariserons|regularisera|regulariserai|regularisons) (?:la situation|"
        r"ce|cette|votre|la facture|le paiement|le reglement|rapidement|au plus vite|sous)",
        r"(?:^|\b(?:oui|ok|souci|accord|alors|donc|bon|et|mais|sinon|promis) )(?:le |un |mon |son |"
        rf"notre |votre |){_PAY_NOUN} (?:pour |prevu |programme |)(?:{{when}})",
    ),
    "payment_plan": (
        r"\ben (?:\d+|deux|trois|quatre|cinq|six|dix|douze|plusieurs) (?:fois|mensualites|"
        r"versements|echeances|paiements|tranches)\b",
        r"\ben \d+ ?x\b|\b(?:\d|deux|trois|quatre|cinq|six|dix) fois \d",
        r"\b(?:\d+|deux|trois|quatre|cinq|six|dix) fois sans frais\b|\b(?:premiere|1ere|1re) "
        r"(?:echeance|mensualite)\b|\btous les \d{1,2} du mois\b",
        r"\b(?:\d+|deux|trois|quatre|cinq|six|huit|dix|douze|plusieurs) (?:versements|"
        r"mensualites|echeances|tranches)\b",
        r"\b(?:payer|regler|virer|verser|rembourser|etaler|echelonner|virements|paiements|"
        r"versements|faire)\b.{0,30}\bsur (?:\d+|deux|trois|quatre|cinq|six|huit|dix|douze|"
        r"plusieurs) (?:mois|semaines|trimestres)\b",
        rf"\b(?=[prvdfe]){_NOT_DONE}(?:payer|regler|verser|virer|donner|faire|envoyer|paye|paie|"
        r"regle|vire|verse) (?:vous |te |lui |me |)(?:\d+ |une partie |la moitie |un acompte |)"
        r"(?:maintenant|tout de suite|aujourd hui|ce mois ci|d abord|cette semaine|demain)\b"
        r".{0,30}\b(?:le reste|le solde|l autre moitie|le complement)\b",
        r"\b\d{1,2} x \d+\b",
        r"\b(?:maintenant|tout de suite|aujourd hui|ce mois ci|d abord|cette semaine|demain|"
        r"ce soir)\b.{0,15}\bet (?:le reste|le solde|l autre moitie|le complement)\b",
        r"\b\d+ (?:maintenant|tout de suite|ce mois ci|aujourd hui|d abord)\b.{0,20}\bet \d+\b",
        r"\b(?:echeancier|echelonne|echelonner|echelonnement|etaler|etalement|etale|"
        r"mensualites|mensualisation|mensualiser|plan de paiement|plan d apurement|"
        r"paiement fractionne|fractionner|fractionne|versements mensuels|paiements mensuels|"
        r"facilites de paiement|facilite de paiement|par mois|chaque mois|tous les mois|"
        r"par semaine|chaque semaine|toutes les semaines|par quinzaine|par trimestre|"
        r"par tranches|en plusieurs fois|petit a petit|au fur et a mesure)\b",
    ),
    "dispute": (
        r"\b(?:erreurs|truffe|pas valider|refusons de valider|en l etat|flou|floue|floues|"
        r"flous|moche|rate|ratee|illisible|pixelise|pixelisee|casse|abime|nul|nulle|"
        r"conteste|contestent|contester|contestation|contestons|litige|reclamation|"
        r"desaccord|malfacon|malfacons|non conforme|pas conforme|bacle|mal fait|mal faite|"
        r"pas fini|pas finie|refasse|refassent|refaire|jamais recu (?:les|le|la|vos|votre) "
        r"(?!paiement|virement|reglement)|pas termine|inacheve|incomplet|incomplete|"
        r"jamais commande|pas aime|pas plu|ne plait pas|"
        r"pas commande|rien commande|jamais demande|pas demande|erreur sur la facture|"
        r"facture erronee|montant errone|montant faux|trop cher|pas satisfaite?s?|"
        r"insatisfaite?s?|pas contente?s?|mecontente?s?|pas d accord|en retard de livraison|"
        r"livre en retard|defauts|defectueux|ne fonctionne pas|marche pas|pas ce qui etait "
        r"prevu|pas ce qu on avait|pas ce que|pas le prix convenu|pas le montant convenu|"
        r"surfacture|surfacturation|double facturation|deja facture|pas recu (?:le|la|les|"
        r"votre|vos) (?:livrable|travail|prestation|site|logo|fichiers|livraison|marchandise|"
        r"commande|rapport|maquette)|qualite|pas valide|conformite|bon de commande|devis signe|"
        r"reserves|refaire|corrections|retouches|bugs|bug|pas a la hauteur|pas du tout ce)\b",
        r"\b(?:montant|prix|facture|somme|total|tarif|heures|jours|frais|lignes?|quantites?)"
        r"(?: [a-z]+){0,3} (?:est |etait |sont |etaient |)(?:faux|fausse|fausses|errone|erronee|"
        r"errones|erronees|incorrect|incorrecte|incorrects|exagere|exageree|abusif|abusive|gonfle|"
        r"gonfles)\b",
        r"\b(?:facture|somme|montant|note)\b.{0,20}\b(?:pas|plus|nullement) (?:due|du|justifiee|"
        r"recevable|valable|fondee)\b",
        r"\b(?:une remise|un rabais|une ristourne|une reduction|un geste commercial|un avoir)\b",
        r"\b(?:ne correspond|correspond pas|ne reconnait pas|ne reconnaissons pas|"
        r"remet en cause|remettent en cause|conteste le montant|n a jamais recu)\b",
        rf"\b{_WORK}\b.{{0,40}}\b(?:pas|jamais|toujours pas) (?:ete |encore |du tout |)"
        r"(?:fait|fini|termine|livre|realise|conforme|correct|correcte|bon|bonne|utilisable|"
        r"celles?|ceux|celui|ce qu|ce que|a la hauteur|au niveau|satisfaisant|finalise|complet|"
        r"complete|acheve|demande|demandee|commande|valide|fonctionnel|en ligne|rendu|plait|plu|"
        r"aime|corrige|repare|au point)\b",
        rf"\b{_WORK}\b.{{0,40}}\b(?:plait pas|bacle|rate|moche|nul|mauvais|mauvaise|"
        r"inutilisable|buggue|bugge|plante|en retard|inacheve|incomplet|mal fait|decevant|"
        r"catastrophique|pourri|a refaire|non conforme|flou|illisible|retard)(?:e|s|es|)\b",
        r"\b(?:ne|n) (?:paiera|payera|paierai|paierons|paieront|reglera|reglerons|regleront|"
        r"veut payer|voulons payer|compte payer|payera|paierait|reglerait) qu",
        r"\btant qu(?:e|)\b.{0,40}\b(?:livre|livrer|livraison|livres|sources|fichiers|corrige|"
        r"corrections|termine|fini|rendu|refait|modifie|repare|retouche|retouches)\b",
        r"\b(?:jamais|pas) (?:valide|signe|accepte|approuve) (?:le|ce|votre|notre|son|leur) "
        r"(?:devis|bon de commande|contrat|proposition)\b",
        r"\b(?:trop d heures|trop de jours|trop cheres?|nombre (?:d heures|de jours) facture|"
        r"c est abuse|abuse|excessif|excessive|exorbitant|exorbitante|hors de prix|du vol|arnaque|"
        r"trop eleve|trop elevee|"
        r"facture (?:trop|en trop|plus que prevu)|heures en trop|jours en trop)\b",
    ),
    "hardship": (
        r"\b(?:il|elle|ils|elles|client|cliente|gerant|gerante|patron|patronne|nous|je) (?:[a-z]+ )"
        r"{0,3}(?:malade|hospitalise|hopital|arret maladie|en arret|en deuil|deces|accident|"
        r"conge maladie)\b",
        r"\b(?:(?:pas|plus) de quoi (?:vous |te |me |lui |)(?:payer|regler)|incapacite|"
        r"incapable|rien ne rentre|plus de rentrees|pas de rentrees|dettes|trop juste|"
        r"c est juste en ce moment|bloque (?:son|leur|ses) comptes?|depose le bilan|"
        r"deposer le bilan|(?:plus|pas) un sou|(?:ne (?:nous|me|lui|leur) |)permet(?:tent)? "
        r"pas de (?:vous |te |me |)(?:payer|regler|honorer)|(?:peux|peut|pouvons|peuvent|"
        r"pourrai|pourra|pourrons|pourront|pourrais|pourrait) (?:pas|plus|rien)(?: rien|) "
        r"(?:vous |te |me |lui |)(?:payer|regler|verser|honorer))\b",
        r"\b(?:quand (?:notre|son|leur|mon) client (?:nous |l |les |me |)(?:aura|auront) "
        r"(?:paye|regle)|(?:perdu|perdre) (?:son|sa|leur|ses|un|une) (?:boulot|emploi|travail|"
        r"job|taf|poste|contrat|plus gros client|principal client|client principal|gros "
        r"client)|(?:attend|attendons|attends) (?:une |un |des |son |sa |ses |le |la |l |)"
        r"(?:subvention|aide|financement|pret|fonds|rentree|rentrees|remboursement))\b",
        r"\b(?:a sec|dans le rouge|pas de liquidites|plus de liquidites|treso tendue|"
        r"charrette financiere|serre en ce moment|c est tendu|c est chaud|dans la dece|"
        r"difficulte|difficultes|difficile|galere|galerent|galerer|fauche|fauches|"
        r"tresorerie|pas les moyens|pas l argent|plus les moyens|sans le sou|plus d argent|"
        r"pas d argent|"
        r"plus de sous|pas de sous|pas un rond|plus un rond|probleme d argent|problemes d argent|"
        r"problemes financiers|probleme financier|soucis financiers|souci financier|"
        r"mauvaise passe|periode compliquee|situation compliquee|passe difficile|"
        r"chomage|licencie|liquidation|redressement|sauvegarde|"
        r"procedure collective|depot de bilan|cessation|faillite|banque bloque|"
        r"compte bloque|decouvert|comptes bloques|(?:bloque|gele|saisi) (?:nos|mes|ses|leurs|son|"
        r"notre|mon|leur) comptes?|aucun (?:paiement|reglement|virement) (?:actuellement|pour "
        r"l instant|pour le moment|en ce moment)|pas encore ete paye par|attend d etre paye|"
        r"attendons d etre "
        r"payes|attend lui meme|client ne (?:le|nous) paie pas|peux pas payer|peut pas payer|"
        r"pouvons pas payer|peuvent pas payer|peux pas regler|peut pas regler|pouvons pas "
        r"regler|pas en mesure|impossible de (?:payer|regler)|incapable de payer|"
        r"pas possible de (?:payer|regler)|ne pourrons pas|ne pourra pas|ne pourrai pas|"
        r"ne (?:peut|pouvons|peux|pourra|pourrons) (?:pas )?honorer|impossible d honorer|"
        r"financierement|complique pour (?:lui|elle|eux|nous|moi))\b",
    ),
    "refusal": (
        r"\b(?:refuse|refusent|refusons|refus|refuser)\b",
        r"\b(?:ne |n )?(?:paiera|payera|paierai|payerai|paierons|payerons|reglera|reglerons|"
        r"reglerai|versera|verserons|paierait|payerait|reglerait|paieraient|payeraient|"
        r"regleraient|virera|virerait|vireront|paieront|payeront|regleront) (?:pas|jamais|"
        r"rien|plus|point|aucun)\b",
        r"\b(?:ne|n) (?:me |vous |nous |la |le |les )?(?:paiera|payera|paierai|payerai|"
        r"paierons|payerons|reglera|reglerons|reglerai|versera|verserons|paierait|payerait|"
        r"reglerait|virera|virerait)\b",
        rf"\b(?:ne|n) (?:veut|veulent|voulons|veux|compte|comptons|comptent|va|vais|allons|vont) "
        rf"{_NEG} (?:me |nous |vous |te )?(?:payer|regler|verser|rien|un centime)",
        r"\b(?:veut|veulent|voulons|compte|va|vont) (?:pas|jamais|rien) (?:me |vous |nous )?"
        r"(?:payer|regler|verser)",
        r"\b(?:pas question de|hors de question de|aucune intention de|pas l intention de) "
        r"(?:payer|regler|vous payer|vous regler|rien payer)",
        r"\b(?:doit rien|devons rien|dois rien|doivent rien|ne vous devons|rien a vous|"
        r"rien a payer|rien a regler|paiera jamais|payera jamais|paierai jamais|payerai jamais|"
        r"verrez jamais|verras jamais|aura rien|aurez rien|un centime|va se faire voir|"
        r"allez vous faire|faire voir|faire foutre|pas un centime|pas un euro|jamais payer|"
        r"nous ne paierons|"
        r"nous ne reglerons)\b",
        r"\b(?:(?:ne|n) (?:donnera|donnerons|donnerai|donnons|donne|donnerait) (?:pas|aucune) "
        r"suite|"
        r"pas (?:de |)suite a (?:votre|ta|sa|cette) (?:demande|relance|reclamation|mail|courrier|"
        r"lettre)|(?:comptez|compte|comptes) pas sur (?:moi|nous) pour|(?:veut|veulent|voulons|"
        r"veux) (?:plus|pas|rien) (?:entendre parler|en entendre parler|savoir|entendre)|envoye "
        r"(?:bouler|balader|promener|paitre|chier|sur les roses)|(?:m a|a|ont|m ont) dit non|"
        r"(?:pas|hors de) question|(?:peux|pouvez|peut) (?:toujours |bien |)(?:courir|rever))\b",
    ),
    "contact": (
        r"\b(?:essaye|tente|essayer|tenter) de (?:l |le |la |les |lui |leur |)(?:appeler|joindre|"
        r"contacter|relancer|avoir au telephone)\b",
        r"\b(?:je l ai|je les ai|on l a|je lui ai|je leur ai|j ai|on lui a|nous l avons|"
        r"je l avais|je lui avais|j avais|je viens de l|je viens de lui|je viens d) (?:bien |deja |"
        r"encore |de nouveau |re |une nouvelle fois |a nouveau |enfin |)"
        r"(?:relance|relancer|appele|appeler|rappele|rappeler|telephone|telephoner|ecrit|ecrire|"
        r"envoye|envoyer|expedie|poste|laisse|vu|croise|rencontre|eu au telephone|eu en ligne|"
        r"contacte|contacter|mis en demeure|fait une relance|fait un rappel|relancee|"
        r"recontacte|parle|passe|mailer|mail|sms|texte|textote|renvoye|reenvoye|"
        r"whatsappe|signifie|notifie|adresse|transmis)\b",
        r"\b(?:relance|mail|sms|texto|courrier|lettre|recommande|mise en demeure|message|"
        r"rappel|lrar|ar|avertissement|coup de fil|appel|whatsapp)\b.{0,30}\b(?:envoye|parti|"
        r"expedie|poste|fait|depose|distribue|recu par|remis|transmis|laisse|passe)\b",
        r"\b(?:passe le voir|passee le voir|alle le voir|allee le voir|suis passe|suis passee|"
        r"suis alle|suis allee|au telephone|coup de fil|coup de telephone|appel|"
        r"rendez vous avec|parle avec|parle a|discute avec|en personne)\b",
        r"\b(?:relance|relances|rappele|appele|contacte)\b (?:hier|ce matin|aujourd hui|lundi|"
        r"mardi|mercredi|jeudi|vendredi|samedi|dimanche|le \d|par|au)",
        r"^(?:(?:mail|sms|texto|message|whatsapp|courrier|appel)(?: [a-z]+)? (?:a|au|aux) "
        r"(?!(?:payer|regler|virer)\b)|textote\b)",
        r"^(?:relance|appele|rappele|contacte|mail|sms|texto|recommande|mise en demeure|"
        r"appel|envoye|laisse un message|ecrit|telephone|vu|croise|passe)\b",
        r"\b(?:premiere|deuxieme|seconde|2e|2eme|1ere|troisieme|3e|derniere) relance\b",
        r"\b(?:j ai|je lui ai|je leur ai|on a|on lui a|nous avons|je l ai|j avais) (?:bien |deja |"
        r"encore |)(?:fait|refait|lance|follow up)(?: (?:la|une|ma|sa|un|le|mon|ta|leur|des|les|"
        r"deux|2|trois)(?: [a-z0-9]+|) (?:relance|rappel|mise en demeure|lettre|courrier|mail|sms|"
        r"message|texto|appel|coup de fil|follow up)\b|\b)",
        r"\bformulaire\b.{0,40}\b(?:rempli|envoye|complete|poste)\b|\b(?:rempli|complete) "
        r"(?:le |leur |son |un )formulaire\b",
        r"\beu (?:[a-z]+ ){1,3}(?:au telephone|en ligne|au bout du fil|en visio|par telephone)\b",
    ),
    "ask_amount": (
        r"\bcalcul\w* (?:les |le |des |mes |ses |)(?:interets|penalites|montant|total|indemnite|"
        r"somme|du)\b",
        r"\b(?:montant|total|somme|interets|penalites|indemnites?)\b.{0,40}\b(?:ca donne quoi|"
        r"donne quoi|ca fait quoi|ca fait combien|ca represente|ca monte a)\b",
        r"\b(?:c est quoi|quel est|quelle est|donne moi|dis moi) (?:le |la |les )?(?:montant|total|"
        r"somme|interets|penalites)\b",
        r"\bcombien\b(?! de (?:temps|jours|mois|semaines|fois|dossiers|factures|impayes|clients|"
        r"cas|relances))",
        r"\b(?:montant|somme|total) (?:du|dus|total|restant|exact|a reclamer|qu il me doit|"
        r"qu elle me doit|qu ils me doivent|avec)",
        r"\b(?:reste a payer|reste du|restant du|ce qu il me doit|ce qu elle me doit|ce qu ils "
        r"me doivent|ce qu on me doit|ce qui reste|(?<!qui )me doit encore|me doit quoi|"
        r"quel montant|quelle somme|c est combien|ca fait combien|ca monte a|a combien)\b",
        r"\b(?:penalites|interets|indemnite|indemnites|40 euros|40 e)\b.{0,30}\?",
    ),
    "ask_next": (
        r"(?:^|\b(?:et|la|mais|alors|donc|bon|du coup) )(?:je|j|on|est ce que je|est ce qu on|"
        r"tu crois que je) (?:le |la |lui |les |)(?:relance|"
        r"attends|attend|envoie|passe|appelle|lance|continue|insiste|laisse|fais|envoyer|relancer|"
        r"attendre|passer)\b.{0,50}\bou\b",
        r"\b(?:je fais quoi|j fais quoi|je dois faire quoi|on fait quoi|que faire|quoi faire|"
        r"que dois je faire|qu est ce que je fais|qu est ce que je dois faire|que faut il faire|"
        r"il faut faire quoi|faut faire quoi|je fais comment|on fait comment|comment je fais|"
        r"prochaine etape|etape suivante|la suite|et maintenant|et apres|quelle suite|"
        r"que me conseilles|que me conseillez|tu me conseilles|vous me conseillez|conseil|"
        r"que proposes|mes options|mes recours|quelles options|quels recours|c est le moment|"
        r"saisir le tribunal|saisir la justice|il faut que j|je lance (?:une|un|la|le|l)|"
        r"quoi maintenant|on en est ou|ou en est|ou on en est|j en suis ou|ou j en suis|"
        r"next step|je relance quand|quand (?:est ce que je|dois je|je dois|faut il) "
        r"(?:relancer|le relancer|envoyer)|quand (?:est ce que je|est ce qu on|je|on) (?:peux|peut|"
        r"pourrai|pourrais|dois|devrai) (?:le |la |lui |)(?:relancer|envoyer|passer|lancer|"
        r"saisir|appeler)|je peux faire quoi|que puis je faire|"
        r"quelles options|quels recours|je peux faire|dois je|est ce que je dois|"
        r"faut il|il faut que je|je devrais|what s next|whats next|next|je dois (?:envoyer|"
        r"relancer|appeler|attendre|passer|lancer|faire))\b",
    ),
    "list_cases": (
        r"\b(?:quels clients|quelles factures|quels dossiers|lesquels)\b",
        r"\bcombien de (?:dossiers|factures|impayes|clients|cas)\b",
        r"\b(?:mes dossiers?|mes factures?|mes impayes?|mes clients|mes relances|mes cas|"
        r"les dossiers|liste des dossiers|liste de mes|liste des factures|tous les dossiers|"
        r"dossiers en cours|factures en cours|dossiers ouverts|voir les dossiers|voir mes|"
        r"montre moi|affiche|lister|liste|recap|recapitulatif|tableau de bord|mes affaires|"
        r"qui me doit|qui me doivent|mes creances|dossiers|quoi en cours|ce qui est en cours|"
        r"qu est ce que j ai en cours|en cours)\b",
    ),
    "new_case": (
        r"\b(?:nouveau dossier|nouvelle facture|nouveau client|nouvel impaye|nouveau impaye|"
        r"nouvelle affaire|autre facture|autre impaye|autre client|un autre dossier|ajouter "
        r"(?:un|une)|ajoute (?:un|une)|creer (?:un|une)|cree (?:un|une)|ouvrir un dossier|"
        r"enregistrer une facture|encore un impaye|encore une facture|un nouveau|une nouvelle|"
        r"mauvais payeur|"
        r"nouveau cas|deuxieme facture|un (?:autre )?client qui (?:ne )?(?:me )?(?:paie|paye|"
        r"regle) pas|une facture impayee|un impaye|un client qui ne me paie "
        r"pas|un client qui paie pas|un client qui ne paie pas)\b",
    ),
    "cancel": (
        r"^(?:non |ok |bon |finalement |en fait |oh |ah |)(?:annule|annuler|annulez|annulation|"
        r"laisse tomber|laissez tomber|laisse|oublie|oubliez|oublie ca|stop|arrete|arretez|"
        r"abandonne|abandonner|tant pis|non merci|pas la peine|on arrete|on annule|"
        r"cancel|quitter|quitte|sortir|retour)\b(?: (?:ca|cela|tout|c est bon|merci|stp|svp|"
        r"s il vous plait|s il te plait|la|le|finalement|non|pour l instant|pour le moment|"
        r"annule|annuler|stop|arrete|oublie|laisse tomber|on arrete|on annule|je me suis trompe|"
        r"je me suis trompee|erreur|c est une erreur|mauvaise manip|pas ca|je veux pas|"
        r"je ne veux pas|on arrete la|desole))*$",
    ),
    "help": (
        r"\b(?:comment (?:ca |tu |le bot |ce bot |l appli |ton truc |ce truc |ton bot |)(?:marche|"
        r"marches|fonctionne|fonctionnes|s utilise)|comment (?:marche|fonctionne) (?:ce|le|ton|l|"
        r"cet|cette)|(?:ce que |)tu (?:sais|peux) faire|tu sais faire quoi|m expliquer|expliquer "
        r"comment|utiliser? (?:le|ce|ton) (?:bot|truc|outil|service|appli)|(?:c est quoi|"
        r"qu est ce que c est que|qu est ce que) (?:ce|ton|le|cette) (?:bot|truc|service|outil|"
        r"appli|application)|s en sers|m en sers|en servir)\b",
        r"\b(?:aide|aidez|aider|help|au secours|comment ca marche|comment ca fonctionne|"
        r"comment tu marches|comment tu fonctionnes|comment vous fonctionnez|tu sers a quoi|"
        r"tu fais quoi|que sais tu faire|tu peux faire quoi|qu est ce que tu fais|tu es qui|"
        r"t es qui|qui es tu|mode d emploi|je comprends pas|je ne comprends pas|comprends rien|"
        r"je suis perdu|je suis perdue|les commandes|quelles commandes|a quoi tu sers|"
        r"a quoi sert|comment utiliser|s en sert|s en servir|comment on fait pour|tuto|"
        r"tutoriel|explique moi|(?:ca|ton truc|ce truc|ton bot|le bot) (?:marche|fonctionne) "
        r"comment)\b",
    ),
    "chitchat": (
        r"^(?:(?:bonjour|bonsoir|salut|coucou|hello|hey|yo|hi|re|merci|merci beaucoup|"
        r"merci bien|mille mercis|thanks|super|top|genial|parfait|cool|ok|ok cool|d accord|"
        r"nickel|impeccable|excellent|bravo|au revoir|bonne journee|bonne soiree|bonne nuit|"
        r"a plus|a bientot|a demain|ca va|comment ca va|comment vas tu|tu vas bien|ca roule|"
        r"oui|non|bien|tres bien|trop bien|g[ei]nial|good|yes|yep|ah|oh|haha|hihi|lol|mdr|"
        r"bien recu|c est note|note|entendu|compris|ca marche|vu|bien vu|je vois|tant mieux|"
        r"c est gentil|sympa|trop cool|t es le meilleur|tu es genial|bonne continuation|"
        r"de rien|pas de souci|pas de probleme|ok merci|merci a toi|merci a vous|bisous|"
        r"encore merci|mercii+|ouf|enfin|youpi|trop fort|chouette|tres bien merci|"
        r"je teste|test|un test|c est un test|ca va et toi|et toi|et vous|la forme|"
        r"quoi de neuf|bonne annee|joyeux noel|bon week end|bon weekend|bon courage|week end|"
        r"weekend|"
        r"bonne fin de (?:semaine|journee|soiree|week end|weekend|mois)|bonne semaine|bon dimanche|"
        r"bonnes fetes|bonnes vacances|bonne fin d annee|bye|ciao|tchao|a la prochaine|"
        r"infiniment|super boulot|bon boulot|beau travail|pour ton aide|pour votre aide|"
        r"pour ta reponse|pour votre reponse|pour l info|"
        r"a toi|a vous|vous aussi|toi aussi|magnifique|formidable|wow|waouh|super merci|top merci|"
        r"merci pour tout|merci pour ton aide|merci pour votre aide|merci de ton aide|"
        r"merci de votre aide|tu es la|t es la|il y a quelqu un|allo|cordialement|bien a vous|"
        r"merci pour (?:votre|ton) (?:message|retour|reponse|mail)|madame|monsieur|et|"
        r"(?:c est|t es|tu es|t|vous etes) (?:vraiment |trop |tres |le |la |un |une |au |)(?:top|"
        r"super|genial|parfait|cool|nickel|meilleur|meilleure|chef|gentil|sympa|efficace|"
        r"pratique|incroyable|fort)|"
        r"encore)\b ?)+$",
    ),
}

# A promise's date phrase (filled into the `{when}` slot of the promise patterns).
WHEN = (
    r"demain|apres demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"la semaine prochaine|semaine prochaine|fin de semaine|en fin de semaine|fin du mois|"
    r"fin de mois|a la fin du mois|le \d|d ici|dans \d|dans (?:deux|trois|quelques|huit|"
    r"quinze) |sous |fin (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
    r"octobre|novembre|decembre)|debut (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
    r"septembre|octobre|novembre|decembre)|avant le|au plus tard|ce soir|cette semaine|"
    r"le mois prochain|prochainement|bientot|tres vite|rapidement|asap|aujourd hui|"
    r"dans la journee|dans la semaine|sous peu|au plus vite|ce week end|ce weekend|"
    r"mi (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
    r"decembre)|des (?:le|que|demain|lundi|mardi|mercredi|jeudi|vendredi|reception)|"
    r"en debut de|debut de semaine|fin d annee|fin de l annee|a reception|fin de la semaine|"
    r"debut de la semaine|la fin de|le debut de|a la fin de|au debut de|a la fin du|le premier|"
    r"le 1er|en huit|debut du mois|debut de mois"
)
