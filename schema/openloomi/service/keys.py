"""Secrets a deployment may leave unset (the token signing secret, the credentials key): made
once and kept in the data directory, readable by its owner only, so every process that shares
the directory (the server, `facet openloomi login`) uses the same."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path


@cache
def kept(data_dir: str, name: str, make: Callable[[], str]) -> str:
    path = Path(data_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(make())
    return path.read_text().strip()
