"""Baselines: adopting notelint on notes that are not clean yet.

A baseline (``--write-baseline FILE``, ``--baseline FILE``) is a JSON file listing today's
findings by fingerprint (rule, repository-relative path, entry title and offending text; see
:mod:`notelint.gating.fingerprint`), so it keeps matching when lines move. Rewriting it drops
the findings that are gone and keeps what it recorded for files this run did not check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from notelint.errors import UsageError
from notelint.gating.fingerprint import SourceLine, fingerprints, offending_text, repo_relative
from notelint.model.findings import Finding

BASELINE_FORMAT = 1


def _no_source(_path: str, _line: int) -> str | None:
    return None


# -- baselines ---------------------------------------------------------------------------------


# Enough of the fingerprint to tell findings apart (96 bits), and enough of the entry and the
# offending text for a reviewer to recognise a record: a baseline is committed, and read in
# review, so it stays small (about 150 bytes a finding).
_FINGERPRINT_CHARS = 24
_ENTRY_CHARS = 60
_TEXT_CHARS = 40


def _clip(text: str | None, limit: int) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _records(
    findings: Sequence[Finding], source_line: SourceLine, root: Path
) -> list[dict[str, Any]]:
    prints = fingerprints(findings, source_line, root)
    return [
        {
            "fingerprint": fp[:_FINGERPRINT_CHARS],
            "rule": f.code,
            "path": repo_relative(f.path, root),
            "entry": _clip(f.entry_title, _ENTRY_CHARS),
            "text": _clip(offending_text(f, source_line), _TEXT_CHARS),
        }
        for f, fp in zip(findings, prints, strict=True)
    ]


def read_baseline(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{path}: no such baseline file (write one with --write-baseline)"
        ) from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the baseline: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a notelint baseline (invalid JSON: {exc})") from None
    records = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(records, list) or not all(
        isinstance(r, dict) and isinstance(r.get("fingerprint"), str) for r in records
    ):
        raise UsageError(f"{path}: not a notelint baseline (no 'findings' list of fingerprints)")
    return records


def write_baseline(
    path: Path,
    findings: Sequence[Finding],
    source_line: SourceLine = _no_source,
    root: Path | None = None,
    checked: Iterable[str] | None = None,
) -> int:
    """Record ``findings`` in ``path``; returns how many it holds now.

    With ``checked`` (the paths this run checked), what an existing baseline recorded for other
    files is kept: a run over part of the notes does not forget the rest."""
    root = root or Path.cwd()
    records = _records(findings, source_line, root)
    if checked is not None and path.is_file():
        checked_relative = {repo_relative(p, root) for p in checked}
        try:
            previous = read_baseline(path)
        except UsageError:
            previous = []
        records.extend(r for r in previous if r.get("path") not in checked_relative)
    records.sort(key=lambda r: (str(r.get("path")), str(r.get("rule")), str(r["fingerprint"])))
    payload = {
        "notelint-baseline": BASELINE_FORMAT,
        "comment": "Findings recorded by `notelint check --write-baseline`; "
        "`--baseline` hides them. Regenerate rather than edit.",
        "findings": records,
    }
    # One record a line: compact, and a diff of two baselines reads finding by finding.
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    head = json.dumps({k: v for k, v in payload.items() if k != "findings"}, ensure_ascii=False)
    body = ",\n".join(f"  {line}" for line in lines)
    text = head[:-1] + ', "findings": [\n' + body + ("\n" if lines else "") + "]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(records)


def hide_baselined(
    findings: Sequence[Finding],
    path: Path,
    source_line: SourceLine = _no_source,
    root: Path | None = None,
) -> list[Finding]:
    """The findings that ``path`` does not record."""
    known = {str(r["fingerprint"]) for r in read_baseline(path)}
    prints = fingerprints(findings, source_line, root or Path.cwd())
    # Baselines written before fingerprints were shortened hold them whole.
    return [
        f
        for f, fp in zip(findings, prints, strict=True)
        if fp not in known and fp[:_FINGERPRINT_CHARS] not in known
    ]
