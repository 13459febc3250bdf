"""An archive of documents in, a folder of Parquet claims out: the layout, the partitions, one
partition's work, and reading the claims back. pyarrow is imported only here, inside functions.

Input: files, folders or globs of Parquet and JSON Lines (split into partitions of about
PARTITION_SIZE rows) and of the readers' other kinds (.txt, .json, .html, feeds: grouped
PARTITION_SIZE files to a partition).

Output folder (Hive layout, so pandas, pyarrow, DuckDB and Spark read the claims directly):

    month=2024-10/part-KEY.parquet   claims of one partition's documents published that month
                                     (month=2024 for a year-only date, month=undated)
    _documents/part-KEY.parquet      the partition's documents, written last: its commit mark
    _errors/part-KEY.jsonl           its bad documents: doc_id, where, reason
    _runs.jsonl                      one line per run: when, what, how much, how long

A partition's KEY hashes its input (file, range, size and mtime) and the extractor version, so
a rerun skips every committed partition, and files of a partition that never committed (a
crash) are ignored by the readers and removed by the next run. Within a partition, documents
already committed (same id, content hash and extractor version) are skipped too.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import resource
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimates.batch.loop import DocumentIds
from estimates.batch.partition import (
    DOCUMENT_COLUMNS,
    MANIFEST_COLUMNS,
    documents_from_manifest,
    documents_of,
    extract_rows,
)
from estimates.claims import EXTRACTOR_VERSION, Claim
from estimates.dates import normalize_date
from estimates.documents import Document, ReadOptions, read_documents
from estimates.documents.readers import SUFFIXES, format_size
from estimates.errors import DocumentError, EstimatesError
from estimates.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from estimates.reconcile.config import QuantitySpec, StorySpec
    from estimates.reconcile.model import Report

PARTITION_SIZE = 2_000
"""Documents (rows, lines or files) per partition: a few seconds of one worker's time, so the
progress bar moves, a crash loses little, and a worker's memory stays far under a gigabyte."""

ARCHIVE_SUFFIXES = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""Files read row by row; every other suffix the readers know is read whole, as they do."""

DOCUMENTS_DIR, ERRORS_DIR, RUNS_FILE = "_documents", "_errors", "_runs.jsonl"
UNDATED = "undated"
"""Month folder of documents with no publication date."""


class ArchiveError(EstimatesError, ValueError):
    """An archive or output folder cannot be used: names it and says why."""


@dataclass(frozen=True)
class Partition:
    """One unit of work: row groups `start`..`stop` of a Parquet file (stop -1: all, for a file
    whose metadata could not be read when planning), bytes `start`..`stop` of a JSON Lines file
    (the first at line `line`), or a group of other files."""

    index: int
    kind: str  # "parquet", "jsonl" or "files"
    path: str
    start: int = 0
    stop: int = 0
    line: int = 1
    files: tuple[str, ...] = ()
    stamp: str = ""  # size and mtime of the input: a changed file is new work

    @property
    def key(self) -> str:
        """Names the partition's output files: the same input and extractor, the same key."""
        what = f"{EXTRACTOR_VERSION}|{self.kind}|{self.path}|{self.start}|{self.stop}"
        what += f"|{'|'.join(self.files)}|{self.stamp}"
        return hashlib.sha1(what.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class PartitionResult:
    """What one partition did: documents extracted, skipped as already done, claims, bad
    documents; its time and the worker's peak memory so far."""

    index: int
    key: str
    documents: int
    skipped: int
    claims: int
    errors: int
    seconds: float
    peak_rss: int  # bytes
    worker: str
    first_errors: tuple[tuple[str, str], ...] = ()  # (where, reason) of the first few
    cpu_seconds: float = 0.0  # the worker's CPU time on it: what other load does not inflate


ERRORS_SHOWN = 5
"""Bad documents a partition names in its result (the rest are in its errors file)."""


# -- planning ------------------------------------------------------------------------------


def plan_archive(
    inputs: Sequence[str | Path], size: int = PARTITION_SIZE, exclude: Path | None = None
) -> list[Partition]:
    """The partitions of every input file, in a stable order (`exclude`: the output folder)."""
    parts: list[Partition] = []
    others: list[Path] = []
    for f in archive_files(inputs, exclude):
        kind = ARCHIVE_SUFFIXES.get(f.suffix.lower())
        if kind == "parquet":
            parts += _parquet_partitions(f, size)
        elif kind == "jsonl":
            parts += _jsonl_partitions(f, size)
        else:
            others.append(f)
    for i in range(0, len(others), size):
        group = others[i : i + size]
        parts.append(Partition(0, "files", str(group[0]), files=tuple(map(str, group)),
                               stamp=";".join(_stamp(f) for f in group)))  # fmt: skip
    return [Partition(i, *_fields(p)[1:]) for i, p in enumerate(parts)]


def archive_files(inputs: Sequence[str | Path], exclude: Path | None = None) -> list[Path]:
    """Input files, sorted and absolute: files as given, folders walked (hidden entries
    skipped), globs expanded (`**` included). A missing input is an error."""
    known = set(SUFFIXES) | set(ARCHIVE_SUFFIXES)
    found: list[Path] = []
    for raw in inputs:
        text = str(raw)
        p = Path(text)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and f.suffix.lower() in known and not _hidden(rel):
                    found.append(f)
        elif p.exists():
            found.append(p)
        elif any(ch in text for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(text, recursive=True))
            if not matched:
                raise ArchiveError(f"{text}: no files match")
            found += [m for m in matched if m.is_file()]
        else:
            raise ArchiveError(f"{text}: no such file or folder")
    out = exclude.resolve() if exclude else None
    files = sorted({f.resolve() for f in found})
    return [f for f in files if out is None or not f.is_relative_to(out)]


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith((".", "_")) for part in parts)


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}-{st.st_mtime_ns}"


def _fields(p: Partition) -> tuple[Any, ...]:
    return (p.index, p.kind, p.path, p.start, p.stop, p.line, p.files, p.stamp)


def _parquet_partitions(path: Path, size: int) -> list[Partition]:
    """Runs of whole row groups of about `size` rows (a bad file: one partition that fails)."""
    import pyarrow.parquet as pq

    stamp = _stamp(path)
    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # reported, with its reason, by the partition that reads it
        return [Partition(0, "parquet", str(path), 0, -1, stamp=stamp)]
    parts, first, rows = [], 0, 0
    for g in range(meta.num_row_groups):
        rows += meta.row_group(g).num_rows
        if rows >= size or g == meta.num_row_groups - 1:
            parts.append(Partition(0, "parquet", str(path), first, g + 1, stamp=stamp))
            first, rows = g + 1, 0
    return parts


def _jsonl_partitions(path: Path, size: int) -> list[Partition]:
    """Byte ranges of about `size` lines each, cut at line ends."""
    stamp = _stamp(path)
    parts, start, line, offset, n = [], 0, 1, 0, 0
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            offset += len(raw)
            n += 1
            if n >= size:
                parts.append(Partition(0, "jsonl", str(path), start, offset, line, stamp=stamp))
                start, line, n = offset, number + 1, 0
    if n or not parts:
        parts.append(Partition(0, "jsonl", str(path), start, offset, line, stamp=stamp))
    return parts


# -- one partition's work ---------------------------------------------------------------------

_LEXICONS: dict[tuple[str, ...], Lexicon] = {}
"""Each worker process loads a lexicon once and keeps it for the partitions it is given."""


def run_partition(
    part: Partition,
    out: str,
    run: str,
    known: np.ndarray | None = None,
    options: ReadOptions | None = None,
    lexicon_dirs: tuple[str, ...] = (),
) -> PartitionResult:
    """Read a partition, extract its documents through the one per-document loop (skipping
    those already committed: `known` fingerprints), write its claims, errors and documents
    (the commit). Runs on a worker: everything it needs comes in its arguments."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    opts = options or ReadOptions()
    if part.kind == "files":
        items, errors = _files_documents(part, opts)
    else:
        rows, errors = _row_documents(part, opts)
        items = list(documents_of(rows))
    lex = _LEXICONS.get(lexicon_dirs) or _LEXICONS.setdefault(
        lexicon_dirs, load_lexicon(lexicon_dirs)
    )
    result = extract_rows(items, lex, _ArchiveIds(known=known))
    errors += [tuple(r) for r in result.errors.itertuples(index=False)]
    _write_partition(Path(out), part, run, result.documents, result.claims, errors)
    return PartitionResult(
        part.index, part.key, len(result.documents), result.skipped, len(result.claims),
        len(errors), time.perf_counter() - t0, _peak_rss(), f"{os.uname().nodename}:{os.getpid()}",
        tuple((str(w), str(r)) for _, w, r in errors[:ERRORS_SHOWN]),
        time.process_time() - cpu0,
    )  # fmt: skip


@dataclass
class _ArchiveIds(DocumentIds):
    """Document ids as the loop keeps them, and a document whose extraction of this version is
    committed already (its fingerprint is `known`) is not extracted again."""

    known: np.ndarray | None = None

    def unchanged(self, doc: Document) -> bool:
        return _known(self.known, fingerprint(doc.id, doc.content_hash))


def fingerprint(doc_id: str, content_hash: str, version: str = EXTRACTOR_VERSION) -> int:
    """64 bits naming one extraction of one document version (same id, content, extractor)."""
    digest = hashlib.sha1(f"{doc_id}\x00{content_hash}\x00{version}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


def _known(known: np.ndarray | None, fp: int) -> bool:
    if known is None or not len(known):
        return False
    import numpy as np

    i = int(np.searchsorted(known, np.uint64(fp)))
    return i < len(known) and int(known[i]) == fp


def _peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes: Linux's VmHWM, which starts
    afresh when a worker process is spawned (ru_maxrss keeps the high mark of the process
    that forked it); elsewhere ru_maxrss."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _files_documents(
    part: Partition, opts: ReadOptions
) -> tuple[list[tuple[str, Document | DocumentError]], list[tuple[str, str, str]]]:
    """Documents of a group of files, read by the readers, with one error per bad file."""
    docs: list[tuple[str, Document | DocumentError]] = []
    errors: list[tuple[str, str, str]] = []
    for item in read_documents(part.files, opts):
        if isinstance(item, DocumentError):
            errors.append(("", item.path, item.reason))
        else:
            docs.append((item.id, item))
    return docs, errors


def _row_documents(
    part: Partition, opts: ReadOptions
) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """A documents frame of a Parquet or JSON Lines partition: each row's `path` names the
    file and row (`news.parquet[17]`, `news.jsonl:18`); a missing id defaults as the readers'
    does (file stem and row or line number)."""
    import pandas as pd

    path = Path(part.path)
    errors: list[tuple[str, str, str]] = []
    try:
        rows = _parquet_rows(path, part) if part.kind == "parquet" else _jsonl_rows(path, part)
    except DocumentError as e:
        return pd.DataFrame(columns=list(DOCUMENT_COLUMNS)), [("", e.path, e.reason)]
    kept = []
    for where, default_id, row in rows:
        if isinstance(row, DocumentError):
            errors.append(("", row.path, row.reason))
            continue
        size = max(len(row.get("text") or ""), len(row.get("html") or ""))
        if size > opts.max_size:
            limit = format_size(opts.max_size)
            errors.append((str(row.get("id") or default_id), where, f"text is over the {limit} "
                           "limit (--max-size)"))  # fmt: skip
            continue
        row["path"], row["default_id"] = where, default_id
        kept.append(row)
    return pd.DataFrame(kept, columns=[*DOCUMENT_COLUMNS, "html", "path", "default_id"]), errors


Row = tuple[str, str, "dict[str, Any] | DocumentError"]


def _parquet_rows(path: Path, part: Partition) -> list[Row]:
    """The rows of a partition's row groups, as mappings of the document columns."""
    import pyarrow.parquet as pq

    where = str(path)
    try:
        f = pq.ParquetFile(path)  # a file that is not Parquet fails here, with its reason
        stop = f.metadata.num_row_groups if part.stop < 0 else part.stop
        first = sum(f.metadata.row_group(g).num_rows for g in range(part.start))
        wanted = [c for c in (*DOCUMENT_COLUMNS, "html") if c in f.schema_arrow.names]
        if "text" not in wanted and "html" not in wanted:
            raise DocumentError(where, "no 'text' column")
        table = f.read_row_groups(list(range(part.start, stop)), columns=wanted)
    except DocumentError:
        raise
    except Exception as e:
        raise DocumentError(where, f"not a readable Parquet file ({e})") from None
    stem = path.stem
    return [
        (f"{where}[{first + i}]", f"{stem}-{first + i + 1}", row)
        for i, row in enumerate(table.to_pylist())
    ]


def _jsonl_rows(path: Path, part: Partition) -> list[Row]:
    """The lines of a partition's byte range, each a JSON object (UTF-8, as JSON must be)."""
    where = str(path)
    try:
        with path.open("rb") as f:
            f.seek(part.start)
            data = f.read(part.stop - part.start)
    except OSError as e:
        raise DocumentError(where, f"cannot read: {e.strerror or e}") from None
    rows: list[Row] = []
    for n, raw in enumerate(data.split(b"\n"), part.line):
        if not raw.strip():
            continue
        at, default_id = f"{where}:{n}", f"{path.stem}-{n}"
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            rows.append((at, default_id, DocumentError(at, "not UTF-8 text")))
            continue
        except (ValueError, RecursionError) as e:
            reason = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            rows.append((at, default_id, DocumentError(at, f"invalid JSON: {reason}")))
            continue
        if not isinstance(obj, dict):
            reason = "expected a JSON object with a 'text' field"
            rows.append((at, default_id, DocumentError(at, reason)))
            continue
        rows.append((at, default_id, {k: obj.get(k) for k in (*DOCUMENT_COLUMNS, "html")}))
    return rows


# -- writing ---------------------------------------------------------------------------------


def _write_partition(
    out: Path,
    part: Partition,
    run: str,
    documents: pd.DataFrame,
    claims: pd.DataFrame,
    errors: Sequence[tuple[Any, ...]],
) -> None:
    """Claims by month, then errors, then the documents file that commits the partition."""
    name = f"part-{part.key}"
    if len(claims):
        for month, group in claims.groupby(month_of(claims["published"]), sort=True):
            _write_parquet(group, claim_schema(), out / f"month={month}" / f"{name}.parquet")
    if errors:
        lines = "".join(
            json.dumps({"doc_id": d or None, "where": w, "reason": r, "partition": part.key},
                       ensure_ascii=False) + "\n"
            for d, w, r in errors
        )  # fmt: skip
        _atomic(out / ERRORS_DIR / f"{name}.jsonl", lines.encode("utf-8"))
    manifest = documents.assign(
        fingerprint=[fingerprint(i, h) for i, h in zip(documents["id"], documents["content_hash"],
                                                       strict=True)],
        part=part.key, run=run, seq=part.index,
    )  # fmt: skip
    _write_parquet(manifest, manifest_schema(), out / DOCUMENTS_DIR / f"{name}.parquet")


def month_of(published: pd.Series) -> pd.Series:
    """The month folder of each claim: its document's publication month ("2024-10"), the year
    of a year-only date, or "undated"."""

    def month(p: object) -> str:
        iso = normalize_date(p)
        return iso[:7] if iso else UNDATED

    return published.map(month)


def claim_schema() -> Any:
    """The Parquet schema of the claims: the codebook's claim columns, typed by their kind (a
    date is the first day it covers; its `*_precision` column says how exact it is)."""
    import pyarrow as pa

    from estimates.report.codebook import column_kinds
    from estimates.report.frames import bare_claim_columns

    kinds = column_kinds("claims")
    arrow = {"text": pa.string(), "date": pa.date32(), "number": pa.float64(),
             "integer": pa.int64()}  # fmt: skip
    return pa.schema([(c, arrow[kinds[c]]) for c in bare_claim_columns(True)])


def manifest_schema() -> Any:
    """The Parquet schema of a partition's documents file."""
    import pyarrow as pa

    fields = [(c, pa.int64() if c == "claims" else pa.string()) for c in MANIFEST_COLUMNS]
    fields += [("fingerprint", pa.uint64()), ("part", pa.string()), ("run", pa.string()),
               ("seq", pa.int64())]  # fmt: skip
    return pa.schema(fields)


def _write_parquet(frame: pd.DataFrame, schema: Any, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# -- the output folder -------------------------------------------------------------------------


def committed(out: Path) -> set[str]:
    """Keys of the partitions whose documents file is written."""
    folder = out / DOCUMENTS_DIR
    if not folder.is_dir():
        return set()
    return {p.stem.removeprefix("part-") for p in folder.glob("part-*.parquet")}


def known_fingerprints(out: Path) -> np.ndarray:
    """Sorted fingerprints of every committed document extraction (8 bytes each)."""
    import numpy as np
    import pyarrow.parquet as pq

    files = sorted((out / DOCUMENTS_DIR).glob("part-*.parquet"))
    arrays = [pq.read_table(f, columns=["fingerprint"]).column(0).to_numpy() for f in files]
    return np.unique(np.concatenate(arrays)) if arrays else np.array([], dtype=np.uint64)


def remove_uncommitted(out: Path) -> int:
    """Delete the files of partitions that never committed and half-written temporary files;
    returns how many. Run before a run starts, under its lock."""
    keys = committed(out)
    removed = 0
    for f in [
        *out.glob("month=*/*"),
        *(out / ERRORS_DIR).glob("*"),
        *(out / DOCUMENTS_DIR).glob(".*"),
    ]:  # noqa: E501
        key = f.stem.removeprefix("part-")
        if f.name.startswith(".") or key not in keys:
            f.unlink()
            removed += 1
    for d in out.glob("month=*"):
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
    return removed


def check_output(out: Path) -> None:
    """Refuse an output folder that holds something other than our files."""
    if out.exists() and not out.is_dir():
        raise ArchiveError(f"{out}: not a folder")
    if not out.exists():
        return
    ours = (DOCUMENTS_DIR, ERRORS_DIR, RUNS_FILE, ".lock")
    strangers = [p.name for p in out.iterdir() if p.name not in ours
                 and not p.name.startswith("month=")]  # fmt: skip
    if strangers:
        raise ArchiveError(
            f"{out}: not an estimates claims folder (holds {', '.join(sorted(strangers)[:3])})"
        )


# -- reading the claims back -------------------------------------------------------------------


def manifest(out: str | Path, columns: Sequence[str] = ()) -> pd.DataFrame:
    """Every committed document extraction, latest last: `columns` and part/run/seq, one row
    per (document version, partition), in commit order (run, then partition, then row)."""
    import pandas as pd
    import pyarrow.parquet as pq

    folder = _claims_folder(out) / DOCUMENTS_DIR
    want = list(dict.fromkeys(["id", *columns, "part", "run", "seq"]))
    frames = [
        pq.read_table(f, columns=want).to_pandas() for f in sorted(folder.glob("part-*.parquet"))
    ]  # noqa: E501
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=want)
    frame["row"] = range(len(frame))
    return frame.sort_values(["run", "seq", "row"], kind="stable").drop(columns="row")


def latest(frame: pd.DataFrame) -> pd.DataFrame:
    """Each document's latest extraction: a changed document's new version wins, and a
    document met twice in one run is kept once."""
    return frame.drop_duplicates("id", keep="last")


def read_claims(out: str | Path) -> pd.DataFrame:
    """The claims of a claims folder as one DataFrame (the codebook's claim columns and dtypes,
    `extractor_version` included): committed partitions only, each document's latest
    extraction only."""
    import pandas as pd
    import pyarrow.dataset as ds

    from estimates.report.frames import bare_claim_columns, with_dtypes

    folder = _claims_folder(out)
    every = manifest(folder)
    winners = latest(every)
    stale = set(every.loc[~every.index.isin(winners.index), "part"])  # parts with an old version
    keep: dict[str, set[str]] = {}
    for part, doc_id in zip(winners["part"], winners["id"], strict=True):
        keep.setdefault(part, set()).add(doc_id)
    whole: list[Path] = []
    partial: list[Path] = []
    for f in sorted(folder.glob("month=*/part-*.parquet")):
        part = f.stem.removeprefix("part-")
        if part in keep:  # else never committed, or every document in it extracted again since
            (partial if part in stale else whole).append(f)
    columns = list(bare_claim_columns(True))
    frames = []
    if whole:  # one multi-threaded read of every file that needs no filtering
        dataset = ds.dataset([str(f) for f in whole], format="parquet", schema=claim_schema())
        frames.append(dataset.to_table(columns=columns).to_pandas())
    for f in partial:
        frame = ds.dataset(str(f), format="parquet").to_table(columns=columns).to_pandas()
        frames.append(frame[frame["doc_id"].isin(keep[f.stem.removeprefix("part-")])])
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return with_dtypes("claims", frame[columns])


def read_errors(out: str | Path) -> pd.DataFrame:
    """The bad documents of committed partitions (doc_id, where, reason, partition), each
    once; a document extracted since (fixed, or the extractor fixed) is no longer listed."""
    import pandas as pd

    folder = _claims_folder(out)
    keys = committed(folder)
    rows = [
        json.loads(line)
        for f in sorted((folder / ERRORS_DIR).glob("part-*.jsonl"))
        if f.stem.removeprefix("part-") in keys
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "where", "reason", "partition"], dtype=object)
    frame = frame[~frame["doc_id"].isin(set(manifest(folder)["id"]))]
    unique = frame.drop_duplicates(["doc_id", "where", "reason"], keep="last")
    return unique.reset_index(drop=True)


def _claims_folder(out: str | Path) -> Path:
    """A claims folder written by `estimates extract --to`, or a clear error."""
    folder = Path(out)
    if not (folder / DOCUMENTS_DIR).is_dir():
        raise ArchiveError(
            f"{folder}: not a claims folder (no {DOCUMENTS_DIR}/; write one with "
            "estimates extract ARCHIVE --to FOLDER)"
        )
    return folder


def stored_documents(out: str | Path) -> Iterator[tuple[Document, list[Claim], str]]:
    """Each document's latest extraction with its claims and extractor version, partition by
    partition (for loading a claims folder into a ledger)."""
    from estimates.report.frames import claims_of_frame

    folder = _claims_folder(out)
    winners = latest(manifest(folder, MANIFEST_COLUMNS))
    claims: dict[tuple[str, str], list[Claim]] = {}
    parts = sorted(folder.glob("month=*/part-*.parquet"))
    by_part: dict[str, list[Path]] = {}
    for f in parts:
        by_part.setdefault(f.stem.removeprefix("part-"), []).append(f)
    for part, docs in winners.groupby("part", sort=False):
        claims.clear()
        for c in _part_claims(by_part.get(str(part), []), claims_of_frame):
            claims.setdefault((str(part), c.doc_id), []).append(c)
        versions = docs["extractor_version"].tolist()
        for doc, version in zip(documents_from_manifest(docs), versions, strict=True):
            yield doc, claims.get((str(part), doc.id), []), str(version)


def _part_claims(files: Iterable[Path], convert: Any) -> list[Claim]:
    import pyarrow.parquet as pq

    from estimates.report.frames import with_dtypes

    found: list[Claim] = []
    for f in files:
        found += convert(with_dtypes("claims", pq.read_table(f).to_pandas()))
    return found


def archive_report(
    out: str | Path,
    lexicon: Lexicon,
    policy: str,
    specs: Sequence[QuantitySpec] = (),
    story_specs: Sequence[StorySpec] = (),
) -> Report:
    """The claims of a claims folder grouped and reconciled, with no ledger: the same report a
    ledger holding them gives (each document's text helps grouping, as there)."""
    from estimates.reconcile.reconcile import build_report
    from estimates.report.frames import claims_of_frame

    frame = read_claims(out)
    claims = claims_of_frame(frame)
    versions = dict(zip(frame["claim_id"], frame["extractor_version"], strict=True))
    docs = latest(manifest(out, ["text", "claims"]))
    docs = docs[docs["claims"] > 0]
    texts: Mapping[str, str] = dict(zip(docs["id"], docs["text"], strict=True))
    return build_report(claims, lexicon, policy, specs, None, texts, versions, story_specs)
