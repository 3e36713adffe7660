"""Typed rule options: one declaration gives validation, `notelint rule` and the JSON schema."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from notelint.commands.schema import configuration_schema
from notelint.rules.builtin import RULES
from tests.helpers import run_cli

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = REPO / "docs" / "notelint.schema.json"


def test_rule_lists_its_options_with_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_cli(capsys, "rule", "NL102")
    assert shown.code == 0
    assert "Options (`[tool.notelint.rules.NL102]`):" in shown.out
    assert '- `require` (one of "learned", "always", default "learned"): ' in shown.out
    as_json = json.loads(run_cli(capsys, "rule", "tag-order", "--output-format", "json").out)
    [order] = as_json["options"]
    assert order["key"] == "order" and order["type"] == "list of strings"
    assert order["default"][:2] == ["venue", "track"]


def test_a_rule_without_options_lists_none(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_cli(capsys, "rule", "NL201")
    assert "Options" not in shown.out
    assert (
        json.loads(run_cli(capsys, "rule", "NL201", "--output-format", "json").out)["options"] == []
    )


def test_the_published_schema_is_the_current_one() -> None:
    current = configuration_schema(RULES)
    assert json.loads(PUBLISHED.read_text(encoding="utf-8")) == current, (
        "docs/notelint.schema.json is stale: notelint schema > docs/notelint.schema.json"
    )


def test_schema_command_prints_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "notelint.toml").write_text("", encoding="utf-8")
    printed = run_cli(capsys, "schema", "--config", str(tmp_path / "notelint.toml"))
    assert printed.code == 0
    assert json.loads(printed.out) == json.loads(PUBLISHED.read_text(encoding="utf-8"))


def _table(text: str) -> dict[str, object]:
    return tomllib.loads(text)


GOOD = [
    'select = ["NL1", "format"]\nfail-on = "error"\n[rules.NL102]\nrequire = "always"\n',
    '[rules.tag-order]\norder = ["venue", "country"]\n[spelling]\nextra-words = ["ViT"]\n',
]
BAD = [
    ("unknown-key = 1\n", "unknown-key"),
    ('[rules.NL102]\nrequire = "sometimes"\n', "'require' must be one of"),
    ('[rules.NL308]\norder = "venue"\n', "'order' must be a list of category names"),
    ("[rules.NL201]\nx = 1\n", "has no option 'x'"),
    ('fail-on = "fatal"\n', "fail-on"),
]


@pytest.mark.parametrize("text", GOOD)
def test_what_check_accepts_the_schema_accepts(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonschema.validate(_table(text), json.loads(PUBLISHED.read_text(encoding="utf-8")))
    (tmp_path / "notelint.toml").write_text(text, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# ICCV\n\n* A Title `US`\n    > A summary.\n", "utf-8")
    assert run_cli(
        capsys, "check", "--config", str(tmp_path / "notelint.toml"), str(tmp_path / "notes.md")
    ).code in (0, 1)


@pytest.mark.parametrize(("text", "message"), BAD)
def test_what_check_rejects_the_schema_rejects(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_table(text), json.loads(PUBLISHED.read_text(encoding="utf-8")))
    (tmp_path / "notelint.toml").write_text(text, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# ICCV\n\n* A Title `US`\n    > A summary.\n", "utf-8")
    rejected = run_cli(
        capsys, "check", "--config", str(tmp_path / "notelint.toml"), str(tmp_path / "notes.md")
    )
    assert rejected.code == 2 and message in rejected.err, rejected.err
    assert "Traceback" not in rejected.err


def test_every_builtin_rule_declares_its_options() -> None:
    assert all(rule.Options is not None for rule in RULES)
