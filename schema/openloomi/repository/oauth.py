"""OAuth2 authorizations in flight."""

from __future__ import annotations

from schema._shared.repository import Records

from ..models import OAuthSession

oauth_sessions = Records(OAuthSession)
