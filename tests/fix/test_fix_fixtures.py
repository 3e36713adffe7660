"""Every fixable rule's fix, as data: ``tests/fixtures/fix/<CODE>/``.

A case is a folder holding ``input.md`` and ``expected.md`` (the folder of the code itself, or
any folder below it, for rules that need several cases). Optional files in a case folder:

* ``unsafe`` — run with ``--unsafe-fixes``; then ``expected-safe.md`` is what plain ``--fix``
  must produce (the input unchanged when it is absent);
* ``config.toml`` — appended to the generated ``pyproject.toml`` (rule options);
* ``rules/`` — a vocabulary folder used instead of the repository's ``rules/``;
* ``online/<provider>.json`` — for the online rules: a local HTTP server on 127.0.0.1 answers
  every request to that provider with this body, and only these providers are asked.

Each case runs ``notelint --fix --select <CODE>`` on a copy of ``input.md`` (bytes in, bytes
out: line endings and BOM are part of the fixture), compares the result with ``expected.md``,
runs ``--fix`` again and checks that nothing changes, and checks that ``--diff`` on the
expected output is empty.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from fixhelpers import FIX_FIXTURES, REPO
from pytest_httpserver import HTTPServer

from notelint.cli import main
from notelint.engine.registry import load_registry
from notelint.model.findings import FixAvailability
from notelint.rules.base import Rule

_CODE_DIR = re.compile(r"NL[0-9]{3}")


def _fixable_rules() -> list[type[Rule]]:
    return [r for r in load_registry().rules if r.fixable is not FixAvailability.NONE]


@dataclass(frozen=True)
class Case:
    code: str
    folder: Path

    @property
    def id(self) -> str:
        return self.folder.relative_to(FIX_FIXTURES).as_posix()

    @property
    def unsafe(self) -> bool:
        return (self.folder / "unsafe").exists()


def _cases() -> list[Case]:
    cases: list[Case] = []
    if not FIX_FIXTURES.is_dir():
        return cases
    for code_dir in sorted(FIX_FIXTURES.iterdir()):
        if not (code_dir.is_dir() and _CODE_DIR.fullmatch(code_dir.name)):
            continue
        for input_file in sorted(code_dir.rglob("input.md")):
            cases.append(Case(code_dir.name, input_file.parent))
    return cases


CASES = _cases()


def test_every_fixable_rule_has_fixtures() -> None:
    covered = {case.code for case in CASES}
    missing = [f"{r.code} {r.name} ({r.fixable.value})" for r in _fixable_rules()]
    missing = [m for m in missing if m.split()[0] not in covered]
    assert not missing, (
        f"{len(missing)} fixable rule(s) have no fix fixture; add "
        "tests/fixtures/fix/<CODE>/input.md and expected.md for:\n  " + "\n  ".join(missing)
    )


def test_every_fixture_names_a_fixable_rule() -> None:
    fixable = {r.code for r in _fixable_rules()}
    known = {r.code for r in load_registry().rules}
    stray = sorted(
        {
            f"{case.code} ({'not fixable' if case.code in known else 'no such rule'})"
            for case in CASES
            if case.code not in fixable
        }
    )
    assert not stray, "fix fixtures for rules that cannot fix: " + ", ".join(stray)
    folders = {p.name for p in FIX_FIXTURES.iterdir() if p.is_dir()} if CASES else set()
    empty = sorted(
        name
        for name in folders
        if _CODE_DIR.fullmatch(name) and name not in {c.code for c in CASES}
    )
    assert not empty, "fixture folders without an input.md: " + ", ".join(empty)


def _online_config(case: Case, root: Path, server: HTTPServer) -> list[str]:
    bodies = sorted((case.folder / "online").glob("*.json"))
    providers = [body.stem for body in bodies]
    for body in bodies:
        server.expect_request(re.compile(f"^/{re.escape(body.stem)}(/.*)?$")).respond_with_data(
            body.read_bytes(), content_type="application/json"
        )
    lines = [
        "[tool.notelint.online]",
        "enabled = true",
        "progress = false",
        f"providers = {providers!r}".replace("'", '"'),
        f'cache-path = "{(root / "online-cache.sqlite3").as_posix()}"',
        "timeout = 5.0",
        "retries = 0",
    ]
    for provider in providers:
        url = server.url_for(f"/{provider}").rstrip("/")
        lines += [f"[tool.notelint.online.{provider}]", f'base-url = "{url}"', "min-interval = 0.0"]
    return lines


def _prepare(case: Case, root: Path, server: HTTPServer | None) -> Path:
    vocabulary = case.folder / "rules"
    if vocabulary.is_dir():
        shutil.copytree(vocabulary, root / "rules")
        vocabulary = root / "rules"
    else:
        vocabulary = REPO / "rules"
    config = ["[tool.notelint]", f'vocabulary = "{vocabulary.as_posix()}"']
    extra = case.folder / "config.toml"
    if extra.is_file():
        config.append(extra.read_text(encoding="utf-8"))
    if server is not None:
        config += _online_config(case, root, server)
    (root / "pyproject.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
    notes = root / "notes.md"
    notes.write_bytes((case.folder / "input.md").read_bytes())
    return notes


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--no-cache", "--no-color", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fix_fixture(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    server = None
    if (case.folder / "online").is_dir():
        server = HTTPServer(host="127.0.0.1", port=0)
        server.start()
        request.addfinalizer(server.stop)
    notes = _prepare(case, tmp_path, server)
    original = notes.read_bytes()
    expected = (case.folder / "expected.md").read_bytes()
    assert expected != original, "the fixture must exercise a fix: expected.md == input.md"
    flags = ["--select", case.code, "notes.md"]
    unsafe = ["--unsafe-fixes"] if case.unsafe else []

    if case.unsafe:
        safe_file = case.folder / "expected-safe.md"
        safe_expected = safe_file.read_bytes() if safe_file.is_file() else original
        _run(capsys, "--fix", *flags)
        assert notes.read_bytes().decode() == safe_expected.decode(), "plain --fix"
        notes.write_bytes(original)

    code, out, err = _run(capsys, "--fix", *unsafe, *flags)
    assert "fixes not applied" not in err, err
    assert notes.read_bytes().decode() == expected.decode()
    assert notes.read_bytes() == expected  # byte for byte: BOM and line endings too
    assert "Fixed " in out

    code, out, err = _run(capsys, "--fix", *unsafe, *flags)
    assert notes.read_bytes() == expected, "a second --fix changed the file again"
    assert "Fixed " not in out and err == ""

    code, out, err = _run(capsys, "--diff", *unsafe, *flags)
    assert (code, out) == (0, ""), "--diff after --fix should show nothing"
