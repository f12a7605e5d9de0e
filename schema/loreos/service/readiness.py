"""Authoring readiness: the 13 checks a character's content is scored on, and warnings about
keys the runtime does not read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KNOWN_PROFILE_KEYS = frozenset(
    {
        "age_range", "city", "dating_intent", "visible_bio", "visible_interests",
        "identity_anchors", "visual_change_velocity", "life_event_intensity",
        "latent_interests", "aspiration", "life_direction", "drama_intensity",
        "concreteness_floor", "arc_appetite", "supporting_cast",
    }
)  # fmt: skip
MIN_VOICE_SAMPLES = 3
READY_SCORE = 85


@dataclass(frozen=True)
class Check:
    key: str
    passed: bool
    hint: str


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class Readiness:
    status: str
    score: int
    checks: list[Check]
    warnings: list[Warning]


def _filled(value: Any) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def _profile(key: str, kind: type) -> Callable[[dict[str, Any]], bool]:
    def check(content: dict[str, Any]) -> bool:
        value = (content.get("profile") or {}).get(key)
        return isinstance(value, kind) and _filled(value)

    return check


def _present(key: str) -> Callable[[dict[str, Any]], bool]:
    return lambda content: _filled(content.get(key))


CHECKS: tuple[tuple[str, Callable[[dict[str, Any]], bool], str], ...] = (
    ("profile.visible_bio", _profile("visible_bio", str), "Write profile.visible_bio."),
    (
        "profile.visible_interests",
        _profile("visible_interests", list),
        "List profile.visible_interests.",
    ),
    (
        "profile.identity_anchors",
        _profile("identity_anchors", dict),
        "Describe profile.identity_anchors as an object (look, style, constants).",
    ),
    (
        "voice_samples",
        lambda content: len(content.get("voice_samples") or []) >= MIN_VOICE_SAMPLES,
        f"Add at least {MIN_VOICE_SAMPLES} voice_samples.",
    ),
    ("greeting", _present("greeting"), "Author a greeting for session start."),
    ("onboarding", _present("onboarding"), "Add onboarding steps."),
    ("character_direction", _present("character_direction"), "Set character_direction."),
    ("life_template", _present("life_template"), "Set life_template."),
    ("story_engine", _present("story_engine"), "Set story_engine."),
    ("world_model_seed", _present("world_model_seed"), "Seed world_model_seed."),
    ("arc_seeds", _present("arc_seeds"), "Add arc_seeds."),
    ("relationship_seed", _present("relationship_seed"), "Set relationship_seed."),
    ("emotion_baseline", _present("emotion_baseline"), "Set emotion_baseline."),
)


def readiness(content: dict[str, Any]) -> Readiness:
    checks = [Check(key, test(content), hint) for key, test, hint in CHECKS]
    score = round(100 * sum(check.passed for check in checks) / len(checks))
    warnings = []
    profile = content.get("profile") or {}
    unknown = sorted(set(profile) - KNOWN_PROFILE_KEYS)
    if unknown:
        message = f"profile keys the runtime does not read: {', '.join(unknown)}"
        warnings.append(Warning("profile_unknown_keys", message))
    status = "ready" if score >= READY_SCORE and not warnings else "needs_work"
    return Readiness(status, score, checks, warnings)
