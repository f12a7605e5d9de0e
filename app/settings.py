"""Process settings: `FACET_*` variables, plus the products' own variables where they have one."""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_LOOP_API_KEY = "loop_dev_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FACET_", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./var/facet.db"
    sql_echo: bool = False
    # Loop's server reads its key from LOOP_API_KEY; the dev default only ever serves local demos.
    loop_api_key: str = Field(
        default=DEV_LOOP_API_KEY,
        validation_alias=AliasChoices("LOOP_API_KEY", "FACET_LOOP_API_KEY"),
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
