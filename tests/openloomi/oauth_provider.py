"""An OAuth2 authorization server on loopback, run by the tests: `/authorize` issues a code to
the redirect URI (recording its PKCE challenge), `/token` exchanges it once for the registered
client (client_secret_basic or _post; the redirect URI and, with PKCE, the verifier must
match), `/slack/token` answers as Slack's does (naming the workspace), `/userinfo` answers for
its access tokens."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..live import serving

CLIENT_ID, CLIENT_SECRET = "facet-client", "facet-secret"
PROFILE = {
    "id": "u-42",
    "username": "alice42",
    "name": "Alice",
    "email": "Alice@Corp.test",
    "email_verified": True,
}


@dataclass
class Provider:
    url: str
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    exchanged: list[dict[str, Any]] = field(default_factory=list)


def _app(provider: Provider) -> Starlette:
    async def authorize(request: Request) -> Response:
        query = request.query_params
        code = secrets.token_urlsafe(8)
        provider.codes[code] = {
            "redirect_uri": query["redirect_uri"],
            "challenge": query.get("code_challenge"),
            "client_id": query["client_id"],
        }
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return RedirectResponse(target, status_code=302)

    async def token(request: Request) -> Response:
        form = dict(await request.form())
        provider.exchanged.append(form)
        client = _client(request, form)
        grant = provider.codes.pop(str(form.get("code")), None)
        if client != (CLIENT_ID, CLIENT_SECRET):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return JSONResponse({"error": "invalid_grant", "error_description": "Bad code"}, 400)
        if grant["challenge"] and grant["challenge"] != _s256(str(form.get("code_verifier"))):
            return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, 400)
        access = secrets.token_urlsafe(12)
        provider.tokens.add(access)
        answer = {
            "access_token": access,
            "token_type": "bearer",
            "refresh_token": "refresh-" + access,
            "expires_in": 3600,
        }
        if request.url.path.startswith("/slack"):  # Slack names the workspace in its answer
            answer["team"] = {"id": "T1", "name": "Acme"}
        return JSONResponse(answer)

    async def userinfo(request: Request) -> Response:
        given = request.headers.get("authorization", "").removeprefix("Bearer ")
        if given not in provider.tokens:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse(PROFILE)

    return Starlette(
        routes=[
            Route("/authorize", authorize),
            Route("/token", token, methods=["POST"]),
            Route("/slack/token", token, methods=["POST"]),
            Route("/userinfo", userinfo),
        ]
    )


def _client(request: Request, form: dict[str, Any]) -> tuple[str, str]:
    header = request.headers.get("authorization", "")
    if header.startswith("Basic "):
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return user, password
    return str(form.get("client_id")), str(form.get("client_secret"))


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@contextmanager
def oauth_provider() -> Iterator[Provider]:
    provider = Provider(url="")
    with serving(_app(provider)) as url:
        provider.url = url
        yield provider
