"""What a packager checks: the sdist and wheel build, carry the licence and the metadata, and the
tests run from the unpacked sdist.

The sdist is built from a copy of the project's files (so the checkout is left as it is), and the
wheel from the sdist, as ``python -m build`` does: a file the wheel needs and the sdist lacks
fails here.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.helpers import project_files

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    for relative in project_files():
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, target)
    dist = work / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (sdist,) = dist.glob("notelint-*.tar.gz")
    (wheel,) = dist.glob("notelint-*.whl")
    return sdist, wheel


def test_the_wheel_carries_the_licence_and_the_metadata(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "notelint/py.typed" in names
    assert any(n.startswith("notelint/data/") for n in names)  # the vocabulary and word lists
    assert not any(n.startswith("tests/") for n in names)
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Requires-Python"] == ">=3.11"
    urls = dict(value.split(", ", 1) for value in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Issues", "Source"} <= set(urls)
    classifiers = metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "linter" in (metadata["Keywords"] or "")
    requires = metadata.get_all("Requires-Dist") or []
    assert any(r.startswith("pydantic>=2.10") for r in requires)
    assert metadata["Description-Content-Type"] == "text/markdown"


def test_the_sdist_holds_what_the_tests_need(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "README.md",
        "pyproject.toml",
        "tests/conftest.py",
        "tests/helpers.py",
        "tests/fixtures/user-notes.md",
        "tests/snapshots/user-notes.concise.txt",
        "docs/ci.md",
        "notes",
        ".pre-commit-hooks.yaml",
        "action.yml",
    ):
        assert needed in names or any(n.startswith(needed + "/") for n in names), needed
    assert not any("__pycache__" in n or n.startswith("bench/corpus/") for n in names)


def test_the_tests_run_from_the_unpacked_sdist(built: tuple[Path, Path], tmp_path: Path) -> None:
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.glob("notelint-*")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    # A sample across the suite: the rule examples, the user's notes, the reporters; the
    # unpacked tree's own code is what they import (pytest's pythonpath is ".").
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_rule_examples.py",
            "tests/test_user_notes_snapshot.py",
            "tests/ci/test_reporters.py",
            "-c",
            "pyproject.toml",
            "--import-mode=prepend",
        ],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    probe = subprocess.run(
        [sys.executable, "-c", "import notelint; print(notelint.__file__)"],
        cwd=unpacked,
        capture_output=True,
        text=True,
    )
    assert Path(probe.stdout.strip()).resolve().is_relative_to(unpacked.resolve())


def test_the_readme_has_no_link_that_breaks_on_a_package_index() -> None:
    """On a package index the README stands alone: a relative link points nowhere."""
    tokens = MarkdownIt().parse((REPO / "README.md").read_text(encoding="utf-8"))
    targets = [
        child.attrs.get("href") or child.attrs.get("src")
        for token in tokens
        for child in token.children or []
        if child.type in ("link_open", "image")
    ]
    relative = [str(t) for t in targets if not str(t).startswith(("http://", "https://", "#"))]
    assert relative == []
