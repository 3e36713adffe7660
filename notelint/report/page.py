"""The report's HTML: one file, no network, light and dark, printable.

Everything is inline: the CSS, the SVG charts and a small script that filters and sorts the
table of entries (the page reads fine without it). Text from the notes is escaped everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import combinations

from notelint.model.findings import Finding
from notelint.report import charts
from notelint.stats.counting import count
from notelint.stats.facts import EntryFacts
from notelint.stats.render import label

TOP_VENUES = 15
TOP_ORGANISATIONS = 20
TOP_COUNTRIES = 15
TOP_PAIRS = 25
MAX_UNSUMMARISED = 500


@dataclass(frozen=True)
class ReportInput:
    title: str
    entries: Sequence[EntryFacts]
    findings: Sequence[Finding]
    files: Sequence[str]
    growth: Sequence[tuple[str, int]] | None  # None: no git history
    link: Callable[[EntryFacts], str]


_CSS = """
:root { color-scheme: light dark; --fg: #1d2330; --muted: #5d6675; --bg: #ffffff;
  --panel: #f4f6f9; --line: #d8dde5; --accent: #3b82c4; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e3e7ee; --muted: #9aa3b2; --bg: #14171c; --panel: #1d2128; --line: #2f3540;
    --accent: #6aa8e0; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; font: 15px/1.5 system-ui, sans-serif;
  color: var(--fg); background: var(--bg); }
h1 { margin-bottom: 4px; } h2 { margin-top: 40px; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--panel); border-radius: 8px; padding: 10px 16px; min-width: 140px; }
.card b { display: block; font-size: 22px; }
figure { margin: 12px 0; } figure svg { width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
thead th { position: sticky; top: 0; background: var(--panel); }
th[data-sort] { cursor: pointer; } th[data-sort]::after { content: " ⇅"; color: var(--muted); }
a { color: var(--accent); }
code { background: var(--panel); padding: 0 4px; border-radius: 4px; }
#filter { width: 100%; padding: 8px 10px; font-size: 15px; margin: 8px 0; color: var(--fg);
  background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
.scroll { max-height: 70vh; overflow: auto; }
@media print { #filter, .noprint { display: none; } .scroll { max-height: none; overflow: visible; }
  body { max-width: none; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
"""

_SCRIPT = """
(function () {
  var table = document.getElementById("entries");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var input = document.getElementById("filter");
  var shown = document.getElementById("shown");
  function filter() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !keep;
      if (keep) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length;
  }
  input.addEventListener("input", filter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    if (!th.hasAttribute("data-sort")) { return; }
    th.addEventListener("click", function () {
      var numeric = th.getAttribute("data-sort") === "number";
      var down = th.getAttribute("aria-sort") !== "ascending";
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return down ? order : -order;
      });
      th.setAttribute("aria-sort", down ? "ascending" : "descending");
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
})();
"""


def _counts(entries: Sequence[EntryFacts], field: str, top: int) -> list[tuple[str, int]]:
    result = count(entries, [field], top=top)
    return [(label(r.values[0]), r.entries) for r in result.rows if r.values[0] is not None]


def _years(entries: Sequence[EntryFacts]) -> list[tuple[str, int]]:
    result = count(entries, ["year"])
    return [(str(r.values[0]), r.entries) for r in result.rows if r.values[0] is not None]


def _figure(svg: str, caption: str) -> str:
    return f'<figure aria-label="{escape(caption)}">{svg}</figure>'


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: set[int]) -> str:
    head = "".join(
        f'<th class="n">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(str(c))}</td>' if i in numeric else f"<td>{escape(str(c))}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _venue_by_year(entries: Sequence[EntryFacts]) -> str:
    result = count(entries, ["venue", "year"], top=10)
    years = sorted({r.values[1] for r in result.rows if isinstance(r.values[1], int)})
    venues: list[str] = []
    cells: dict[tuple[str, int], int] = {}
    for row in result.rows:
        venue, year = row.values
        if venue is None or not isinstance(year, int):
            continue
        if venue not in venues:
            venues.append(str(venue))
        cells[(str(venue), year)] = row.entries
    if not venues or not years:
        return '<p class="muted">No entries with both a venue and a year.</p>'
    rows = [[v, *(cells.get((v, y), "") for y in years)] for v in venues]
    return _table(["venue", *map(str, years)], rows, set(range(1, len(years) + 1)))


def _pairs(entries: Sequence[EntryFacts]) -> str:
    together: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        tags = sorted(set(entry.tags) - set(entry.venues), key=str.casefold)
        together.update(combinations(tags, 2))
    rows = [[a, b, n] for (a, b), n in together.most_common(TOP_PAIRS) if n > 1]
    if not rows:
        return '<p class="muted">No two tags appear together more than once.</p>'
    return _table(["tag", "with tag", "entries"], rows, {2})


def _findings(findings: Sequence[Finding]) -> str:
    if not findings:
        return "<p>No findings: the notes are clean.</p>"
    by_rule = Counter((f.code, f.name) for f in findings)
    by_file = Counter(f.path for f in findings)
    rules = _table(
        ["rule", "name", "findings"], [[c, n, k] for (c, n), k in by_rule.most_common()], {2}
    )
    files = _table(["file", "findings"], [[p, k] for p, k in by_file.most_common()], {1})
    return f"<h3>Per rule</h3>{rules}<h3>Per file</h3>{files}"


def _unsummarised(data: ReportInput) -> str:
    missing = [e for e in data.entries if not e.has_summary]
    if not missing:
        return "<p>Every entry has a summary.</p>"
    items = "".join(
        f'<li><a href="{escape(data.link(e))}">{escape(e.path)}:{e.line}</a> {escape(e.title)}</li>'
        for e in missing[:MAX_UNSUMMARISED]
    )
    more = len(missing) - MAX_UNSUMMARISED
    tail = f'<p class="muted">… and {more} more.</p>' if more > 0 else ""
    said = "1 entry has" if len(missing) == 1 else f"{len(missing)} entries have"
    return f"<p>{said} no summary.</p><ul>{items}</ul>{tail}"


def _entries_table(data: ReportInput) -> str:
    rows = []
    for e in data.entries:
        tags = ", ".join(t for t in e.tags if t not in e.venues)
        rows.append(
            "<tr>"
            f"<td>{escape(e.title)}</td>"
            f"<td>{escape(', '.join(e.venues))}</td>"
            f'<td class="n">{e.year if e.year is not None else ""}</td>'
            f"<td>{escape(', '.join(e.organisations))}</td>"
            f"<td>{escape(tags)}</td>"
            f'<td><a href="{escape(data.link(e))}">{escape(e.path)}:{e.line}</a></td>'
            "</tr>"
        )
    head = (
        '<th data-sort="text">title</th><th data-sort="text">venue</th>'
        '<th class="n" data-sort="number">year</th><th data-sort="text">organisations</th>'
        '<th data-sort="text">tags</th><th data-sort="text">where</th>'
    )
    return (
        '<input id="filter" type="search" placeholder="Filter: words that must all appear '
        '(title, venue, year, organisation, tag, file)" aria-label="Filter the entries">'
        '<p class="muted noprint">Showing <span id="shown"></span> entries; click a column to '
        "sort.</p>"
        f'<div class="scroll"><table id="entries"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render(data: ReportInput) -> str:
    entries = data.entries
    summarised = sum(1 for e in entries if e.has_summary)
    cards = [
        ("entries", len(entries)),
        ("files", len(data.files)),
        ("venues", len({v for e in entries for v in e.venues})),
        ("organisations", len({o for e in entries for o in e.organisations})),
        ("with a summary", f"{summarised / len(entries):.0%}" if entries else "–"),
        ("findings", len(data.findings)),
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may load from elsewhere: the report is read offline.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{escape(data.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(data.title)}</h1>",
        '<p class="muted">Made by <code>notelint report</code>.</p>',
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in cards)
        + "</div>",
        "<h2>Entries per year</h2>",
    ]
    years = _years(entries)
    parts.append(
        _figure(charts.bars("Entries per year", years, horizontal=False), "Entries per year")
        if years
        else '<p class="muted">No entry has a year.</p>'
    )
    parts.append("<h2>Venues</h2>")
    venues = _counts(entries, "venue", TOP_VENUES)
    if venues:
        parts.append(_figure(charts.bars("Entries per venue", venues), "Entries per venue"))
    parts.append("<h3>Venue by year</h3>" + _venue_by_year(entries))
    parts.append("<h2>Organisations and countries</h2>")
    for field, top, title in (
        ("organisation", TOP_ORGANISATIONS, "Entries per organisation"),
        ("country", TOP_COUNTRIES, "Entries per country"),
    ):
        counts = _counts(entries, field, top)
        if counts:
            parts.append(_figure(charts.bars(title, counts), title))
    parts.append("<h2>Tags that travel together</h2>" + _pairs(entries))
    parts.append("<h2>Growth</h2>")
    if data.growth:
        parts.append(
            _figure(charts.growth("Entries over time", data.growth), "Entries over time")
            + '<p class="muted">Entries added per month, from the git history.</p>'
        )
    else:
        parts.append('<p class="muted">No git history for these files.</p>')
    parts.append("<h2>Findings</h2>" + _findings(data.findings))
    parts.append("<h2>Entries without a summary</h2>" + _unsummarised(data))
    parts.append("<h2>Every entry</h2>" + _entries_table(data))
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"
