"""``--output-format json-lines``: one JSON object per finding and line (nothing when clean).

Each object has the keys of the ``json`` format (see :mod:`notelint.reporters.json`); a stream
that tools can read line by line and concatenate across runs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from notelint.model.findings import Finding
from notelint.reporters.base import ReportContext
from notelint.reporters.json import finding_to_dict


def render(findings: Sequence[Finding], ctx: ReportContext) -> str:
    return "".join(
        json.dumps(finding_to_dict(f), ensure_ascii=False, separators=(",", ":")) + "\n"
        for f in findings
    )
