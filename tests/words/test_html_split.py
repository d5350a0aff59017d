"""The HTML splitter: every part valid Telegram HTML under the limit, nothing lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.local.bot_api import check_html, html_to_plain, utf16_len
from bot.words.html_split import split_html

WORDS = st.sampled_from(
    ["Dupont", "&amp;", "Fils", "&lt;", "&gt;", "&quot;", "&#39;", "1 250,00 €", "é", "😀",
     " ", " ", "\n", "\n\n", "x" * 50]
)  # fmt: skip
TAGS = st.sampled_from(
    [("<b>", "</b>"), ("<i>", "</i>"), ("<pre>", "</pre>"), ("<code>", "</code>"),
     ('<a href="https://example.org/?a=1&amp;b=2">', "</a>"), ("<blockquote>", "</blockquote>"),
     ('<pre><code class="language-text">', "</code></pre>")]
)  # fmt: skip


def _html(depth: int = 0) -> st.SearchStrategy[str]:
    leaf = st.lists(WORDS, max_size=30).map("".join)
    if depth >= 2:
        return leaf
    wrapped = st.tuples(TAGS, _html(depth + 1)).map(lambda t: t[0][0] + t[1] + t[0][1])
    return st.lists(st.one_of(leaf, wrapped), max_size=8).map("".join)


def _check(text: str, limit: int) -> list[str]:
    check_html(text)
    parts = split_html(text, limit)
    for part in parts:
        check_html(part)  # raises on a cut tag or entity, or an unbalanced tag
        assert utf16_len(html_to_plain(part)) <= limit
        assert html_to_plain(part).strip()
    joined = "".join(html_to_plain(part) for part in parts)
    original = html_to_plain(text)
    assert joined.replace("\n", "").replace(" ", "") == original.replace("\n", "").replace(" ", "")
    return parts


@settings(max_examples=300, deadline=None)
@given(_html(), st.integers(min_value=8, max_value=200))
def test_any_html_splits_into_valid_parts(text, limit):
    if html_to_plain(text).strip():
        _check(text, limit)


def test_a_long_pre_is_closed_and_reopened():
    lines = "\n".join(f"Facture F-{i} &amp; co" for i in range(600))
    text = f"<b>Relevé</b>\n<pre>{lines}</pre>"
    parts = _check(text, 4096)
    assert len(parts) > 1
    assert all(part.count("<pre>") == part.count("</pre>") == 1 for part in parts)


def test_entities_are_never_cut():
    text = "&amp;" * 5000
    parts = _check(text, 4096)
    assert [html_to_plain(part) for part in parts] == ["&" * 4096, "&" * 904]


def test_a_short_text_is_left_alone():
    assert split_html("<b>Bonjour</b> &amp; merci") == ["<b>Bonjour</b> &amp; merci"]
