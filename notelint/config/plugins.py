"""The files a local plugin's results depend on, beyond its own module.

A plugin may import helper modules from the repository and read data files. The result cache
and the replay of unchanged runs key on all of them: every module loaded from inside the
project (found in ``sys.modules``, so a helper imported when the plugin loads is covered), and
the files matching the ``cache-key-files`` globs (for data files, and for helpers a plugin
imports only while it checks).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notelint.config.settings import Settings


def project_module_files(settings: Settings) -> list[str]:
    """Source files of the modules loaded from inside the project, notelint's own excepted."""
    if not settings.plugins:
        return []  # without local plugins nothing of the project's is imported by the run
    root = os.path.realpath(settings.root) + os.sep
    found: set[str] = set()
    for name, module in list(sys.modules.items()):
        source = getattr(module, "__file__", None)
        if not source or name == "notelint" or name.startswith("notelint."):
            continue
        real = os.path.realpath(source)
        if real.startswith(root) and "site-packages" not in real:
            found.add(real)
    return sorted(found)


def cache_key_files(settings: Settings) -> list[str]:
    """The existing files that match ``cache-key-files``."""
    found: set[str] = set()
    for pattern in settings.cache_key_files:
        for path in settings.root.glob(pattern):
            if path.is_file():
                found.add(str(path.resolve()))
    return sorted(found)


def dependency_files(settings: Settings) -> list[str]:
    return sorted({*project_module_files(settings), *cache_key_files(settings)})
