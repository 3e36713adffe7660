"""Reporters: one module per output format, each exposing ``render(findings, ctx) -> str``.

Modules are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from notelint.findings import Finding
from notelint.reporters.base import ReportContext

Renderer = Callable[[Sequence[Finding], ReportContext], str]


def get_renderer(output_format: str) -> Renderer:
    module = importlib.import_module(f"{__name__}.{output_format.replace('-', '_')}")
    render: Renderer = module.render
    return render


__all__ = ["Renderer", "ReportContext", "get_renderer"]
