"""Model-free text scoring: words shared between a query and each option, plus a small cue
lexicon for condition-like scales. Deterministic, and every score comes with its reasons."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_STOPWORDS = (
    "a an and are as at be by do does for from has have in is it its of on or that the this to "
    "was what which with o os um uma de do da dos das e em no na com para por que qual se"
)
STOPWORDS = frozenset(_STOPWORDS.split(" "))
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
DIMENSIONS = 256


def words(text: str) -> list[str]:
    """Lower-case words without accents or stopwords, crudely singular (`scratches` → `scratch`)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [_singular(word) for word in re.findall(r"[a-z0-9]+", plain) if word not in STOPWORDS]


def _singular(word: str) -> str:
    for suffix in ("ches", "shes", "sses", "s"):
        if len(word) > 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix) + (2 if suffix != "s" else 0)]
    return word


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


def embed(text: str) -> list[float]:
    """A hashed bag of words, unit length: texts sharing words point the same way."""
    vector = [0.0] * DIMENSIONS
    for word in words(text):
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        index = int.from_bytes(digest[:4], "big") % DIMENSIONS
        vector[index] += 1.0 if digest[4] % 2 else -1.0
    norm = math.sqrt(sum(value * value for value in vector))
    return [value / norm for value in vector] if norm else vector
