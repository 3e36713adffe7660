"""Reporters: one module per output format, each exposing ``render(findings, ctx) -> str``.

Modules are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from notelint.model.findings import Finding
from notelint.reporters.base import ReportContext
from notelint.reporters.visible import visible_report

Renderer = Callable[[Sequence[Finding], ReportContext], str]


def get_renderer(output_format: str) -> Renderer:
    """The format's renderer, given only text it may print (see :mod:`.visible`)."""
    module = importlib.import_module(f"{__name__}.{output_format.replace('-', '_')}")
    render: Renderer = module.render

    def render_visible(findings: Sequence[Finding], ctx: ReportContext) -> str:
        shown, shown_ctx = visible_report(findings, ctx)
        return render(shown, shown_ctx)

    return render_visible


__all__ = ["Renderer", "ReportContext", "get_renderer"]
