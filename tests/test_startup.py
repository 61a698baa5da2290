"""A fast start: commands import only what they use, and the tagger loaded without TextBlob's package
tags exactly as TextBlob does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLE, ROOT

EXAMPLES = ROOT / "examples"

# Tags and polarities from a fresh interpreter, through framing.nlp only; it also reports which heavy
# packages the work imported.
_PROBE = """
import json, sys
from pathlib import Path
from framing import nlp
text = Path(sys.argv[1]).read_text(encoding="utf-8")
words = [w for _, _, w in nlp.tokenize(text, 0, len(text))]
tags = nlp._parser().find_tags(words)
polarity = [nlp._sentiment()(s) for s in text.split("\\n") if s.strip()]
heavy = sorted(m for m in ("textblob", "nltk", "sklearn", "scipy", "spacy") if m in sys.modules)
print(json.dumps({"tags": tags, "polarity": polarity, "heavy": heavy}))
"""


def _probe(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    return json.loads(done.stdout)


def test_tagger_and_sentiment_load_without_textblob_package_or_nltk() -> None:
    assert _probe(_PROBE, str(EXAMPLE))["heavy"] == []


def test_tags_and_polarity_identical_to_textblob_package(tmp_path: Path) -> None:
    import textblob.en  # the package's own import, NLTK and all

    from framing import nlp

    corpus = tmp_path / "examples.txt"
    corpus.write_text("\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))),
                      encoding="utf-8")
    text = corpus.read_text(encoding="utf-8")
    words = [w for _, _, w in nlp.tokenize(text, 0, len(text))]
    with nlp._quiet_load():
        expected_tags = textblob.en.parser.find_tags(words)
        expected_polarity = [list(textblob.en.sentiment(s)) for s in text.split("\n") if s.strip()]
    fresh = _probe(_PROBE, str(corpus))
    assert len(expected_tags) > 800
    assert fresh["tags"] == [list(row) for row in expected_tags]
    assert fresh["polarity"] == expected_polarity


def test_analyze_and_lexicon_list_import_no_nltk_scipy_or_sklearn() -> None:
    code = (
        "import sys\n"
        "from framing.cli import app\n"
        "for args in (['analyze', sys.argv[1], '--format', 'json'], ['lexicon', 'list']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit as done:\n"
        "        assert not done.code, done.code\n"
        "heavy = sorted(m for m in ('nltk', 'sklearn', 'scipy', 'textblob') if m in sys.modules)\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr.endswith("[]"), done.stderr[-2000:]


def test_python_dash_m_framing_and_framing_cli_both_run() -> None:
    for module in ("framing", "framing.cli"):
        done = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True,
                              cwd=ROOT)
        assert done.returncode == 0, (module, done.stderr)
        assert done.stdout.startswith("framing "), (module, done.stdout)


def test_stop_words_read_without_sklearn_equal_sklearns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from framing.compare.stats import english_stop_words

    assert english_stop_words() == ENGLISH_STOP_WORDS
    assert _probe(
        "import json\nimport sys\nfrom framing.compare.stats import english_stop_words\n"
        "english_stop_words()\nprint(json.dumps({'sklearn': 'sklearn' in sys.modules}))"
    ) == {"sklearn": False}
