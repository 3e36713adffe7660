"""``[tool.notelint.spelling]`` settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SpellingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda s: s.replace("_", "-"))

    languages: list[str] = ["en"]
