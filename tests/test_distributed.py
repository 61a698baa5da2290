"""Corpus mode on Dask: a two-worker local cluster gives the local pool's profiles, failures, warnings
(repeated records, lines read as Windows-1252) and report, byte for byte, whatever the partitioning;
partitions split only between records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.compare.corpus import profile_corpus, read_records, unique_records
from framing.compare.distributed import Options, _boundaries, plan, profile_corpus_dask

from .conftest import ROOT

distributed = pytest.importorskip("distributed")

OUTLETS = ROOT / "examples" / "outlets"
SETTINGS = ((), True, None, "fast")  # the fast engine keeps the test quick
runner = CliRunner()


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """Two workers (threads in this process: the tasks are the same, start-up is a second)."""
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: object) -> Iterator[object]:
    with distributed.Client(cluster) as connected:
        yield connected


def _rows() -> list[dict[str, str]]:
    rows = []
    for path in sorted(OUTLETS.glob("*.txt")):
        for i, paragraph in enumerate(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()):
            rows.append({"outlet": path.stem, "title": f"{path.stem} {i}", "text": paragraph})
    rows[3]["text"] = "A quoted field\nwith a line break, \"quotes\" and, commas: " + rows[3]["text"]
    rows.insert(5, {"outlet": "river-daily", "title": "empty", "text": ""})
    rows.insert(9, {"outlet": "", "title": "no outlet", "text": "The regime fell."})
    # word-for-word repeats: within a source (counted once), and the same text from another source (kept)
    rows.append(dict(rows[1], title="repeat"))
    rows.append({"outlet": "river-daily", "title": "over the limit", "text": "The regime fell. " * 70_000})
    rows.append(dict(rows[1], title="repeat again"))
    other = next(r["outlet"] for r in rows if r["outlet"] and r["outlet"] != rows[1]["outlet"])
    rows.append(dict(rows[1], outlet=other, title="same text, another source"))
    return rows


MAX_BYTES = 10**6  # the "over the limit" row is over it
# a record written in Windows-1252 (the curly apostrophe is byte 0x92): read as such, with a warning
CP1252_TEXT = "The regime\u2019s caf\u00e9 was shelled, officials said."


def _jsonl(tmp_path: Path) -> Path:
    lines = [json.dumps(r) for r in _rows()]
    lines[7:7] = ["not json", "", "[1, 2]"]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    with path.open("ab") as handle:
        handle.write(json.dumps({"outlet": "river-daily", "text": CP1252_TEXT}, ensure_ascii=False)
                     .encode("cp1252") + b"\n")
    return path


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["outlet", "title", "text"])
        writer.writeheader()
        writer.writerows(_rows()[:6])
        handle.write("\r\n")  # a blank row: the csv module skips it without a number
        writer.writerows(_rows()[6:])
    row = io.StringIO(newline="")
    csv.writer(row).writerow(["river-daily", "cp1252", CP1252_TEXT])
    with path.open("ab") as handle:
        handle.write(row.getvalue().encode("cp1252"))
    return path


def _parquet(tmp_path: Path) -> Path:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(_rows()), path, row_group_size=3)
    return path


def _folder(tmp_path: Path) -> Path:
    for path in sorted(OUTLETS.glob("*.txt")):
        for i, paragraph in enumerate(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()):
            folder = tmp_path / "folder" / path.stem
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{i:02}.txt").write_text(paragraph, encoding="utf-8")
    (tmp_path / "folder" / "river-daily" / "99-empty.txt").write_text("", encoding="utf-8")
    return tmp_path / "folder"


def _local(path: Path) -> tuple[str, list[str], list[int], list[str]]:
    """What the CLI's local run gives: profiles, failures, repeated records and notes."""
    notes: list[str] = []
    duplicates: list[int] = []
    records = read_records(path, group_by="outlet" if not path.is_dir() else "folder", text_column="text",
                           max_bytes=MAX_BYTES, notes=notes)
    groups, failures = profile_corpus(unique_records(records, duplicates), workers=1, engine="fast")
    return repr(groups), failures, duplicates, notes


@pytest.mark.parametrize("make", [_jsonl, _csv, _parquet, _folder], ids=["jsonl", "csv", "parquet", "folder"])
@pytest.mark.parametrize("size", [1, 700, 10**6], ids=["partition-per-record", "small", "one"])
def test_cluster_equals_local_pool(client: object, tmp_path: Path, make, size: int) -> None:
    path = make(tmp_path)
    group_by = "folder" if path.is_dir() else "outlet"
    partitions = plan(
        path,
        text_column="text",
        group_by=group_by,
        partition_bytes=size,
        folder_partition=max(1, size // 200),
    )
    expected_groups, expected_failures, expected_duplicates, expected_notes = _local(path)
    seen: list[int] = []
    duplicates: list[int] = []
    notes: list[str] = []
    groups, failures = profile_corpus_dask(client, partitions, Options(group_by, "text", MAX_BYTES, SETTINGS),
                                           on_progress=seen.append, duplicates=duplicates, notes=notes)
    assert repr(groups) == expected_groups
    assert failures == expected_failures
    assert duplicates == expected_duplicates
    assert notes == expected_notes
    if not path.is_dir():
        assert len(duplicates) == 2 and any("over the --max-mb limit" in f for f in failures)
    if path.suffix in (".jsonl", ".csv"):
        assert len(notes) == 1 and "read as Windows-1252" in notes[0]
    assert len(failures) >= 1 and len(groups) == 3
    assert seen and seen[-1] == sum(p.documents for p in groups.values()) + sum(
        "analysis failed" in f for f in failures)
    if size == 1 and not path.is_dir():
        assert len(partitions) > 5


def test_failures_are_numbered_as_in_the_file(client: object, tmp_path: Path) -> None:
    path = _jsonl(tmp_path)
    partitions = plan(path, text_column="text", group_by="outlet", partition_bytes=1)
    duplicates: list[int] = []
    notes: list[str] = []
    _, failures = profile_corpus_dask(client, partitions, Options("outlet", "text", MAX_BYTES, SETTINGS),
                                      duplicates=duplicates, notes=notes)
    assert failures == [
        "record 6: no text in column 'text' (columns: outlet, text, title)",
        "record 8: not valid JSON (Expecting value)",
        "record 10: not a JSON object",
        "record 13: no value in column 'outlet'",
        "record 24: over the --max-mb limit",
    ]
    assert duplicates == [23, 25]  # the first copy (line 2) is kept
    assert notes == [f"{path}: line 28 is not UTF-8 and were read as Windows-1252"]


@pytest.mark.parametrize("quoted", [False, True])
def test_partitions_split_only_after_a_record(tmp_path: Path, quoted: bool) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b'a,b\n1,"x\ny"\n2,"""q""\n"\n3,z\n')
    bounds = sorted(set(_boundaries(path, 1, quoted=quoted)))
    data = path.read_bytes()
    assert bounds[0] == 0 and bounds[-1] == len(data)
    assert all(data[b - 1 : b] == b"\n" for b in bounds[1:])
    cuts = [data[:b].count(b"\n") for b in bounds[1:-1]]
    assert cuts == ([1, 3, 5] if quoted else [1, 2, 3, 4, 5])


def test_cli_on_a_running_scheduler_writes_the_local_report(cluster: object, tmp_path: Path) -> None:
    path = _csv(tmp_path)
    args = ["compare", "--corpus", str(path), "--group-by", "outlet", "--format", "json", "--engine", "fast"]
    local = runner.invoke(app, [*args, "--workers", "2"])
    dask = runner.invoke(app, [*args, "--scheduler", cluster.scheduler_address, "--partition-mb", "0.001"])
    assert local.exit_code == dask.exit_code == 4  # bad records are reported, the rest compared
    assert dask.stdout == local.stdout
    assert dask.stderr == local.stderr
    assert "record 7: no text in column 'text'" in dask.stderr
    assert "2 records repeat an earlier record of the same source" in dask.stderr
    assert "read as Windows-1252" in dask.stderr


def test_cli_unreachable_scheduler_is_one_error_line(tmp_path: Path) -> None:
    path = _csv(tmp_path)
    result = runner.invoke(app, ["compare", "--corpus", str(path), "--group-by", "outlet",
                                 "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot connect to the Dask scheduler at 'tcp://127.0.0.1:9'")
    assert len(result.stderr.strip().splitlines()) == 1
