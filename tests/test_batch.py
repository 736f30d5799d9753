"""Batch conversion: discovery, worker limits, outputs, resume, determinism, executors and the command."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from extractor.batch import (
    DOCUMENT_SUFFIXES,
    BatchOptions,
    BatchUsageError,
    ManifestEntry,
    Task,
    convert_file,
    input_files,
    map_local,
    probe,
    run_batch,
)
from extractor.cli import app
from extractor.model.flat import ActivityRecord
from extractor.settings import Limits, Settings

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021, ROOT, SAMPLES
from .test_bad_inputs import EXPECTED, build_bad_corpus, one_page_pdf, pdf_bytes

runner = CliRunner()
DATA_FILES = ("activities.jsonl", "activities.csv", "activities.parquet", "programmes.sqlite", "datapackage.json",
              "errors.jsonl")


# ---------------------------------------------------------------- helpers


def tree(directory: Path) -> dict[str, bytes]:
    """Every file under a directory (relative path → bytes), the manifest without its timings."""
    files = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "manifest.json":
                manifest = json.loads(data)
                for entry in manifest["inputs"]:
                    entry.pop("timing")
                data = json.dumps(manifest, indent=1).encode()
            files[str(path.relative_to(directory))] = data
    return files


def small_archive(directory: Path) -> Path:
    """Both text samples, one nested, plus a letter and a non-document file."""
    (directory / "2013").mkdir(parents=True)
    shutil.copy(PROGRAMME_2021, directory / PROGRAMME_2021.name)
    shutil.copy(ACTION_PLAN_2013, directory / "2013" / ACTION_PLAN_2013.name)
    (directory / "letter.txt").write_text("Уважаеми колеги,\nблагодаря.\n", encoding="utf-8")
    (directory / "budget.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return directory


def replicated_archive(directory: Path, copies: int, sample: Path = ACTION_PLAN_2013) -> Path:
    """`copies` distinct documents: a sample with a different comment line appended to each."""
    directory.mkdir(parents=True)
    text = sample.read_text(encoding="utf-8")
    for number in range(copies):
        (directory / f"copy-{number:03}.txt").write_text(f"{text}\nКопие {number}\n", encoding="utf-8")
    return directory


def options(inputs: list[Path] | Path, output: Path, **extra) -> BatchOptions:
    return BatchOptions(inputs=inputs if isinstance(inputs, list) else [inputs], output=output, **extra)


def misbehaving_work(path: str, settings: Settings):
    """Convert normally, except files named to hang, crash their process or exhaust memory."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("hog"):
        hoard = bytearray(2 * settings.limits.max_memory_bytes)
        return hoard
    return convert_file(path, settings)


# ---------------------------------------------------------------- discovery


def test_discovery_recurses_in_path_order_and_leaves_out_hidden_files_and_the_output(tmp_path: Path):
    archive = small_archive(tmp_path / "in")
    (archive / ".hidden.txt").write_text("x", encoding="utf-8")
    (archive / "out").mkdir()
    (archive / "out" / "activities.jsonl").write_text("{}", encoding="utf-8")
    names = [p.relative_to(archive).as_posix() for p in input_files([archive], exclude=archive / "out")]
    assert names == ["2013/sofia-2013-action-plan.txt", "budget.csv", "letter.txt", "sofia-2021-programme.txt"]


def test_a_pdf_is_found_by_its_content_whatever_its_name(tmp_path: Path):
    path = tmp_path / "scan-0001.bin"
    path.write_bytes(pdf_bytes(one_page_pdf()))
    task = probe(path, Limits())
    assert isinstance(task, Task) and task.format == "pdf"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("notes.csv", b"a,b\n1,2\n", ".csv file, not a document type"),
        ("photos.zip", b"PK\x03\x04" + b"\x00" * 40, "damaged zip container"),
        ("tool.exe", bytes(range(256)), "binary content that is no supported format"),
    ],
)
def test_files_that_are_no_document_are_skipped_with_a_reason(tmp_path: Path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    entry = probe(path, Limits())
    assert isinstance(entry, ManifestEntry) and entry.status == "skipped" and entry.reason.startswith(reason)


def test_a_file_named_as_a_document_is_converted_even_when_broken(tmp_path: Path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04broken")
    assert isinstance(probe(path, Limits()), Task)


def test_a_second_copy_of_the_same_content_is_skipped_as_a_duplicate(tmp_path: Path):
    archive = small_archive(tmp_path / "in")
    shutil.copy(ACTION_PLAN_2013, archive / "zz-copy.txt")
    report = run_batch(options(archive, tmp_path / "out", jobs=1))
    entry = next(e for e in report.entries if e.path.endswith("zz-copy.txt"))
    assert entry.status == "skipped" and entry.reason == f"same content as {archive / '2013' / ACTION_PLAN_2013.name}"


# ---------------------------------------------------------------- worker limits


def make_tasks(directory: Path, names: list[str]) -> list[Task]:
    tasks = []
    for name in names:
        path = directory / name
        shutil.copy(ACTION_PLAN_2013, path)
        tasks.append(Task(path=str(path), sha256=None, size=path.stat().st_size, format="text"))
    return tasks


def test_a_hung_file_is_stopped_at_the_time_limit_and_the_others_convert(tmp_path: Path):
    tasks = make_tasks(tmp_path, ["a.txt", "hang.txt", "b.txt", "c.txt"])
    settings = Settings(limits=Limits(timeout_seconds=3))
    started = time.monotonic()
    results = {Path(r.path).name: r for r in map_local(misbehaving_work, tasks, settings, jobs=2)}
    assert time.monotonic() - started < 30
    assert results["hang.txt"].status == "failed"
    assert results["hang.txt"].reason == "took longer than the time limit of 3 s; stopped"
    assert [results[n].status for n in ("a.txt", "b.txt", "c.txt")] == ["converted"] * 3


def test_a_file_that_kills_its_worker_fails_alone(tmp_path: Path):
    tasks = make_tasks(tmp_path, ["crash.txt", "a.txt", "b.txt"])
    results = {Path(r.path).name: r for r in map_local(misbehaving_work, tasks, Settings(), jobs=1)}
    assert results["crash.txt"].status == "failed" and results["crash.txt"].reason.startswith("the worker process died")
    assert results["a.txt"].status == results["b.txt"].status == "converted"


def test_a_file_that_needs_more_memory_than_the_limit_fails_with_that_reason(tmp_path: Path):
    tasks = make_tasks(tmp_path, ["hog.txt", "a.txt"])
    settings = Settings(limits=Limits(max_memory_bytes=512 * 1024 * 1024))
    results = {Path(r.path).name: r for r in map_local(misbehaving_work, tasks, settings, jobs=1)}
    assert results["hog.txt"].reason == "needed more memory than the limit of 512 MB"
    assert results["a.txt"].status == "converted"


# ---------------------------------------------------------------- outputs


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    archive = small_archive(root / "in")
    report = run_batch(options(archive, root / "out", jobs=2))
    return root, report


def test_summary_counts_converted_skipped_and_failed(small_run):
    _, report = small_run
    assert (report.converted, report.unchanged, report.skipped, report.failed) == (2, 0, 1, 1)
    assert report.activities == 134 and report.exit_code == 1


def test_outputs_agree_on_every_activity(small_run):
    root, _ = small_run
    out = root / "out"
    jsonl = [json.loads(line) for line in (out / "activities.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = list(csv.DictReader(io.StringIO((out / "activities.csv").read_text(encoding="utf-8"))))
    parquet = pq.read_table(out / "activities.parquet")
    db = sqlite3.connect(out / "programmes.sqlite")
    assert len(jsonl) == len(rows) == parquet.num_rows == 134
    assert db.execute("SELECT count(*) FROM activities").fetchone()[0] == 134
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    assert [r["document_id"] for r in jsonl] == [r["document_id"] for r in rows] == parquet.column("document_id").to_pylist()
    assert [r["activity_text"] for r in jsonl] == [r["activity_text"] for r in rows]
    assert list(rows[0]) == list(ActivityRecord.model_fields) == parquet.schema.names


def test_aggregates_follow_input_order(small_run):
    root, report = small_run
    converted = [e.document_id for e in report.entries if e.status == "converted"]
    jsonl = (root / "out" / "activities.jsonl").read_text(encoding="utf-8").splitlines()
    assert list(dict.fromkeys(json.loads(line)["document_id"] for line in jsonl)) == converted


def test_errors_file_lists_each_failure_once(small_run):
    root, _ = small_run
    errors = [json.loads(line) for line in (root / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["path"]).name, e["reason"]) for e in errors] == [
        ("letter.txt", "not a programme: no report, decision or annex table found")
    ]


def test_manifest_lists_every_input_with_hash_status_and_version(small_run):
    root, _ = small_run
    manifest = json.loads((root / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"converted": 2, "failed": 1, "skipped": 1}
    by_name = {Path(e["path"]).name: e for e in manifest["inputs"]}
    plan = by_name[ACTION_PLAN_2013.name]
    assert plan["sha256"] == __import__("hashlib").sha256(ACTION_PLAN_2013.read_bytes()).hexdigest()
    assert plan["status"] == "converted" and plan["format"] == "text" and plan["activities"] == 24
    assert plan["tool_version"] and plan["timing"]["seconds"] > 0
    assert by_name["budget.csv"]["status"] == "skipped" and by_name["budget.csv"]["timing"] is None


def test_datapackage_describes_the_csv_it_sits_beside(small_run):
    root, _ = small_run
    out = root / "out"
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = descriptor["resources"]
    data = (out / resource["path"]).read_bytes()
    assert resource["bytes"] == len(data)
    assert resource["hash"] == "sha256:" + __import__("hashlib").sha256(data).hexdigest()


def test_only_the_chosen_aggregates_are_written(tmp_path: Path):
    archive = small_archive(tmp_path / "in")
    run_batch(options(archive, tmp_path / "out", jobs=1, outputs=("jsonl",)))
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["activities.jsonl", "documents", "errors.jsonl", "manifest.json"]


def test_datapackage_without_csv_is_a_usage_error(tmp_path: Path):
    with pytest.raises(BatchUsageError):
        run_batch(options(small_archive(tmp_path / "in"), tmp_path / "out", outputs=("datapackage",)))


# ---------------------------------------------------------------- resume and determinism


def test_second_run_converts_nothing_and_leaves_every_byte(small_run, tmp_path: Path):
    root, _ = small_run
    out = tmp_path / "out"
    shutil.copytree(root / "out", out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    report = run_batch(options(root / "in", out, jobs=2))
    assert (report.converted, report.unchanged) == (0, 2)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_changed_input_is_converted_again_and_the_rest_reused(tmp_path: Path):
    archive = small_archive(tmp_path / "in")
    run_batch(options(archive, tmp_path / "out", jobs=1))
    with (archive / PROGRAMME_2021.name).open("a", encoding="utf-8") as stream:
        stream.write("\nДобавен ред\n")
    report = run_batch(options(archive, tmp_path / "out", jobs=1))
    assert (report.converted, report.unchanged) == (1, 1)
    ids = {json.loads(line)["document_id"] for line in (tmp_path / "out" / "activities.jsonl").open(encoding="utf-8")}
    assert len(ids) == 2


def test_force_converts_everything_again(small_run, tmp_path: Path):
    root, _ = small_run
    shutil.copytree(root / "out", tmp_path / "out")
    report = run_batch(options(root / "in", tmp_path / "out", jobs=2, force=True))
    assert (report.converted, report.unchanged) == (2, 0)
    assert tree(tmp_path / "out") == tree(root / "out")


def test_changed_settings_convert_everything_again(small_run, tmp_path: Path):
    root, _ = small_run
    shutil.copytree(root / "out", tmp_path / "out")
    report = run_batch(options(root / "in", tmp_path / "out", jobs=2, settings=Settings(year=2030)))
    assert report.converted == 2


def test_a_lost_document_file_is_converted_again(small_run, tmp_path: Path):
    root, report = small_run
    shutil.copytree(root / "out", tmp_path / "out")
    document_id = next(e.document_id for e in report.entries if e.status == "converted")
    (tmp_path / "out" / "documents" / f"{document_id}.json").unlink()
    again = run_batch(options(root / "in", tmp_path / "out", jobs=2))
    assert (again.converted, again.unchanged) == (1, 1)
    assert tree(tmp_path / "out") == tree(root / "out")


def test_dask_executor_gives_the_same_bytes_as_local_processes(small_run, tmp_path: Path):
    pytest.importorskip("distributed")
    root, _ = small_run
    report = run_batch(options(root / "in", tmp_path / "out", jobs=2, executor="dask"))
    assert (report.converted, report.failed) == (2, 1)
    assert tree(tmp_path / "out") == tree(root / "out")


def test_scheduler_address_needs_the_dask_executor(tmp_path: Path):
    with pytest.raises(ValueError, match="scheduler"):
        options(tmp_path, tmp_path / "out", scheduler="tcp://127.0.0.1:8786")


# ---------------------------------------------------------------- the command


def extractor_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from extractor.cli import app; app()", *args]


def test_command_prints_errors_skips_and_summary_and_exits_1(small_run, tmp_path: Path):
    root, _ = small_run
    result = runner.invoke(app, ["batch", str(root / "in"), "-o", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {root / 'in' / 'letter.txt'}: not a programme: no report, decision or annex table found"
    assert lines[1] == f"skipped: {root / 'in' / 'budget.csv'}: .csv file, not a document type"
    assert lines[2].startswith("converted 2, unchanged 0, skipped 1, failed 1; 134 activities")
    assert len(lines) == 3  # not a terminal: no progress bar


def test_command_exits_0_when_everything_converts(tmp_path: Path):
    shutil.copy(ACTION_PLAN_2013, tmp_path / ACTION_PLAN_2013.name)
    result = runner.invoke(app, ["batch", str(tmp_path / ACTION_PLAN_2013.name), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0 and result.stderr.startswith("converted 1,")


@pytest.mark.parametrize(
    "arguments",
    [
        ["missing-directory"],
        [str(SAMPLES), "--formats", "xml"],
        [str(SAMPLES), "--jobs", "0"],
        [str(SAMPLES), "--scheduler", "tcp://127.0.0.1:8786"],
        [str(SAMPLES), "--executor", "spark"],
        [str(SAMPLES), "--timeout", "-1"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, arguments):
    result = runner.invoke(app, ["batch", *arguments, "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output


def test_limit_options_reach_the_workers(tmp_path: Path):
    shutil.copy(ACTION_PLAN_2013, tmp_path / "plan.txt")
    result = runner.invoke(app, ["batch", str(tmp_path / "plan.txt"), "-o", str(tmp_path / "out"), "--max-file-mb", "0.01"])
    assert result.exit_code == 1 and "over the limit of 10485" in result.stderr


def test_batch_command_has_help():
    result = runner.invoke(app, ["batch", "--help"])
    assert result.exit_code == 0 and "--jobs" in result.stdout and "--timeout" in result.stdout


# ---------------------------------------------------------------- end to end


def sample_files() -> list[Path]:
    """Every sample document in every format the samples folder holds."""
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    for path in sample_files():
        shutil.copy(path, root / path.name)
    build_bad_corpus(root / "bad")
    (root / "notes.py").write_text("print('not a document')\n", encoding="utf-8")
    return root


E2E_ARGUMENTS = ["--jobs", "2", "--timeout", "300", "--max-file-mb", "40", "-q"]


@pytest.fixture(scope="module")
def end_to_end(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e") / "out"
    result = subprocess.run(extractor_command("batch", str(archive), "-o", str(out), *E2E_ARGUMENTS),
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    return out, result


def test_end_to_end_converts_every_sample_and_lists_every_bad_input(archive, end_to_end):
    out, result = end_to_end
    assert result.returncode == 1, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_name = {Path(e["path"]).name: e for e in manifest["inputs"]}
    for sample in sample_files():
        entry = by_name[sample.name]
        assert entry["status"] == "converted" and entry["activities"] > 0, entry
    assert by_name[PROGRAMME_2021.name]["activities"] == 110 and by_name[ACTION_PLAN_2013.name]["activities"] == 24
    assert by_name["notes.py"]["status"] == "skipped"
    assert by_name["big.txt"]["reason"].startswith("file is 5")  # over the 40 MB option
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = [e for e in manifest["inputs"] if e["status"] == "failed"]
    assert [e["path"] for e in errors] == [e["path"] for e in failed]
    assert {Path(e["path"]).name for e in failed} >= set(EXPECTED) - {"windows-1251.txt"}
    printed = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert printed == [f"error: {e['path']}: {e['reason']}" for e in failed]


def test_end_to_end_documents_validate_against_the_published_schema(end_to_end):
    out, _ = end_to_end
    schema = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    documents = sorted((out / "documents").glob("*.json"))
    assert documents
    for path in documents:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


def test_end_to_end_aggregates_count_every_activity_once(end_to_end):
    out, _ = end_to_end
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    converted = {e["document_id"]: e["activities"] for e in manifest["inputs"] if e["status"] == "converted"}
    total = sum(converted.values())
    rows = list(csv.DictReader(io.StringIO((out / "activities.csv").read_text(encoding="utf-8"))))
    db = sqlite3.connect(out / "programmes.sqlite")
    assert len(rows) == pq.read_table(out / "activities.parquet").num_rows == total
    assert db.execute("SELECT count(*) FROM activities").fetchone()[0] == total
    assert dict(db.execute("SELECT document_id, count(*) FROM activities GROUP BY document_id").fetchall()) == {
        k: v for k, v in converted.items() if v
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_end_to_end_second_run_converts_nothing_and_is_byte_identical(archive, end_to_end):
    out, _ = end_to_end
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = subprocess.run(extractor_command("batch", str(archive), "-o", str(out), *E2E_ARGUMENTS),
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("converted 0,")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_killed_run_resumed_ends_with_the_bytes_of_an_uninterrupted_run(tmp_path: Path):
    copies = 60  # enough that the kill, at the first checkpoint (after the first result), lands mid-run
    archive = replicated_archive(tmp_path / "in", copies, PROGRAMME_2021)
    arguments = ["--jobs", "1", "-q"]
    whole = tmp_path / "whole"
    assert subprocess.run(extractor_command("batch", str(archive), "-o", str(whole), *arguments),
                          cwd=ROOT, timeout=600, capture_output=True).returncode == 0
    out = tmp_path / "resumed"
    process = subprocess.Popen(extractor_command("batch", str(archive), "-o", str(out), *arguments),
                               cwd=ROOT, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not (out / "manifest.json").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the first checkpoint of the manifest: one document is done
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = len(list((out / "documents").glob("*.json")))
    assert 0 < done < copies and not (out / "activities.jsonl").exists()
    for path in (out / "documents").glob("*.json"):  # never a half-written document
        json.loads(path.read_text(encoding="utf-8"))
    result = subprocess.run(extractor_command("batch", str(archive), "-o", str(out), *arguments),
                            cwd=ROOT, timeout=600, capture_output=True, text=True)
    assert result.returncode == 0
    summary = result.stderr.splitlines()[-1]
    assert int(summary.split("converted ")[1].split(",")[0]) < copies, summary
    assert tree(out) == tree(whole)
    assert not list(out.rglob(".*"))


def test_aggregates_made_in_worker_processes_equal_those_made_in_one(tmp_path: Path):
    from extractor.batch import AGGREGATE_CHUNK, read_manifest, write_aggregates

    archive = replicated_archive(tmp_path / "in", 2 * AGGREGATE_CHUNK + 1)
    out = tmp_path / "out"
    run_batch(options(archive, out, jobs=1))
    serial = tree(out)
    entries = read_manifest(out).inputs
    written = write_aggregates(out, entries, ("jsonl", "csv", "parquet", "sqlite", "datapackage"), jobs=2)
    assert len(written) == 5
    assert tree(out) == serial
    with sqlite3.connect(out / "programmes.sqlite") as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2 * AGGREGATE_CHUNK + 1
        assert db.execute("SELECT count(DISTINCT goal_id) FROM activities").fetchone()[0] == (2 * AGGREGATE_CHUNK + 1) * 10


def test_a_change_to_the_code_converts_everything_again(small_run, tmp_path: Path, monkeypatch):
    import extractor.batch as batch

    root, _ = small_run
    shutil.copytree(root / "out", tmp_path / "out")
    monkeypatch.setattr(batch, "code_sha256", lambda: "0" * 64)
    report = run_batch(options(root / "in", tmp_path / "out", jobs=1))
    assert (report.converted, report.unchanged) == (2, 0)


def test_the_manifest_is_checkpointed_right_after_the_first_result(tmp_path: Path):
    archive = replicated_archive(tmp_path / "in", 3)
    out = tmp_path / "out"
    seen: list[bool] = []

    class Watch:
        def start(self, total: int) -> None:
            pass

        def advance(self, entry) -> None:
            seen.append((out / "manifest.json").exists())

        def stop(self) -> None:
            pass

    run_batch(options(archive, out, jobs=1), progress=Watch())
    assert seen == [False, True, True]
