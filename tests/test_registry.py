"""Rules load through entry points and local plugins; malformed rules fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from notelint.config.settings import Settings
from notelint.engine.linter import Linter
from notelint.engine.registry import Registry, load_registry, resolve_enabled
from notelint.rules.base import RuleDefinitionError
from tests.helpers import PLUGIN


def test_builtin_rules_come_from_the_entry_point() -> None:
    from importlib.metadata import entry_points

    [ep] = [ep for ep in entry_points(group="notelint.rules") if ep.name == "builtin"]
    assert ep.value == "notelint.rules.builtin:RULES"
    registry = load_registry()
    assert registry.get("NL001") is not None
    assert registry.get("invalid-suppression") is registry.get("NL001")


def test_local_plugin_rules_load_from_config(tmp_path: Path) -> None:
    linter = Linter(Settings(root=tmp_path, plugins=[PLUGIN.as_posix()]))
    assert "NL901" in linter.enabled_codes()


def _plugin(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad_rule.py"
    path.write_text(
        "from notelint.rules.base import Rule\n"
        "from notelint.model.findings import Category, Severity\n" + body,
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("class R(Rule):\n    code = 'X1'\n", "code must look like NL123"),
        (
            "class R(Rule):\n    code = 'NL950'\n    name = 'Bad Name'\n",
            "name must be a kebab-case slug",
        ),
        (
            "class R(Rule):\n    '''Doc.'''\n    code = 'NL950'\n    name = 'ok-name'\n"
            "    category = Category.TAGS\n    severity = Severity.INFO\n",
            "docstring lacks section",
        ),
        (
            "class R(Rule):\n    code = 'NL950'\n    name = 'no-category'\n",
            "category must be one of",
        ),
        ("raise RuntimeError('boom')\n", "import failed"),
    ],
)
def test_malformed_plugins_fail_with_a_clear_message(
    tmp_path: Path, body: str, message: str
) -> None:
    path = _plugin(tmp_path, body)
    with pytest.raises(RuleDefinitionError, match=message):
        load_registry([path])


def test_duplicate_codes_are_refused(tmp_path: Path) -> None:
    source = PLUGIN.read_text(encoding="utf-8").replace("fixme-title", "another-name")
    copy = tmp_path / "copy_rule.py"
    copy.write_text(source, encoding="utf-8")
    with pytest.raises(RuleDefinitionError, match="NL901 is defined twice"):
        load_registry([PLUGIN, copy])


def test_most_specific_selector_wins() -> None:
    registry: Registry = load_registry([PLUGIN])
    enabled = resolve_enabled(
        registry, select=["NL9"], extend_select=[], ignore=["NL"], online=False
    )
    assert [r.code for r in enabled] == ["NL901"]
    enabled = resolve_enabled(
        registry, select=["NL901"], extend_select=[], ignore=["fixme-title"], online=False
    )
    assert enabled == []
    enabled = resolve_enabled(
        registry, select=["structure"], extend_select=[], ignore=[], online=False
    )
    assert "NL901" in [r.code for r in enabled]


def test_rule_option_tables_are_checked(tmp_path: Path) -> None:
    from notelint.config.settings import ConfigError, Settings
    from notelint.engine.linter import Linter

    with pytest.raises(
        ConfigError,
        match=r"\[rules.NL308\] has no option 'ordr'; did you mean 'order'\? \(allowed: order\)",
    ):
        Linter(Settings(root=tmp_path, rules={"NL308": {"ordr": ["venue"]}}))
    with pytest.raises(ConfigError, match=r"\[rules.NL999\] names no known rule"):
        Linter(Settings(root=tmp_path, rules={"NL999": {}}))
    with pytest.raises(ConfigError, match="has no option 'x' \\(allowed: none\\)"):
        Linter(Settings(root=tmp_path, rules={"NL201": {"x": 1}}))
    # by slug, too: the options reach the rule
    linter = Linter(
        Settings(root=tmp_path, rules={"tag-order": {"order": ["country", "venue"]}}),
        extend_select=["NL308"],
    )
    [rule] = [r for r in linter.rules if r.code == "NL308"]
    assert rule.order == ("country", "venue")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"require": "sometimes"}, "[rules.NL102] 'require' must be one of 'learned', 'always'"),
        ({"require": 3}, "[rules.NL102] 'require' must be one of 'learned', 'always' (got 3)"),
        ({"requir": "always"}, "has no option 'requir'; did you mean 'require'?"),
    ],
)
def test_a_wrong_option_value_names_the_file_rule_and_key(
    table: dict[str, object], message: str, tmp_path: Path
) -> None:
    from notelint.config.settings import ConfigError, Settings
    from notelint.engine.linter import Linter

    settings = Settings(
        root=tmp_path, config_path=tmp_path / "pyproject.toml", rules={"NL102": table}
    )
    # Checked when the run starts, even for a rule that is not enabled.
    with pytest.raises(ConfigError) as raised:
        Linter(settings, select=["NL201"])
    assert str(raised.value).startswith(f"{tmp_path / 'pyproject.toml'}: ")
    assert message in str(raised.value)
