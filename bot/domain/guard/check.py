"""Checking a text: each sentence against the rule table, then who acts, negation, questions."""

from __future__ import annotations

from bisect import bisect_right

from bot.domain.guard.actors import reported_after, someone_else_acts
from bot.domain.guard.codes import ALARM, INFO, THREAT, GuardFlag
from bot.domain.guard.detector import NONE, THRESHOLD, VETO, Guess, guess
from bot.domain.guard.negation import inside_ne_pas, negated, without_negation
from bot.domain.guard.questions import asks_the_law, mask_law_words
from bot.domain.guard.rules import LAWFUL_STEP, RULES, Rule
from bot.domain.normalize import marked_sentences


def check_sentence(
    sentence: str, rules: tuple[Rule, ...] = RULES, asked: bool = False
) -> list[GuardFlag]:
    """The flags of one normalized sentence given with a leading space; `asked` when it
    ended with a question mark.

    The sentence is read a second time without its negation words: a phrase that a
    negation split ("je lui casserai pas la figure") is then found, as information.
    """
    asks = asks_the_law(sentence, asked)
    if asks:
        sentence = mask_law_words(sentence)
    flags = _rule_flags(sentence, rules, asks)
    bare = without_negation(sentence)
    if bare:
        found = {flag.code for flag in flags}
        for flag in _rule_flags(bare, RULES, True):
            if flag.code not in found:
                found.add(flag.code)
                flags.append(flag)
    reading = guess(sentence)
    if reading is None:
        return flags
    if not flags:
        return _detector_flags(sentence, reading, asks)
    if reading.ordinary >= VETO:
        return [GuardFlag(flag.code, flag.trigger, INFO) for flag in flags]
    return flags


def _detector_flags(sentence: str, found: Guess, info: bool) -> list[GuardFlag]:
    """The detector's guess for a sentence no rule matched, through the same checks."""
    if found.code == NONE or found.probability < THRESHOLD:
        return []
    if found.code == THREAT and LAWFUL_STEP.search(sentence):
        return []  # "je saisis le juge s'il ne paie pas" announces a lawful step
    words = sentence.split()
    start = 1 + sum(len(word) + 1 for word in words[: found.anchor])
    end = start + len(words[found.anchor])
    if someone_else_acts(sentence, end) or reported_after(sentence[start:]):
        return []
    anchor = words[found.anchor]
    mode = INFO if info or negated(sentence, start, anchor) else ALARM
    if mode == ALARM and inside_ne_pas(sentence, start, anchor):
        mode = INFO
    return [GuardFlag(found.code, " + ".join(found.words), mode)]


def _rule_flags(sentence: str, rules: tuple[Rule, ...], info: bool) -> list[GuardFlag]:
    """The flags the rules raise on one sentence (`info`: every one as information; the
    `unless` context is checked last: it is rare)."""
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
            if someone_else_acts(sentence, end if end > 0 else len(sentence)):
                continue
            if reported_after(sentence[first:]):
                continue
            if rule.unless is not None and rule.unless.search(sentence):
                continue
            mode = INFO if info or negated(sentence, first, found[0][1]) else ALARM
            if mode == ALARM and any(inside_ne_pas(sentence, *part) for part in found[1:]):
                mode = INFO
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
    candidates: list[list[Rule]] = [[] for _ in parts]
    for rule in RULES:
        first, position = rule.parts[0], 0
        while (match := first.search(joined, position)) is not None:
            index = bisect_right(starts, match.start()) - 1
            candidates[index].append(rule)  # in the table's order
            if index + 1 == len(starts):
                break
            position = starts[index + 1]  # on to the next sentence
    flags: list[GuardFlag] = []
    for sentence, (_, asked), rules in zip(parts, marked, candidates, strict=True):
        for flag in check_sentence(sentence, tuple(rules), asked):
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
