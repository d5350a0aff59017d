"""Phrases the intent's precedence rules read (data only): a bank's notice, a denied receipt,
a negated payment, the client's own voice, a message that takes back what was said, a how-to
question, every case at once, the bot's commands typed as text, greetings before a phrase."""

from __future__ import annotations

# Taking back what was just said: a short message made only of a cancel word or a reason
# to cancel ("je me suis trompé", "pas le bon client") and filler ("non", "stp", "ça").
_CANCEL_CUE = (
    r"annule|annuler|annulez|annulation|cancel|laisse tomber|laissez tomber|laisse|oublie|"
    r"oubliez|oublions|efface|effacez|effacer|stop|arrete|arretez|arreter|abandonne|"
    r"abandonnez|tant pis|retire|retirez|pas la peine|reviens en arriere|retour en arriere|"
    r"retour|quitter|quitte|sortir|on arrete|on annule|on oublie|on recommence|recommencer|"
    r"recommence|on reprend|reprendre|repartir de zero|mets en pause|met en pause|pause"
)
_CANCEL_REASON = (
    r"je me suis (?:trompe|trompee|plante|plantee|goure|gouree|emmele|emmelee)|je me trompe|"
    r"(?:c est|c etait) (?:une |)erreur|une erreur|erreur de ma part|erreur|mauvaise manip|"
    r"fausse manip|pas (?:le|la|les) bon(?:ne|s|nes|)|(?:c est |c etait |non |)pas ca|"
    r"mauvais client|mauvais dossier|mauvaise facture|je (?:ne |)voulais pas|j ai rien dit|"
    r"(?:c est |)pas ce que je (?:voulais|veux) (?:dire|ecrire|faire)|finalement non|"
    r"non finalement|en fait non|non en fait|laisse beton|(?:c est |)faux|(?:non |)pas (?:ce|cette|"
    r"celui|celle)(?: la| ci|)"
)
_CANCEL_FILLER = (
    r"non|ok|bon|ben|stp|s il te plait|s il vous plait|merci|ca|cela|tout|c est bon|"
    r"finalement|en fait|attends|attendez|attend|oups|oops|pardon|desole|desolee|euh|du coup|"
    r"plutot|pour l instant|pour le moment|la|le|les|l|ce|que|je|j ai|ai|dit|viens|de|d|dire|"
    r"ecrire|ecrit|tape|taper|envoyer|ecris|saisir|saisi|mettre|mis|envoye|mon|ma|mes|dernier|derniere|message|saisie|demande|client|"
    r"dossier|cas|montant|facture|date|c etait|c est|est|etait|on|oh|ah|cette|ces|plus|"
    r"rien|enfin|fait|vous|te|me|c est pas grave|pas grave|peu importe|je veux|je voudrais|"
    r"tu peux|peux tu|vous pouvez|pouvez vous|on peut|bonjour|salut|bonsoir|coucou"
)
CANCEL = (
    rf"^(?=.*\b(?:{_CANCEL_CUE}|{_CANCEL_REASON})\b)"
    r"(?!.*\b(?:a|ai|ont|avait|avais|est|sont|ete|n|ne|il|elle|ils) (?:oublie|annule|arrete|"
    r"laisse|efface|abandonne|retire|quitte|stop)\b)"
    rf"(?:(?:{_CANCEL_CUE}|{_CANCEL_REASON}|{_CANCEL_FILLER})\b ?)+$"
)

# Greetings and fillers opening a message ("Bonjour, relancé par mail ce matin"): the
# patterns anchored at the start read what follows.
LEADING_FILLER = (
    r"^(?:(?:bonjour|bonsoir|salut|coucou|hello|hey|yo|re|alors|bon|ben|bah|ok|okay|donc|"
    r"voila|du coup|sinon|pour info|info|euh|hmm|dis|dites|madame|monsieur|bonjour madame|"
    r"bonjour monsieur) )+(?=\S)"
)

# "Comment je fais pour enregistrer un paiement ?": a question about the bot, not an event.
HOW_TO = (
    r"\bcomment (?:(?:je fais|on fait|faire|faut il faire|je dois faire|est ce qu on fait|"
    r"est ce que je fais|je peux|on peut|puis je|je dois|il faut|fait on|on|je|j) |)(?:pour |)"
    r"(?:enregistrer|ajouter|noter|saisir|modifier|supprimer|creer|voir|utiliser|changer|"
    r"corriger|entrer|declarer|indiquer|signaler|mettre|exporter|effacer|retrouver|afficher|"
    r"lancer|generer|telecharger|fermer|cloturer|archiver|rouvrir|activer|desactiver|modifie|"
    r"enregistre|ajoute|supprime|corrige|change|vois|exporte|efface|cree|note|saisis|indique|"
    r"signale|mets|ferme|cloture|archive|rouvre)\b"
)

# Every case at once ("qui me doit encore ?", "où j'en suis avec tous mes clients"): the list,
# not a question about one case.
ALL_CASES = (
    r"\b(?:qui me doi(?:t|vent)|tous mes|toutes mes|tous les dossiers|l ensemble de mes|(?:de|avec|"
    r"sur|pour) mes (?:impayes|dossiers|clients|factures|creances|relances))\b"
)

# The bot's commands typed as text ("/nouveau"): the intent each stands for.
COMMANDS = {
    "nouveau": "new_case", "dossiers": "list_cases", "aide": "help", "annuler": "cancel",
    "start": "help",
}  # fmt: skip

# A bank's or payment service's notice of money received: a payment, whoever writes it
# ("Vous avez reçu un virement SEPA de 1 500,00 EUR", "Notification PayPal : …").
BANK_NOTICE = (
    r"\b(?:vous avez recu|nous avons le plaisir de vous informer|avis de credit|"
    r"credit sur votre compte|votre compte a ete credite|a ete credite sur votre compte|"
    r"virement recu|virement entrant|vous a (?:envoye|vire|transfere|paye) \d+|paiement recu|"
    r"vous avez recu de l argent|"
    r"(?:paypal|lydia|stripe|sumup|qonto|shine|revolut|wise) (?:vous|paiement|notification))\b"
    r"(?:.{0,60}\b(?:virement|paiement|versement|credit|argent|eur|euros))?"
)

# A receipt the user denies ("mais j'ai rien reçu", "y a rien sur mon compte").
NO_RECEIPT = (
    r"\b(?:rien recu|pas recu|jamais recu|rien vu|vois rien|vois toujours rien|rien sur mon "
    r"compte|il y a rien|y a rien|toujours rien|rien n est arrive|pas arrive|rien du tout|"
    r"(?<!avais )(?<!avait )pas vu|aucun virement|aucun paiement|n ai rien|ai rien)\b"
)

# Negations cancelling a payment ("il n'a toujours pas payé"); checked before the verb.
NOT_PAID = (
    r"\b(?:n a|n ont|ne m a|n avait|a|ont|m a) (?:toujours |encore |)(?:pas|jamais|rien|"
    r"toujours pas|pas encore|encore rien) (?:encore |du tout |)(?:paye|regle|vire|verse|solde|"
    r"recu)\b",
    r"\b(?:pas|jamais|rien|toujours pas|toujours rien|pas encore|aucun|aucune) (?:de |d |"
    r"encore |)(?:paye|regle|vire|verse|recu|paiement|virement|reglement)\b",
    r"\b(?:ne|n) (?:l |m |nous |les )?(?:ai|a|avons|ont) (?:toujours |jamais |pas |)(?:pas |"
    r"jamais |rien |)(?:recu|eu|vu)\b",
)

# Client's-voice cues (first person addressing the freelancer as "vous").
CLIENT_VOICE = (
    r"\b(?:nous vous|je vous|vous (?:reglerons|reglerai|paierons|verserons|enverrons)|"
    r"votre facture|vos factures|votre relance|votre mail|votre message|votre courrier|"
    r"votre prestation|votre travail|votre devis|votre rappel|votre lettre|votre envoi|"
    r"cordialement|bien a vous|salutations|madame monsieur|chere madame|cher monsieur|"
    r"nous avons|nous allons|nous ne|nous n|notre comptabilite|notre service|"
    r"notre tresorerie|nos services|veuillez|je reviens vers vous|je me permets|"
    r"notre virement|notre paiement|notre reglement|notre cheque|notre comptable|"
    r"notre banque|vous devriez|vous avez|vous recevrez|vous allez|votre compte|verifiez|"
    r"vous trouverez)\b"
)
