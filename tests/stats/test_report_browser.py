"""The report in a real browser: headless Chromium (Debian's package) driven by Playwright,
with every request that is not the report file itself refused (the network is off).

Skipped, saying why, where Chromium or Playwright is not installed; CI installs both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.stats.test_report import history  # noqa: F401  (the fixture)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

# As the machine's notes advise: no background connections a closed network would refuse.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_the_report_draws_filters_and_sorts_offline(
    history: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    run = run_cli(capsys, "report", "-o", "out/report.html")
    assert run.code == 0, run.err
    url = (history / "out" / "report.html").resolve().as_uri()
    errors: list[str] = []
    elsewhere: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
        page = context.new_page()

        def only_the_report(route: object) -> None:
            request = route.request  # type: ignore[attr-defined]
            if request.url.split("#")[0] == url:
                route.continue_()  # type: ignore[attr-defined]
            else:
                elsewhere.append(request.url)
                route.abort()  # type: ignore[attr-defined]

        page.route("**/*", only_the_report)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)

        charts = page.eval_on_selector_all(
            "figure svg",
            "svgs => svgs.map(s => [s.querySelectorAll('rect, path').length,"
            " s.getBoundingClientRect().height])",
        )
        rows = page.locator("#entries tbody tr")
        total = rows.count()
        page.fill("#filter", "google deepmind")
        visible = page.locator("#entries tbody tr:not([hidden])")
        filtered = visible.count()
        titles = visible.locator("td:first-child").all_inner_texts()
        shown = page.inner_text("#shown")
        page.fill("#filter", "")
        page.click("#entries th:first-child")
        first_sorted = page.locator("#entries tbody tr td:first-child").first.inner_text()
        browser.close()

    assert errors == [] and elsewhere == []
    assert shot.stat().st_size > 20_000  # a page with charts, not a blank one
    assert len(charts) >= 5  # years, venues, organisations, countries, growth
    assert all(marks > 0 and height > 100 for marks, height in charts), charts
    assert total == 7
    assert filtered == 2 and shown == "2 of 7"
    assert sorted(titles) == ["Another Google Paper", "Scaling Laws Again"]
    assert first_sorted == "A Paper With No Year"
