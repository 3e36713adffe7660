"""``notelint init [PATHS] [--force]``: start notelint on a repository that already has notes.

Writes, in the current directory:

* a starter ``[tool.notelint]`` table in ``pyproject.toml`` (created if absent; the top level of
  ``notelint.toml`` / ``.notelint.toml`` instead when the repository already uses one), and
* ``rules/tags.toml``, a tag vocabulary inferred from the notes found under PATHS (default:
  the current directory): every tag with how often it is used, grouped under the category the
  built-in registry knows it by (countries, venues, organisations), the rest under ``[label]``
  for a person to sort; tags that differ only in letter case or punctuation (``SnT``/``SNT``)
  become one tag (the most used spelling) with the others proposed as aliases.

Nothing is written when a target already exists (or pyproject.toml already has a
``[tool.notelint]`` table) unless ``--force`` is given; then the table or file is replaced.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from notelint.config import Settings
from notelint.discovery import FileFinder
from notelint.errors import EXIT_CLEAN, UsageError
from notelint.vocabulary import KNOWN_CATEGORIES, Vocabulary, fold, load_vocabulary

VOCABULARY_DIR = "rules"
VOCABULARY_FILE = "tags.toml"
UNSORTED_CATEGORY = "label"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass
class TagGroup:
    """One proposed tag: its canonical spelling and every spelling the notes use for it."""

    canonical: str
    category: str
    builtin: bool
    name: str | None = None
    spellings: Counter[str] = field(default_factory=Counter)
    known_aliases: frozenset[str] = frozenset()

    @property
    def uses(self) -> int:
        return sum(self.spellings.values())

    def proposed_aliases(self, vocabulary: Vocabulary) -> list[str]:
        aliases = []
        for text, _count in self.spellings.most_common():
            if text == self.canonical or text in self.known_aliases:
                continue
            owner = vocabulary.lookup(text)
            if owner is not None and owner.canonical != self.canonical:
                continue  # someone else's spelling: never take it away
            aliases.append(text)
        return aliases


@dataclass
class Inference:
    files: int = 0
    entries: int = 0
    groups: list[TagGroup] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


def _toml_key(text: str) -> str:
    return text if _BARE_KEY.match(text) else json.dumps(text, ensure_ascii=False)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def infer(paths: list[Path], root: Path) -> Inference:
    """Count the tags of the notes under ``paths`` and group their spellings."""
    from notelint.parser import parse
    from notelint.source import SourceError, SourceText

    vocabulary = load_vocabulary(None, builtin=True)
    finder = FileFinder(Settings(root=root))
    counts: Counter[str] = Counter()
    result = Inference(vocabulary=vocabulary)
    for path in finder.find(paths):
        try:
            source = SourceText.read(path, str(path))
        except SourceError:
            continue
        document = parse(source, vocabulary)
        result.files += 1
        for note in document.entries:
            result.entries += 1
            counts.update(tag.text for tag in note.tags if tag.text.strip())

    builtin: dict[str, TagGroup] = {}
    local: dict[str, TagGroup] = {}
    for text, count in counts.items():
        resolved = vocabulary.resolve(text)
        entry = vocabulary.get(resolved.canonical) if resolved is not None else None
        if entry is None:
            similar = vocabulary.same_folded(text)
            entry = similar[0] if len(similar) == 1 else None
        if entry is not None:
            group = builtin.setdefault(
                entry.canonical,
                TagGroup(
                    canonical=entry.canonical,
                    category=entry.category,
                    builtin=True,
                    name=entry.name,
                    known_aliases=frozenset(entry.aliases),
                ),
            )
        else:
            group = local.setdefault(
                fold(text) or text,
                TagGroup(canonical="", category=UNSORTED_CATEGORY, builtin=False),
            )
        group.spellings[text] += count
    for group in local.values():
        # The most used spelling; on a tie, the one with more capitals (SnT over snt), then A-Z.
        group.canonical = min(
            group.spellings,
            key=lambda s: (-group.spellings[s], -sum(c.isupper() for c in s), s),
        )
    order = {category: i for i, category in enumerate(KNOWN_CATEGORIES)}
    result.groups = sorted(
        [*builtin.values(), *local.values()],
        key=lambda g: (order.get(g.category, len(order)), -g.uses, g.canonical.casefold()),
    )
    return result


def render_vocabulary(inference: Inference, vocabulary: Vocabulary) -> str:
    tags = len(inference.groups)
    lines = [
        "# Tag vocabulary inferred by `notelint init` from "
        f"{inference.files} notes file{'s' if inference.files != 1 else ''} "
        f"({inference.entries} entr{'ies' if inference.entries != 1 else 'y'}, "
        f"{tags} distinct tag{'s' if tags != 1 else ''}).",
        "#",
        "# Review it before relying on it: each tag says how often the notes use it and in",
        "# which spellings. Tags the built-in registry knows are filed under its category;",
        f"# the others wait under [{UNSORTED_CATEGORY}] to be moved to the right category",
        "# (organisation, person, sector, track, ...). Spellings that differ only in case or",
        "# punctuation are proposed as aliases of the most used one: delete an alias that is",
        "# really a different tag. Once every tag is here, `closed-vocabulary = true` in the",
        "# configuration reports any tag that is not.",
    ]
    current = None
    for group in inference.groups:
        if group.category != current:
            current = group.category
            lines.append("")
            lines.append(f"[{_toml_key(current)}]")
            if current == UNSORTED_CATEGORY:
                lines.append("# Not in the built-in registry: file each under its category.")
        fields = []
        aliases = group.proposed_aliases(vocabulary)
        if aliases:
            fields.append(f"aliases = [{', '.join(_toml_string(a) for a in aliases)}]")
        value = "{ " + ", ".join(fields) + " }" if fields else "{}"
        used = ", ".join(f"{text} ×{n}" for text, n in group.spellings.most_common())
        note = f"{group.uses} use{'s' if group.uses != 1 else ''}"
        if len(group.spellings) > 1 or group.canonical not in group.spellings:
            note += f" ({used})"
        if group.builtin:
            note += f"; built-in: {group.name}" if group.name else "; built-in"
        lines.append(f"{_toml_key(group.canonical)} = {value}  # {note}")
    return "\n".join(lines) + "\n"


def render_settings(paths: list[str], *, table: bool) -> str:
    body = [
        "# Written by `notelint init`: `notelint rules` lists what is checked.",
    ]
    if paths:
        body.append(f"paths = [{', '.join(_toml_string(p) for p in paths)}]")
    body += [
        f'vocabulary = "{VOCABULARY_DIR}"',
        "# closed-vocabulary = true  # report tags that rules/ does not list",
        '# extend-exclude = ["drafts/"]',
        '# ignore = ["NL5"]  # e.g. no spelling checks',
    ]
    header = ["[tool.notelint]"] if table else []
    return "\n".join(header + body) + "\n"


def _strip_notelint_tables(text: str) -> str:
    """``text`` (pyproject.toml) without its ``[tool.notelint]`` and ``[tool.notelint.*]``
    tables."""
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        match = _TABLE_HEADER.match(line)
        if match:
            name = match.group(1).replace('"', "").replace("'", "").replace(" ", "")
            skipping = name == "tool.notelint" or name.startswith("tool.notelint.")
        if not skipping:
            kept.append(line)
    return "".join(kept).rstrip("\n") + ("\n" if kept else "")


def _has_notelint_table(text: str) -> bool:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"pyproject.toml: invalid TOML: {exc}") from None
    tool = data.get("tool")
    return isinstance(tool, dict) and "notelint" in tool


def _relative_paths(paths: list[Path], cwd: Path) -> list[str]:
    shown = []
    for path in paths:
        try:
            shown.append(path.resolve().relative_to(cwd).as_posix() or ".")
        except ValueError:
            shown.append(path.as_posix())
    return [p for p in shown if p != "."]


def run(args: argparse.Namespace) -> int:
    cwd = Path.cwd().resolve()
    given = [Path(p) for p in (getattr(args, "paths", None) or [])]
    for path in given:
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
    force = bool(getattr(args, "force", False))

    # Where the configuration goes, and whether that would overwrite anything.
    standalone = next(
        (cwd / n for n in ("notelint.toml", ".notelint.toml") if (cwd / n).is_file()), None
    )
    pyproject = cwd / "pyproject.toml"
    problems = []
    if standalone is not None:
        config_target = standalone
        if not force:
            problems.append(f"{standalone.name} exists")
    else:
        config_target = pyproject
        configured = pyproject.is_file() and _has_notelint_table(
            pyproject.read_text(encoding="utf-8")
        )
        if configured and not force:
            problems.append("pyproject.toml already has a [tool.notelint] table")
    vocab_target = cwd / VOCABULARY_DIR / VOCABULARY_FILE
    if vocab_target.exists() and not force:
        problems.append(f"{VOCABULARY_DIR}/{VOCABULARY_FILE} exists")
    if problems:
        raise UsageError(f"{'; '.join(problems)} (use --force to replace)")

    inference = infer(given or [cwd], cwd)
    vocabulary = inference.vocabulary
    vocab_text = render_vocabulary(inference, vocabulary)
    settings_paths = _relative_paths(given, cwd)

    if config_target is pyproject:
        existing = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
        kept = _strip_notelint_tables(existing) if existing else ""
        separator = "\n" if kept else ""
        pyproject.write_text(
            kept + separator + render_settings(settings_paths, table=True), encoding="utf-8"
        )
    else:
        config_target.write_text(render_settings(settings_paths, table=False), encoding="utf-8")
    vocab_target.parent.mkdir(parents=True, exist_ok=True)
    vocab_target.write_text(vocab_text, encoding="utf-8")

    by_category = Counter(g.category for g in inference.groups)
    aliases = sum(len(g.proposed_aliases(vocabulary)) for g in inference.groups)
    parts = [
        f"{category}: {n}" for category, n in by_category.items() if category != UNSORTED_CATEGORY
    ]
    if by_category.get(UNSORTED_CATEGORY):
        parts.append(f"to categorise under [{UNSORTED_CATEGORY}]: {by_category[UNSORTED_CATEGORY]}")
    where = (
        "[tool.notelint] in pyproject.toml" if config_target is pyproject else config_target.name
    )
    out = sys.stdout
    out.write(f"Wrote {where}.\n")
    out.write(
        f"Wrote {VOCABULARY_DIR}/{VOCABULARY_FILE}: {len(inference.groups)} tags from "
        f"{inference.files} file{'s' if inference.files != 1 else ''}"
        + (f" ({', '.join(parts)})" if parts else "")
        + f"; {aliases} alias{'es' if aliases != 1 else ''} proposed.\n"
    )
    out.write("Review both, then run `notelint check`.\n")
    return EXIT_CLEAN
