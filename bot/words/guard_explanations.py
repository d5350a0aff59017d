"""French explanations of the guard codes (DESIGN §7), rendered from templates/guard/."""

from __future__ import annotations

from bot.domain.guard import ALARM, GUARD_REFERENCES, INFO
from bot.words.render import render


def explain(code: str, html: bool = False, mode: str = ALARM) -> str:
    """One guard code as a short French text: the risk, its reference, the lawful step.

    `html=True` gives Telegram HTML (a bold title, every variable escaped). `mode=INFO`
    (a negated intention, a question about the law) words the title without alarm.
    Raises KeyError for a code that is not a guard code.
    """
    reference = GUARD_REFERENCES[code]
    return render(
        f"guard/{code}.txt.j2", html=html, as_html=html, reference=reference, info=mode == INFO
    )
