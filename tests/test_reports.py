"""reports/ holds reports the CLI made from the project's own examples; this fails when they are stale.
Regenerate with scripts/make-reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

from .conftest import ROOT

runner = CliRunner()
ARTICLES = sorted(p.relative_to(ROOT) for p in (ROOT / "examples").glob("*.txt"))
OUTLETS = sorted(p.relative_to(ROOT) for p in (ROOT / "examples" / "outlets").glob("*.txt"))


def _generated(args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.chdir(ROOT)  # reports name their sources by the relative paths make-reports uses
    target = tmp_path / "report"
    result = runner.invoke(app, [*args, "--output", str(target)])
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("article", ARTICLES, ids=str)
@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", "md"), ("html", "html"), ("json", "json")])
def test_article_report_is_fresh(article: Path, fmt: str, suffix: str, monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    stored = ROOT / "reports" / f"{article.stem}.{suffix}"
    assert stored.read_text(encoding="utf-8") == _generated(
        ["analyze", str(article), "--engine", "spacy", "--format", fmt], monkeypatch, tmp_path
    ), "stale: run scripts/make-reports"


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", "md"), ("html", "html")])
def test_comparison_report_is_fresh(
    fmt: str, suffix: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stored = ROOT / "reports" / f"outlets-comparison.{suffix}"
    generated = _generated(
        ["compare", *map(str, OUTLETS), "--engine", "spacy", "--format", fmt], monkeypatch, tmp_path
    )
    assert stored.read_text(encoding="utf-8") == generated, "stale: run scripts/make-reports"
