"""Shared fixtures: the built-in lexicon, a tiny lexicon written to a temporary directory, golden files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from framing import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "hatra-2017.txt"
EXAMPLE = ROOT / "examples" / "valley-offensive.txt"

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="Rewrite tests/golden/ from current output."
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


TINY_ENTRIES = '''
[lexicon]
schema = 1
category = "tiny"
title = "A tiny test category"
description = "Entries written for the matcher tests."
kind = "loaded"

[[entry]]
id = "regime"
term = "regime"
inflect = "noun"
connotation = "negative"
strength = 2
alternatives = ["government"]
explanation = "Test entry that calls a government illegitimate."
sources = ["test-source"]
exceptions = ["diet regime"]
examples.flag = ["The regime fell."]
examples.pass = ["A diet regime helps."]

[[entry]]
id = "heavy-toll"
term = "heavy toll"
connotation = "negative"
strength = 1
alternatives = ["many deaths"]
explanation = "Test entry for a multiword expression."
sources = ["test-source"]
examples.flag = ["It took a heavy toll."]
examples.pass = ["It took a toll."]

[[entry]]
id = "heavy"
term = "heavy"
connotation = "negative"
strength = 1
alternatives = []
explanation = "Test entry shorter than heavy toll, to test longest match."
sources = ["test-source"]
examples.flag = ["Heavy fighting."]
examples.pass = ["Fighting."]

[[entry]]
id = "x-backed"
term = "*-backed"
connotation = "negative"
strength = 2
alternatives = ["supported"]
explanation = "Test entry for a wildcard before a hyphen."
sources = ["test-source"]
examples.flag = ["Russian-backed forces."]
examples.pass = ["Forces backed down."]

[[entry]]
id = "pro-x"
term = "pro-*"
connotation = "negative"
strength = 1
alternatives = []
explanation = "Test entry for a wildcard after a hyphen."
sources = ["test-source"]
examples.flag = ["Pro-government crowds."]
examples.pass = ["Professional crowds."]

[[entry]]
id = "accused-of"
term = "accuse of"
inflect = "verb"
connotation = "negative"
strength = 2
alternatives = []
explanation = "Test entry for verb inflection of a phrase."
sources = ["test-source"]
examples.flag = ["They were accused of theft."]
examples.pass = ["They were charged with theft."]

[[entry]]
id = "terrorist"
term = "terrorist"
inflect = "noun"
connotation = "negative"
strength = 2
alternatives = []
explanation = "Test entry for hyphen boundaries."
sources = ["test-source"]
examples.flag = ["A terrorist cell."]
examples.pass = ["A counter-terrorist unit."]

[[entry]]
id = "nato-led"
term = "NATO"
case_sensitive = true
connotation = "neutral"
strength = 1
alternatives = []
explanation = "Test entry for a case-sensitive acronym."
sources = ["test-source"]
examples.flag = ["NATO met."]
examples.pass = ["Nato met."]
'''

TINY_SOURCES = '''
[source.test-source]
citation = "A test source"
'''


@pytest.fixture()
def tiny_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "tiny-lexicon"
    directory.mkdir()
    (directory / "tiny.toml").write_text(TINY_ENTRIES, encoding="utf-8")
    (directory / "sources.toml").write_text(TINY_SOURCES, encoding="utf-8")
    return directory


@pytest.fixture()
def tiny(tiny_dir: Path) -> Lexicon:
    return load_lexicon(tiny_dir, builtin=False)


@pytest.fixture()
def builtin_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in lexicon, for tests that break one file."""
    target = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", target)
    return target


def switch_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """For a fixture parametrized over "spacy" and "fast": analyze's default engine becomes the parameter
    (spaCy tests skip where the framing[spacy] extra is not installed)."""
    from framing.engine import spacy_available

    if request.param == "fast":
        monkeypatch.setattr("framing.engine.spacy_available", lambda: False)
    elif not spacy_available():
        pytest.skip("the framing[spacy] extra is not installed")
    return str(request.param)
