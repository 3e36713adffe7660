"""Charts as inline SVG, drawn with pygal.

pygal was chosen for weight and offline use: pure Python with no compiled core and no
dependency of note (matplotlib would bring NumPy and a font cache for a few bar charts), and
its SVG needs nothing from the network once its optional tooltip script (served from a CDN) is
turned off, as it is here. Colours read on light and dark pages alike: transparent
backgrounds, mid-grey text, and one accent hue.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygal
from pygal.style import Style

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#8a8f98",
    foreground_strong="#8a8f98",
    foreground_subtle="rgba(138, 143, 152, 0.35)",
    opacity="0.9",
    opacity_hover="1",
    colors=("#3b82c4", "#e07b39", "#4caf7a", "#c4557a", "#8d6cc4"),
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    title_font_size=16,
)


def _config(height: int) -> dict[str, object]:
    return {
        "style": _STYLE,
        "js": [],  # no tooltip script: it would come from a CDN
        "disable_xml_declaration": True,
        "show_legend": False,
        "height": height,
        "width": 900,
        "print_values": True,
        "margin": 10,
    }


def bars(title: str, counts: Sequence[tuple[str, int]], horizontal: bool = True) -> str:
    """A bar chart of labelled counts (largest first for horizontal charts)."""
    height = max(220, 28 * len(counts) + 80) if horizontal else 360
    chart_type = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = chart_type(title=title, **_config(height))
    ordered = list(reversed(counts)) if horizontal else list(counts)
    chart.x_labels = [label for label, _ in ordered]
    chart.add("entries", [n for _, n in ordered])
    return str(chart.render(is_unicode=True))


def growth(title: str, months: Sequence[tuple[str, int]]) -> str:
    """Entries in the collection over time (a running total of entries added per month)."""
    chart = pygal.Line(
        title=title,
        **{**_config(360), "print_values": False},
        x_label_rotation=45,
        show_minor_x_labels=False,
        fill=True,
        dots_size=2,
    )
    total = 0
    running = []
    for _, added in months:
        total += added
        running.append(total)
    chart.x_labels = [month for month, _ in months]
    step = max(1, len(months) // 12)
    chart.x_labels_major = [month for i, (month, _) in enumerate(months) if i % step == 0]
    chart.add("entries", running)
    return str(chart.render(is_unicode=True))
