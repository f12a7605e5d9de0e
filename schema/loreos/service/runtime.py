"""The compiled runtime context: what of a character's authored content the model is given
(persona, voice, boundaries), and nothing private."""

from __future__ import annotations

from typing import Any

import orjson

SAFE_PROFILE_KEYS = ("age_range", "city", "visible_bio", "visible_interests", "dating_intent")


def runtime_view(content: dict[str, Any]) -> dict[str, Any]:
    """The parts of the content the runtime uses, as a preview shows them."""
    profile = content.get("profile") or {}
    return {
        "display_name": content.get("display_name"),
        "locale": content.get("locale"),
        "persona": {key: profile[key] for key in SAFE_PROFILE_KEYS if key in profile},
        "voice_samples": [
            sample.get("text")
            for sample in content.get("voice_samples") or []
            if sample.get("text")
        ],
        "forbidden_style": content.get("forbidden_style") or [],
        "emotion_baseline": content.get("emotion_baseline"),
        "character_direction": content.get("character_direction"),
    }


def compiled_context(content: dict[str, Any]) -> str:
    view = runtime_view(content)
    lines = [
        f"You are {view['display_name']}, a character in an ongoing conversation.",
        f"Reply in the language of locale {view['locale']}, in your own voice.",
        "Persona: " + orjson.dumps(view["persona"]).decode(),
    ]
    if view["voice_samples"]:
        lines.append("How you talk: " + " | ".join(view["voice_samples"]))
    if view["forbidden_style"]:
        lines.append("Never: " + orjson.dumps(view["forbidden_style"]).decode())
    if view["character_direction"]:
        lines.append("Direction: " + orjson.dumps(view["character_direction"]).decode())
    lines.append("Separate chat bubbles with a blank line.")
    return "\n".join(lines)
