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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from notelint import __version__
from notelint.commands.add_suppressions import disable_line_directive
from notelint.findings import Applicability, Finding
from notelint.fixer import fix_source
from notelint.server.convert import diagnostic, fix_edits, whole_text_edit
from notelint.server.positions import LineIndex
from notelint.server.projects import Project, Projects
from notelint.source import SourceText

MAX_DOCUMENT_CHARS = 4_000_000
DEFAULT_DEBOUNCE_MS = 150
FIX_ALL_KIND = "source.fixAll.notelint"
ADD_WORD_COMMAND = "notelint.addWord"
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
            checked = Checked(document.version, text, project.findings(path), LineIndex(text))
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
        identifier="notelint", inter_file_dependencies=True, workspace_diagnostics=False
    ),
)
def pull_diagnostics(
    ls: NotelintServer, params: types.DocumentDiagnosticParams
) -> types.RelatedFullDocumentDiagnosticReport:
    checked = ls.check(params.text_document.uri)
    items = [] if checked is None else [diagnostic(f, checked.lines) for f in checked.findings]
    return types.RelatedFullDocumentDiagnosticReport(items=items)


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
        for finding in checked.findings:
            if not _overlaps(finding, checked.lines, params.range):
                continue
            diag = diagnostic(finding, checked.lines)
            if finding.fix is not None:
                safe = finding.fix.applicability is Applicability.SAFE
                label = "" if safe else " (unsafe: check the result)"
                actions.append(
                    types.CodeAction(
                        title=f"{finding.fix.message} ({finding.code}){label}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        is_preferred=safe,
                        edit=types.WorkspaceEdit(changes={uri: fix_edits(finding, checked.lines)}),
                    )
                )
            end = checked.lines.position(_line_end(checked.text, finding.span.start_offset))
            actions.append(
                types.CodeAction(
                    title=f"Disable {finding.code} for this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=types.WorkspaceEdit(
                        changes={
                            uri: [
                                types.TextEdit(
                                    range=types.Range(start=end, end=end),
                                    new_text=" " + disable_line_directive([finding.code]),
                                )
                            ]
                        }
                    ),
                )
            )
            if finding.code == "NL501":
                word = checked.text[finding.span.start_offset : finding.span.end_offset]
                actions.append(
                    types.CodeAction(
                        title=f"Add '{word}' to the repository's word list",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        command=types.Command(
                            title="Add word", command=ADD_WORD_COMMAND, arguments=[uri, word]
                        ),
                    )
                )
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
    return whole_text_edit(checked.text, fixed.text)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: NotelintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
    """Formatting is the safe fixes: what `notelint check --fix` would write."""
    uri = params.text_document.uri
    checked = ls.checked.get(uri) or ls.check(uri)
    return [] if checked is None else _fix_all(ls, uri, checked)


@server.command(ADD_WORD_COMMAND)
def add_word(ls: NotelintServer, arguments: list[Any]) -> None:
    from notelint.spelling.checker import words_path
    from notelint.spelling.wordlist import add_words

    uri, word = str(arguments[0]), str(arguments[1])
    found = ls.project_of(uri)
    if found is None:
        return
    path = words_path(found[0].settings)
    if path is None:
        ls.log("notelint: no vocabulary folder is configured", types.MessageType.Warning)
        return
    add_words(path, [word])
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
