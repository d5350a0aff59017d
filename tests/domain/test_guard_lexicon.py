"""The guard's vocabulary is data (bot/domain/guard/lexicon/*.txt): every family compiles,
every family is used, and a malformed file is refused at import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.domain.guard import vocabulary
from bot.domain.guard.vocabulary import LEXICON, words

PACKAGE = LEXICON.parent


def _section_names() -> list[str]:
    return sorted(vocabulary._SECTIONS)


@pytest.mark.parametrize("name", _section_names())
def test_every_family_compiles_and_never_matches_an_empty_sentence(name: str) -> None:
    assert vocabulary.whole_words(words(name)).search(" ") is None


def test_every_family_is_used_by_a_rule_or_another_family() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.glob("*.py"))
    used_in_code = set(re.findall(r"(?:words|entries)\(\s*[\"']([a-z_0-9]+)[\"']", code))
    included = {
        name
        for lines in vocabulary._SECTIONS.values()
        for line in lines
        for name in re.findall(r"\{([a-z_][a-z_0-9]*)\}", line)
    }
    assert set(_section_names()) - used_in_code - included == set()
    assert (used_in_code | included) - set(_section_names()) == set()


def test_the_lexicon_is_read_from_plain_text_files() -> None:
    files = sorted(path.name for path in LEXICON.glob("*.txt"))
    assert "threat.txt" in files and "intent.txt" in files
    assert re.fullmatch(words("venue"), "linkedin")
    # written as French is spelled, matched on the squeezed text ("appeler" → "apeler")
    assert vocabulary.plain("harceler ou appeler").pattern == "harceler ou apeler"


def test_a_family_defined_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("[one]\nfoo\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("# again\n[one]\nbar\n", encoding="utf-8")
    with pytest.raises(ValueError, match="defined twice"):
        vocabulary._read_sections(tmp_path)


def test_a_word_outside_any_family_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("foo\n[one]\nbar\n", encoding="utf-8")
    with pytest.raises(ValueError, match="before any"):
        vocabulary._read_sections(tmp_path)
