"""Model-free text handling: normalised words and hashed bag-of-words embeddings."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata

_STOPWORDS = (
    "a an and are as at be by do does for from has have in is it its of on or that the this to "
    "was what which with o os um uma de do da dos das e em no na com para por que qual se"
)
STOPWORDS = frozenset(_STOPWORDS.split(" "))
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


def embed(text: str) -> list[float]:
    """A hashed bag of words, unit length: texts sharing words point the same way."""
    vector = [0.0] * DIMENSIONS
    for word in words(text):
        digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
        index = int.from_bytes(digest[:4], "big") % DIMENSIONS
        vector[index] += 1.0 if digest[4] % 2 else -1.0
    norm = math.sqrt(sum(value * value for value in vector))
    return [value / norm for value in vector] if norm else vector
