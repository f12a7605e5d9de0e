"""OpenLoomi: the desktop app's local API (`/api`): accounts and tokens, insights, chats and
messages, files and workspace, and integrations with their OAuth flows."""

from __future__ import annotations

from app.domain import DemoAccess, Domain, RequestLimits
from schema._shared.extensions import DomainSchema, UnitOfWork, caches, domain_config
from schema._shared.scalars import SCALAR_OVERRIDES

from .commands import commands
from .context import OpenloomiContext
from .mutations import Mutation
from .queries import Query
from .seed import DEMO_EMAIL, DEMO_PASSWORD, seed
from .settings import OpenloomiSettings

FORM_BYTES = 1024 * 1024


def _demo(_: OpenloomiSettings) -> DemoAccess:
    """The seed's user; a token comes from logging in (`facet openloomi login`), so no header."""
    return DemoAccess(f"user {DEMO_EMAIL!r}, password {DEMO_PASSWORD!r}")


schema = DomainSchema(
    query=Query,
    mutation=Mutation,
    config=domain_config(auto_camel_case=True),
    scalar_overrides=SCALAR_OVERRIDES,
    extensions=[UnitOfWork, *caches()],
)

domain = Domain(
    slug="openloomi",
    title="OpenLoomi API",
    settings=OpenloomiSettings,
    schema=schema,
    context=OpenloomiContext,
    seed=seed,
    # The skill's documented port (the desktop app itself listens on 3415, 3515 in development).
    local_port=3414,
    redirect_slashes=False,  # Next.js answers a trailing slash's path as unknown
    commands=commands,
    demo=_demo,
    # An upload's body is the file and the form around it.
    limits=lambda settings: RequestLimits(max_body_bytes=settings.max_upload_bytes + FORM_BYTES),
)
