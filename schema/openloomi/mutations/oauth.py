"""OAuth2 flows: started (a GET over REST, as the app's routes are), finished by the code the
provider sends back (the exchange routes, or the provider's redirect to a callback), polled."""

from __future__ import annotations

import html
from typing import Annotated

import strawberry

from app.errors import BadRequest
from schema._shared import fields
from schema._shared.constraints import constrained
from schema._shared.rows import from_row

from ..context import Info
from ..repository import users
from ..service import auth, integrations, oauth
from ..types.auth import AuthResult, AuthUser
from ..types.oauth import (
    AnyProvider,
    ConnectProvider,
    OAuthCodeInput,
    OAuthConnected,
    OAuthStarted,
    OAuthStatus,
    SignInProvider,
    SignInStarted,
)

BAD_USER = "Invalid or missing userId. Please log in again."
Text = Annotated[str | None, constrained(max_length=4096)]
PAGE = (
    "<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head>"
    "<body><h1>{title}</h1><p>{text}</p></body></html>"
)


def _text(value: str | None) -> str | None:
    return None if value is strawberry.UNSET else value


@strawberry.type
class OAuthMutation:
    @fields.mutation(
        description="Start connecting a Slack, Discord or X account for the caller; `userId` "
        "must be the caller's (the skill script sends the token's subject)."
    )
    async def start_oauth(
        self, info: Info, provider: ConnectProvider, user_id: Text = None
    ) -> OAuthStarted:
        caller = info.context.principal.user_id
        if not user_id or user_id != caller:
            raise BadRequest(BAD_USER)
        started = await oauth.start(
            info.context.session, info.context.domain_settings, provider.value, caller
        )
        return OAuthStarted(
            authorization_url=started.authorization_url,
            state=started.state,
            session_id=started.state,
            redirect_uri=started.redirect_uri,
        )

    @fields.mutation(
        public=True,
        description="Finish connecting an account with the code the provider sent back; the "
        "state names the flow, and so the user. The tokens are kept sealed, never answered.",
    )
    async def finish_oauth(
        self, info: Info, provider: ConnectProvider, input: OAuthCodeInput
    ) -> OAuthConnected:
        flow = await oauth.finish(
            info.context.session,
            info.context.domain_settings,
            provider.value,
            _text(input.code),
            _text(input.state),
        )
        return await _connected(info, flow.user_id, flow.account_id)

    @fields.mutation(
        public=True,
        description="Where a provider sends the browser back: finishes the flow and answers "
        "a page saying so.",
    )
    async def oauth_callback(
        self,
        info: Info,
        provider: AnyProvider,
        code: Text = None,
        state: Text = None,
        error: Text = None,
    ) -> str:
        context = info.context
        if error:
            flow = await oauth.flow_of(context.session, provider.value, state)
            await oauth.fail(context.session, flow, error)
            return _page("Authorization cancelled", f"{oauth.TITLES[provider.value]}: {error}")
        flow = await oauth.finish(
            context.session, context.domain_settings, provider.value, code, state
        )
        title = oauth.TITLES[provider.value]
        done = f"{title} connected" if flow.purpose == "connect" else f"Signed in with {title}"
        return _page(done, "You can close this window and return to OpenLoomi.")

    @fields.mutation(
        public=True, description="Start signing in with GitHub or Google; poll `sessionId`."
    )
    async def start_sign_in(self, info: Info, provider: SignInProvider) -> SignInStarted:
        started = await oauth.start(
            info.context.session, info.context.domain_settings, provider.value, None
        )
        return SignInStarted(
            url=started.authorization_url, state=started.state, session_id=started.state
        )

    @fields.mutation(
        public=True,
        description="Finish signing in with the code the provider sent back: the user with "
        "the provider's verified email (made if new) and a token.",
    )
    async def sign_in_with_provider(
        self, info: Info, provider: SignInProvider, input: OAuthCodeInput
    ) -> AuthResult:
        context = info.context
        flow = await oauth.finish(
            context.session,
            context.domain_settings,
            provider.value,
            _text(input.code),
            _text(input.state),
        )
        issued = await _issued_for(info, flow.result_user_id)
        return AuthResult(user=from_row(AuthUser, issued.user), token=issued.token)

    @fields.mutation(
        public=True,
        description="A flow's progress by its session id; a finished sign-in answers a new "
        "token for the user.",
    )
    async def poll_oauth(
        self, info: Info, provider: AnyProvider, session_id: Text = None
    ) -> OAuthStatus:
        flow = await oauth.flow_of(info.context.session, provider.value, session_id)
        status = OAuthStatus(status=flow.status, session_id=flow.id, error=flow.error)
        if flow.status == "completed" and flow.result_user_id:
            issued = await _issued_for(info, flow.result_user_id)
            status.token, status.user = issued.token, from_row(AuthUser, issued.user)
        status.account_id = flow.account_id
        return status


async def _issued_for(info: Info, user_id: str | None) -> auth.Issued:
    user = await users.get(info.context.session, user_id or "")
    if user is None:
        raise BadRequest(oauth.INVALID_STATE)
    return auth.issue(info.context.domain_settings, user)


async def _connected(info: Info, user_id: str | None, account_id: str | None) -> OAuthConnected:
    account = await integrations.owned(info.context.session, user_id or "", account_id or "")
    return OAuthConnected(
        success=True,
        account_id=account.id,
        platform=account.platform,
        display_name=account.display_name,
    )


def _page(title: str, text: str) -> str:
    return PAGE.format(title=html.escape(title), text=html.escape(text))
