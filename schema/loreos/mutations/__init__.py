"""LoreOS's mutations, one class per concern, merged into the schema's `Mutation`; every one
acts within the caller's app only."""

from __future__ import annotations

from strawberry.tools import merge_types

from .account import AccountMutation
from .assets import AssetMutation
from .proactive import ProactiveMutation
from .runtime import RuntimeMutation

Mutation = merge_types(
    "Mutation", (RuntimeMutation, AssetMutation, ProactiveMutation, AccountMutation)
)
