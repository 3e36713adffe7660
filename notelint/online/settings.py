"""``[tool.notelint.online]`` settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class OnlineSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda s: s.replace("_", "-"))

    enabled: bool = False
