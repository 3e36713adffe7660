"""Errors that end a run with exit code 2 and a one-line message (usage or configuration)."""

from __future__ import annotations

from notelint.config.settings import ConfigError
from notelint.discovery.finder import DiscoveryError
from notelint.engine.registry import SelectorError
from notelint.rules.base import RuleDefinitionError
from notelint.vocabulary.tags import VocabularyError


class UsageError(Exception):
    """A command line that cannot be carried out."""


USAGE_ERRORS: tuple[type[Exception], ...] = (
    UsageError,
    ConfigError,
    DiscoveryError,
    SelectorError,
    RuleDefinitionError,
    VocabularyError,
)

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
