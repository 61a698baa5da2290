"""Lexicon validation: every problem at once, compiler-style, with exact wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import LexiconError, check_examples, load_lexicon

BROKEN = '''[lexicon]
schema = 1
category = "broken"
title = "Broken"
description = "A file with one problem per entry."
kind = "loaded"

[[entry]]
id = "typo-key"
term = "alpha"
connotation = "negative"
strength = 2
alternatves = ["a"]
alternatives = ["a"]
explanation = "An entry with a misspelt key in it."
sources = ["test-source"]
examples.flag = ["alpha"]
examples.pass = ["beta"]

[[entry]]
id = "bad-strength"
term = "bravo"
connotation = "negativ"
strength = 5
alternatives = []
explanation = "An entry with a strength out of range."
sources = ["nowhere"]
examples.flag = ["bravo"]
examples.pass = ["beta"]

[[entry]]
id = "Bad Id"
term = "Charlie"
connotation = "negative"
strength = 1
alternatives = "c"
explanation = "short"
sources = ["project-judgement"]
examples.flag = []
examples.pass = ["beta"]

[[entry]]
id = "missing"
term = "delta"
'''


def write(directory: Path, name: str, text: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    (directory / "sources.toml").write_text(
        '[source.test-source]\ncitation = "A test source"\n\n[source.project-judgement]\ncitation = '
        '"judgement"\n',
        encoding="utf-8",
    )


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "broken.toml", BROKEN)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    lines = [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]
    assert lines == [
        "broken.toml:13: entry 'typo-key': unknown key 'alternatves' (did you mean 'alternatives'?)",
        "broken.toml:23: entry 'bad-strength': connotation must be one of negative, positive, euphemistic, "
        "neutral (got 'negativ') (did you mean 'negative'?)",
        "broken.toml:24: entry 'bad-strength': strength must be 1, 2 or 3 (got 5)",
        "broken.toml:27: entry 'bad-strength': unknown source 'nowhere'; add it to sources.toml",
        "broken.toml:32: entry 'Bad Id': id must be kebab-case, lowercase letters, digits and hyphens (got "
        "'Bad Id')",
        "broken.toml:33: entry 'Bad Id': term 'Charlie' has capitals; write it in lowercase or set "
        "case_sensitive = true",
        "broken.toml:36: entry 'Bad Id': alternatives must be a list of strings (a single string needs "
        "[brackets])",
        "broken.toml:37: entry 'Bad Id': explanation must be 30 to 320 characters (got 5)",
        "broken.toml:38: entry 'Bad Id': add a named style guide or study beside 'project-judgement'",
        "broken.toml:39: entry 'Bad Id': examples.flag must be a non-empty list of sentences",
        "broken.toml:42: entry 'missing': missing required key 'alternatives'",
        "broken.toml:42: entry 'missing': missing required key 'connotation'",
        "broken.toml:42: entry 'missing': missing required key 'examples'",
        "broken.toml:42: entry 'missing': missing required key 'explanation'",
        "broken.toml:42: entry 'missing': missing required key 'sources'",
        "broken.toml:42: entry 'missing': missing required key 'strength'",
    ]
    assert str(caught.value) == "16 problems in 1 lexicon file"


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    write(tmp_path, "syntax.toml", '[lexicon]\nschema = 1\ncategory = "syntax"\ntitle = oops\n')
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    (problem,) = caught.value.problems
    assert problem.line == 4 and "TOML syntax error" in problem.message


def test_header_must_match_file_and_declare_a_kind(tmp_path: Path) -> None:
    write(
        tmp_path,
        "labels.toml",
        '[lexicon]\nschema = 1\ncategory = "other"\ntitle = "t"\ndescription = "d"\nkind = "loud"\n',
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path, builtin=False)
    messages = [p.message for p in caught.value.problems]
    assert "[lexicon]: category 'other' must match the file name 'labels'" in messages
    assert "[lexicon]: kind must be one of loaded, identity, marker, graded (got 'loud')" in messages


def test_duplicate_forms_across_files_are_reported(tiny_dir: Path) -> None:
    text = (
        (tiny_dir / "tiny.toml").read_text(encoding="utf-8").replace('category = "tiny"', 'category = "twin"')
    )
    (tiny_dir / "twin.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tiny_dir, builtin=False)
    assert any("form 'regime' is also matched by 'tiny/regime'" in str(p) for p in caught.value.problems)


def test_exception_must_contain_a_form(tiny_dir: Path) -> None:
    path = tiny_dir / "tiny.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('["diet regime"]', '["diet plan"]'), encoding="utf-8"
    )
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tiny_dir, builtin=False)
    assert [p.message for p in caught.value.problems] == [
        "exception 'diet plan' does not contain any form of the entry"
    ]


def test_check_examples_reports_failing_examples(tiny_dir: Path) -> None:
    path = tiny_dir / "tiny.toml"
    text = path.read_text(encoding="utf-8").replace('["A diet regime helps."]', '["The regime helps."]')
    path.write_text(
        text.replace('alternatives = ["many deaths"]', 'alternatives = ["heavy losses"]'), encoding="utf-8"
    )
    problems = [p.message for p in check_examples(load_lexicon(tiny_dir, builtin=False))]
    assert problems == [
        "alternative 'heavy losses' is itself flagged by 'tiny/heavy'",
        "examples.pass sentence is flagged at 'regime': 'The regime helps.'",
    ]


def test_user_lexicon_extends_and_overrides_builtin(tiny_dir: Path) -> None:
    builtin = load_lexicon()
    text = (tiny_dir / "tiny.toml").read_text(encoding="utf-8")
    # keep only the wildcard-free, non-colliding entry: a newsroom term
    (tiny_dir / "tiny.toml").write_text(
        text.split("[[entry]]")[0]
        + '[[entry]]\nid = "newsroom-term"\nterm = "quisling"\nconnotation = "negative"\nstrength = 2\n'
        'alternatives = ["collaborator"]\nexplanation = "A house-style entry added by a newsroom for '
        'testing."\n'
        'sources = ["test-source"]\nexamples.flag = ["A quisling spoke."]\nexamples.pass = ["A man '
        'spoke."]\n',
        encoding="utf-8",
    )
    extended = load_lexicon(tiny_dir)
    assert len(extended.entries) == len(builtin.entries) + 1
    assert "tiny/newsroom-term" in extended.by_key


def test_user_entry_replaces_builtin_entry_with_same_key(tmp_path: Path) -> None:
    builtin = load_lexicon()
    regime = builtin.by_key["labels-pejorative/regime"]
    directory = tmp_path / "house"
    write(
        directory,
        "labels-pejorative.toml",
        '[lexicon]\nschema = 1\ncategory = "labels-pejorative"\ntitle = "House labels"\n'
        'description = "Our own reading."\nkind = "loaded"\n\n[[entry]]\nid = "regime"\nterm = "regime"\n'
        'connotation = "negative"\nstrength = 3\nalternatives = ["government"]\n'
        'explanation = "House style: never call a government a regime in our own voice."\n'
        'sources = ["test-source"]\nexamples.flag = ["The regime spoke."]\nexamples.pass = ["The state '
        'spoke."]\n',
    )
    replaced = load_lexicon(directory)
    assert replaced.by_key["labels-pejorative/regime"].strength == 3 != regime.strength
    assert len(replaced.entries) == len(builtin.entries)
