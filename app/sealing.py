"""Secrets a domain stores but must read back (a provider's API key, a webhook's signing
secret): sealed with AES-256-GCM under a key derived (HKDF-SHA256) from a deployment secret and
the purpose, so one secret serves several kinds of record without their keys being shared. A
sealed value is `v1.` and the URL-safe base64 of the nonce and the ciphertext."""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1."
NONCE_BYTES = 12


class Unsealable(Exception):
    """The value was sealed under another secret or purpose, or was altered."""


class Sealer:
    def __init__(self, secret: str, purpose: str) -> None:
        derive = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode())
        self._aead = AESGCM(derive.derive(secret.encode()))

    def seal(self, text: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, text.encode(), None)
        return PREFIX + base64.urlsafe_b64encode(sealed).decode()

    def open(self, sealed: str) -> str:
        try:
            raw = base64.urlsafe_b64decode(sealed.removeprefix(PREFIX))
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None).decode()
        except (InvalidTag, ValueError, binascii.Error):
            raise Unsealable from None


@cache
def kept_secret(path: str) -> str:
    """A random secret written once to `path` (mode 600) and read back after (once per
    process): what a deployment that configures none uses, so sealed values and signed tokens
    outlive the process, and every process sharing the file agrees."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return file.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_urlsafe(32))
    return file.read_text().strip()
