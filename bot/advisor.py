"""The engine as the rest of the code calls it: JSON case in, §8 answer out (message included)."""

from __future__ import annotations

from typing import Any

from bot import messages
from bot.domain.assess import assess
from bot.domain.contract import assessment_to_json, case_from_json


def advise(data: Any) -> dict[str, Any]:
    """Validate a §8 input, assess it and render its message; raises InputError."""
    case, today, channel = case_from_json(data)
    result = assess(case, today)
    output = assessment_to_json(result)
    message = messages.render_message(case, result, channel)
    output["message"] = messages.message_to_json(message) if message else None
    return output
