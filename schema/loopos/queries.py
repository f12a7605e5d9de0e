"""LoopOS AI's read-only fields: health and the index page."""

from __future__ import annotations

import strawberry

from schema._shared import fields

from .service import index
from .types.outputs import Health, LooposInfo


@strawberry.type
class Query:
    @fields.query(public=True)
    async def health(self) -> Health:
        return Health(status="ok")

    @fields.query(public=True, description="The HTML index page of the services.")
    async def index_page(self, info: LooposInfo) -> str:
        return index.page(info.context.ai.name)
