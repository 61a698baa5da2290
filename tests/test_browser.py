"""The HTML reports in a real browser: headless Chromium (Debian package `chromium`, which .ci/run installs)
driven by Playwright. Skipped, with the reason, only when no browser can be found.

Checks: one highlight per finding, tooltips reachable by keyboard, no console errors, no network requests,
and a screenshot saved under tests/artifacts/.
"""

from __future__ import annotations

import re
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


def _compare(tmp_path: Path, *args: str) -> Path:
    from typer.testing import CliRunner

    from framing.cli import app

    report = tmp_path / "comparison.html"
    result = CliRunner().invoke(app, ["compare", *args, "--format", "html", "--output", str(report)])
    assert result.exit_code == 0, result.stderr
    return report


def test_comparison_report_in_a_browser(browser, tmp_path: Path) -> None:
    outlets = sorted((ROOT / "examples" / "outlets").glob("*.txt"))
    report = _compare(tmp_path, *map(str, outlets))
    page, errors, requests = _open(browser, report)
    assert page.locator("table").count() >= 4
    # side by side: a source label, a headline, a lede and a body per document, in its own column
    assert page.locator(".side .src").count() == 3
    assert page.locator(".side .headline").count() == 3
    columns = page.locator(".side .headline").evaluate_all(
        "els => els.map(e => Math.round(e.getBoundingClientRect().x))"
    )
    assert len(set(columns)) == 3
    # the same actor carries the same tint in every column
    tints: dict[str, set[str]] = {}
    for number, colour in page.locator(".side span.actor").evaluate_all(
        "els => els.map(e => [e.querySelector('sup') ? e.querySelector('sup').textContent : '', "
        "getComputedStyle(e).backgroundColor])"
    ):
        if number:
            tints.setdefault(number, set()).add(colour)
    assert tints and all(len(c) == 1 for c in tints.values())
    # heat map: one cell per actor and source; an absent actor's cell is empty, not a word
    cells = page.locator("table.heat tbody td")
    assert cells.count() == page.locator("table.heat tbody tr").count() * 3
    assert "absent" not in page.locator("table.heat").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "comparison.png"), full_page=True)
    assert errors == []
    assert requests == [report.as_uri()]


def _tooltip_boxes(page, width: int) -> list[tuple[float, float]]:
    marks = page.locator(".article mark.f")
    boxes = []
    for i in range(marks.count()):
        marks.nth(i).focus()
        box = marks.nth(i).locator(".tip").bounding_box()
        assert box is not None, f"tooltip {i} is not shown on focus"
        boxes.append((box["x"], box["x"] + box["width"]))
    return boxes


@pytest.mark.parametrize("width", [400, 1280])
def test_tooltips_stay_inside_the_viewport(browser, width: int, tmp_path: Path) -> None:
    # a finding at the end of a long line: a tooltip anchored at the word's own x would run off the screen
    lexicon = load_lexicon()
    text = (
        "Residents of the northern district said that the town was taken by the militias\n\n"
        + "word " * 60
        + "and then the regime.\n"
    )
    # a long path as the heading, as a teacher's file has: it must wrap, not widen the page
    source = (
        "/home/teacher/Documents/media-literacy/2026/week-03/articles/valley-offensive-northern-courier.txt"
    )
    analysis = analyze(text, source=source, lexicon=lexicon)
    report = tmp_path / "tips.html"
    report.write_text(render([analysis], lexicon, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(report.as_uri())
    boxes = _tooltip_boxes(page, width)
    assert len(boxes) == len(analysis.findings) >= 2
    for left, right in boxes:
        assert left >= 0 and right <= width, (left, right, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_score_bars_are_signed_with_a_zero_line(browser, tmp_path: Path) -> None:
    lexicon = load_lexicon()
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"), source=EXAMPLE.name, lexicon=lexicon)
    report = tmp_path / "report.html"
    report.write_text(render([analysis], lexicon, "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(report.as_uri())
    bars = page.locator(".card svg.bar")
    assert bars.count() == len(analysis.actors)
    for actor, i in zip(analysis.actors, range(bars.count()), strict=True):
        bar = bars.nth(i)
        zero = bar.locator("line[stroke='#111']").bounding_box()
        assert zero is not None
        assert bar.locator("text").all_text_contents() == ["-1", "0", "+1"]
        rect = bar.locator("rect")
        if actor.score == 0:
            assert rect.count() == 0
            continue
        box = rect.bounding_box()
        scale = bar.locator("line").nth(0).bounding_box()["width"] / 2  # the axis spans -1 .. +1
        zero_x = zero["x"] + zero["width"] / 2
        assert abs(box["width"] - max(abs(actor.score) * scale, 1)) < 2.5, (
            actor.name,
            actor.score,
            box,
            scale,
        )
        if actor.score < 0:
            assert abs(box["x"] + box["width"] - zero_x) < 2
        else:
            assert abs(box["x"] - zero_x) < 2


def _corpus(tmp_path: Path) -> Path:
    """Eight invented outlets, two articles each, from the project's own example stories."""
    import json

    stories = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "outlets").glob("*.txt"))]
    stories.append(EXAMPLE.read_text(encoding="utf-8"))
    outlets = [
        "The Morning Ledger",
        "Daily Courier",
        "Evening Standard Times",
        "Coastal Herald",
        "Metro Wire",
        "Northern Gazette",
        "Valley Tribune",
        "Capital Observer",
    ]
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for k, outlet in enumerate(outlets):
            for j in range(2):
                handle.write(json.dumps({"outlet": outlet, "text": stories[(k + j) % len(stories)]}) + "\n")
    return corpus


def test_corpus_comparison_fits_a_few_screens_and_a_phone(browser, tmp_path: Path) -> None:
    report = _compare(tmp_path, "--corpus", str(_corpus(tmp_path)), "--group-by", "outlet", "--workers", "1")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(report.as_uri())
    assert page.locator("table.heat thead th.src").count() == 8
    # two documents per outlet: each scored cell gives its 95% interval in text and on hover
    intervals = page.locator("table.heat td.h small")
    assert intervals.count() > 0
    for text, title in page.locator("table.heat td.h").evaluate_all(
        "els => els.filter(e => e.querySelector('small'))"
        ".map(e => [e.querySelector('small').textContent, e.title])"
    ):
        assert re.fullmatch(r"[+-]\d\.\d\d to [+-]\d\.\d\d", text) and f"95% interval {text}" in title
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.evaluate("document.documentElement.scrollHeight") <= 6 * 900
    # source colours are never the report's red (negative) or green (positive)
    colours = page.locator("svg rect[fill]").evaluate_all("els => els.map(e => e.getAttribute('fill'))")
    assert not {"#b3261e", "#1e6b34", "#d55e00", "#009e73"} & set(colours)
    phone = browser.new_page(viewport={"width": 400, "height": 800})
    phone.goto(report.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 400
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "corpus-comparison.png"), full_page=True)


@pytest.mark.parametrize("report", ["valley-offensive.html", "outlets-comparison.html"])
def test_reports_fit_a_phone_screen(browser, report: str) -> None:
    page = browser.new_page(viewport={"width": 400, "height": 800})
    page.goto((ROOT / "reports" / report).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
