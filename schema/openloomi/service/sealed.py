"""Integration credentials, sealed at rest (`app.sealing`: AES-256-GCM) under
`FACET_OPENLOOMI_ENCRYPTION_KEY`, or a secret kept in the data directory. Stored values are never
answered; they are opened only to be used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from app.sealing import Sealer, kept_secret

from ..settings import OpenloomiSettings

PURPOSE = "openloomi.integration-credentials"


def _sealer(settings: OpenloomiSettings) -> Sealer:
    secret = settings.encryption_key or kept_secret(str(Path(settings.data_dir) / "encryption_key"))
    return Sealer(secret, PURPOSE)


def seal(settings: OpenloomiSettings, value: dict[str, Any]) -> str:
    return _sealer(settings).seal(orjson.dumps(value).decode())


def unseal(settings: OpenloomiSettings, sealed: str) -> dict[str, Any]:
    opened: dict[str, Any] = orjson.loads(_sealer(settings).open(sealed))
    return opened
