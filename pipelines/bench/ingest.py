"""`newsetl bench ingest`: ingest throughput and peak memory.

The landing folder is made by cycling the files of a corpus (default `../shared/corpora/news`) under new
names, so every copy has its own `source_uri` and article id. Each size is ingested by a fresh process
pinned to one core, so its peak resident memory is its own and its speed is one core's.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from pipelines.bench.measure import BENCH_DAY, in_fresh_process
from pipelines.ingest.readers import SIDECAR_SUFFIX, iter_input_files


@dataclass(frozen=True)
class IngestRun:
    """One measured ingest."""

    files: int
    articles: int
    duplicates: int
    rejects: int
    seconds: float
    peak_rss_mib: float

    @property
    def per_second(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0


def make_landing(corpus: Path, landing: Path, n: int) -> int:
    """Copy the corpus's article files (and sidecars) cyclically into `landing` until it holds `n` files."""
    sources = [path for path, _ in iter_input_files([corpus])]
    if not sources:
        raise ValueError(f"no article files under {corpus}")
    landing.mkdir(parents=True, exist_ok=True)
    for i, path in enumerate(islice(cycle(sources), n)):
        copy_article_file(path, landing, f"{i:06d}_{path.stem}")
    return n


def copy_article_file(path: Path, folder: Path, stem: str) -> None:
    """`path` (hard-linked where it can be) and its sidecar, as `folder/stem.ext`."""
    target = folder / (stem + "".join(path.suffixes[-1:]))
    os.link(path, target) if path.stat().st_dev == folder.stat().st_dev else shutil.copyfile(path, target)
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if sidecar.exists():
        shutil.copyfile(sidecar, folder / f"{stem}{SIDECAR_SUFFIX}")


def _ingest_child(root: str, max_bytes: int) -> tuple:
    """On one core: ingest `root/landing` into `root/lake`; (files, articles, copies, rejects, seconds)."""
    from pipelines.ingest.landing import ingest_day
    from pipelines.ingest.language import detect_language

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    detect_language("warm up the language model before the clock starts " * 4)
    base = Path(root)
    started = time.perf_counter()
    done = ingest_day(base / "landing", base / "lake", base / "manifests", BENCH_DAY, max_bytes)
    return done.files_read, done.articles, done.duplicates, done.rejects, time.perf_counter() - started


def measure_ingest(corpus: Path, n: int, max_bytes: int) -> IngestRun:
    """Build a landing folder of `n` files and ingest it in a fresh single-core process."""
    with tempfile.TemporaryDirectory(prefix="newsetl-bench-") as root:
        make_landing(corpus, Path(root) / "landing", n)
        measured = in_fresh_process(_ingest_child, root, max_bytes)
    return IngestRun(*measured.result, measured.peak_rss_mib)


def format_ingest_table(runs: list[IngestRun]) -> str:
    header = f"{'files':>8} {'articles':>9} {'copies':>7} {'rejects':>8} {'seconds':>8} {'files/s':>8} {'peak MiB':>9}"
    lines = ["ingest, one process pinned to one core", header]
    for r in runs:
        lines.append(f"{r.files:>8} {r.articles:>9} {r.duplicates:>7} {r.rejects:>8} {r.seconds:>8.1f} "
                     f"{r.per_second:>8.0f} {r.peak_rss_mib:>9.0f}")
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        lines.append(f"peak memory x{last.peak_rss_mib / first.peak_rss_mib:.2f} for x{last.files / first.files:.0f} "
                     f"files; speed x{last.per_second / first.per_second:.2f}")
    return "\n".join(lines)
