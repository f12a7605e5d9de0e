"""Integration credentials, encrypted at rest with Fernet (AES-128-CBC with HMAC-SHA256): the
key is `FACET_OPENLOOMI_ENCRYPTION_KEY`, or one kept in the data directory. Stored values are
never answered; they are opened only to be used."""

from __future__ import annotations

from typing import Any

import orjson
from cryptography.fernet import Fernet

from ..settings import OpenloomiSettings
from . import keys


def _fernet(settings: OpenloomiSettings) -> Fernet:
    key = settings.encryption_key or keys.kept(settings.data_dir, "encryption_key", _new_key)
    return Fernet(key.encode())


def _new_key() -> str:
    return Fernet.generate_key().decode()


def seal(settings: OpenloomiSettings, value: dict[str, Any]) -> str:
    return _fernet(settings).encrypt(orjson.dumps(value)).decode()


def unseal(settings: OpenloomiSettings, sealed: str) -> dict[str, Any]:
    opened: dict[str, Any] = orjson.loads(_fernet(settings).decrypt(sealed.encode()))
    return opened
