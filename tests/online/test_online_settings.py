"""``[tool.notelint.online]``: defaults, provider tables, validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.online import PROVIDER_NAMES, OnlineSettings
from notelint.config.settings import ConfigError, settings_from_table


def test_defaults_are_offline_and_polite() -> None:
    online = OnlineSettings()
    assert online.enabled is False
    assert online.providers == list(PROVIDER_NAMES)
    assert online.provider("dblp").min_interval >= 1.0
    assert online.provider("arxiv").min_interval >= 3.0
    assert online.provider("arxiv").max_connections == 1
    assert online.provider("semantic-scholar").min_interval >= 1.0
    assert online.provider("semantic-scholar").api_key_env == "SEMANTIC_SCHOLAR_API_KEY"
    assert online.hit_ttl_days >= 14 and online.miss_ttl_days == 1


def test_config_table(tmp_path: Path) -> None:
    table = {
        "online": {
            "enabled": True,
            "providers": ["crossref", "dblp"],
            "contact": "me@example.org",
            "dblp": {"base-url": "https://dblp.example.org/", "min-interval": 2.5},
            "semantic-scholar": {"api-key-env": "MY_S2_KEY", "keyed-min-interval": 0.1},
            "fuzzy-threshold": 85,
        }
    }
    settings = settings_from_table(table, root=tmp_path, config_path=tmp_path / "notelint.toml")
    online = settings.online
    assert online.providers == ["crossref", "dblp"]
    assert online.dblp.base_url == "https://dblp.example.org"
    assert online.dblp.min_interval == 2.5
    assert online.semantic_scholar.api_key_env == "MY_S2_KEY"
    assert online.fuzzy_threshold == 85


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"providers": ["google-scholar"]}, "unknown provider 'google-scholar'"),
        ({"dblp": {"base-url": "ftp://x"}}, "http"),
        ({"timeout": 0}, "timeout"),
        ({"dblp": {"speed": 1}}, "unknown key"),
        ({"contact": "a\nb"}, "e-mail"),
    ],
)
def test_bad_values_are_one_line_errors(
    tmp_path: Path, table: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_table(
            {"online": table}, root=tmp_path, config_path=tmp_path / "notelint.toml"
        )
