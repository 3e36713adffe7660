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

from notelint.config.settings import Settings
from notelint.discovery.finder import FileFinder
from notelint.errors import EXIT_CLEAN, UsageError
from notelint.fix.migrate import needs_migration
from notelint.model.document import Tag, TagSyntax
from notelint.vocabulary.code_spans import looks_like_code
from notelint.vocabulary.inference import (
    Evidence,
    Inference,
    LeftOut,
    TagGroup,
    infer_groups,
)
from notelint.vocabulary.tags import KNOWN_CATEGORIES, UNSORTED_CATEGORY, load_vocabulary

VOCABULARY_DIR = "rules"
_SHOWN_NOT_NOTES = 20  # the rest are in the configuration, each with its reason
VOCABULARY_FILE = "tags.toml"
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_UNSURE_SHOWN = 10
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass
class Scan:
    """What ``init`` read: the notes files, the tags of their entries, and the files it passed
    over because they are not notes (path, reason)."""

    inference: Inference
    not_notes: list[tuple[str, str]] = field(default_factory=list)
    # Notes in the older shapes (`**#cvpr2019**`, ` -- ` comments): entries, files.
    legacy: tuple[int, int] = (0, 0)


def _tag_evidence(tag: Tag, written: set[str]) -> str | None:
    """The spelling a tag is learned under: as written in backticks. The older syntaxes say
    nothing about spelling (a hashtag is lower case: `#cvpr2019`, `#dataset`), so a tag the
    vocabulary already knows, or that is also written in backticks (``written``, folded), is
    not counted again; a new one is learned by its name, without a fused year."""
    if tag.syntax is TagSyntax.BACKTICK and tag.year is None:
        return None if looks_like_code(tag.text) else tag.text
    if tag.resolved is not None or tag.name.casefold() in written:
        return None
    if tag.year is not None and tag.name == str(tag.year):
        return None  # a year alone is no tag
    return tag.name


def _toml_key(text: str) -> str:
    return text if _BARE_KEY.match(text) else json.dumps(text, ensure_ascii=False)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _toml_list(texts: list[str]) -> str:
    return "[" + ", ".join(_toml_string(t) for t in texts) + "]"


def infer(paths: list[Path], root: Path) -> Scan:
    """Read the notes under ``paths``: their tags, grouped, and the files that are not notes."""
    from notelint.parse.parser import parse
    from notelint.parse.shape import measure
    from notelint.parse.source import SourceError, SourceText

    vocabulary = load_vocabulary(None, builtin=True)
    finder = FileFinder(Settings(root=root))
    evidence = Evidence()
    files = entries = 0
    legacy_entries = legacy_files = 0
    tagged: list[list[Tag]] = []
    not_notes: list[tuple[str, str]] = []
    for path in finder.find(paths):
        try:
            source = SourceText.read(path, str(path))
        except SourceError:
            continue
        document = parse(source, vocabulary)
        reason = measure(document, source).not_notes_reason()
        if reason is not None:
            not_notes.append((_relative_paths([path], root)[0], reason))
            continue
        files += 1
        old = sum(
            1
            for section in document.sections
            for note in section.entries
            if section.labels or needs_migration(note)
        )
        if old:
            legacy_files += 1
            legacy_entries += old
        for section in document.sections:
            for note in section.entries:
                entries += 1
                # A heading's labels tag every entry of its section.
                tagged.append([*note.tags, *section.labels])
    written = {
        tag.text.casefold()
        for tags in tagged
        for tag in tags
        if tag.syntax is TagSyntax.BACKTICK and tag.year is None
    }
    for tags in tagged:
        evidence.add_entry([t for tag in tags if (t := _tag_evidence(tag, written)) is not None])
    inference = infer_groups(evidence, vocabulary)
    inference.files, inference.entries = files, entries
    order = {category: i for i, category in enumerate(KNOWN_CATEGORIES)}
    inference.groups.sort(
        key=lambda g: (order.get(g.category, len(order)), -g.uses, g.canonical.casefold())
    )
    return Scan(inference, not_notes, (legacy_entries, legacy_files))


def _fields(group: TagGroup) -> dict[str, str]:
    """The TOML fields of one tag (values already rendered)."""
    fields: dict[str, str] = {}
    known = group.builtin
    if known is not None and group.overrides_builtin and group.category == known.category:
        # Another canonical spelling than the registry's: this entry replaces the registry's,
        # so it carries what the registry knew.
        for key, value in (
            ("name", known.name),
            ("country", known.country),
            ("kind", known.kind),
            ("dblp", known.dblp),
        ):
            if value:
                fields[key] = _toml_string(value)
        if known.former_names:
            fields["former-names"] = _toml_list(known.former_names)
    if group.aliases:
        fields["aliases"] = _toml_list(group.aliases)
    return fields


def _comment(group: TagGroup) -> str:
    used = Counter(group.spellings) + group.former
    note = f"{group.uses} use{'s' if group.uses != 1 else ''}"
    if len(used) > 1 or group.canonical not in used:
        note += " (" + ", ".join(f"{text} ×{n}" for text, n in used.most_common()) + ")"
    if group.former:
        names = ", ".join(group.former)
        note += f"; {names}: former name, kept as written"
    if group.builtin is not None:
        name = group.builtin.name
        note += f"; built-in: {name}" if name else "; built-in"
    if group.unsure:
        note += f"; UNSURE: {group.unsure}"
    return note


def render_vocabulary(scan: Scan) -> str:
    inference = scan.inference
    tags = len(inference.groups)
    lines = [
        "# Tag vocabulary inferred by `notelint init` from "
        f"{inference.files} notes file{'s' if inference.files != 1 else ''} "
        f"({inference.entries} entr{'ies' if inference.entries != 1 else 'y'}, "
        f"{tags} distinct tag{'s' if tags != 1 else ''}).",
        "#",
        "# Review it before relying on it: each tag says how often the notes use it and in",
        "# which spellings. Tags the built-in registry knows are filed under its category, with",
        "# the spelling this repository writes most as the canonical one; the others wait under",
        f"# [{UNSORTED_CATEGORY}] to be moved to the right category (organisation, person,",
        "# sector, track, ...). Spellings that differ only in case or punctuation, and near",
        "# misses of a much more used tag, are aliases: `notelint check` reports them and",
        "# `--fix` rewrites them. Delete an alias that is really a different tag. Decisions",
        "# taken on thin evidence say UNSURE. Once every tag is here, `closed-vocabulary = true`",
        "# in the configuration reports any tag that is not.",
    ]
    if inference.left_out:
        lines.append("#")
        lines.append("# Left out on purpose (`unknown-tag` reports them):")
        for item in inference.left_out:
            lines.append(f"#   {item.text} ×{item.uses}: {item.reason}")
    current = None
    for group in inference.groups:
        if group.category != current:
            current = group.category
            lines.append("")
            lines.append(f"[{_toml_key(current)}]")
            if current == UNSORTED_CATEGORY:
                lines.append("# Not in the built-in registry: file each under its category.")
        fields = _fields(group)
        value = "{ " + ", ".join(f"{k} = {v}" for k, v in fields.items()) + " }" if fields else "{}"
        lines.append(f"{_toml_key(group.canonical)} = {value}  # {_comment(group)}")
    return "\n".join(lines) + "\n"


def validated_vocabulary(scan: Scan) -> str:
    """The vocabulary text, checked the way ``check`` will load it. A spelling two tags claim
    is kept by the more used one; a tag that cannot be written is left out, and said so."""
    import tomllib

    from notelint.vocabulary.tags import VocabularyError, parse_vocabulary

    inference = scan.inference
    for _attempt in range(len(inference.groups) + 1):
        text = render_vocabulary(scan)
        try:
            layer = parse_vocabulary(tomllib.loads(text), f"{VOCABULARY_DIR}/{VOCABULARY_FILE}")
            check = load_vocabulary(None, builtin=True)
            check.merge_layer(layer, f"{VOCABULARY_DIR}/{VOCABULARY_FILE}")
            return text
        except (VocabularyError, tomllib.TOMLDecodeError) as exc:
            if not _repair(inference, str(exc)):
                raise UsageError(f"init could not write a valid vocabulary: {exc}") from None
    raise UsageError("init could not write a valid vocabulary")


def _repair(inference: Inference, message: str) -> bool:
    claimed = re.search(r"'(.+)' is claimed by both '(.+)' and '(.+)'", message)
    if claimed:
        text, first, second = claimed.groups()
        owners = [g for g in inference.groups if g.canonical in (first, second)]
        if owners:
            loser = min(owners, key=lambda g: g.uses)
            if text in loser.aliases:
                loser.aliases.remove(text)
                return True
    for group in list(inference.groups):
        if f"'{group.canonical}'" in message or f" {group.canonical}:" in message:
            inference.groups.remove(group)
            inference.left_out.append(
                LeftOut(group.canonical, group.uses, "cannot be written as a tag")
            )
            return True
    return False


_WORD_MIN_USES = 3


def _learn_words(paths: list[Path], root: Path, scan: Scan) -> list[str]:
    """The repository's own words: flagged by NL501 at least three times (or twice in two
    files), and not a misspelling by its shape (a known misspelling, or a letter missing,
    doubled or swapped): ``tireline`` and ``surfel`` used again and again are terms here,
    although one letter from *timeline* and *surfer*; ``signficantly`` four times is still a
    typo. Written to ``rules/words.txt`` for the next check."""
    from notelint.engine.word_learning import learn
    from notelint.spelling.checker import build_checker
    from notelint.spelling.wordlist import WordListError, add_words

    settings = Settings(
        root=root, vocabulary=VOCABULARY_DIR, prose_files=[p for p, _ in scan.not_notes]
    )
    try:
        result = learn(paths, settings)
    except WordListError as exc:
        print(f"notelint: warning: no words learned: {exc}", file=sys.stderr)
        return []
    # One word in any letter case (`Conv`, `conv`): counted together, learned in lower case
    # (which matches every case) unless it is only ever written with capitals.
    uses: Counter[str] = Counter()
    files: Counter[str] = Counter()
    spellings: dict[str, set[str]] = {}
    for item in result.words:
        key = item.word.lower()
        uses[key] += item.count
        files[key] = max(files[key], item.files)
        spellings.setdefault(key, set()).add(item.word)
    checker = build_checker(settings)
    words = []
    for key, count in uses.items():
        repeated = count >= _WORD_MIN_USES or (count >= 2 and files[key] >= 2)
        forms = spellings[key]
        lowercase = all(form == form.lower() for form in forms)
        if not repeated or checker.typo_evidence(key, lowercase=lowercase):
            continue  # once or twice in one file; or a typo by its shape
        words.append(key if key in forms or len(forms) > 1 else next(iter(forms)))
    words.sort(key=str.lower)
    if words and result.path is not None:
        try:
            add_words(result.path, words)
        except WordListError as exc:
            print(f"notelint: warning: no words learned: {exc}", file=sys.stderr)
            return []
    return words


def render_settings(
    paths: list[str], *, table: bool, not_notes: list[tuple[str, str]] | None = None
) -> str:
    body = [
        "# Written by `notelint init`: `notelint rules` lists what is checked.",
    ]
    if paths:
        body.append(f"paths = [{', '.join(_toml_string(p) for p in paths)}]")
    body += [
        f'vocabulary = "{VOCABULARY_DIR}"',
        "# closed-vocabulary = true  # report tags that rules/ does not list",
    ]
    if not_notes:
        body.append("# Not notes files, judged by their shape: checked as prose (whitespace,")
        body.append("# spelling), not as notes. Delete a line to lint that file as notes.")
        body.append("prose-files = [")
        for path, reason in not_notes:
            body.append(f"    {_toml_string(path)},  # {reason}")
        body.append("]")
    body.append('# extend-exclude = ["drafts/"]')
    body.append('# ignore = ["NL5"]  # e.g. no spelling checks')
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

    scan = infer(given or [cwd], cwd)
    inference = scan.inference
    vocab_text = validated_vocabulary(scan)
    settings_paths = _relative_paths(given, cwd)
    settings_text = render_settings(
        settings_paths, table=config_target is pyproject, not_notes=scan.not_notes
    )

    if config_target is pyproject:
        existing = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
        kept = _strip_notelint_tables(existing) if existing else ""
        separator = "\n" if kept else ""
        pyproject.write_text(kept + separator + settings_text, encoding="utf-8")
    else:
        config_target.write_text(settings_text, encoding="utf-8")
    vocab_target.parent.mkdir(parents=True, exist_ok=True)
    vocab_target.write_text(vocab_text, encoding="utf-8")

    learned = _learn_words(given or [cwd], cwd, scan)

    by_category = Counter(g.category for g in inference.groups)
    aliases = sum(len(g.aliases) for g in inference.groups)
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
        + f"; {aliases} alias{'es' if aliases != 1 else ''} declared.\n"
    )
    if scan.not_notes:
        count = len(scan.not_notes)
        out.write(
            f"{count} file(s) are not notes, judged by their shape: listed under prose-files,"
            " checked as prose (whitespace, spelling), not as notes:\n"
        )
        for shown_path, reason in scan.not_notes[:_SHOWN_NOT_NOTES]:
            out.write(f"  {shown_path}: {reason}\n")
        if count > _SHOWN_NOT_NOTES:
            out.write(f"  … and {count - _SHOWN_NOT_NOTES} more, each with its reason there\n")
    if inference.left_out:
        out.write("Left out of the vocabulary (reported as unknown tags):\n")
        for item in inference.left_out:
            out.write(f"  {item.text} ×{item.uses}: {item.reason}\n")
    if learned:
        out.write(
            f"Wrote {VOCABULARY_DIR}/words.txt: {len(learned)} word(s) the notes use"
            f" {_WORD_MIN_USES} times or more and no dictionary has"
            f" ({', '.join(learned[:8])}{', ...' if len(learned) > 8 else ''}).\n"
        )
    if inference.unsure:
        shown = inference.unsure[:_UNSURE_SHOWN]
        out.write(
            f"Least sure of {len(inference.unsure)} decision(s) (marked UNSURE in"
            f" {VOCABULARY_DIR}/{VOCABULARY_FILE}):\n"
        )
        for decision in shown:
            out.write(f"  {decision.tag}: {decision.message}\n")
        if len(inference.unsure) > len(shown):
            out.write(f"  ... and {len(inference.unsure) - len(shown)} more in the file\n")
    legacy_entries, legacy_files = scan.legacy
    if legacy_files:
        out.write(
            f"{legacy_entries} entr{'y' if legacy_entries == 1 else 'ies'} in {legacy_files}"
            f" file{'s' if legacy_files != 1 else ''} use older shapes (hashtag tags, ` -- `"
            " comments, fused venue-years, heading labels): every rule reads them as they are;"
            " `notelint migrate` shows how they look in the current format (`--write` rewrites"
            " them), and the opt-in `legacy-syntax` rule (NL210) reports them.\n"
        )
    out.write("Review both, then run `notelint check`.\n")
    return EXIT_CLEAN
