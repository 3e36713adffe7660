"""The result cache's run key follows the settings' own declarations (RUN_ONLY), no hand list."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings, result_settings, run_only_settings
from notelint.engine.linter import Linter
from notelint.store.keys import run_key

# A value for each run-only setting that differs from its default.
RUN_ONLY_CHANGES = {
    "paths": ["notes"],
    "include": ["*.md"],
    "exclude": ["drafts"],
    "extend_exclude": ["old"],
    "respect_gitignore": False,
    "force_exclude": True,
    "output_format": "json",
    "cache_dir": "elsewhere",
    "cache": False,
    "jobs": 2,
    "fail_on": "error",
    "severity": {"NL201": "error"},
    "migrate": {"heading_labels": "keep"},
}


def test_every_run_only_setting_is_exercised() -> None:
    assert run_only_settings() == set(RUN_ONLY_CHANGES)


@pytest.mark.parametrize("name", sorted(RUN_ONLY_CHANGES))
def test_a_run_only_setting_keeps_the_cached_results(name: str, tmp_path: Path) -> None:
    changed = Settings.model_validate({name: RUN_ONLY_CHANGES[name], "root": tmp_path})
    assert run_key(Linter(changed)) == run_key(Linter(Settings(root=tmp_path)))


@pytest.mark.parametrize(
    "change",
    [
        {"closed_vocabulary": True},
        {"spelling": {"extra_words": ["qwerty"]}},
        {"builtin_vocabulary": False},
    ],
)
def test_a_setting_that_can_change_results_starts_a_new_key(
    change: dict[str, object], tmp_path: Path
) -> None:
    changed = Settings.model_validate({**change, "root": tmp_path})
    assert run_key(Linter(changed)) != run_key(Linter(Settings(root=tmp_path)))


def test_a_setting_is_in_the_key_unless_it_says_otherwise() -> None:
    # root and config_path are where the settings came from, not configuration.
    declared = set(Settings.model_fields) - {"root", "config_path"}
    assert set(result_settings(Settings())) == declared - run_only_settings()
