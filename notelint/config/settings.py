"""Configuration: discovery, validation and the effective settings of a run.

Configuration lives in ``[tool.notelint]`` of ``pyproject.toml``, or at the top level of
``notelint.toml`` / ``.notelint.toml``. It is found by walking up from the current directory;
the directory holding it is the project root, and relative paths in it are relative to that root.
Keys are kebab-case, as in ruff. An unknown key or a bad value is a one-line error naming the
file, the key and what is allowed.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from notelint.config.files import find_config
from notelint.config.online import OnlineSettings
from notelint.config.spelling import SpellingSettings
from notelint.model.findings import Severity

DEFAULT_EXCLUDE = [
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    "site-packages",
    ".notelint_cache",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
]
OUTPUT_FORMATS = (
    "text",
    "json",
    "concise",
    "grouped",
    "json-lines",
    "github",
    "sarif",
    "junit",
    "junit-strict",
    "gitlab",
    "rdjson",
    "markdown",
)


# Set in the user's environment, never in a repository's configuration.
ALLOW_PLUGINS_OUTSIDE = "NOTELINT_ALLOW_PLUGINS_OUTSIDE_ROOT"


class ConfigError(Exception):
    """A configuration problem: exit code 2 with this message."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class MigrateSettings(BaseModel):
    """``[tool.notelint.migrate]``: how ``notelint migrate`` rewrites older notes."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)

    # "entries": a heading's `#Label` becomes a tag of each of its entries; "keep": it stays.
    heading_labels: Literal["entries", "keep"] = "entries"


class _RunOnly:
    """Marks a setting that changes how a run goes (which files, how output looks, what fails
    it), never a file's result: the result cache and workers leave such settings out."""

    def __repr__(self) -> str:
        return "RUN_ONLY"


RUN_ONLY = _RunOnly()


class Settings(BaseModel):
    """The effective configuration of a run. Every field that cannot change a file's result is
    annotated ``RUN_ONLY``; the result cache's key is derived from the others
    (:func:`result_settings`), so a new setting is in the key unless it says otherwise."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)

    paths: Annotated[list[str], RUN_ONLY] = Field(default_factory=list)
    # Gitignore-style patterns a file must match to be checked (empty: every Markdown file).
    include: Annotated[list[str], RUN_ONLY] = Field(default_factory=list)
    exclude: Annotated[list[str], RUN_ONLY] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: Annotated[list[str], RUN_ONLY] = Field(default_factory=list)
    respect_gitignore: Annotated[bool, RUN_ONLY] = True
    force_exclude: Annotated[bool, RUN_ONLY] = False
    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    # Files (gitignore-style patterns) that are Markdown but not notes (a README, a page about
    # one paper): checked as prose (whitespace, invisible characters, the final line break,
    # spelling), never as notes. `notelint init` lists the files it judges so by their shape.
    prose_files: list[str] = Field(default_factory=list)
    severity: Annotated[dict[str, Severity], RUN_ONLY] = Field(default_factory=dict)
    fail_on: Annotated[Severity, RUN_ONLY] = Severity.WARNING
    closed_vocabulary: bool = False
    vocabulary: str | None = "rules"
    builtin_vocabulary: bool = True
    plugins: list[str] = Field(default_factory=list)
    # Files (globs, relative to the project) that local plugins read: a change to one of them
    # invalidates cached results, as a change to a plugin module does.
    cache_key_files: list[str] = Field(default_factory=list)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    output_format: Annotated[str, RUN_ONLY] = "text"
    cache_dir: Annotated[str, RUN_ONLY] = ".notelint_cache"
    cache: Annotated[bool, RUN_ONLY] = True
    jobs: Annotated[int | None, RUN_ONLY] = None
    spelling: SpellingSettings = Field(default_factory=SpellingSettings)
    online: OnlineSettings = Field(default_factory=OnlineSettings)
    # Read by ``notelint migrate`` only.
    migrate: Annotated[MigrateSettings, RUN_ONLY] = Field(default_factory=MigrateSettings)

    # Not configuration: where it came from (set by ``load_settings``).
    root: Path = Field(default_factory=Path.cwd, exclude=True)
    config_path: Path | None = Field(default=None, exclude=True)

    @field_validator("output_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in OUTPUT_FORMATS:
            raise ValueError(f"must be one of {', '.join(OUTPUT_FORMATS)}")
        return value

    @field_validator("jobs")
    @classmethod
    def _positive_jobs(cls, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise ValueError("must be a whole number of at least 1")
        return value

    def rule_options(self, code: str) -> dict[str, Any]:
        return self.rules.get(code, {})

    def vocabulary_dir(self) -> Path | None:
        if self.vocabulary is None:
            return None
        return (self.root / self.vocabulary).resolve()

    def resolve(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    def plugin_paths(self) -> list[Path]:
        """The local plugin modules, each inside the project unless the user (not the
        repository) allows otherwise: a plugin is code, and ``check`` runs it."""
        import os

        allowed = os.environ.get(ALLOW_PLUGINS_OUTSIDE) == "1"
        root = self.root.resolve()
        where = str(self.config_path or "configuration")
        paths = []
        for entry in self.plugins:
            path = self.resolve(entry)
            if not allowed and not path.is_relative_to(root):
                raise ConfigError(
                    f"{where}: plugin '{entry}' is outside the project ({root}); local plugins"
                    f" run code, so only files inside the project are loaded"
                    f" (set {ALLOW_PLUGINS_OUTSIDE}=1 in your environment to allow it)"
                )
            paths.append(path)
        return paths


def run_only_settings() -> frozenset[str]:
    """The settings annotated ``RUN_ONLY``: those that cannot change a file's result."""
    fields = Settings.model_fields
    return frozenset(name for name, info in fields.items() if RUN_ONLY in info.metadata)


def result_settings(settings: Settings) -> dict[str, Any]:
    """The settings that can change a file's result, as plain data (what a run key hashes)."""
    return settings.model_dump(mode="json", exclude=set(run_only_settings()))


def read_config_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("notelint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.notelint] must be a table")
        return table
    return data


def _describe_error(path: Path, exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(part) for part in err["loc"])
    prefix = "[tool.notelint] " if path.name == "pyproject.toml" else ""
    if err["type"] == "extra_forbidden":
        owner: type[BaseModel] = Settings
        for part in err["loc"][:-1]:
            field = owner.model_fields.get(str(part).replace("-", "_"))
            annotation = field.annotation if field is not None else None
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                owner = annotation
        allowed = ", ".join(
            (info.alias or name)
            for name, info in owner.model_fields.items()
            if name not in ("root", "config_path")
        )
        return f"{path}: {prefix}unknown key '{loc}' (allowed: {allowed})"
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{path}: {prefix}'{loc}': {message} (got {err.get('input')!r})"


def settings_from_table(table: dict[str, Any], *, root: Path, config_path: Path | None) -> Settings:
    try:
        settings = Settings.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(_describe_error(config_path or root / "<config>", exc)) from None
    settings.root = root
    settings.config_path = config_path
    folder = settings.vocabulary_dir()
    if folder is not None and folder.exists() and not folder.is_dir():
        where = config_path or root / "<config>"
        raise ConfigError(
            f"{where}: 'vocabulary' names {folder}, which is not a directory"
            " (the vocabulary is a folder of TOML files)"
        )
    return settings


def load_settings(
    config: Path | None = None,
    cwd: Path | None = None,
    *,
    overrides: Sequence[str] = (),
    isolated: bool = False,
) -> Settings:
    """Settings from an explicit ``--config`` file, else the nearest config, else defaults
    (``isolated``: defaults, whatever files there are); then each ``KEY = VALUE`` override
    (``--config 'spelling.min-word-length = 4'``) on top."""
    cwd = cwd or Path.cwd()
    if isolated:
        path: Path | None = None
    elif config is not None:
        if not config.is_file():
            raise ConfigError(f"{config}: no such config file")
        path = config.resolve()
    else:
        path = find_config(cwd.resolve())
    table = read_config_table(path) if path is not None else {}
    for override in overrides:
        _merge(table, parse_override(override))
    root = path.parent if path is not None else cwd.resolve()
    return settings_from_table(table, root=root, config_path=path)


def parse_override(text: str) -> dict[str, Any]:
    """One ``--config KEY=VALUE`` override as a table (its value is TOML)."""
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"--config {text!r}: not a config file and not a KEY = VALUE setting in TOML ({exc})"
        ) from None
    if not parsed:
        raise ConfigError(f"--config {text!r}: sets nothing")
    return parsed


def _merge(table: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        current = table.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge(current, value)
        else:
            table[key] = value


def is_override(text: str) -> bool:
    """``--config`` holds a setting (``KEY=VALUE``) rather than a file name."""
    return "=" in text and not Path(text).is_file()
