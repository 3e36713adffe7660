"""``[tool.notelint.spelling]`` settings.

```toml
[tool.notelint.spelling]
languages = ["en"]            # pyspellchecker dictionaries to merge (en, de, fr, es, …)
extra-words = ["Sinkhorn"]    # accepted on top of the built-in lists and rules/words.txt
check-identifiers = false     # true: check CamelCase / ALL-CAPS tokens as words too
min-word-length = 3           # shorter words are never reported
domain-dictionary = true      # the built-in ML / vision / NLP / medical / statistics words
capitalized-names = true      # an unknown Capitalised word inside a sentence is a name,
                              # unless one typing slip away from a known word
unknown-words = "ignore"      # a word unknown everywhere with nothing close to it (a name,
                              # a term): "ignore", or "info" to list them too
```
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Dictionaries shipped by pyspellchecker 0.8+ (``spellchecker/resources/<code>.json.gz``).
KNOWN_LANGUAGES = ("ar", "de", "en", "es", "eu", "fa", "fr", "it", "lv", "nl", "pt", "ru")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class SpellingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)

    languages: list[str] = Field(default_factory=lambda: ["en"])
    extra_words: list[str] = Field(default_factory=list)
    check_identifiers: bool = False
    min_word_length: int = 3
    domain_dictionary: bool = True
    capitalized_names: bool = True
    unknown_words: Literal["ignore", "info"] = "ignore"

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in KNOWN_LANGUAGES]
        if unknown:
            raise ValueError(
                f"unknown language {unknown[0]!r} (available: {', '.join(KNOWN_LANGUAGES)})"
            )
        return value

    @field_validator("min_word_length")
    @classmethod
    def _positive_length(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be a whole number of at least 1")
        return value
