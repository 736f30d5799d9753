"""Batch conversion of archives: discovery, parallel conversion, manifest, aggregated exports.

Every input is converted by `convert_file(path, settings)`, a pure picklable function, inside a
*worker slot*: one worker process (a one-process `ProcessPoolExecutor`) that runs one file at a
time under an address-space limit (`RLIMIT_AS`, `Limits.max_memory_bytes`) and is killed and
replaced when a file overruns `Limits.timeout_seconds` or crashes it, so one bad file never stops
the batch. Slots are driven by local threads (`executor="local"`) or by Dask tasks, one slot per
Dask worker thread (`executor="dask"`). Results are written by the calling process only: each
`documents/<id>.json` as it arrives, the aggregates at the end in input order, every file through
a temporary file and `os.replace`, so a run killed at any moment and re-run ends with the same
bytes as an uninterrupted one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import math
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import __version__
from .errors import ExtractorError, InputError
from .model.document import Document
from .model.flat import activity_records
from .readers.source import sniff_format
from .settings import Limits, Settings
from .writers import document_json, records_csv, rows_csv, rows_jsonl
from .writers.sqlite import DocumentTables, document_tables

OutputKind = Literal["jsonl", "csv", "parquet", "sqlite", "datapackage"]
OUTPUTS: tuple[OutputKind, ...] = ("jsonl", "csv", "parquet", "sqlite", "datapackage")
OUTPUT_FILES = {
    "jsonl": "activities.jsonl",
    "csv": "activities.csv",
    "parquet": "activities.parquet",
    "sqlite": "programmes.sqlite",
    "datapackage": "datapackage.json",
}
DOCUMENTS_DIR = "documents"
MANIFEST_FILE = "manifest.json"
ERRORS_FILE = "errors.jsonl"
TEMPORARY_MARK = ".tmp-"
# Suffixes that say "this is meant to be a document": such a file is converted (or fails with a
# reason) even when its content is broken; any other file is converted only when its content is a
# document format (PDF, Word, image) and is otherwise listed as skipped.
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".htm", ".html", ".docx", ".doc", ".odt", ".rtf", ".pdf", ".png", ".jpg",
     ".jpeg", ".tif", ".tiff"}
)
BINARY_DOCUMENT_FORMATS = frozenset({"pdf", "docx", "doc", "odt", "rtf", "image"})
CHECKPOINT_SECONDS = 2.0  # the manifest is rewritten after the first result, then at most this often
FORKSERVER_PRELOAD = ["extractor.batch", "extractor.api", "extractor.normalise.apply"]

Work = Callable[[str, Settings], "FileResult"]


class BatchError(ExtractorError):
    """The batch itself cannot go on (e.g. worker processes cannot start); no input is to blame."""


class BatchUsageError(ExtractorError):
    """Batch options that cannot work: a missing input, an impossible combination; the CLI exits 2."""


class BatchOptions(BaseModel):
    """What one batch run is told: inputs, output directory, parallelism, outputs, settings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    inputs: list[Path] = Field(min_length=1, description="directories (searched recursively) or files")
    output: Path
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, description="files converted at once")
    outputs: tuple[OutputKind, ...] = Field(OUTPUTS, description="aggregate files to write besides documents/")
    force: bool = Field(False, description="convert every input again even when its hash is unchanged")
    executor: Literal["local", "dask"] = "local"
    scheduler: str | None = Field(None, description="Dask scheduler address; a LocalCluster when absent")
    settings: Settings = Settings()

    @model_validator(mode="after")
    def _scheduler_needs_dask(self) -> BatchOptions:
        if self.scheduler and self.executor != "dask":
            raise ValueError("a scheduler address needs executor 'dask'")
        return self


class Task(BaseModel):
    """One input to convert, with the facts discovery established."""

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str | None
    size: int
    format: str | None


class FileResult(BaseModel):
    """What converting one file gave: the validated document as JSON, or the reason it failed."""

    path: str
    status: Literal["converted", "failed"]
    reason: str | None = None
    detail: str | None = None
    document_id: str | None = None
    sha256: str | None = None
    format: str | None = None
    pages: int | None = None
    activities: int | None = None
    document_json: str | None = None
    seconds: float | None = None
    peak_rss_mb: float | None = None


class Timing(BaseModel):
    """Measurements of one conversion: kept apart because they differ between runs."""

    seconds: float | None = None
    peak_rss_mb: float | None = None


class ManifestEntry(BaseModel):
    """One input of the batch and what became of it."""

    path: str
    sha256: str | None
    size: int
    format: str | None
    pages: int | None = None
    status: Literal["converted", "failed", "skipped"]
    reason: str | None = None
    document_id: str | None = None
    activities: int | None = None
    tool_version: str = __version__
    timing: Timing | None = None


class Manifest(BaseModel):
    """Every input with its hash, format, status and tool version; what a re-run resumes from."""

    tool_version: str
    settings_sha256: str
    limits_sha256: str
    counts: dict[str, int]
    inputs: list[ManifestEntry]


class BatchReport(BaseModel):
    """The outcome of a run: counts, every entry, and the exit code the CLI should use."""

    output: Path
    converted: int
    unchanged: int
    skipped: int
    failed: int
    pages: int
    activities: int
    entries: list[ManifestEntry]

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, 1 otherwise."""
        return 1 if self.failed else 0


class BatchProgress(Protocol):
    """Hooks a caller can pass to follow a run."""

    def start(self, total: int) -> None: ...

    def advance(self, entry: ManifestEntry) -> None: ...

    def stop(self) -> None: ...


# ---------------------------------------------------------------- discovery


def input_files(inputs: Iterable[Path], exclude: Path | None = None) -> list[Path]:
    """Every file under the inputs, each input's files sorted by path; hidden names and `exclude` left out."""
    excluded = exclude.resolve() if exclude else None
    seen: set[Path] = set()
    files: list[Path] = []
    for root in inputs:
        found = [root] if root.is_file() else _walk(root, excluded)
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files


def _walk(root: Path, excluded: Path | None) -> list[Path]:
    found = []
    for directory, dirnames, filenames in os.walk(root):
        here = Path(directory)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and (here / d).resolve() != excluded]
        found += [here / name for name in filenames if not name.startswith(".") and (here / name).is_file()]
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def probe(path: Path, limits: Limits) -> Task | ManifestEntry:
    """A task for a file that is (or claims to be) a document, else a skipped entry saying why."""
    suffix = path.suffix.lower()
    claims_document = suffix in DOCUMENT_SUFFIXES or suffix == ""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            digest = _file_sha256(path)
            if claims_document:
                return Task(path=str(path), sha256=digest, size=size, format=None)
            return _skipped(path, digest, size, None, f"not inspected: {size} bytes is over the file size limit")
        data = path.read_bytes()
    except OSError:
        return Task(path=str(path), sha256=None, size=0, format=None)  # the worker names the reason
    digest = hashlib.sha256(data).hexdigest()
    try:
        fmt = sniff_format(path, data)
    except InputError as error:
        if claims_document:
            return Task(path=str(path), sha256=digest, size=size, format=None)
        return _skipped(path, digest, size, None, error.reason)
    if claims_document or fmt in BINARY_DOCUMENT_FORMATS:
        return Task(path=str(path), sha256=digest, size=size, format=fmt)
    return _skipped(path, digest, size, fmt, f"{suffix} file, not a document type")


def _skipped(path: Path, digest: str | None, size: int, fmt: str | None, reason: str) -> ManifestEntry:
    return ManifestEntry(path=str(path), sha256=digest, size=size, format=fmt, status="skipped", reason=reason)


def _file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


# ---------------------------------------------------------------- the per-file work


def convert_file(path: str, settings: Settings) -> FileResult:
    """Extract one file into its validated document JSON, or a failure naming the reason; never raises for bad input."""
    from .api import extract

    try:
        document = extract(Path(path), settings)
        text = document_json(document)
        Document.model_validate_json(text)
    except ExtractorError as error:
        reason = error.reason if isinstance(error, InputError) else str(error)
        return FileResult(path=path, status="failed", reason=one_line(reason))
    except MemoryError:
        return FileResult(path=path, status="failed", reason=_memory_reason(settings.limits))
    except Exception as error:  # a bug must not stop the batch: one line here, the traceback in errors.jsonl
        return FileResult(
            path=path, status="failed", reason=one_line(f"internal error: {type(error).__name__}: {error}"),
            detail=traceback.format_exc(),
        )
    return FileResult(
        path=path, status="converted", document_id=document.id, sha256=document.source.sha256,
        format=document.source.format, pages=document.source.pages,
        activities=len(activity_records(document)), document_json=text,
    )


def one_line(text: str) -> str:
    """Text folded onto one line, for messages that must stay one line per file."""
    return " ".join(text.split())


def _megabytes(limits: Limits) -> int:
    return limits.max_memory_bytes // (1024 * 1024)


def _memory_reason(limits: Limits) -> str:
    return f"needed more memory than the limit of {_megabytes(limits)} MB"


def _measured(work: Work, path: str, settings: Settings) -> FileResult:
    started = time.perf_counter()
    try:
        result = work(path, settings)
    except MemoryError:
        result = FileResult(path=path, status="failed", reason=_memory_reason(settings.limits))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result.model_copy(update={"seconds": round(time.perf_counter() - started, 3), "peak_rss_mb": round(peak, 1)})


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
MMAP_THRESHOLD_BYTES = 128 * 1024


def _return_freed_memory() -> None:
    """Have glibc map every large block on its own, so a page image freed leaves the worker's RSS.

    glibc raises its mmap threshold after the first large block is freed (up to 32 MB), after which
    page-sized arrays come from the heap and their memory stays with the process once freed. A
    fixed threshold keeps RSS near what is in use (a scan's peak per worker ~10 % lower). Not glibc:
    nothing to do.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    except (OSError, AttributeError):
        pass


def _limit_worker(memory_bytes: int) -> None:
    """Worker process start: cap its address space, keep OCR single-threaded, leave Ctrl-C to the parent."""
    _return_freed_memory()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_context() -> multiprocessing.context.BaseContext:
    """A forkserver: workers fork from a clean process with the pipeline already imported."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(FORKSERVER_PRELOAD)
    return context


class WorkerSlot:
    """One worker process running one file at a time; killed and replaced when a file overruns or crashes it."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1, mp_context=_worker_context(), initializer=_limit_worker, initargs=(self._limits.max_memory_bytes,)
            )
            try:
                self._pool.submit(os.getpid).result()  # the clock starts once the process is up
            except BrokenProcessPool:
                self.close()
                raise BatchError("a worker process could not start; see the messages above") from None
        return self._pool

    def run(self, work: Work, path: str, settings: Settings) -> FileResult:
        """Convert one file in the slot's process within the time limit."""
        future = self._started().submit(_measured, work, path, settings)
        try:
            return future.result(timeout=self._limits.timeout_seconds)
        except FutureTimeout:
            self.close()
            reason = f"took longer than the time limit of {self._limits.timeout_seconds:g} s; stopped"
        except BrokenProcessPool:
            self.close()
            reason = f"the worker process died: a crash, or memory beyond the limit of {_megabytes(self._limits)} MB"
        except Exception as error:  # e.g. a result that cannot be sent back: still one line, still going
            reason = one_line(f"internal error: {type(error).__name__}: {error}")
        return FileResult(path=path, status="failed", reason=reason, seconds=None)

    def close(self) -> None:
        """Kill the slot's process (if any); the next file starts a fresh one."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in _processes(pool):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)


def _processes(pool: ProcessPoolExecutor) -> list:
    # ProcessPoolExecutor gains kill_workers() in Python 3.14; until then its process table is the way.
    return list((getattr(pool, "_processes", None) or {}).values())


def map_local(work: Work, tasks: list[Task], settings: Settings, jobs: int) -> Iterator[FileResult]:
    """Run `work` over the tasks in `jobs` worker slots on this machine, yielding results as they finish."""
    if not tasks:
        return
    slots: queue.SimpleQueue[WorkerSlot] = queue.SimpleQueue()
    made = [WorkerSlot(settings.limits) for _ in range(min(jobs, len(tasks)))]
    for slot in made:
        slots.put(slot)

    def run(task: Task) -> FileResult:
        slot = slots.get()
        try:
            return slot.run(work, task.path, settings)
        finally:
            slots.put(slot)

    threads = ThreadPoolExecutor(len(made), thread_name_prefix="batch-slot")
    futures = [threads.submit(run, task) for task in tasks]
    try:
        for future in as_completed(futures):
            yield future.result()
    finally:
        for future in futures:
            future.cancel()
        for slot in made:
            slot.close()
        threads.shutdown(wait=True)


_DASK_SLOTS: dict[int, WorkerSlot] = {}
_DASK_SLOTS_LOCK = threading.Lock()


def run_in_worker_slot(work: Work, path: str, settings: Settings) -> FileResult:
    """A Dask task: convert one file in the slot this worker thread owns (started on first use)."""
    with _DASK_SLOTS_LOCK:
        slot = _DASK_SLOTS.setdefault(threading.get_ident(), WorkerSlot(settings.limits))
    if slot._limits != settings.limits:
        slot.close()
        slot = _DASK_SLOTS[threading.get_ident()] = WorkerSlot(settings.limits)
    return slot.run(work, path, settings)


def map_dask(work: Work, tasks: list[Task], settings: Settings, jobs: int, scheduler: str | None) -> Iterator[FileResult]:
    """Run `work` over the tasks on a Dask cluster (a LocalCluster of `jobs` workers when no address is given)."""
    try:
        import dask
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise BatchUsageError("the dask executor needs the optional extra: pip install 'extractor[dask]'") from None
    if not tasks:
        return
    import logging

    cluster = None
    # Worker processes must not be daemons: each starts the slot process that runs its files.
    with dask.config.set({"distributed.worker.daemon": False}):
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        client = Client(scheduler or cluster)
    try:
        futures = [client.submit(run_in_worker_slot, work, task.path, settings, pure=False) for task in tasks]
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ---------------------------------------------------------------- atomic output


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` that replaces it when the block ends without error."""
    temporary = target.with_name(f".{target.name}{TEMPORARY_MARK}{os.getpid()}")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomic(target: Path, text: str) -> None:
    """Write UTF-8 text to `target` so that a reader only ever sees the old or the whole new file."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")


def remove_temporaries(output: Path) -> None:
    """Delete temporary files a killed run left behind."""
    for directory in (output, output / DOCUMENTS_DIR):
        if directory.is_dir():
            for path in directory.glob(f".*{TEMPORARY_MARK}*"):
                path.unlink(missing_ok=True)


# ---------------------------------------------------------------- manifest and resume


@lru_cache(maxsize=1)
def code_sha256() -> str:
    """Hash of the package's own code and data (its .py and .toml files): a change to either converts again.

    The tool version alone would miss the changes made between releases, e.g. in a checkout under development.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".toml") and p.is_file()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def settings_fingerprints(settings: Settings) -> tuple[str, str]:
    """Hashes of what shapes a converted document (the code, year, glossary path and content) and of the limits."""
    content = settings.model_dump(mode="json", exclude={"limits"})
    content["code_sha256"] = code_sha256()
    glossary = settings.glossary
    if glossary is not None and glossary.is_file():
        content["glossary_sha256"] = _file_sha256(glossary)
    limits = settings.limits.model_dump(mode="json")
    return _json_sha256(content), _json_sha256(limits)


def _json_sha256(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def read_manifest(output: Path) -> Manifest | None:
    """The manifest a previous run left, or None when there is none or it cannot be read."""
    try:
        return Manifest.model_validate_json((output / MANIFEST_FILE).read_bytes())
    except (OSError, ValueError):
        return None


def reusable_entries(previous: Manifest | None, settings: Settings, output: Path) -> dict[str, ManifestEntry]:
    """Entries of the previous run that stand: same tool version, code and settings; failures also same limits."""
    if previous is None:
        return {}
    content, limits = settings_fingerprints(settings)
    if previous.tool_version != __version__ or previous.settings_sha256 != content:
        return {}
    reusable = {}
    for entry in previous.inputs:
        if entry.tool_version != __version__:
            continue
        if entry.status == "converted" and (output / DOCUMENTS_DIR / f"{entry.document_id}.json").is_file():
            reusable[entry.path] = entry
        elif entry.status == "failed" and previous.limits_sha256 == limits:
            reusable[entry.path] = entry
    return reusable


def manifest_json(entries: list[ManifestEntry], settings: Settings) -> str:
    """The manifest as stable JSON: entries in input order, counts by status."""
    content, limits = settings_fingerprints(settings)
    counts = {status: sum(e.status == status for e in entries) for status in ("converted", "failed", "skipped")}
    manifest = Manifest(
        tool_version=__version__, settings_sha256=content, limits_sha256=limits, counts=counts, inputs=entries
    )
    return manifest.model_dump_json(indent=2) + "\n"


def errors_jsonl(entries: list[ManifestEntry], details: dict[str, str]) -> str:
    """One JSON object per failed input, in input order; internal errors carry their traceback."""
    lines = []
    for entry in entries:
        if entry.status == "failed":
            record = {"path": entry.path, "sha256": entry.sha256, "format": entry.format, "reason": entry.reason}
            if entry.path in details:
                record["traceback"] = details[entry.path]
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def read_errors(output: Path) -> dict[str, str]:
    """Tracebacks recorded by a previous run, so reused failures keep them."""
    details = {}
    try:
        for line in (output / ERRORS_FILE).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "traceback" in record:
                details[record["path"]] = record["traceback"]
    except (OSError, ValueError):
        pass
    return details


def entry_for(task: Task, result: FileResult) -> ManifestEntry:
    """The manifest entry of a converted or failed task."""
    return ManifestEntry(
        path=task.path, sha256=task.sha256, size=task.size, format=result.format or task.format,
        pages=result.pages, status=result.status, reason=result.reason, document_id=result.document_id,
        activities=result.activities, timing=Timing(seconds=result.seconds, peak_rss_mb=result.peak_rss_mb),
    )


# ---------------------------------------------------------------- aggregates


def document_files(output: Path, entries: list[ManifestEntry]) -> list[Path]:
    """The per-document files of the converted entries, each document once, in input order."""
    ids = dict.fromkeys(e.document_id for e in entries if e.status == "converted" and e.document_id)
    return [output / DOCUMENTS_DIR / f"{document_id}.json" for document_id in ids]


AGGREGATE_CHUNK = 4
"""Documents per task when the aggregate rows are made in worker processes."""


@dataclass(frozen=True)
class DocumentRows:
    """What one document adds to each aggregate file: made from its JSON file, in any process."""

    jsonl: str = ""
    csv: str = ""
    parquet: list[dict] = field(default_factory=list)
    sqlite: DocumentTables | None = None


def document_rows(path: Path, kinds: frozenset[str]) -> DocumentRows:
    """The aggregate rows of one per-document file, for the wanted kinds of output."""
    from .writers.parquet import parquet_rows

    document = Document.model_validate_json(path.read_bytes())
    records = activity_records(document)
    dumped = [record.model_dump(mode="json") for record in records] if kinds & {"jsonl", "csv"} else []
    return DocumentRows(
        jsonl=rows_jsonl(dumped) if "jsonl" in kinds else "",
        csv=rows_csv(dumped, header=False) if "csv" in kinds else "",
        parquet=parquet_rows(records) if "parquet" in kinds else [],
        sqlite=document_tables(document) if "sqlite" in kinds else None,
    )


def _rows_in_order(paths: list[Path], kinds: frozenset[str], jobs: int) -> Iterator[DocumentRows]:
    """The documents' rows in the order given; made by `jobs` processes when there is enough to share."""
    if jobs <= 1 or len(paths) < 2 * AGGREGATE_CHUNK:
        yield from (document_rows(path, kinds) for path in paths)
        return
    with ProcessPoolExecutor(jobs, mp_context=_worker_context()) as pool:
        yield from pool.map(document_rows, paths, [kinds] * len(paths), chunksize=AGGREGATE_CHUNK)


def write_aggregates(
    output: Path, entries: list[ManifestEntry], outputs: Iterable[OutputKind], jobs: int = 1
) -> list[Path]:
    """Rebuild the aggregate files from the per-document files, in input order; returns the paths written.

    Reading and flattening the documents is shared among `jobs` processes; one writer appends the rows.
    """
    from .writers.datapackage import datapackage_json

    wanted = set(outputs)
    targets = {kind: output / OUTPUT_FILES[kind] for kind in OUTPUTS if kind in wanted}
    with _aggregate_sinks(targets) as sinks:
        for rows in _rows_in_order(document_files(output, entries), frozenset(targets), jobs):
            sinks.add(rows)
    if "datapackage" in targets:
        csv_path = output / OUTPUT_FILES["csv"]
        if not csv_path.is_file():
            raise BatchUsageError("the datapackage output describes the CSV: add 'csv' to the outputs")
        write_atomic(targets["datapackage"],
                     datapackage_json(csv_path.name, _file_sha256(csv_path), csv_path.stat().st_size))
    return list(targets.values())


class _Sinks:
    """The open aggregate writers; `add` appends one document's rows to each."""

    def __init__(self, paths: dict[str, Path]) -> None:
        from .writers.parquet import ParquetSink
        from .writers.sqlite import SqliteSink

        self.jsonl = paths["jsonl"].open("w", encoding="utf-8", newline="") if "jsonl" in paths else None
        self.csv = paths["csv"].open("w", encoding="utf-8", newline="") if "csv" in paths else None
        if self.csv:
            self.csv.write(records_csv([]))
        self.parquet = ParquetSink(paths["parquet"]) if "parquet" in paths else None
        self.sqlite = SqliteSink(paths["sqlite"]) if "sqlite" in paths else None

    def add(self, rows: DocumentRows) -> None:
        if self.jsonl:
            self.jsonl.write(rows.jsonl)
        if self.csv:
            self.csv.write(rows.csv)
        if self.parquet:
            self.parquet.add_rows(rows.parquet)
        if self.sqlite:
            self.sqlite.add_tables(rows.sqlite)

    def close(self) -> None:
        for sink in (self.jsonl, self.csv, self.parquet, self.sqlite):
            if sink is not None:
                sink.close()


@contextmanager
def _aggregate_sinks(targets: dict[str, Path]) -> Iterator[_Sinks]:
    with _atomic_paths([targets[k] for k in targets if k != "datapackage"]) as temporaries:
        paths = {kind: temporary for kind, temporary in zip([k for k in targets if k != "datapackage"], temporaries)}
        sinks = _Sinks(paths)
        try:
            yield sinks
        finally:
            sinks.close()


@contextmanager
def _atomic_paths(targets: list[Path]) -> Iterator[list[Path]]:
    temporaries = [t.with_name(f".{t.name}{TEMPORARY_MARK}{os.getpid()}") for t in targets]
    try:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        yield temporaries
        for temporary, target in zip(temporaries, targets):
            os.replace(temporary, target)
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


# ---------------------------------------------------------------- the run


def plan_batch(
    found: list[Task | ManifestEntry], reusable: dict[str, ManifestEntry]
) -> tuple[dict[str, ManifestEntry], list[Task]]:
    """Entries settled before converting (skipped, duplicates, unchanged) and the tasks left to run."""
    settled: dict[str, ManifestEntry] = {}
    todo: list[Task] = []
    first_with_hash: dict[str, str] = {}
    for item in found:
        if isinstance(item, ManifestEntry):
            settled[item.path] = item
            continue
        if item.sha256 and item.sha256 in first_with_hash:
            settled[item.path] = _skipped(Path(item.path), item.sha256, item.size, item.format,
                                          f"same content as {first_with_hash[item.sha256]}")
            continue
        if item.sha256:
            first_with_hash[item.sha256] = item.path
        previous = reusable.get(item.path)
        if previous is not None and previous.sha256 == item.sha256 and item.sha256 is not None:
            settled[item.path] = previous
        else:
            todo.append(item)
    return settled, todo


def worker_settings(settings: Settings, jobs: int) -> Settings:
    """The settings files are converted with: no per-file progress bars, OCR threads shared between parallel files."""
    ocr = getattr(settings, "ocr", None)
    if ocr is None:
        return settings
    update: dict[str, object] = {"progress": False}
    if getattr(ocr, "jobs", 0) is None:
        update["jobs"] = max(1, (os.cpu_count() or 1) // jobs)
    return settings.model_copy(update={"ocr": ocr.model_copy(update=update)})


def run_batch(options: BatchOptions, progress: BatchProgress | None = None, work: Work = convert_file) -> BatchReport:
    """Convert every document under the inputs into OUT_DIR; resumes from a previous run's manifest."""
    for path in options.inputs:
        if not path.exists():
            raise BatchUsageError(f"{path}: no such file or directory")
    if "datapackage" in options.outputs and "csv" not in options.outputs:
        raise BatchUsageError("the datapackage output describes the CSV: add 'csv' to the outputs")
    output, settings = options.output, options.settings
    (output / DOCUMENTS_DIR).mkdir(parents=True, exist_ok=True)
    remove_temporaries(output)
    reusable = {} if options.force else reusable_entries(read_manifest(output), settings, output)
    details = {} if options.force else read_errors(output)
    found = [probe(Path(p), settings.limits) for p in input_files(options.inputs, exclude=output)]
    order = [item.path for item in found]
    entries, todo = plan_batch(found, reusable)
    details = {path: text for path, text in details.items() if path in entries}
    tasks = {task.path: task for task in todo}

    if progress:
        progress.start(len(todo))
    shared = worker_settings(settings, options.jobs)
    if options.executor == "dask":
        results = map_dask(work, todo, shared, options.jobs, options.scheduler)
    else:
        results = map_local(work, todo, shared, options.jobs)
    last_checkpoint = -math.inf  # the first result checkpoints at once: a run killed early still resumes
    try:
        for result in results:
            task = tasks[result.path]
            if result.status == "converted" and result.sha256 != task.sha256:
                result = FileResult(path=task.path, status="failed", reason="the file changed while the batch ran")
            if result.status == "converted":
                write_atomic(output / DOCUMENTS_DIR / f"{result.document_id}.json", result.document_json or "")
            if result.detail:
                details[task.path] = result.detail
            entries[task.path] = entry = entry_for(task, result)
            if progress:
                progress.advance(entry)
            if time.monotonic() - last_checkpoint > CHECKPOINT_SECONDS:
                write_atomic(output / MANIFEST_FILE, manifest_json([entries[p] for p in order if p in entries], settings))
                last_checkpoint = time.monotonic()
    finally:
        if progress:
            progress.stop()

    ordered = [entries[path] for path in order]
    write_aggregates(output, ordered, options.outputs, options.jobs)
    write_atomic(output / ERRORS_FILE, errors_jsonl(ordered, details))
    write_atomic(output / MANIFEST_FILE, manifest_json(ordered, settings))
    converted_now = {task.path for task in todo}
    return BatchReport(
        output=output,
        converted=sum(e.status == "converted" and e.path in converted_now for e in ordered),
        unchanged=sum(e.status == "converted" and e.path not in converted_now for e in ordered),
        skipped=sum(e.status == "skipped" for e in ordered),
        failed=sum(e.status == "failed" for e in ordered),
        pages=sum(e.pages or 0 for e in ordered if e.status == "converted"),
        activities=sum(e.activities or 0 for e in ordered if e.status == "converted"),
        entries=ordered,
    )


# ---------------------------------------------------------------- progress


class RichProgress:
    """A progress bar on stderr: files done of total, pages read, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("converting"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[pages]} pages, {task.fields[failed]} failed"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self._task = None
        self._pages = 0
        self._failed = 0

    def start(self, total: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("batch", total=total, pages=0, failed=0)

    def advance(self, entry: ManifestEntry) -> None:
        self._pages += entry.pages or 0
        self._failed += entry.status == "failed"
        self._progress.update(self._task, advance=1, pages=self._pages, failed=self._failed)

    def stop(self) -> None:
        self._progress.stop()


def summary_lines(report: BatchReport, *, show_skipped: bool = True) -> list[str]:
    """One line per failed (and skipped) input, then the counts."""
    lines = [f"error: {e.path}: {e.reason}" for e in report.entries if e.status == "failed"]
    if show_skipped:
        lines += [f"skipped: {e.path}: {e.reason}" for e in report.entries if e.status == "skipped"]
    lines.append(
        f"converted {report.converted}, unchanged {report.unchanged}, skipped {report.skipped}, "
        f"failed {report.failed}; {report.activities} activities, {report.pages} pages → {report.output}"
    )
    return lines
