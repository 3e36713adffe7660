"""What a run would use, without running it: ``--show-settings``, ``--show-files``, and the
JSON form of ``--statistics``."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from notelint.config.settings import Settings
from notelint.discovery.finder import MARKDOWN_SUFFIXES, FileFinder, display_path
from notelint.engine.linter import Linter
from notelint.model.findings import Finding
from notelint.reporters.text import statistics_rows
from notelint.vocabulary.tags import BUILTIN_FILES, vocabulary_files


def show_settings(settings: Settings, linter: Linter) -> str:
    """The configuration file, the enabled rules with their options, the vocabulary layers,
    the file selection and spelling settings: what decides a run, as resolved."""
    lines = [f"Configuration file: {settings.config_path or 'none (defaults)'}"]
    lines.append(f"Project root: {settings.root}")
    lines.append("")
    lines.append(f"Enabled rules ({len(linter.rules)}):")
    for rule in sorted(linter.rules, key=lambda r: r.code):
        options = dict(rule.options)
        suffix = f"  {json.dumps(options, sort_keys=True)}" if options else ""
        lines.append(f"  {rule.code} {rule.name} ({rule.severity.value}){suffix}")
    lines.append("")
    lines.append("Vocabulary layers (later ones win):")
    lines.extend(f"  built-in: {name}" for name in BUILTIN_FILES)
    folder = settings.vocabulary_dir()
    if folder is not None and folder.is_dir():
        lines.extend(f"  {display_path(path)}" for path in vocabulary_files(folder))
    else:
        lines.append(f"  (no vocabulary folder: {folder or 'none configured'})")
    lines.append("")
    lines.append("Files:")
    lines.append(f"  paths: {settings.paths or ['.']}")
    lines.append(f"  include: {settings.include or ['every Markdown file']}")
    lines.append(f"  exclude: {settings.exclude}")
    lines.append(f"  extend-exclude: {settings.extend_exclude}")
    lines.append(f"  respect-gitignore: {settings.respect_gitignore}")
    lines.append("")
    spelling = settings.spelling.model_dump(by_alias=True)
    lines.append(f"Spelling: {json.dumps(spelling, sort_keys=True)}")
    return "\n".join(lines) + "\n"


def show_files(
    files: Sequence[tuple[Path, str]], finder: FileFinder, settings: Settings, given: Sequence[Path]
) -> str:
    """The files a run would check, then the Markdown files and folders it would not, each
    with the reason (the exclude pattern, ``include``, ``paths``, git)."""
    lines = [display for _, display in files]
    checked = {path.resolve() for path, _ in files}
    skipped: list[str] = []
    for top in given:
        if not top.is_dir():
            if top.exists() and top.resolve() not in checked:
                why = finder.why_not_named(top) or "not selected"
                skipped.append(f"{display_path(top)}  ({why}; --force-exclude)")
            continue
        for folder, dirs, names in os.walk(top):
            base = Path(folder)
            kept = []
            for name in sorted(dirs):
                reason = finder.why_excluded(base / name, is_dir=True)
                if reason is None:
                    kept.append(name)
                else:
                    skipped.append(f"{display_path(base / name)}/  ({reason})")
            dirs[:] = kept
            for name in sorted(names):
                path = base / name
                if path.suffix.lower() not in MARKDOWN_SUFFIXES or path.resolve() in checked:
                    continue
                reason = finder.why_excluded(path, is_dir=False) or "not selected"
                skipped.append(f"{display_path(path)}  ({reason})")
    out = "\n".join(lines) + ("\n" if lines else "")
    if skipped:
        out += "\nNot checked:\n" + "".join(f"  {line}\n" for line in skipped)
    return out


def statistics_json(findings: Sequence[Finding]) -> str:
    """``--statistics --output-format json``: one object per rule, most findings first."""
    data = [
        {"code": code, "name": name, "count": n, "fixable": safe}
        for code, name, n, safe in statistics_rows(findings)
    ]
    return json.dumps(data, indent=2) + "\n"
