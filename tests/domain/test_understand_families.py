"""Phrase families of `understand`, crossed with dates and amounts (DESIGN §8, issue 14).

The corpora hold single messages; here each family of ways to say a fact (a promise in the
third person or in the client's words, a payment, a contact, a client's claim) is crossed
with the date phrases and amounts people use, and the expected date is computed here from
the conventions (a weekday is the next one strictly after today for a promise, the last one
strictly before it for a payment or a contact; "la semaine prochaine" is next Monday; "fin de
semaine" this week's Friday; "sous huitaine" eight days; "début janvier" the 1st).
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from bot.domain.understand import understand

Day = Callable[[date], date]


def _next(weekday: int) -> Day:
    return lambda t: t + timedelta(days=(weekday - t.weekday()) % 7 or 7)


def _last(weekday: int) -> Day:
    return lambda t: t - timedelta(days=(t.weekday() - weekday) % 7 or 7)


def _shift(days: int) -> Day:
    return lambda t: t + timedelta(days=days)


def _next_day_of_month(day: int) -> Day:
    def resolve(t: date) -> date:
        first = t.replace(day=1)
        while True:
            if (
                day <= calendar.monthrange(first.year, first.month)[1]
                and first.replace(day=day) >= t
            ):
                return first.replace(day=day)
            first = (first + timedelta(days=32)).replace(day=1)

    return resolve


def _next_month_day(month: int, day: int) -> Day:
    return lambda t: (
        date(t.year, month, day) if date(t.year, month, day) >= t else date(t.year + 1, month, day)
    )


FUTURE: dict[str, Day] = {
    "vendredi": _next(4),
    "lundi prochain": _next(0),
    "demain": _shift(1),
    "après-demain": _shift(2),
    "le 15": _next_day_of_month(15),
    "fin du mois": lambda t: t.replace(day=calendar.monthrange(t.year, t.month)[1]),
    "sous huitaine": _shift(8),
    "sous quinzaine": _shift(15),
    "la semaine prochaine": lambda t: t + timedelta(days=7 - t.weekday()),
    "début janvier": _next_month_day(1, 1),
    "d'ici la fin de la semaine": lambda t: t + timedelta(days=(4 - t.weekday()) % 7),
    "dans 10 jours": _shift(10),
    "ds 3 jours": _shift(3),
    "mi-mars": _next_month_day(3, 15),
    "jeudi au plus tard": _next(3),
}
PAST: dict[str, Day] = {
    "hier": _shift(-1),
    "ce matin": _shift(0),
    "avant-hier": _shift(-2),
    "lundi": _last(0),
    "vendredi dernier": _last(4),
    "la semaine dernière": _shift(-7),
    "il y a 3 jours": _shift(-3),
    "mardi": _last(1),
    "hier soir": _shift(-1),
}
TODAYS = (date(2026, 12, 9), date(2026, 12, 19), date(2027, 1, 8))  # Wednesday, Saturday, Friday

PROMISES = (
    "{s} paiera {d}", "{s} va payer {d}", "{s} me paye {d}", "{s} vire {d}",
    "{s} fera le virement {d}", "{s} m'enverra le chèque {d}", "{s} compte payer {d}",
    "{s} s'engage à payer {d}", "{s} a promis de payer {d}", "{s} dit kil paye {d}",
    "{s} m'a dit qu'il payerait {d}", "{s} lance le virement {d}",
    "{s} passera déposer le chèque {d}",
)  # fmt: skip
SUBJECTS = ("il", "le client", "Dupont", "sa compta")
CLIENT_PROMISES = (
    "Je vous paierai {d}", "Nous vous réglerons {d}", "Le virement partira {d}",
    "Le paiement sera effectué {d}", "Nous procéderons au règlement {d}",
    "Votre facture sera mise en paiement {d}", "Je vous envoie le chèque {d}",
    "je te vire ça {d}", "Bonjour, le paiement est prévu {d}.",
)  # fmt: skip
PAYMENTS = (
    "{s} m'a payé {a} {d}", "{s} m'a viré {a} {d}", "{s} a réglé {a} {d}",
    "{s} m'a fait un virement de {a} {d}", "j'ai reçu {a} {d}", "{a} reçus {d}",
    "virement de {a} reçu {d}", "le paiement de {a} est arrivé {d}", "g touché {a} {d}",
)  # fmt: skip
AMOUNTS = {"500€": "500.00", "1 200 euros": "1200.00", "1.250,50 €": "1250.50", "1,5k": "1500.00",
           "850 HT": "850.00", "300 balles": "300.00", "deux mille euros": "2000.00"}  # fmt: skip
CONTACTS = (
    ("relancé {n} par mail {d}", "email"), ("mail envoyé à {n} {d}", "email"),
    ("coup de fil à {n} {d}", "phone"), ("texto à {n} {d}", "sms"),
    ("j'ai eu {n} au téléphone {d}", "phone"), ("LRAR envoyée à {n} {d}", "registered_letter"),
    ("message vocal laissé à {n} {d}", "phone"), ("croisé {n} {d}", "in_person"),
)  # fmt: skip
CLAIMS = (
    "il dit qu'il a payé {d}", "elle prétend avoir viré l'argent {d}",
    "Nous avons procédé au paiement {d}.", "Le virement a été effectué {d}.",
    "Je vous ai payé {d}.", "Bonjour, nous vous avons adressé le règlement {d}. Cordialement",
)  # fmt: skip


def _rows() -> dict[str, list[tuple[str, date, dict[str, str]]]]:
    families: dict[str, list[tuple[str, date, dict[str, str]]]] = {
        "promise": [],
        "client promise": [],
        "payment": [],
        "contact": [],
        "claim": [],
    }
    for tpl, s, (d, day) in itertools.product(PROMISES, SUBJECTS, FUTURE.items()):
        today = TODAYS[0]
        want = {"intent": "promise", "date": day(today).isoformat()}
        families["promise"].append((tpl.format(s=s, d=d), today, want))
    for tpl, (d, day), today in itertools.product(CLIENT_PROMISES, FUTURE.items(), TODAYS):
        want = {"intent": "promise", "date": day(today).isoformat()}
        families["client promise"].append((tpl.format(d=d), today, want))
    for tpl, (a, value), (d, day) in itertools.product(PAYMENTS, AMOUNTS.items(), PAST.items()):
        today = TODAYS[1]
        want = {"intent": "payment", "amount": value, "date": day(today).isoformat()}
        families["payment"].append((tpl.format(s="Dupont", a=a, d=d), today, want))
    for (tpl, channel), n, (d, day) in itertools.product(
        CONTACTS, ("Dupont", "dupuis"), PAST.items()
    ):
        today = TODAYS[2]
        want = {
            "intent": "contact",
            "channel": channel,
            "date": day(today).isoformat(),
            "case_hint": n,
        }
        families["contact"].append((tpl.format(n=n, d=d), today, want))
    for tpl, (d, day) in itertools.product(CLAIMS, PAST.items()):
        today = TODAYS[0]
        want = {"intent": "claims_paid", "date": day(today).isoformat()}
        families["claim"].append((tpl.format(d=d), today, want))
    return families


FAMILIES = _rows()


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_reads_every_date_and_amount(family: str) -> None:
    misses = []
    for text, today, want in FAMILIES[family]:
        got = understand(text, today, with_guard=False).as_json()
        wrong = {k: (got[k], v) for k, v in want.items() if got[k] != v}
        if wrong:
            misses.append(f"{text!r} ({today}): {wrong}")
    print(f"\n{family}: {len(FAMILIES[family]) - len(misses)}/{len(FAMILIES[family])}")
    assert not misses, "\n".join(misses[:20])


SAYINGS = {
    "cancel": (
        "laisse tomber", "oublie ce que je viens de dire", "non pas ça", "nan annule tout",
        "efface ça c'était pas le bon dossier", "je me suis trompé de client", "annul stp",
        "stoppe tout jme suis trompé", "finalement non", "oubliez mon dernier message",
        "attends non, c'est une erreur", "non c'est pas ce que je voulais dire",
    ),
    "new_case": ("/nouveau", " /nouveau ", "nouveau dossier pour Lemoine stp"),
    "list_cases": ("/dossiers", "/Dossiers", "qui me doit encore de l'argent ?",
                   "où j'en suis avec tous mes clients"),
    "help": ("/aide", "comment je fais pour enregistrer un paiement ?", "tu sers à quoi ?"),
    "ask_amount": ("il me doit cb ?", "cb avec les pénalités", "dupuis il me doit cb en tout"),
    "dispute": (
        "il refuse de payer parce que le logo lui plait pa",
        "Je ne paierai pas, je considère que le travail n'a pas été fait",
        "elle paiera pas, elle trouve que jai facturé trop d'heures",
    ),
    "refusal": ("il refuse de payer parce que son associé est parti",
                "Ne comptez pas sur moi pour payer.", "il m'a envoyé bouler"),
    "claims_paid": ("Bonjour, nous vous confirmons avoir procédé au paiement. Cordialement",
                    "selon Marchand c'est payé depuis longtemps"),
    "unknown": ("j'ai reçu son mail hier", "il pleut à Nantes aujourd'hui",
                "ma fille est malade aujourd'hui", "combien de temps dure une procédure ?"),
}  # fmt: skip


@pytest.mark.parametrize(("intent", "text"), [(i, t) for i, ts in SAYINGS.items() for t in ts])
def test_saying_reads_as(intent: str, text: str) -> None:
    assert understand(text, TODAYS[0]).intent == intent


# How a client is named (as written; a title is left out, an invoice number wins), crossed
# with the places a name stands in a message.
NAME_SHAPES = {
    "Studio Lumen": "Studio Lumen",
    "SARL Bertin": "SARL Bertin",
    "Nova SAS": "Nova SAS",
    "SCI Les Tilleuls": "SCI Les Tilleuls",
    "boulangerie Ferrand": "boulangerie Ferrand",
    "ateliers briand": "ateliers briand",
    "leclerc traiteur": "leclerc traiteur",
    "dupuis": "dupuis",
    "thomas girard": "thomas girard",
    "jardin&co": "jardin&co",
    "lopez": "lopez",
    "Mme Petit": "Petit",
    "M. Durand": "Durand",
    "la facture FA-2026-12": "FA-2026-12",
    "la facture n°2026/118": "2026/118",
    "la facture 45": "45",
}
NAME_FRAMES = (
    ("{name} a payé 500€ hier", "payment"),
    ("{name} promet de payer vendredi", "promise"),
    ("relance envoyée à {name} hier", "contact"),
    ("combien me doit {name} ?", "ask_amount"),
    ("reçu 300 € de {name} ce matin", "payment"),
    ("{name} conteste la facture", "dispute"),
)


@pytest.mark.parametrize(("frame", "intent"), NAME_FRAMES)
def test_every_name_shape_is_the_hint(frame: str, intent: str) -> None:
    wrong = []
    for shape, hint in NAME_SHAPES.items():
        reading = understand(frame.format(name=shape), date(2026, 12, 9))
        if reading.intent != intent or reading.case_hint != hint:
            wrong.append((shape, reading.intent, reading.case_hint))
    assert wrong == []


def test_a_plan_carries_its_instalment_and_first_date() -> None:
    reading = understand("il propose 4 fois 250 € à partir du 15", date(2026, 3, 11))
    assert (reading.intent, reading.amount, reading.date) == (
        "payment_plan",
        250,
        date(2026, 3, 15),
    )
    claim = understand("il dit qu'il a payé 300 € hier", date(2026, 3, 11))
    assert claim.amount == 300  # shown in the proposal, but not a §8 slot
    assert claim.as_json()["amount"] is None
