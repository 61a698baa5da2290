"""The HTML reports in a real browser: headless Chromium (Debian package `chromium`, which .ci/run installs)
driven by Playwright. Skipped, with the reason, only when no browser can be found.

Checks: one highlight per finding, tooltips reachable by keyboard, no console errors, no network requests,
and a screenshot saved under tests/artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing import analyze, load_lexicon
from framing.render import render

from .conftest import EXAMPLE, ROOT, SEED

ARTIFACTS = Path(__file__).parent / "artifacts"
BROWSER = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium found: install the Debian package 'chromium' "
    "(apt-get install chromium), as .ci/run does",
)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is in the test extra: pip install '.[test]'"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=BROWSER, args=ARGS)
        yield launched
        launched.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


@pytest.mark.parametrize("article", [SEED, EXAMPLE], ids=["seed", "example"])
def test_analysis_report_in_a_browser(browser, article: Path, tmp_path: Path) -> None:
    if not article.is_file():
        pytest.skip(f"{article} is not here")
    lexicon = load_lexicon()
    analysis = analyze(article.read_text(encoding="utf-8"), source=article.name, lexicon=lexicon)
    report = tmp_path / "report.html"
    report.write_text(render([analysis], lexicon, "html"), encoding="utf-8")
    page, errors, requests = _open(browser, report)

    assert page.locator(".article mark.f").count() == len(analysis.findings)
    assert page.locator(".card").count() == len(analysis.actors)
    # keyboard: the first Tab reaches the first highlight, and its tooltip shows
    legend_marks = page.locator(".legend mark").count()
    assert legend_marks == 4
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "d0-f0"
    assert page.locator("#d0-t0").is_visible()
    # every evidence link points at something in the page
    for href in page.locator(".card a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, href
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"analysis-{article.stem}.png"), full_page=False)
    assert errors == []
    assert requests == [report.as_uri()]


def test_comparison_report_in_a_browser(browser, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from framing.cli import app

    report = tmp_path / "comparison.html"
    outlets = sorted((ROOT / "examples" / "outlets").glob("*.txt"))
    result = CliRunner().invoke(
        app, ["compare", *map(str, outlets), "--format", "html", "--output", str(report)]
    )
    assert result.exit_code == 0, result.stderr
    page, errors, requests = _open(browser, report)
    assert page.locator("table").count() >= 4
    assert page.locator("svg[role=img]").count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "comparison.png"), full_page=True)
    assert errors == []
    assert requests == [report.as_uri()]


@pytest.mark.parametrize("report", ["valley-offensive.html", "outlets-comparison.html"])
def test_reports_fit_a_phone_screen(browser, report: str) -> None:
    page = browser.new_page(viewport={"width": 400, "height": 800})
    page.goto((ROOT / "reports" / report).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
