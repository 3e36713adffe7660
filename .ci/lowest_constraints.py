"""Print a pip constraints file pinning each runtime dependency to the lowest version that
pyproject.toml declares (``name>=X`` becomes ``name==X``), so CI can test the bounds we promise.

Only the runtime dependencies: the test tools are not part of what users install.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())
for requirement in project["project"]["dependencies"]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.\-]*)\s*", requirement)
    if match is None:
        sys.exit(f"cannot pin {requirement!r}: write its lower bound as name>=version")
    print(f"{match[1]}=={match[2]}")
