"""``[tool.notelint.online]`` settings.

Everything the online verification needs is here, so tests and self-hosted mirrors can point the
providers elsewhere and make the pacing tiny::

    [tool.notelint.online]
    enabled = true                      # same as --online
    contact = "me@example.org"          # goes into the User-Agent (and Crossref's mailto)
    providers = ["dblp", "semantic-scholar", "openreview", "crossref", "arxiv"]

    [tool.notelint.online.dblp]
    base-url = "https://dblp.uni-trier.de"   # a mirror
    min-interval = 1.0                       # seconds between two requests to it

This module is imported on every run (it is part of the configuration), so it imports nothing
heavy.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PROVIDER_NAMES = ("dblp", "semantic-scholar", "openreview", "crossref", "arxiv")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class ProviderSettings(BaseModel):
    """One provider's endpoint and manners."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)

    base_url: str
    # Seconds between the starts of two requests to this provider (retries included).
    min_interval: float = Field(default=1.0, ge=0)
    # The interval used when an API key is configured (None: same as ``min-interval``).
    keyed_min_interval: float | None = Field(default=None, ge=0)
    # Connections open at once to this provider (never more than ``online.concurrency``).
    max_connections: int = Field(default=2, ge=1)
    # Name of the environment variable holding an API key (the key itself is never configured,
    # printed or cached).
    api_key_env: str | None = None
    # How many hits to ask for.
    max_results: int = Field(default=10, ge=1, le=100)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")


# Each provider's defaults; a provider table in the configuration overrides them key by key.
PROVIDER_DEFAULTS: dict[str, dict[str, Any]] = {
    "dblp": {"base-url": "https://dblp.org", "min-interval": 1.0, "max-connections": 1},
    "semantic-scholar": {
        "base-url": "https://api.semanticscholar.org",
        "min-interval": 1.0,
        "max-connections": 1,
        "api-key-env": "SEMANTIC_SCHOLAR_API_KEY",
        "max-results": 1,
    },
    "openreview": {
        "base-url": "https://api2.openreview.net",
        "min-interval": 1.0,
        "max-connections": 2,
    },
    "crossref": {
        "base-url": "https://api.crossref.org",
        "min-interval": 0.1,
        "max-connections": 2,
        "max-results": 5,
    },
    "arxiv": {
        "base-url": "https://export.arxiv.org",
        "min-interval": 3.0,
        "max-connections": 1,
        "max-results": 5,
    },
}


def _provider(name: str) -> Any:
    return Field(default_factory=lambda: ProviderSettings.model_validate(PROVIDER_DEFAULTS[name]))


class OnlineSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)

    # -- switches (the CLI's --online, --refresh and --online-strict set these) ------------------
    enabled: bool = False
    refresh: bool = False  # ignore cached answers (new answers are still stored)
    strict: bool = False  # entries that could not be verified are errors (NL458)
    progress: bool = True  # a bar on a terminal, else a line at intervals (--quiet: neither)
    progress_interval: float = Field(default=10.0, gt=0)  # seconds between progress lines

    # -- providers ------------------------------------------------------------------------------
    providers: list[str] = Field(default_factory=lambda: list(PROVIDER_NAMES))
    dblp: ProviderSettings = _provider("dblp")
    semantic_scholar: ProviderSettings = _provider("semantic-scholar")
    openreview: ProviderSettings = _provider("openreview")
    crossref: ProviderSettings = _provider("crossref")
    arxiv: ProviderSettings = _provider("arxiv")

    # -- network behaviour ----------------------------------------------------------------------
    timeout: float = Field(default=15.0, gt=0)  # seconds, every request
    deadline: float = Field(default=600.0, gt=0)  # seconds, the whole online check
    concurrency: int = Field(default=4, ge=1)  # at most this many requests in flight per host
    retries: int = Field(default=3, ge=0)  # extra attempts on 429, 5xx and timeouts
    backoff: float = Field(default=1.0, ge=0)  # first retry delay; doubles, with jitter
    max_backoff: float = Field(default=60.0, ge=0)  # longest wait, Retry-After included
    contact: str | None = None  # e-mail address for the User-Agent

    # -- cache ----------------------------------------------------------------------------------
    cache: bool = True
    cache_path: str | None = None  # default: online.sqlite3 in notelint.config.userdirs' folder
    hit_ttl_days: float = Field(default=28.0, ge=0)
    miss_ttl_days: float = Field(default=1.0, ge=0)

    # -- matching -------------------------------------------------------------------------------
    fuzzy_threshold: float = Field(default=90.0, ge=0, le=100)  # title similarity, 0-100
    # Candidates scoring within this many points of the best one compete with it.
    ambiguity_margin: float = Field(default=2.0, ge=0, le=100)

    @model_validator(mode="before")
    @classmethod
    def _merge_provider_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        merged = dict(data)
        for name, defaults in PROVIDER_DEFAULTS.items():
            for key in (name, name.replace("-", "_")):
                table = merged.get(key)
                if isinstance(table, dict):
                    given = {str(k).replace("_", "-"): v for k, v in table.items()}
                    merged[key] = {**defaults, **given}
        return merged

    @field_validator("providers")
    @classmethod
    def _known_providers(cls, value: list[str]) -> list[str]:
        unknown = [name for name in value if name not in PROVIDER_NAMES]
        if unknown:
            raise ValueError(
                f"unknown provider {unknown[0]!r} (known: {', '.join(PROVIDER_NAMES)})"
            )
        if len(set(value)) != len(value):
            raise ValueError("lists a provider twice")
        return value

    @field_validator("contact")
    @classmethod
    def _plain_contact(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or any(c in value for c in "\r\n()")):
            raise ValueError("must be a plain e-mail address")
        return value.strip() if value is not None else None

    @model_validator(mode="after")
    def _backoff_order(self) -> OnlineSettings:
        if self.max_backoff < self.backoff:
            raise ValueError("max-backoff must not be smaller than backoff")
        return self

    def provider(self, name: str) -> ProviderSettings:
        """Settings of the provider called ``name`` (one of :data:`PROVIDER_NAMES`)."""
        if name not in PROVIDER_NAMES:
            raise KeyError(name)
        value: ProviderSettings = getattr(self, name.replace("-", "_"))
        return value
