"""The rule contract.

A rule is a class in its own module. Its class attributes say who it is (``code``, ``name``,
``category``, ``severity``, ``fixable``) and its module docstring is its documentation, in fixed
sections that ``notelint rule CODE`` prints and the test harness executes::

    One-line summary.

    ## What it does
    ## Why is this bad?
    ## Example
    ```markdown
    …notes that make the rule fire…
    ```
    ## Use instead
    ```markdown
    …the same notes, written so the rule stays silent…
    ```
    ## Fix safety

The engine walks each document once and calls only the hooks a rule overrides:
``check_document``, ``check_section``, ``check_entry``, ``check_tag`` and ``check_line``.
A rule that needs to see every file (duplicate entries across files) subclasses
:class:`ProjectRule`: ``collect`` returns JSON-able facts per file (these are what the cache
stores), and ``check_project`` turns all files' facts into findings.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from notelint.model.document import Document, Entry, Section, Span, Suppression, Tag
from notelint.model.findings import (
    Applicability,
    Category,
    Edit,
    Finding,
    Fix,
    FixAvailability,
    Severity,
)
from notelint.rules.options import RuleOptions, parse_options

if TYPE_CHECKING:
    from notelint.config.settings import Settings
    from notelint.parse.source import SourceText
    from notelint.vocabulary.tags import Vocabulary

CODE_RE = re.compile(r"^NL[0-9]{3}$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
HOOKS = (
    "check_document",
    "check_section",
    "check_entry",
    "check_tag",
    "check_line",
    "check_suppressions",
)
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


class RuleDefinitionError(Exception):
    """A rule class that does not meet the contract (raised when rules are loaded)."""


@dataclass
class CheckContext:
    """What a rule sees while checking one file."""

    source: SourceText
    document: Document
    settings: Settings
    vocabulary: Vocabulary
    # 1-based lines inside fenced/indented code blocks (not prose).
    code_lines: frozenset[int] = frozenset()
    # Whether a suppression code (code, prefix or slug) names known rules.
    is_known_selector: Callable[[str], bool] = lambda _selector: True
    # Shared, per-run scratch space for rules that build an expensive index once.
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.document.path

    def span(self, start: int, end: int) -> Span:
        return self.source.span(start, end)

    def edit(self, start: int, end: int, content: str) -> Edit:
        return Edit.model_construct(span=self.source.span(start, end), content=content)

    def fix(
        self, message: str, edits: Iterable[Edit], applicability: Applicability = Applicability.SAFE
    ) -> Fix:
        return Fix.model_construct(applicability=applicability, message=message, edits=tuple(edits))


class ProjectContext:
    """What a project rule sees when all files' facts are in.

    The vocabulary is given, or loaded by ``load_vocabulary`` when a rule first asks for it:
    a warm run whose project rules never look at it does not load it."""

    def __init__(
        self,
        settings: Settings,
        vocabulary: Vocabulary | None = None,
        shared: dict[str, Any] | None = None,
        *,
        load_vocabulary: Callable[[], Vocabulary] | None = None,
    ) -> None:
        if vocabulary is None and load_vocabulary is None:
            raise TypeError("ProjectContext needs a vocabulary or load_vocabulary")
        self.settings = settings
        self._vocabulary = vocabulary
        self._load_vocabulary = load_vocabulary
        # Per-run scratch space shared by project rules (e.g. one online lookup for all of them).
        self.shared: dict[str, Any] = {} if shared is None else shared

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            assert self._load_vocabulary is not None
            self._vocabulary = self._load_vocabulary()
        return self._vocabulary

    @vocabulary.setter
    def vocabulary(self, value: Vocabulary) -> None:
        self._vocabulary = value


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    fixable: ClassVar[FixAvailability] = FixAvailability.NONE
    # Rules that are opinionated or noisy for most repositories are opt-in (``extend-select``).
    default_enabled: ClassVar[bool] = True
    # Set when the rule needs the network (only run with ``--online``).
    online: ClassVar[bool] = False
    # The docstring examples cannot run offline (the harness then only checks they exist).
    examples_need_network: ClassVar[bool] = False
    # Runs before every other rule of the file; when it reports, the others do not run (a file
    # that is not notes at all gets one finding saying so, not dozens that are all wrong).
    gates_file: ClassVar[bool] = False
    # Checks prose wherever it is (spelling): it still runs on a file a gate passed over.
    reads_any_prose: ClassVar[bool] = False
    # Its ``[tool.notelint.rules.CODE]`` table, declared as a RuleOptions model (see
    # notelint.rules.options). None (a plugin that does not declare one) leaves the table
    # unchecked and ``self.options`` the raw mapping; every built-in rule declares one.
    Options: ClassVar[type[RuleOptions] | None] = None

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.options: RuleOptions | Mapping[str, Any] = self.read_options(settings)

    @classmethod
    def read_options(cls, settings: Settings) -> RuleOptions | Mapping[str, Any]:
        """This rule's table from ``settings`` (by code, else by slug), validated against
        ``Options``: a wrong key or value is a ConfigError naming the file and the key."""
        by_code = settings.rule_options(cls.code)
        raw, table = (by_code, cls.code) if by_code else (settings.rule_options(cls.name), cls.name)
        if cls.Options is None:
            return raw
        where = str(settings.config_path or "configuration")
        return parse_options(cls.Options, raw, where, f"rules.{table}")

    # -- hooks (override the ones you need) --------------------------------------------------
    def check_document(self, document: Document, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_section(self, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_entry(self, entry: Entry, section: Section, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_tag(self, tag: Tag, entry: Entry, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_line(self, line: int, text: str, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_suppressions(
        self,
        path: str,
        suppressions: Sequence[Suppression],
        used: set[int],
        enabled: Sequence[type[Rule]],
    ) -> Iterable[Finding]:
        """Runs once every finding of the file is known and suppressions were applied;
        ``used`` holds the indices into ``suppressions`` that silenced at least one finding,
        ``enabled`` the rules of this run."""
        return ()

    # -- helpers -----------------------------------------------------------------------------
    def finding(
        self,
        ctx: CheckContext,
        span: Span,
        message: str,
        fix: Fix | None = None,
        *,
        entry: Entry | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return self.finding_at(
            ctx.path,
            span,
            message,
            fix=fix,
            entry_title=entry.title if entry is not None else None,
            severity=severity,
        )

    def finding_at(
        self,
        path: str,
        span: Span,
        message: str,
        *,
        fix: Fix | None = None,
        entry_title: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding built without a CheckContext (project and suppression stages)."""
        return Finding.model_construct(
            path=path,
            code=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            span=span,
            fix=fix,
            entry_title=entry_title,
        )

    @classmethod
    def overrides(cls, hook: str) -> bool:
        return getattr(cls, hook) is not getattr(Rule, hook)

    @classmethod
    def documentation(cls) -> str:
        return rule_docstring(cls)


class ProjectRule(Rule):
    """A rule that needs every file: per-file facts, then one project-wide check."""

    def collect(self, document: Document, ctx: CheckContext) -> Any:
        raise NotImplementedError

    def check_project(self, facts: Mapping[str, Any], ctx: ProjectContext) -> Iterator[Finding]:
        raise NotImplementedError


# -- documentation ---------------------------------------------------------------------------


def rule_docstring(rule: type[Rule]) -> str:
    # A class docstring wins (a plugin module may hold several rules); built-in rules keep
    # theirs in the module docstring, one rule per module.
    doc = rule.__dict__.get("__doc__")
    if not doc:
        module = sys.modules.get(rule.__module__)
        doc = module.__doc__ if module is not None else None
    return _dedent_doc(doc or "")


def _dedent_doc(doc: str) -> str:
    """Like ``inspect.cleandoc`` but keeps tabs: rule examples are notes, and tabs matter there."""
    first, _, rest = doc.strip("\n").partition("\n")
    lines = rest.split("\n")
    indents = [line[: len(line) - len(line.lstrip())] for line in lines if line.strip()]
    # Character-wise common prefix of the indentation (not a path).
    common = os.path.commonprefix(indents) if indents else ""  # noqa: RUF071
    # Whitespace-only lines are kept as written (an example may be about them).
    body = [line.removeprefix(common) for line in lines]
    return (first.strip() + "\n" + "\n".join(body)).strip("\n")


_FENCE_RE = re.compile(r"^(```+|~~~+)[^\n]*\n(.*?)^\1\s*$", re.MULTILINE | re.DOTALL)


def doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its ``## `` sections (summary under the key ``""``)."""
    sections: dict[str, str] = {}
    current = ""
    lines: list[str] = []
    fence: str | None = None
    for line in doc.splitlines():
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            # ``## `` inside an example block is a notes heading, not a doc section.
            fence = None if fence == marker else (fence or marker)
        if fence is None and line.startswith("## "):
            sections[current] = "\n".join(lines).strip("\n")
            current, lines = line[3:].strip(), []
        else:
            lines.append(line)
    sections[current] = "\n".join(lines).strip("\n")
    return sections


def doc_example(doc: str, section: str) -> str | None:
    """The first fenced code block of a docstring section that holds notes (not a ``toml``
    block showing the vocabulary the example needs). ``markdown no-final-newline`` marks a
    block whose file ends without a line break (a docstring cannot show that otherwise)."""
    body = doc_sections(doc).get(section)
    if body is None:
        return None
    for match in _FENCE_RE.finditer(body + "\n"):
        info = match.group(0).split("\n", 1)[0].lstrip("`~").strip().lower().split()
        if info[:1] != ["toml"]:
            example = match.group(2)
            return example.rstrip("\r\n") if "no-final-newline" in info else example
    return None


def validate_rule_class(rule: object, origin: str, *, documentation: bool = True) -> type[Rule]:
    """Check a loaded object against the rule contract; fail with a message naming it.
    ``documentation`` checks the docstring's sections and examples too."""
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise RuleDefinitionError(f"{origin}: {rule!r} is not a notelint Rule subclass")
    label = f"{origin}: {rule.__name__}"
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise RuleDefinitionError(f"{label}: code must look like NL123, got {code!r}")
    name = getattr(rule, "name", None)
    if not isinstance(name, str) or not SLUG_RE.match(name):
        raise RuleDefinitionError(f"{label}: name must be a kebab-case slug, got {name!r}")
    if not isinstance(getattr(rule, "category", None), Category):
        raise RuleDefinitionError(
            f"{label}: category must be one of {', '.join(c.value for c in Category)}"
        )
    if not isinstance(getattr(rule, "severity", None), Severity):
        raise RuleDefinitionError(
            f"{label}: severity must be one of {', '.join(s.value for s in Severity)}"
        )
    if not isinstance(rule.fixable, FixAvailability):
        raise RuleDefinitionError(f"{label}: fixable must be a FixAvailability")
    if documentation:
        _validate_documentation(rule, f"{label} ({code})")
    hooks = HOOKS
    if not issubclass(rule, ProjectRule) and not any(rule.overrides(h) for h in hooks):
        raise RuleDefinitionError(f"{label} ({code}): overrides none of {', '.join(hooks)}")
    return rule


def _validate_documentation(rule: type[Rule], label: str) -> None:
    doc = rule_docstring(rule)
    missing = [s for s in DOC_SECTIONS if s not in doc_sections(doc)]
    if missing:
        raise RuleDefinitionError(
            f"{label}: docstring lacks section(s): {', '.join('## ' + m for m in missing)}"
        )
    if doc_example(doc, "Example") is None or doc_example(doc, "Use instead") is None:
        raise RuleDefinitionError(
            f"{label}: '## Example' and '## Use instead' need a fenced code block"
        )
