"""A real ``notelint server`` process, spoken to over stdio by pygls's language client.

Each test starts the server in a scratch notes repository, opens documents as an editor would,
and checks what comes back: diagnostics equal to ``notelint check``'s on the same text, quick
fixes and fix-all that apply, hover, completion, a configuration change that re-publishes, and a
document that makes a rule fail leaving the server answering.
"""

from __future__ import annotations

import ast
import asyncio
import json
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from tests.helpers import PROJECT

NOTES = """\
# ICCV

* Segment Anything `Meta` `US`
  > It segments anythnig.

* Depth Anything  `HKU`
  > Monocular depth.
"""
FIXTURE = PROJECT / "tests" / "fixtures" / "user-notes.md"
TIMEOUT = 30.0
BOOM_RULE = '''
from notelint.model.findings import Category, Severity
from notelint.rules.base import Rule


class Boom(Rule):
    """Fails on purpose on a line that says BOOM.

    ## What it does
    Nothing, unless a line says BOOM: then it raises.

    ## Why is this bad?
    It is a test.

    ## Example
    ```markdown
    BOOM
    ```

    ## Use instead
    ```markdown
    calm
    ```

    ## Fix safety
    No fix.
    """

    code = "NL990"
    name = "boom"
    category = Category.FORMAT
    severity = Severity.WARNING

    def check_line(self, line, text, ctx):
        if "BOOM" in text:
            raise RuntimeError("kaboom")
        return ()
'''


class Editor:
    """The client side: the diagnostics the server pushed, by document, as they arrive."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("notelint-tests", "1")
        self.pushed: dict[str, list[types.Diagnostic]] = {}
        self.logs: list[str] = []
        self._arrived = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _pushed(params: types.PublishDiagnosticsParams) -> None:
            self.pushed[params.uri] = list(params.diagnostics)
            self._arrived.set()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def _logged(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

    def uri(self, name: str) -> str:
        return (self.root / name).resolve().as_uri()

    async def start(self) -> None:
        await self.client.start_io(sys.executable, "-m", "notelint", "server", cwd=str(self.root))
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=self.root.resolve().as_uri(),
                initialization_options={"debounce": 10},
            )
        )
        self.client.initialized(types.InitializedParams())

    async def open(self, name: str, text: str) -> list[types.Diagnostic]:
        self._arrived.clear()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri(name), language_id="markdown", version=1, text=text
                )
            )
        )
        return await self.diagnostics(name)

    async def change(self, name: str, text: str, version: int) -> list[types.Diagnostic]:
        self._arrived.clear()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri(name), version=version
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return await self.diagnostics(name)

    async def diagnostics(self, name: str) -> list[types.Diagnostic]:
        await asyncio.wait_for(self._arrived.wait(), TIMEOUT)
        return self.pushed[self.uri(name)]

    async def actions_for(
        self, name: str, found: types.Diagnostic
    ) -> list[types.CodeAction | types.Command]:
        """The code actions the server offers for one of its diagnostics."""
        answer = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri(name)),
                range=found.range,
                context=types.CodeActionContext(diagnostics=[found]),
            )
        )
        return list(answer or [])

    async def stop(self) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await self.client.stop()


def with_editor(root: Path, scenario: Callable[[Editor], Awaitable[None]]) -> None:
    async def run() -> None:
        editor = Editor(root)
        await editor.start()
        try:
            await scenario(editor)
        finally:
            await editor.stop()

    asyncio.run(run())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "notes-repo"
    (root / "notes").mkdir(parents=True)
    (root / "notelint.toml").write_text('paths = ["notes"]\n', encoding="utf-8")
    (root / "notes" / "a.md").write_text(NOTES, encoding="utf-8")
    shutil.copy(FIXTURE, root / "notes" / "user-notes.md")
    return root


def check_findings(root: Path, name: str) -> list[tuple[str, int, int]]:
    done = subprocess.run(
        [sys.executable, "-m", "notelint", "check", "--output-format", "json", "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    return sorted(
        (f["rule"], f["line"], f["column"])
        for f in json.loads(done.stdout)
        if Path(f["path"]).name == name
    )


def seen(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int]]:
    return sorted(
        (str(d.code), d.range.start.line + 1, d.range.start.character + 1) for d in diagnostics
    )


def test_diagnostics_are_checks_findings(repo: Path) -> None:
    async def scenario(editor: Editor) -> None:
        for name in ("a.md", "user-notes.md"):
            text = (repo / "notes" / name).read_text(encoding="utf-8")
            pushed = await editor.open(f"notes/{name}", text)
            assert seen(pushed) == check_findings(repo, name) != []
            assert all(d.source == "notelint" for d in pushed)
            assert all(d.code_description is not None for d in pushed)
        pulled = await editor.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=editor.uri("notes/a.md"))
            )
        )
        assert seen(pulled.items) == check_findings(repo, "a.md")  # type: ignore[union-attr]

    with_editor(repo, scenario)


def test_an_edit_republishes_and_a_quick_fix_applies(repo: Path) -> None:
    async def scenario(editor: Editor) -> None:
        pushed = await editor.open("notes/a.md", NOTES)
        assert "NL203" in {d.code for d in pushed}  # the double space before `HKU`
        changed = await editor.change("notes/a.md", NOTES.replace("  `HKU`", " `HKU`"), 2)
        assert "NL203" not in {d.code for d in changed}
        double = next(d for d in pushed if d.code == "NL203")
        actions = await editor.actions_for("notes/a.md", double)
        await editor.change("notes/a.md", NOTES, 3)
        actions = await editor.actions_for("notes/a.md", double)
        titles = [a.title for a in actions or [] if isinstance(a, types.CodeAction)]
        assert "Disable NL203 for this line" in titles
        fix = next(
            a
            for a in actions or []
            if isinstance(a, types.CodeAction) and a.is_preferred and "NL203" in a.title
        )
        assert fix.edit is not None and fix.edit.changes is not None
        fixed = apply(NOTES, fix.edit.changes[editor.uri("notes/a.md")])
        assert fixed == NOTES.replace("  `HKU`", " `HKU`")
        every = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=editor.uri("notes/a.md")),
                range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
                context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.notelint"]),
            )
        )
        (fix_all,) = [a for a in every or [] if isinstance(a, types.CodeAction)]
        assert fix_all.edit is not None and fix_all.edit.changes is not None
        assert apply(NOTES, fix_all.edit.changes[editor.uri("notes/a.md")]) == fixed
        formatted = await editor.client.text_document_formatting_async(
            types.DocumentFormattingParams(
                text_document=types.TextDocumentIdentifier(uri=editor.uri("notes/a.md")),
                options=types.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert apply(NOTES, formatted or []) == fixed
        spelling = next(d for d in pushed if d.code == "NL501")
        spelled = await editor.actions_for("notes/a.md", spelling)
        # (an action that only runs a command reads, on the client, as a Command)
        titles = [a.title for a in spelled or []]
        assert "Add 'anythnig' to the repository's word list" in titles

    with_editor(repo, scenario)


def test_hover_and_completion_know_the_vocabulary(repo: Path) -> None:
    async def scenario(editor: Editor) -> None:
        await editor.open("notes/a.md", NOTES)
        uri = types.TextDocumentIdentifier(uri=editor.uri("notes/a.md"))
        hover = await editor.client.text_document_hover_async(
            types.HoverParams(text_document=uri, position=types.Position(line=2, character=21))
        )
        assert hover is not None
        value = hover.contents.value  # type: ignore[union-attr]
        assert "**Meta** (organisation)" in value and "country: US" in value
        typed = NOTES.replace("`HKU`", "`HKU` `Goo")
        await editor.change("notes/a.md", typed, 2)
        line = typed.splitlines()[5]
        completions = await editor.client.text_document_completion_async(
            types.CompletionParams(
                text_document=uri, position=types.Position(line=5, character=len(line))
            )
        )
        labels = [item.label for item in completions.items]  # type: ignore[union-attr]
        assert "Google" in labels
        outside = await editor.client.text_document_completion_async(
            types.CompletionParams(text_document=uri, position=types.Position(line=0, character=3))
        )
        assert list(outside.items) == []  # type: ignore[union-attr]

    with_editor(repo, scenario)


def test_a_configuration_change_republishes(repo: Path) -> None:
    async def scenario(editor: Editor) -> None:
        pushed = await editor.open("notes/a.md", NOTES)
        assert "NL203" in {d.code for d in pushed}
        (repo / "notelint.toml").write_text(
            'paths = ["notes"]\nignore = ["NL203"]\n', encoding="utf-8"
        )
        editor._arrived.clear()
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=editor.uri("notelint.toml"), type=types.FileChangeType.Changed
                    )
                ]
            )
        )
        again = await editor.diagnostics("notes/a.md")
        assert "NL203" not in {d.code for d in again}

    with_editor(repo, scenario)


def test_a_failing_rule_leaves_the_server_answering(repo: Path) -> None:
    (repo / "rules").mkdir()
    (repo / "rules" / "boom.py").write_text(BOOM_RULE, encoding="utf-8")
    (repo / "notelint.toml").write_text(
        'paths = ["notes"]\nplugins = ["rules/boom.py"]\nextend-select = ["NL990"]\n',
        encoding="utf-8",
    )

    async def scenario(editor: Editor) -> None:
        editor.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=editor.uri("notes/b.md"), language_id="markdown", version=1, text="BOOM\n"
                )
            )
        )
        pushed = await editor.open("notes/a.md", NOTES)
        assert pushed  # the server still lints the next document
        assert any("b.md" in log and "kaboom" in log for log in editor.logs), editor.logs

    with_editor(repo, scenario)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    from notelint.server.positions import LineIndex

    lines = LineIndex(text)
    spans = sorted(
        ((lines.offset(e.range.start), lines.offset(e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_shutdown_and_exit_are_clean(repo: Path) -> None:
    """initialize, shutdown, exit: the process ends with 0, as the protocol says."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [sys.executable, "-m", "notelint", "server"],
        cwd=repo,
        input=b"".join(_frame(m) for m in messages),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout


def test_a_bad_tcp_address_is_a_usage_error(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "notelint", "server", "--tcp", "nowhere"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "give HOST:PORT" in done.stderr


def _flat(path: Path) -> str:
    return "__".join(path.relative_to(PROJECT / "tests" / "fixtures").parts)


def test_on_every_fixture_the_server_reports_what_check_reports(tmp_path: Path) -> None:
    """Each Markdown fixture of the test suite, in one workspace: opened in the editor, its
    diagnostics are `notelint check`'s findings for that file (cross-file ones included)."""
    root = tmp_path / "fixtures-repo"
    (root / "notes").mkdir(parents=True)
    (root / "notelint.toml").write_text('paths = ["notes"]\n', encoding="utf-8")
    texts: dict[str, str] = {}
    for source in sorted((PROJECT / "tests" / "fixtures").rglob("*.md")):
        try:
            text = source.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # an editor cannot hold it as text; check reports it as unreadable
        if "\x00" in text:
            continue
        name = _flat(source)
        (root / "notes" / name).write_bytes(source.read_bytes())
        texts[name] = text
    assert len(texts) > 50
    done = subprocess.run(
        [sys.executable, "-m", "notelint", "check", "--output-format", "json", "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    expected: dict[str, list[tuple[str, int, int]]] = {name: [] for name in texts}
    for f in json.loads(done.stdout):
        expected.setdefault(Path(f["path"]).name, []).append((f["rule"], f["line"], f["column"]))

    async def scenario(editor: Editor) -> None:
        for name, text in texts.items():
            uri = editor.uri(f"notes/{name}")
            editor.client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=uri, language_id="markdown", version=1, text=text
                    )
                )
            )
            for _ in range(int(TIMEOUT / 0.01)):
                if uri in editor.pushed:
                    break
                await asyncio.sleep(0.01)
            got = seen(editor.pushed[uri])
            if text.startswith("\ufeff"):
                # The editor's text holds the byte-order mark, a character on line 1 to LSP;
                # check's columns count from after it.
                got = sorted((c, ln, col - 1 if ln == 1 else col) for c, ln, col in got)
            assert got == sorted(expected[name]), name

    with_editor(root, scenario)


def test_workspace_diagnostics_cover_every_file_open_or_not(repo: Path) -> None:
    async def scenario(editor: Editor) -> None:
        edited = NOTES.replace("  `HKU`", " `HKU`")
        await editor.open("notes/a.md", edited)  # open, and not as it is on disk
        report = await editor.client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])
        )
        by_uri = {item.uri: item for item in report.items}
        user_notes = by_uri[editor.uri("notes/user-notes.md")]  # never opened
        assert user_notes.version is None
        assert seen(user_notes.items) == check_findings(repo, "user-notes.md") != []
        opened = by_uri[editor.uri("notes/a.md")]
        assert opened.version == 1
        assert "NL203" not in {d.code for d in opened.items}  # the editor's text, not the disk's
        assert "NL501" in {d.code for d in opened.items}

    with_editor(repo, scenario)


def test_an_unknown_tag_can_be_added_to_the_vocabulary(repo: Path) -> None:
    (repo / "rules").mkdir()
    (repo / "rules" / "tags.toml").write_text(
        "# Our tags.\n\n[organisation]\nHKU = {}  # Hong Kong\n\n[label]\nDepth = {}\n",
        encoding="utf-8",
    )
    text = NOTES.replace("`Meta` `US`", "`Meta` `Zorblab` `US`")

    async def scenario(editor: Editor) -> None:
        pushed = await editor.open("notes/a.md", text)
        unknown = next(d for d in pushed if d.code == "NL301")
        actions = await editor.actions_for("notes/a.md", unknown)
        add = next(
            a
            for a in actions or []
            if a.title == "Add `Zorblab` to the vocabulary as an organisation"
        )
        # (pygls's client reads an action that only runs a command as a Command, and turns
        # the action's command object into the text of a Python dict)
        inner: Any = ast.literal_eval(str(add.command))
        name, arguments = inner["command"], inner["arguments"]
        assert arguments[1:] == ["Zorblab", "organisation"]
        editor._arrived.clear()
        await editor.client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=name, arguments=arguments)
        )
        again = await editor.diagnostics("notes/a.md")
        assert "NL301" not in {d.code for d in again}

    with_editor(repo, scenario)
    assert (repo / "rules" / "tags.toml").read_text(encoding="utf-8") == (
        "# Our tags.\n\n[organisation]\nHKU = {}  # Hong Kong\nZorblab = {}\n\n"
        "[label]\nDepth = {}\n"
    )


def test_an_unknown_word_can_be_added_to_the_word_list(repo: Path) -> None:
    async def scenario(editor: Editor) -> None:
        pushed = await editor.open("notes/a.md", NOTES)
        assert "NL501" in {d.code for d in pushed}
        editor._arrived.clear()
        await editor.client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="notelint.addWord", arguments=[editor.uri("notes/a.md"), "anythnig"]
            )
        )
        again = await editor.diagnostics("notes/a.md")
        assert "NL501" not in {d.code for d in again}

    with_editor(repo, scenario)
    assert "anythnig" in (repo / "rules" / "words.txt").read_text(encoding="utf-8").split()
