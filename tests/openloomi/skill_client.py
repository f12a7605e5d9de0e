"""A client that calls OpenLoomi as its two skill scripts (`openloomi-memory.cjs`,
`openloomi-connectors.cjs`) do: the token read from `~/.openloomi/token` (trimmed, standard
base64), `Content-Type: application/json` and `Authorization: Bearer <token>` on every request
(none without a token file), a JSON body when there is one, and the answer parsed as JSON or
kept as text. Their requests, bodies and the fields they read are in the reference's §5."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import httpx


class SkillClient:
    def __init__(self, base_url: str, home: Path) -> None:
        self.base_url = base_url
        self.token_file = home / ".openloomi" / "token"

    def token(self) -> str | None:
        try:
            return base64.b64decode(self.token_file.read_text().strip()).decode()
        except FileNotFoundError:
            return None

    def user_id(self) -> str:
        """As the connectors script reads it: the token's second part, `sub` or `userId`."""
        part = str(self.token()).split(".")[1]
        payload = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
        return str(payload.get("sub") or payload.get("userId") or "local")

    async def request(self, endpoint: str, method: str = "GET", body: Any = None) -> Any:
        headers = {"Content-Type": "application/json"}
        token = self.token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        content = json.dumps(body).encode() if body else None
        async with httpx.AsyncClient(base_url=self.base_url) as http:
            answer = await http.request(method, endpoint, headers=headers, content=content)
        try:
            return answer.json()
        except ValueError:
            return answer.text
