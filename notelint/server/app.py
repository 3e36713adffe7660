"""The language server: diagnostics (push and pull), code actions, hover, completion, formatting.

Built on pygls. Each document is linted on open, on change (after a short pause in typing,
``debounce`` milliseconds, 150 by default, set in ``initializationOptions``) and on save; the
workspace's notes are indexed at start-up with work-done progress, so that cross-file rules see
every file. An error while linting one document is logged to the editor and never stops the
server; a document too large or not text is skipped, saying so.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from notelint import __version__
from notelint.commands.add_suppressions import disable_line_directive
from notelint.fix.rounds import fix_source
from notelint.model.findings import Applicability, Finding
from notelint.parse.source import SourceText
from notelint.server.convert import diagnostic, fix_edits, whole_text_edit
from notelint.server.positions import BOM, LineIndex
from notelint.server.projects import Project, Projects

MAX_DOCUMENT_CHARS = 4_000_000
DEFAULT_DEBOUNCE_MS = 150
FIX_ALL_KIND = "source.fixAll.notelint"
ADD_WORD_COMMAND = "notelint.addWord"
ADD_TAG_COMMAND = "notelint.addTag"
SPELLING_CODE = "NL501"
# The categories offered for a tag the vocabulary does not know, by the rule that reports it.
ADD_TAG_CATEGORIES = {
    "NL301": ("organisation", "person", "label"),  # unknown-tag
    "NL403": ("venue",),  # unknown-venue
}
# Files whose change means every project must be rebuilt: configuration and vocabulary.
_SETTINGS_FILES = re.compile(
    r"(pyproject\.toml|notelint\.toml|\.notelint\.toml|\.toml|words\.txt)$"
)


@dataclass
class Checked:
    """The last lint of an open document: its text, findings and line index."""

    version: int | None
    text: str
    findings: list[Finding]
    lines: LineIndex


class NotelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("notelint", __version__)
        self.projects = Projects(Path.cwd())
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000

    # -- linting ----------------------------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def project_of(self, uri: str) -> tuple[Project, Path] | None:
        fs_path = to_fs_path(uri)
        if fs_path is None:
            return None
        path = Path(fs_path).resolve()
        return self.projects.for_path(path), path

    def check(self, uri: str) -> Checked | None:
        """Lint an open document now; None when it cannot be (logged)."""
        document = self.workspace.get_text_document(uri)
        text = document.source
        if len(text) > MAX_DOCUMENT_CHARS or "\x00" in text:
            self.log(f"notelint: {uri}: skipped (too large or not text)", types.MessageType.Warning)
            return None
        try:
            found = self.project_of(uri)
            if found is None:
                return None
            project, path = found
            self.ensure_indexed(project)
            project.lint(path, text)
            # Offsets are into the text without a byte-order mark; the index maps them to the
            # editor's text, which may have one.
            as_linted = text.removeprefix(BOM)
            checked = Checked(document.version, as_linted, project.findings(path), LineIndex(text))
        except Exception as exc:  # a rule's bug must not stop the server
            self.log(f"notelint: {uri}: {type(exc).__name__}: {exc}", types.MessageType.Error)
            return None
        self.checked[uri] = checked
        return checked

    def publish(self, uri: str) -> None:
        checked = self.check(uri)
        if checked is None:
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=checked.version,
                diagnostics=[diagnostic(f, checked.lines) for f in checked.findings],
            )
        )

    def ensure_indexed(self, project: Project) -> None:
        """Lint the project's files once, so that cross-file rules see all of them."""
        if project.indexed:
            return
        project.indexed = True
        for path in project.files():
            try:
                text = SourceText.read(path, str(path)).text
            except Exception as exc:  # unreadable: check reports it; the index goes on
                self.log(f"notelint: {path}: not indexed ({exc})", types.MessageType.Warning)
                continue
            if str(path) not in project.results:
                project.lint(path, text)
            project.count_tags(text)

    def later(self, uri: str) -> None:
        """Re-check after a pause in typing; a newer change cancels the older wait."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def wait_then_publish() -> None:
            await asyncio.sleep(self.debounce)
            self.pending.pop(uri, None)
            self.publish(uri)

        self.pending[uri] = asyncio.ensure_future(wait_then_publish())

    def refresh_all(self) -> None:
        """Configuration or vocabulary changed: rebuild the projects, re-check open documents."""
        self.projects.forget()
        for uri in list(self.checked):
            self.publish(uri)


server = NotelintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: NotelintServer, params: types.InitializeParams) -> None:
    options = params.initialization_options or {}
    if isinstance(options, dict) and isinstance(options.get("debounce"), int | float):
        ls.debounce = max(0.0, float(options["debounce"]) / 1000)
    root = params.root_uri or (
        params.workspace_folders[0].uri if params.workspace_folders else None
    )
    if root:
        fs_root = to_fs_path(root)
        if fs_root:
            ls.projects = Projects(Path(fs_root).resolve())


@server.feature(types.INITIALIZED)
async def initialized(ls: NotelintServer, params: types.InitializedParams) -> None:
    """Index the workspace in the background, with work-done progress."""
    token = "notelint-index"
    window = ls.client_capabilities.window
    if window is None or not window.work_done_progress:
        token = ""  # a client without work-done progress: index all the same
    else:
        try:
            await asyncio.wait_for(asyncio.wrap_future(ls.work_done_progress.create(token)), 5)
            ls.work_done_progress.begin(
                token, types.WorkDoneProgressBegin(title="notelint: indexing notes", percentage=0)
            )
        except Exception:
            token = ""
    project = ls.projects.for_path(ls.projects.fallback_root / "_")
    await asyncio.sleep(0)
    ls.ensure_indexed(project)
    if token:
        ls.work_done_progress.end(
            token, types.WorkDoneProgressEnd(message=f"{len(project.results)} files")
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NotelintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NotelintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NotelintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NotelintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.checked.pop(uri, None)
    found = ls.project_of(uri)
    if found is not None:  # the file on disk is what the index holds again
        project, path = found
        if path.is_file():
            try:
                project.lint(path, SourceText.read(path, str(path)).text)
            except Exception:
                project.results.pop(str(path), None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: NotelintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(_SETTINGS_FILES.search(change.uri) for change in params.changes):
        ls.refresh_all()
        return
    for change in params.changes:
        if change.uri in ls.checked:
            continue  # the editor's text wins over the file on disk
        found = ls.project_of(change.uri)
        if found is None:
            continue
        project, path = found
        if change.type == types.FileChangeType.Deleted or not path.is_file():
            project.results.pop(str(path), None)
        else:
            try:
                project.lint(path, SourceText.read(path, str(path)).text)
            except Exception:
                project.results.pop(str(path), None)
    for uri in list(ls.checked):
        ls.publish(uri)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(
        identifier="notelint", inter_file_dependencies=True, workspace_diagnostics=True
    ),
)
def pull_diagnostics(
    ls: NotelintServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport:
    checked = ls.check(params.text_document.uri)
    items = [] if checked is None else [diagnostic(f, checked.lines) for f in checked.findings]
    return types.RelatedFullDocumentDiagnosticReport(items=items)


@server.feature(types.WORKSPACE_DIAGNOSTIC)
def workspace_diagnostics(
    ls: NotelintServer, params: types.WorkspaceDiagnosticParams
) -> types.WorkspaceDiagnosticReport:
    """Every notes file of the workspace: open ones as the editor holds them, the others as
    they are on disk (what `notelint check` on the whole repository reports)."""
    ls.ensure_indexed(ls.projects.for_path(ls.projects.fallback_root / "_"))
    reports: list[types.WorkspaceDocumentDiagnosticReport] = []
    opened = {}  # by path: the client's URI spelling may differ from ours
    for open_uri, open_checked in ls.checked.items():
        fs_path = to_fs_path(open_uri)
        if fs_path is not None:
            opened[str(Path(fs_path).resolve())] = (open_uri, open_checked)
    for project in ls.projects.all():
        for path, findings in sorted(project.all_findings().items()):
            uri, checked = opened.get(path, (Path(path).as_uri(), None))
            if checked is not None:
                lines, version = checked.lines, checked.version
            else:
                try:
                    lines, version = LineIndex(SourceText.read(Path(path), path).text), None
                except Exception:  # gone or unreadable since it was indexed
                    continue
            reports.append(
                types.WorkspaceFullDocumentDiagnosticReport(
                    uri=uri, version=version, items=[diagnostic(f, lines) for f in findings]
                )
            )
    return types.WorkspaceDiagnosticReport(items=reports)


def _overlaps(finding: Finding, lines: LineIndex, wanted: types.Range) -> bool:
    found = lines.range(finding.span.start_offset, finding.span.end_offset)
    return not (
        (found.end.line, found.end.character) < (wanted.start.line, wanted.start.character)
        or (found.start.line, found.start.character) > (wanted.end.line, wanted.end.character)
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
        resolve_provider=False,
    ),
)
def code_actions(ls: NotelintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    checked = ls.checked.get(uri) or ls.check(uri)
    if checked is None:
        return []
    only = params.context.only
    actions: list[types.CodeAction] = []
    if not only or any(str(kind).startswith("quickfix") for kind in only):
        found = ls.project_of(uri)
        for finding in checked.findings:
            if _overlaps(finding, checked.lines, params.range):
                diag = diagnostic(finding, checked.lines)
                actions.extend(_finding_actions(uri, checked, finding, diag, found))
    if not only or any(str(kind).startswith("source") for kind in only):
        edits = _fix_all(ls, uri, checked)
        if edits:
            actions.append(
                types.CodeAction(
                    title="notelint: fix all safe findings",
                    kind=FIX_ALL_KIND,
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                )
            )
    return actions


def _quick_fix(
    title: str,
    diag: types.Diagnostic,
    *,
    edit: types.WorkspaceEdit | None = None,
    command: types.Command | None = None,
    preferred: bool = False,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=preferred,
        edit=edit,
        command=command,
    )


def _finding_actions(
    uri: str,
    checked: Checked,
    finding: Finding,
    diag: types.Diagnostic,
    found: tuple[Project, Path] | None,
) -> Iterator[types.CodeAction]:
    """The quick fixes for one finding: its fix, disabling it for the line, and for an unknown
    word or tag, adding it to the repository's word list or vocabulary."""
    if finding.fix is not None:
        safe = finding.fix.applicability is Applicability.SAFE
        label = "" if safe else " (unsafe: check the result)"
        yield _quick_fix(
            f"{finding.fix.message} ({finding.code}){label}",
            diag,
            edit=types.WorkspaceEdit(changes={uri: fix_edits(finding, checked.lines)}),
            preferred=safe,
        )
    end = checked.lines.position(_line_end(checked.text, finding.span.start_offset))
    directive = types.TextEdit(
        range=types.Range(start=end, end=end),
        new_text=" " + disable_line_directive([finding.code]),
    )
    yield _quick_fix(
        f"Disable {finding.code} for this line",
        diag,
        edit=types.WorkspaceEdit(changes={uri: [directive]}),
    )
    if finding.code == SPELLING_CODE:
        word = checked.text[finding.span.start_offset : finding.span.end_offset]
        yield _quick_fix(
            f"Add '{word}' to the repository's word list",
            diag,
            command=types.Command(
                title="Add word", command=ADD_WORD_COMMAND, arguments=[uri, word]
            ),
        )
    categories = ADD_TAG_CATEGORIES.get(finding.code)
    tag = _tag_named(checked, finding, found) if categories else None
    if tag is not None and categories is not None:
        for category in categories:
            yield _quick_fix(
                f"Add `{tag}` to the vocabulary as {_article(category)} {category}",
                diag,
                command=types.Command(
                    title="Add tag", command=ADD_TAG_COMMAND, arguments=[uri, tag, category]
                ),
            )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _tag_named(
    checked: Checked, finding: Finding, found: tuple[Project, Path] | None
) -> str | None:
    """The name of the tag a finding is on (``Foo`` of ``**#Foo**``), from the parsed text."""
    from notelint.parse.parser import parse

    if found is None:
        return None
    project, path = found
    document = parse(
        SourceText.from_bytes(checked.text.encode("utf-8"), str(path)), project.linter.vocabulary
    )
    start = finding.span.start_offset
    for section in document.sections:
        for tag in section.labels:
            if tag.span.start_offset == start:
                return tag.text or None
        for entry in section.entries:
            for tag in entry.tags:
                if tag.span.start_offset == start:
                    return tag.text or None
    return None


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _fix_all(ls: NotelintServer, uri: str, checked: Checked) -> list[types.TextEdit]:
    found = ls.project_of(uri)
    if found is None:
        return []
    project, path = found
    fixed = fix_source(project.linter, SourceText.from_bytes(checked.text.encode(), str(path)))
    if fixed.error is not None:
        ls.log(f"notelint: {uri}: fixes not applied: {fixed.error}", types.MessageType.Warning)
        return []
    return whole_text_edit(checked.text, fixed.text, checked.lines)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: NotelintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
    """Formatting is the safe fixes: what `notelint check --fix` would write."""
    uri = params.text_document.uri
    checked = ls.checked.get(uri) or ls.check(uri)
    return [] if checked is None else _fix_all(ls, uri, checked)


@server.command(ADD_WORD_COMMAND)
def add_word(ls: NotelintServer, *arguments: Any) -> None:
    """``[uri, word]``: pygls passes a command's arguments one by one."""
    from notelint.spelling.checker import words_path
    from notelint.spelling.wordlist import WordListError, add_words

    if len(arguments) != 2:
        ls.log(f"notelint: {ADD_WORD_COMMAND} takes [uri, word]", types.MessageType.Error)
        return
    uri, word = str(arguments[0]), str(arguments[1])
    found = ls.project_of(uri)
    if found is None:
        return
    path = words_path(found[0].settings)
    if path is None:
        ls.log("notelint: no vocabulary folder is configured", types.MessageType.Warning)
        return
    try:
        add_words(path, [word])
    except WordListError as exc:
        ls.log(f"notelint: {exc}", types.MessageType.Warning)
        return
    ls.refresh_all()


@server.command(ADD_TAG_COMMAND)
def add_tag_command(ls: NotelintServer, *arguments: Any) -> None:
    """``[uri, tag, category]``."""
    from notelint.commands.init import VOCABULARY_FILE
    from notelint.vocabulary.edit import VocabularyEditError, add_tag

    if len(arguments) != 3:
        ls.log(f"notelint: {ADD_TAG_COMMAND} takes [uri, tag, category]", types.MessageType.Error)
        return
    uri, tag, category = (str(argument) for argument in arguments)
    found = ls.project_of(uri)
    if found is None:
        return
    settings = found[0].settings
    folder = settings.vocabulary_dir()
    if folder is None:
        ls.log("notelint: no vocabulary folder is configured", types.MessageType.Warning)
        return
    try:
        add_tag(folder / VOCABULARY_FILE, tag, category)
    except VocabularyEditError as exc:
        ls.log(f"notelint: {exc}", types.MessageType.Warning)
        ls.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Warning, message=str(exc))
        )
        return
    ls.refresh_all()


def _tag_at(text: str, lines: LineIndex, position: types.Position) -> tuple[str, int, int] | None:
    offset = lines.offset(position)
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    for match in re.finditer(r"`([^`\n]*)`?", line):
        start, end = line_start + match.start(), line_start + match.end()
        if start < offset <= end or start <= offset < end:
            return match[1], start, end
    return None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: NotelintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    checked = ls.checked.get(uri) or ls.check(uri)
    found = ls.project_of(uri)
    if checked is None or found is None:
        return None
    project = found[0]
    offset = checked.lines.offset(params.position)
    parts: list[str] = []
    tag = _tag_at(checked.text, checked.lines, params.position)
    if tag is not None:
        ref = project.linter.vocabulary.resolve(tag[0])
        entry = project.linter.vocabulary.get(ref.canonical) if ref is not None else None
        if ref is not None:
            lines = [f"**{ref.canonical}** ({ref.category})"]
            if entry is not None and entry.name:
                lines.append(entry.name)
            if entry is not None and entry.kind:
                lines.append(f"kind: {entry.kind}")
            if ref.country:
                lines.append(f"country: {ref.country}")
            if entry is not None and entry.aliases:
                lines.append("aliases: " + ", ".join(f"`{a}`" for a in entry.aliases))
            parts.append("  \n".join(lines))
        else:
            parts.append(f"`{tag[0]}` is not in the vocabulary")
    for finding in checked.findings:
        if finding.span.start_offset <= offset <= finding.span.end_offset:
            rule = project.linter.registry.get(finding.code)
            summary = (rule.__doc__ or "").strip().split("\n\n")[0] if rule else ""
            parts.append(f"**{finding.code}** `{finding.name}`: {summary}")
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["`"]))
def completion(ls: NotelintServer, params: types.CompletionParams) -> types.CompletionList:
    uri = params.text_document.uri
    checked = ls.checked.get(uri) or ls.check(uri)
    found = ls.project_of(uri)
    empty = types.CompletionList(is_incomplete=False, items=[])
    if checked is None or found is None:
        return empty
    offset = checked.lines.offset(params.position)
    line_start = checked.text.rfind("\n", 0, offset) + 1
    before = checked.text[line_start:offset]
    if before.count("`") % 2 == 0:
        return empty  # not inside backticks
    typed = before[before.rfind("`") + 1 :]
    project = found[0]
    uses = project.tag_uses
    entries = [
        e
        for e in project.linter.vocabulary.entries.values()
        if e.canonical.casefold().startswith(typed.casefold())
    ]
    entries.sort(key=lambda e: (-uses[e.canonical], e.canonical.casefold()))
    items = [
        types.CompletionItem(
            label=e.canonical,
            kind=types.CompletionItemKind.EnumMember,
            detail=f"{e.category}{f': {e.name}' if e.name else ''}",
            sort_text=f"{index:05d}",
        )
        for index, e in enumerate(entries[:200])
    ]
    return types.CompletionList(is_incomplete=len(entries) > 200, items=items)
