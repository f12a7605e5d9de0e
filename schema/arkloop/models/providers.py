"""LLM providers an account configures and their models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

from .base import at_column, id_column


class LlmProvider(Base):
    """An account's model provider: its API key sealed (`app.sealing`), shown by prefix only."""

    __tablename__ = "arkloop_llm_providers"
    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"), index=True)
    provider: Mapped[str] = mapped_column(String(20))  # openai | anthropic
    name: Mapped[str] = mapped_column(String(200))
    api_key_sealed: Mapped[str] = mapped_column(Text)
    key_prefix: Mapped[str] = mapped_column(String(16))
    base_url: Mapped[str | None] = mapped_column(String(2000))
    openai_api_mode: Mapped[str | None] = mapped_column(String(30))
    advanced_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = at_column()


class LlmProviderModel(Base):
    __tablename__ = "arkloop_llm_provider_models"
    __table_args__ = (UniqueConstraint("provider_id", "model"),)

    id: Mapped[str] = id_column()
    account_id: Mapped[str] = mapped_column(ForeignKey("arkloop_accounts.id"))
    provider_id: Mapped[str] = mapped_column(ForeignKey("arkloop_llm_providers.id"), index=True)
    model: Mapped[str] = mapped_column(String(200))
    priority: Mapped[int] = mapped_column(Integer)
    is_default: Mapped[bool] = mapped_column(Boolean)
    tags: Mapped[list[str]] = mapped_column(JSON)
    when: Mapped[dict[str, Any]] = mapped_column(JSON)
    advanced_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    multiplier: Mapped[float] = mapped_column(Float)
    cost_per_1k_input: Mapped[float | None] = mapped_column(Float)
    cost_per_1k_output: Mapped[float | None] = mapped_column(Float)
    cost_per_1k_cache_write: Mapped[float | None] = mapped_column(Float)
    cost_per_1k_cache_read: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = at_column()
