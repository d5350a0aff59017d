"""The engine as the rest of the code calls it: JSON case in, §8 answer out (message included)."""

from __future__ import annotations

from typing import Any

from bot.domain.assess import assess
from bot.domain.contract import assessment_to_json, case_from_json, profile_from_json
from bot.words import messages


def advise(data: Any) -> dict[str, Any]:
    """Validate a §8 input, assess it and render its message; raises InputError.

    `missing` names what the message needs and the input does not give (DESIGN §6): the
    message itself is complete with what is known, without any gap."""
    case, today, channel = case_from_json(data)
    profile = profile_from_json(data.get("profile"))
    result = assess(case, today)
    output = assessment_to_json(result)
    message = messages.render_message(case, result, channel, profile)
    output["message"] = messages.message_to_json(message) if message else None
    output["missing"] = (
        messages.message_missing(case, message.channel, profile) if message else []
    )
    return output
