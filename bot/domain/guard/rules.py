"""The guard's rule table: for each code, the word families that must meet in one sentence.

Each rule is a few word patterns (families of lexicon/*.txt) that must all occur in one
normalized sentence — e.g. a verb of publishing + a public venue + a reference to the
debtor — optionally cancelled by context words (`unless`: a lawful action, the spouse who
does the accounting…). Rules are checked in this order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.guard.codes import (
    FAKE_LEGAL_DOCUMENT,
    HARASSMENT_INTENT,
    HOME_VISIT,
    PUBLIC_SHAMING,
    SABOTAGE,
    THIRD_PARTY_CONTACT,
    THREAT,
    UNLAWFUL_FEES,
)
from bot.domain.guard.vocabulary import near, whole_words, words


@dataclass(frozen=True)
class Rule:
    """Word patterns that must all occur in one sentence to raise `code`."""

    code: str
    parts: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None = None
    # Who acts is read before this part instead of the first word found: "il m'a commandé
    # son faire-part, je lui compte des frais" is about the user's charging, not his order.
    actor_part: int | None = None
    # Only worth an explanation when asked or negated ("je ne toucherai pas à son site",
    # "je peux l'appeler une fois par jour ?"): dropped when said as a plain intention.
    info_only: bool = False


def _rule(
    code: str,
    *parts: str,
    unless: str | None = None,
    actor_part: int | None = None,
    info_only: bool = False,
) -> Rule:
    return Rule(
        code,
        tuple(whole_words(p) for p in parts),
        whole_words(unless) if unless else None,
        actor_part,
        info_only,
    )


# A step of the lawful procedure named in the sentence ("mise en demeure", "tribunal"…).
LAWFUL_STEP = whole_words(words("lawful_steps"))

RULES: tuple[Rule, ...] = (
    # Public shaming: publishing + a public venue + the debtor.
    _rule(PUBLIC_SHAMING, words("shame_strong")),
    _rule(PUBLIC_SHAMING, words("shame_phrases"), unless=words("own_content")),
    _rule(
        PUBLIC_SHAMING,
        near(words("warn_verbs"), words("warn_audience"), 4),
        unless=words("own_content"),
    ),
    _rule(
        PUBLIC_SHAMING,
        near(words("tell_public_verbs"), words("tell_public_audience"), 4),
        words("about_him"),
        unless=words("own_content"),
    ),
    _rule(
        PUBLIC_SHAMING,
        words("venue"),
        words("publish"),
        words("debtor"),
        unless=words("own_content"),
    ),
    _rule(
        PUBLIC_SHAMING,
        near(words("publish_strong"), words("private_things"), 2),
        unless=words("shaming_lawful"),
    ),
    # Threats: violence, damage, revenge, intimidation, blackmail. Lawful action is not one.
    _rule(THREAT, words("violence")),
    _rule(THREAT, words("blackmail")),
    _rule(THREAT, words("intimidation"), unless=words("lawful")),
    _rule(THREAT, near(words("condition"), words("reveal"), 5), unless=words("lawful")),
    _rule(
        THREAT,
        near(words("reveal"), words("third"), 4),
        words("condition"),
        unless=words("lawful"),
    ),
    _rule(THREAT, words("muscle"), words("bring")),
    _rule(THREAT, words("false_report"), words("pressure")),
    _rule(THREAT, words("false_report"), words("condition")),
    _rule(THREAT, words("authority"), words("condition"), unless=words("lawful")),
    # Harassment: contact verbs + an abusive frequency or hour; flooding words.
    _rule(HARASSMENT_INTENT, words("flood")),
    _rule(HARASSMENT_INTENT, words("frequency"), words("contact")),
    # Third parties: a contact verb + someone close to the debtor (not the accounting).
    _rule(THIRD_PARTY_CONTACT, near(words("tell"), words("third"), 5), unless=words("role")),
    _rule(THIRD_PARTY_CONTACT, near(words("third"), words("tell_back"), 8), unless=words("role")),
    _rule(
        THIRD_PARTY_CONTACT,
        near(words("tell"), words("his_associates"), 5),
        words("smear_words"),
    ),
    # Home visits: going to or waiting at the debtor's home; an ambush at his workplace.
    _rule(HOME_VISIT, words("home"), words("go"), unless=words("home_visit_lawful")),
    _rule(HOME_VISIT, words("his_address"), words("go_there"), unless=words("work_visit")),
    _rule(HOME_VISIT, words("ambush"), words("workplace"), unless=words("letter_drop")),
    _rule(
        HOME_VISIT,
        words("workplace"),
        words("public_scene"),
        words("go"),
        unless=words("letter_drop"),
    ),
    # Fake legal documents: faking, imitating or posing as a court officer.
    _rule(FAKE_LEGAL_DOCUMENT, near(words("fake"), words("legal_paper"), 6)),
    _rule(FAKE_LEGAL_DOCUMENT, near(words("fake_strong"), words("strong_only_paper"), 3)),
    _rule(FAKE_LEGAL_DOCUMENT, near(words("any_legal_paper"), words("fake_after"), 5)),
    _rule(FAKE_LEGAL_DOCUMENT, near(words("legal_paper"), words("fake_after_self"), 5)),
    _rule(FAKE_LEGAL_DOCUMENT, words("official_mark")),
    _rule(FAKE_LEGAL_DOCUMENT, words("sign_as")),
    # Sabotage: taking down or locking the client's site, app, account or data.
    _rule(
        SABOTAGE, near(words("take_down"), words("his_site"), 8), unless=words("withhold_lawful")
    ),
    _rule(
        SABOTAGE, near(words("his_site"), words("take_down"), 5), unless=words("withhold_lawful")
    ),
    _rule(SABOTAGE, near(words("delete"), words("his_files"), 4), unless=words("withhold_lawful")),
    _rule(SABOTAGE, words("his_site"), words("take_offline"), unless=words("withhold_lawful")),
    _rule(SABOTAGE, words("malware")),
    _rule(SABOTAGE, words("his_passwords"), unless=words("withhold_lawful")),
    _rule(SABOTAGE, words("wipe_all"), words("tech_words"), unless=words("withhold_lawful")),
    _rule(
        SABOTAGE, near(words("take_down"), words("delivered"), 10), unless=words("withhold_lawful")
    ),
    _rule(
        SABOTAGE,
        near(words("lock_access"), words("until_paid"), 6),
        unless=words("withhold_lawful"),
    ),
    # Unlawful fees: recovery costs charged to a consumer.
    _rule(
        UNLAWFUL_FEES,
        words("fees"),
        words("charge"),
        words("consumer"),
        unless=words("lawful_fees"),
        actor_part=1,
    ),
    _rule(
        UNLAWFUL_FEES,
        near(words("charge_strong"), words("paid_help"), 3),
        words("consumer"),
        unless=words("lawful_fees"),
    ),
    # Asked or negated only: how often one may write, touching his site.
    _rule(HARASSMENT_INTENT, words("contact"), words("asked_frequency"), info_only=True),
    _rule(SABOTAGE, near(words("touch_his"), words("his_site"), 2), info_only=True),
)
