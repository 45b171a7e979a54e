"""Where settings live: one pydantic-settings object for the whole app, env-driven.

It sits at the floor of the house, beside ``prompts/``: it imports nothing of ours, so every
layer (channels, agent, tools, memory) can read it without importing upward.
"""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field, computed_field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path(platformdirs.user_data_dir("talent-passport", appauthor=False))


class Settings(BaseSettings):
    """Everything configurable, each field read from an environment variable."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    home: Path = Field(default_factory=_default_home, alias="PASSPORT_HOME")
    openai_api_key: str | None = Field(default=None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, alias="OPENAI_BASE_URL")
    model: str = Field(default="gpt-4o-mini", alias="PASSPORT_MODEL")
    llm_timeout_s: float = Field(default=30.0, alias="PASSPORT_LLM_TIMEOUT")
    records_url: str | None = Field(default=None, alias="PASSPORT_RECORDS_URL")
    checkpoints_url: str | None = Field(default=None, alias="PASSPORT_CHECKPOINTS_URL")
    chroma_url: str | None = Field(default=None, alias="PASSPORT_CHROMA_URL")
    checkpoint_keep: int = Field(default=20, alias="PASSPORT_CHECKPOINT_KEEP", ge=2)
    # Memory vectors each worker keeps for repeat recalls (about 1.6 kB each); 0: none.
    recall_cache: int = Field(default=50_000, alias="PASSPORT_RECALL_CACHE", ge=0)
    # Heavy jobs (skill tagging, embedding a memory) run at once; unset: cores - 1, min 1.
    heavy_workers: int | None = Field(default=None, alias="PASSPORT_HEAVY_WORKERS", ge=1)
    telegram_bot_token: str | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_webhook_secret: str | None = Field(default=None, alias="TELEGRAM_WEBHOOK_SECRET")
    telegram_base_url: str | None = Field(default=None, alias="TELEGRAM_BASE_URL")
    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(default=None, alias="SLACK_API_URL")
    secret_key: str | None = Field(default=None, alias="PASSPORT_SECRET_KEY")
    public_url: str = Field(default="http://127.0.0.1:8000", alias="PASSPORT_PUBLIC_URL")
    cache_override: Path | None = Field(default=None, alias="PASSPORT_CACHE_DIR")
    # Where the people using this install live (e.g. en_GB, es_ES): picks the helpline a
    # distressed person is pointed to. Unset: the international directory only.
    locale: str | None = Field(default=None, alias="PASSPORT_LOCALE")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def llm_enabled(self) -> bool:
        """True when a provider is configured (a key, or a base URL for a local server)."""
        return bool(self.openai_api_key or self.openai_base_url)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sqlite_path(self) -> Path:
        """The embedded records database."""
        return self.home / "passport.sqlite3"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def checkpoint_path(self) -> Path:
        """The embedded LangGraph checkpoint database."""
        return self.home / "checkpoints.sqlite3"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def chroma_path(self) -> Path:
        """The embedded Chroma directory."""
        return self.home / "chroma"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cache_dir(self) -> Path:
        """Derived indexes (framework embeddings and the like), safe to delete.

        ``PASSPORT_CACHE_DIR`` moves them out of the data dir, e.g. to share one index
        between several data dirs (the test suite does this)."""
        return self.cache_override or self.home / "cache"

    def ensure_home(self) -> Path:
        """Create the data dir (private to the user) and return it."""
        self.home.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.home, 0o700)
        return self.home


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (call ``get_settings.cache_clear()`` after changing env)."""
    return Settings()
