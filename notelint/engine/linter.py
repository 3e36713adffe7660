"""Running rules over files.

A run has two stages. ``Linter.lint_source`` checks one file on its own: parse once, walk the
model once calling the hooks each enabled rule overrides, apply inline suppressions, and keep
the per-file facts that project rules asked for. Its :class:`FileResult` depends only on the
file's text and the settings, which is what makes it cacheable and parallelisable.
``Linter.finish`` then runs the project rules (duplicate entries across files, online checks)
over all files' facts, applies the same suppressions to their findings, reports unused
directives, applies severity overrides, and sorts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pathspec

from notelint.config.names import did_you_mean
from notelint.config.settings import Settings
from notelint.engine.registry import (
    Registry,
    SelectorError,
    best_match,
    load_registry,
    resolve_enabled,
)
from notelint.engine.suppressions import SuppressionIndex
from notelint.model.document import Document
from notelint.model.findings import Category, Finding, Severity
from notelint.model.results import FileResult, RunResult
from notelint.parse.source import SourceError, SourceText
from notelint.rules.base import CheckContext, ProjectContext, ProjectRule, Rule
from notelint.vocabulary.tags import Vocabulary, load_vocabulary

UNREADABLE_CODE = "NL000"
UNREADABLE_NAME = "unreadable-file"


def _check_rule_options(registry: Registry, settings: Settings, where: str) -> None:
    """``[tool.notelint.rules.CODE]`` tables: a known rule, and options it declares, with valid
    values (a misspelt option would otherwise be ignored without a word). Checked for every
    table, enabled rule or not, before any file is linted."""
    from notelint.config.settings import ConfigError
    from notelint.rules.options import parse_options

    for code, options in settings.rules.items():
        rule = registry.get(code)
        if rule is None:
            names = [*(r.code for r in registry.rules), *(r.name for r in registry.rules)]
            hint = did_you_mean(code, names)
            raise ConfigError(f"{where}: [rules.{code}] names no known rule{hint}")
        if rule.Options is not None:
            parse_options(rule.Options, options, where, f"rules.{code}")


def unreadable_finding(path: str, message: str) -> Finding:
    from notelint.model.document import Span

    return Finding.model_construct(
        path=path,
        code=UNREADABLE_CODE,
        name=UNREADABLE_NAME,
        category=Category.STRUCTURE,
        severity=Severity.ERROR,
        message=message,
        span=Span.model_construct(
            start_line=1, start_column=1, start_offset=0, end_line=1, end_column=1, end_offset=0
        ),
        fix=None,
        entry_title=None,
    )


@dataclass(frozen=True)
class LinterHandover:
    """A Linter as data: its settings, the codes of its enabled rules, a given vocabulary."""

    settings: Settings
    codes: list[str]
    vocabulary: Vocabulary | None


class Linter:
    """Everything that is the same for every file of a run, built once."""

    def __init__(
        self,
        settings: Settings,
        *,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.settings = settings
        plugins = settings.plugin_paths()
        self.registry: Registry = load_registry(plugins)
        where = str(settings.config_path or "configuration")
        chosen_select = list(select) if select is not None else settings.select
        chosen_extend = [*settings.extend_select, *extend_select]
        chosen_ignore = [*settings.ignore, *ignore]
        # Each selector is blamed on where it was written: the command line or the file.
        for selectors, origin in (
            (select or [], "--select"),
            (extend_select, "--extend-select"),
            (ignore, "--ignore"),
            (settings.select or [] if select is None else [], where),
            (settings.extend_select, where),
            (settings.ignore, where),
        ):
            self.registry.check_selectors(selectors, origin)
        for selectors in settings.per_file_ignores.values():
            self.registry.check_selectors(selectors, f"{where}: per-file-ignores")
        self.registry.check_selectors(settings.severity.keys(), f"{where}: severity")
        _check_rule_options(self.registry, settings, where)
        enabled = resolve_enabled(
            self.registry,
            select=chosen_select,
            extend_select=chosen_extend,
            ignore=chosen_ignore,
            online=settings.online.enabled,
        )
        self.rule_classes = enabled
        self.rules: list[Rule] = [cls(settings) for cls in enabled]
        self._vocabulary = vocabulary
        # Scratch space rules share for the whole run (CheckContext.shared).
        self.shared: dict[str, Any] = {}

    # -- handing the linter to worker processes ------------------------------------------------
    @property
    def known_rules(self) -> Sequence[type[Rule]]:
        """Every rule the registry knows, enabled or not (a run key hashes them all)."""
        return self.registry.rules

    @property
    def vocabulary_stamp(self) -> str | None:
        """The content of a vocabulary handed to this Linter, for a run key (None: it is read
        from the settings' folder, whose files the key stamps)."""
        if self._vocabulary is None:
            return None
        entries = self._vocabulary.entries.items()
        return repr(sorted((k, v.model_dump_json()) for k, v in entries))

    def handover(self) -> LinterHandover:
        """What a spawned worker needs to build the same Linter: plain, picklable data."""
        return LinterHandover(self.settings, [r.code for r in self.rules], self._vocabulary)

    @classmethod
    def from_handover(cls, handover: LinterHandover) -> Linter:
        """The Linter a :meth:`handover` describes, with exactly the same rules enabled."""
        linter = cls(handover.settings, select=handover.codes, vocabulary=handover.vocabulary)
        wanted = set(handover.codes)
        linter.rules = [rule for rule in linter.rules if rule.code in wanted]
        linter.rule_classes = [cls for cls in linter.rule_classes if cls.code in wanted]
        return linter

    def prepare_for_fork(self) -> None:
        """Build the lazily built state now, so that forked workers inherit it instead of
        each building it again."""
        _ = self.vocabulary
        _ = self._hooks
        _ = self._project_rules

    # -- shared, lazily built state ----------------------------------------------------------
    @cached_property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is not None:
            return self._vocabulary
        folder = self.settings.vocabulary_dir()
        return load_vocabulary(folder, builtin=self.settings.builtin_vocabulary)

    @cached_property
    def _hooks(self) -> dict[str, list[Rule]]:
        names = ("check_document", "check_section", "check_entry", "check_tag", "check_line")
        return {
            name: [
                r for r in self.rules if type(r).overrides(name) and not isinstance(r, ProjectRule)
            ]
            for name in (*names, "check_suppressions")
        }

    @cached_property
    def _gates(self) -> list[Rule]:
        return [r for r in self.rules if r.gates_file]

    @cached_property
    def _project_rules(self) -> list[ProjectRule]:
        return [r for r in self.rules if isinstance(r, ProjectRule)]

    @cached_property
    def _prose_files(self) -> pathspec.GitIgnoreSpec | None:
        patterns = self.settings.prose_files
        return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None

    def is_prose_file(self, path: str) -> bool:
        """Whether ``prose-files`` names this file: Markdown that is not notes."""
        spec = self._prose_files
        if spec is None:
            return False
        relative = self._relative(path)
        return spec.match_file(relative) or spec.match_file(Path(relative).name)

    @cached_property
    def _per_file_ignores(self) -> list[tuple[pathspec.GitIgnoreSpec, list[str]]]:
        return [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), selectors)
            for pattern, selectors in self.settings.per_file_ignores.items()
        ]

    @cached_property
    def _severity_overrides(self) -> dict[str, Severity]:
        overrides: dict[str, Severity] = {}
        for cls in self.registry.rules:
            selectors = list(self.settings.severity)
            best = None
            best_score = -1
            for selector in selectors:
                score = best_match([selector], cls)
                if score is not None and score > best_score:
                    best, best_score = selector, score
            if best is not None:
                overrides[cls.code] = self.settings.severity[best]
        return overrides

    def _ignored_for(self, path: str) -> list[str]:
        relative = self._relative(path)
        ignored: list[str] = []
        for spec, selectors in self._per_file_ignores:
            if spec.match_file(relative) or spec.match_file(Path(relative).name):
                ignored.extend(selectors)
        return ignored

    def _relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.settings.root).as_posix()
        except (ValueError, OSError):
            return Path(path).as_posix()

    def restrict_fixes(self, fixable: Sequence[str] | None, unfixable: Sequence[str]) -> None:
        """``--fixable`` / ``--unfixable``: whose fixes ``--fix`` may apply (selectors as for
        ``--select``; an unknown one is an error naming the option)."""
        self.registry.check_selectors(fixable or [], "--fixable")
        self.registry.check_selectors(unfixable, "--unfixable")
        self._fixable = list(fixable) if fixable is not None else None
        self._unfixable = list(unfixable)

    def may_fix(self, code: str) -> bool:
        """Whether ``--fix`` may apply this rule's fixes (see :meth:`restrict_fixes`)."""
        fixable: list[str] | None = getattr(self, "_fixable", None)
        unfixable: list[str] = getattr(self, "_unfixable", [])
        rule = self.registry.get(code)
        if rule is None:
            return fixable is None
        if fixable is not None and best_match(fixable, rule) is None:
            return False
        return not unfixable or best_match(unfixable, rule) is None

    def _allowed(self, code: str, ignored: list[str]) -> bool:
        if not ignored:
            return True
        rule = self.registry.get(code)
        return rule is None or best_match(ignored, rule) is None

    # -- stage 1: one file -------------------------------------------------------------------
    def lint_path(self, path: Path, display: str) -> FileResult:
        try:
            source = SourceText.read(path, display)
        except SourceError as exc:
            return FileResult(
                path=display,
                findings=[unreadable_finding(display, f"cannot check this file: {exc}")],
                error=str(exc),
            )
        return self.lint_source(source)

    def lint_source(self, source: SourceText) -> FileResult:
        from notelint.parse.parser import parse  # (imports markdown-it: not needed by cached runs)

        ignored = self._ignored_for(source.path)
        document = parse(source, self.vocabulary)
        code_lines = frozenset(
            line
            for span in document.code_blocks
            for line in range(span.start_line, span.end_line + 1)
        )
        ctx = CheckContext(
            source=source,
            document=document,
            settings=self.settings,
            vocabulary=self.vocabulary,
            code_lines=code_lines,
            is_known_selector=self.registry.is_known_selector,
            shared=self.shared,
        )
        hooks = self._hooks
        findings: list[Finding] = []
        if self.is_prose_file(source.path):
            # Declared not notes: checked as prose, as a file a gate passed over, without
            # the gate's finding (the configuration says it already).
            return self._gated(source, document, ctx, findings, ignored)
        for gate in self._gates:
            if self._allowed(gate.code, ignored):
                findings.extend(gate.check_document(document, ctx))
        if findings and self._gate_holds(source, document, findings):
            return self._gated(source, document, ctx, findings, ignored)
        for rule in hooks["check_document"]:
            if rule.gates_file:
                continue
            findings.extend(rule.check_document(document, ctx))
        section_rules = hooks["check_section"]
        entry_rules = hooks["check_entry"]
        tag_rules = hooks["check_tag"]
        for section in document.sections:
            for rule in section_rules:
                findings.extend(rule.check_section(section, ctx))
            if not (entry_rules or tag_rules):
                continue
            for entry in section.entries:
                for rule in entry_rules:
                    findings.extend(rule.check_entry(entry, section, ctx))
                for tag in entry.tags:
                    for tag_rule in tag_rules:
                        findings.extend(tag_rule.check_tag(tag, entry, ctx))
        line_rules = hooks["check_line"]
        if line_rules:
            for number in range(1, source.line_count + 1):
                text = source.line_text(number)
                for rule in line_rules:
                    findings.extend(rule.check_line(number, text, ctx))
        facts = {rule.code: rule.collect(document, ctx) for rule in self._project_rules}
        if ignored:
            findings = [f for f in findings if self._allowed(f.code, ignored)]
        result = FileResult(
            path=source.path,
            facts=facts,
            suppressions=list(document.suppressions),
        )
        if document.suppressions:
            index = SuppressionIndex(document, source, self.registry.get)
            result.suppression_scopes = index.as_data()
        result.findings = self._suppress(result, findings)
        return result

    def _gated(
        self,
        source: SourceText,
        document: Document,
        ctx: CheckContext,
        findings: list[Finding],
        ignored: list[str],
    ) -> FileResult:
        """A file a gate passed over: the gate's finding, and those of the rules that read prose
        wherever it is (spelling, whitespace, invisible characters, the final line break),
        silenced by the file's directives as anywhere. Directives
        are not counted as used or unused here: the rules they were written for did not run."""
        prose: list[Finding] = []
        for rule in self._hooks["check_document"]:
            if rule.reads_any_prose and not rule.gates_file and self._allowed(rule.code, ignored):
                prose.extend(rule.check_document(document, ctx))
        if prose and document.suppressions:
            prose = SuppressionIndex(document, source, self.registry.get).filter(prose, set())
        return FileResult(path=source.path, findings=[*findings, *prose])

    def _gate_holds(self, source: SourceText, document: Document, findings: list[Finding]) -> bool:
        """Whether a gate's findings stand: not when the file's own directives silence them
        (then the file is linted as notes, and the gate's findings stay in the list so that
        the directive counts as used)."""
        if not document.suppressions:
            return True
        index = SuppressionIndex(document, source, self.registry.get)
        return bool(index.filter(findings, set()))

    def _suppress(self, result: FileResult, findings: list[Finding]) -> list[Finding]:
        if not result.suppression_scopes:
            return findings
        index = SuppressionIndex.from_scopes(result.suppression_scopes, self.registry.get)
        return index.filter(findings, result.used_suppressions)

    # -- stage 2: the whole run --------------------------------------------------------------
    def finish(self, results: Sequence[FileResult], only: str | None = None) -> list[Finding]:
        """The second stage: cross-file rules over every result, then unused suppressions,
        severity overrides and order. ``only``: the findings of that one path are wanted (the
        language server's re-check of one document); the cross-file rules still see every
        file, and only that path's result is added to."""
        targets = [r for r in results if only is None or r.path == only]
        by_path = {r.path: r for r in targets}
        project_ctx = ProjectContext(
            settings=self.settings, load_vocabulary=lambda: self.vocabulary
        )
        for rule in self._project_rules:
            facts = {r.path: r.facts[rule.code] for r in results if rule.code in r.facts}
            if not facts:
                continue
            for finding in rule.check_project(facts, project_ctx):
                owner = by_path.get(finding.path)
                if owner is None:
                    continue
                if not self._allowed(finding.code, self._ignored_for(owner.path)):
                    continue
                owner.findings.extend(self._suppress(owner, [finding]))
        all_findings: list[Finding] = []
        for result in targets:
            ignored = self._ignored_for(result.path)
            for hook_rule in self._hooks["check_suppressions"]:
                if not self._allowed(hook_rule.code, ignored):
                    continue
                result.findings.extend(
                    hook_rule.check_suppressions(
                        result.path,
                        result.suppressions,
                        result.used_suppressions,
                        self.rule_classes,
                    )
                )
            all_findings.extend(result.findings)
        overrides = self._severity_overrides
        if overrides:
            all_findings = [
                f.model_copy(update={"severity": overrides[f.code]}) if f.code in overrides else f
                for f in all_findings
            ]
        all_findings.sort(key=lambda f: f.sort_key)
        return all_findings

    def enabled_codes(self) -> set[str]:
        return {r.code for r in self.rules}


def lint_text(
    text: str,
    *,
    path: str = "<string>",
    settings: Settings | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    vocabulary: Vocabulary | None = None,
) -> list[Finding]:
    """Lint one text as if it were a file at ``path`` (the library entry point tests use)."""
    linter = Linter(
        settings or Settings(),
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        vocabulary=vocabulary,
    )
    result = linter.lint_source(SourceText(text=text, path=path))
    return linter.finish([result])


__all__ = [
    "FileResult",
    "Linter",
    "RunResult",
    "SelectorError",
    "lint_text",
    "unreadable_finding",
]
