"""Sealed secrets: read back under the same secret and purpose only, tampering detected, and a
kept secret that outlives the process."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.sealing import Sealer, Unsealable, kept_secret


def test_sealed_text_opens_under_the_same_secret_and_purpose_only() -> None:
    sealer = Sealer("deployment secret", "provider.api_key")
    sealed = sealer.seal("sk-live-123")
    assert "sk-live-123" not in sealed and sealed.startswith("v1.")
    assert sealer.seal("sk-live-123") != sealed  # a fresh nonce each time
    assert Sealer("deployment secret", "provider.api_key").open(sealed) == "sk-live-123"
    for other in (Sealer("another secret", "provider.api_key"), Sealer("deployment secret", "x")):
        with pytest.raises(Unsealable):
            other.open(sealed)


def test_altered_or_malformed_values_do_not_open() -> None:
    sealer = Sealer("s", "p")
    sealed = sealer.seal("value")
    flipped = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    for bad in (flipped, "v1.", "v1.!!!", "not sealed"):
        with pytest.raises(Unsealable):
            sealer.open(bad)


def test_kept_secret_is_written_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "secret"
    first = kept_secret(str(path))
    assert len(first) >= 40 and kept_secret(str(path)) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
