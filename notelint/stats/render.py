"""``notelint stats`` output: a terminal table with bars, JSON, CSV or Markdown.

One field: a row per value with its count (and a bar in the terminal). Two fields: the
terminal and Markdown show a matrix (first field down, second across, with totals); JSON and CSV
keep one row per pair of values, which is what a script wants.
"""

from __future__ import annotations

import csv
import io

from notelint.stats.counting import StatsResult, Value

NONE_LABEL = "(none)"
BAR_WIDTH = 30


def label(value: Value) -> str:
    return NONE_LABEL if value is None else str(value)


def _matrix(result: StatsResult) -> tuple[list[Value], list[Value], dict[tuple[Value, Value], int]]:
    down: list[Value] = []
    across: list[Value] = []
    cells: dict[tuple[Value, Value], int] = {}
    for row in result.rows:
        first, second = row.values
        if first not in down:
            down.append(first)
        if second not in across:
            across.append(second)
        cells[(first, second)] = row.entries
    if result.by[1] == "year":
        across.sort(key=lambda v: (v is None, v if isinstance(v, int) else 0))
    return down, across, cells


def _footer(result: StatsResult) -> str:
    entries = f"{result.entries} entr{'y' if result.entries == 1 else 'ies'}"
    note = f"{entries} in {result.files} file{'' if result.files == 1 else 's'}"
    sources = ", ".join(f"{n} from {source}" for source, n in result.year_sources.items())
    if "year" in result.by and sources:
        note += f"; years: {sources}"
    if result.left_out:
        note += f"; {result.left_out} more values left out by --top"
    if result.without_year:
        n = result.without_year
        note += f"; {n} entr{'y' if n == 1 else 'ies'} with no year left out by --since/--until"
    return note


def as_table(result: StatsResult, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    if len(result.by) == 1:
        table.add_column(result.by[0])
        table.add_column("entries", justify="right")
        table.add_column("")
        # Bars are scaled to the largest value; entries with no value may exceed it.
        most = max((r.entries for r in result.rows if r.values[0] is not None), default=1)
        for row in result.rows:
            bar = "█" * min(BAR_WIDTH, max(1, round(row.entries / most * BAR_WIDTH)))
            table.add_row(label(row.values[0]), str(row.entries), f"[cyan]{bar}[/cyan]")
    else:
        down, across, cells = _matrix(result)
        table.add_column(f"{result.by[0]} \\ {result.by[1]}")
        for value in across:
            table.add_column(label(value), justify="right")
        table.add_column("total", justify="right")
        for first in down:
            counts = [cells.get((first, second), 0) for second in across]
            table.add_row(label(first), *(str(n) if n else "·" for n in counts), str(sum(counts)))
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=200)
    console.print(table)
    console.print(_footer(result), style="dim", markup=False, highlight=False)
    return buffer.getvalue()


def as_csv(result: StatsResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*result.by, "entries"])
    for row in result.rows:
        writer.writerow([*("" if v is None else v for v in row.values), row.entries])
    return buffer.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def as_markdown(result: StatsResult) -> str:
    lines = [f"### Entries by {' and '.join(result.by)}", ""]
    if len(result.by) == 1:
        lines += [f"| {result.by[0]} | entries |", "|---|--:|"]
        lines += [f"| {_cell(label(r.values[0]))} | {r.entries} |" for r in result.rows]
    else:
        down, across, cells = _matrix(result)
        lines.append(
            f"| {result.by[0]} \\\\ {result.by[1]} | "
            + " | ".join(_cell(label(v)) for v in across)
            + " | total |"
        )
        lines.append("|---|" + "--:|" * (len(across) + 1))
        for first in down:
            counts = [cells.get((first, second), 0) for second in across]
            shown = " | ".join(str(n) if n else "" for n in counts)
            lines.append(f"| {_cell(label(first))} | {shown} | {sum(counts)} |")
    lines += ["", _footer(result)]
    return "\n".join(lines) + "\n"
