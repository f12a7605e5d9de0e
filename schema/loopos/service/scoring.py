"""Model-free scoring of options against a prompt: shared words, plus a small cue lexicon for
condition scales (new … broken) in English and Portuguese. Every score comes with its reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.ai.lexical import words

# How good a condition word says something is, on one scale for options and descriptions.
CUES: dict[str, float] = {
    **dict.fromkeys(("new", "novo", "nova", "sealed", "selado", "mint", "unused"), 2.0),
    **dict.fromkeys(("excellent", "excelente", "perfect", "perfeito", "pristine"), 2.0),
    **dict.fromkeys(("good", "bom", "boa", "working", "funciona"), 1.0),
    **dict.fromkeys(("fair", "razoavel", "used", "usado", "scratch", "risco", "worn"), 0.0),
    **dict.fromkeys(("poor", "mau", "dent", "amolgado", "stain", "mancha"), -1.0),
    **dict.fromkeys(("broken", "partido", "crack", "rachado", "damaged", "danificado"), -2.0),
    **dict.fromkeys(("dead", "defective", "defeituoso", "faulty", "avariado"), -2.0),
}


def cue(tokens: Sequence[str]) -> float | None:
    """The mean condition cue of the tokens that carry one, or None."""
    found = [CUES[token] for token in tokens if token in CUES]
    return sum(found) / len(found) if found else None


@dataclass(frozen=True)
class Ranked:
    option: str
    score: float
    shared: tuple[str, ...]
    cue_gap: float | None


def rank(query: str, options: Sequence[str]) -> list[Ranked]:
    """Options best first (ties keep their order): shared words count one each; when both the
    query and an option carry condition cues, the closer they are the better."""
    query_words = words(query)
    wanted = set(query_words)
    context = cue(query_words)
    ranked = []
    for option in options:
        option_words = words(option)
        shared = tuple(dict.fromkeys(word for word in option_words if word in wanted))
        own = cue(option_words)
        gap = abs(own - context) if own is not None and context is not None else None
        score = len(shared) - (gap if gap is not None else 0.0)
        ranked.append(Ranked(option, score, shared, gap))
    return sorted(ranked, key=lambda item: -item.score)
