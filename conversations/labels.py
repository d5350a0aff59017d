"""The French labels of the choice buttons, read from `templates/bot/_buttons.html.j2`
(one source of wording: the templates), and the short form of a name on a button."""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from bot.words.render import environment

LABEL_NAME = 28  # characters of a client's name on a button


@cache
def label(group: str, code: str | StrEnum) -> str:
    """The label of one button: `label("kind", "business")` → "Une entreprise"."""
    macros = environment(False).get_template("bot/_buttons.html.j2").module
    return str(getattr(macros, group)(str(code)))


def short_name(name: str) -> str:
    """A client's name cut to fit a button ("…" when cut)."""
    return name if len(name) <= LABEL_NAME else name[: LABEL_NAME - 1] + "…"
