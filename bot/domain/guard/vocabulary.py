"""The guard's vocabulary: word families read from lexicon/*.txt, and the regex helpers.

A lexicon file holds sections. `[name]` starts one; each following line is one
alternative, a regex fragment written in plain French (accents stripped, lowercase, words
separated by single spaces); `{other}` includes another section; `#` starts a comment line.
Double letters are squeezed at compile time like the normalized text ("appeler" →
"apeler"), so a family is written as French is spelled. `[name] ungrouped` keeps the
alternatives as written (it is included inside other fragments). Read once, at import.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from bot.domain.normalize import normalize

LEXICON = Path(__file__).resolve().parent / "lexicon"

_SQUEEZE_SOURCE = re.compile(r"(?<!\\)([a-z])\1+")
_HEADER = re.compile(r"\[([a-z_0-9]+)\]( ungrouped)?")
_INCLUDE = re.compile(r"\{([a-z_][a-z_0-9]*)\}")
_LITERAL = re.compile(r"(?<![a-z{\\])[a-z]{6,}(?![a-z}])")


def _read_sections(folder: Path) -> tuple[dict[str, list[str]], set[str]]:
    """Every section of every lexicon file: its lines, and the names of ungrouped ones."""
    sections: dict[str, list[str]] = {}
    ungrouped: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        current: list[str] | None = None
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            header = _HEADER.fullmatch(line)
            if header:
                name = header.group(1)
                if name in sections:
                    raise ValueError(f"{path.name}:{number}: section [{name}] defined twice")
                current = sections[name] = []
                if header.group(2):
                    ungrouped.add(name)
            elif current is None:
                raise ValueError(f"{path.name}:{number}: a word before any [section]")
            else:
                current.append(line)
    return sections, ungrouped


_SECTIONS, _UNGROUPED = _read_sections(LEXICON)


def squeeze_pattern(pattern: str) -> str:
    """Fold the repeated letters of a plain-French pattern like the normalized text."""
    return _SQUEEZE_SOURCE.sub(r"\1", pattern)


def alternation(*words: str) -> str:
    """A regex alternation written in plain French, squeezed like the normalized text.

    Branches starting with the same plain letter are grouped behind it ("a(?:ler|tend)"):
    the same matches, but the regex engine rejects most positions after one test (speed).
    """
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for word in (squeeze_pattern(w) for w in words):
        if len(word) > 1 and word[0].isalpha() and word[1] not in "?*+{":
            groups.setdefault(word[0], []).append(word[1:])
        elif len(word) == 1 and word.isalpha():
            groups.setdefault(word, []).append("")
        else:
            others.append(word)
    branches = [f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return "(?:" + "|".join(branches + others) + ")"


def entries(name: str) -> tuple[str, ...]:
    """The lines of one section as written (includes not expanded)."""
    return tuple(_SECTIONS[name])


def _as_normalized(line: str) -> str:
    """A lexicon line that also meets what the normalizer makes of its words: a literal
    word it rewrites ("reseau" → "reseaux", "boulot" → "travail") matches both forms."""
    if "(?<" in line:  # a lookbehind must keep its fixed width
        return line

    def both(match: re.Match[str]) -> str:
        word = squeeze_pattern(match.group(0))
        normal = normalize(word)
        return word if normal == word else f"(?:{word}|{normal})"

    return _LITERAL.sub(both, line)


@cache
def words(name: str) -> str:
    """The regex of one section: its alternatives, includes expanded."""
    lines = [
        _INCLUDE.sub(lambda m: words(m.group(1)), _as_normalized(line)) for line in _SECTIONS[name]
    ]
    if name in _UNGROUPED:
        return "(?:" + "|".join(lines) + ")"
    return alternation(*lines)


def whole_words(pattern: str) -> re.Pattern[str]:
    """`pattern` as whole words of a normalized sentence, matched with the space before it.

    Sentences are checked with a leading space: a pattern that starts with a literal space
    lets the regex engine skip ahead to spaces (about twice as fast as a lookbehind).
    """
    # "$" (end of sentence) also matches before the " | " that joins sentences in check_text.
    pattern = pattern.replace("$", r"(?=$| \|)")
    return re.compile(rf" (?:{pattern})(?![a-z0-9])")


def plain(pattern: str) -> re.Pattern[str]:
    """A regex written in plain French, squeezed like the normalized text ("elle" → "ele")."""
    return re.compile(squeeze_pattern(pattern))


def near(first: str, second: str, gap: int) -> str:
    """`first` followed by `second` with at most `gap` words between them."""
    return rf"{first}(?: [a-z0-9]+){{0,{gap}}} {second}"
