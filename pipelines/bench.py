"""`newsetl bench ingest` and `newsetl bench extract`: throughput and peak memory.

Ingest: the landing folder is made by cycling the files of a corpus (default
`../shared/corpora/news`) under new names, so every copy has its own
`source_uri` and article id. Each size is ingested by a fresh process pinned to
one core, so its peak resident memory is its own and its speed is one core's.

Extract: N articles cycled from the same corpus, each copy extracted as if new,
against the baseline of the bare spaCy pipeline (`nlp.pipe` of the same model over
the same texts, doing nothing else), with one worker and with every core; each
measurement in a fresh process, so start-up and model loading count too.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from itertools import cycle, islice
from pathlib import Path

from pipelines.ingest.readers import SIDECAR_SUFFIX, iter_input_files

BENCH_DAY = date(2024, 1, 2)


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
        name = f"{i:06d}_{path.name}"
        os.link(path, landing / name) if _same_device(path, landing) else shutil.copyfile(path, landing / name)
        sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
        if sidecar.exists():
            shutil.copyfile(sidecar, landing / f"{i:06d}_{path.stem}{SIDECAR_SUFFIX}")
    return n


def _same_device(path: Path, folder: Path) -> bool:
    return path.stat().st_dev == folder.stat().st_dev


def _ingest_child(root: str, max_bytes: int, results) -> None:
    """In a fresh process on one core: ingest `root/landing` into `root/lake` and report."""
    from pipelines.ingest.landing import ingest_day
    from pipelines.ingest.language import detect_language

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    detect_language("warm up the language model before the clock starts " * 4)
    base = Path(root)
    started = time.perf_counter()
    done = ingest_day(base / "landing", base / "lake", base / "manifests", BENCH_DAY, max_bytes)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    results.put((done.files_read, done.articles, done.duplicates, done.rejects, seconds, peak))


def measure_ingest(corpus: Path, n: int, max_bytes: int) -> IngestRun:
    """Build a landing folder of `n` files and ingest it in a fresh single-core process."""
    with tempfile.TemporaryDirectory(prefix="newsetl-bench-") as root:
        make_landing(corpus, Path(root) / "landing", n)
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        child = context.Process(target=_ingest_child, args=(root, max_bytes, results))
        child.start()
        outcome = results.get()
        child.join()
    return IngestRun(*outcome)


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


@dataclass(frozen=True)
class ExtractRun:
    """One measured extraction (or the bare parse) of `articles` texts of `words` words."""

    name: str
    articles: int
    words: int
    seconds: float
    peak_rss_mib: float


def _bench_articles(corpus: Path, n: int) -> list[dict]:
    """N articles cycled from the corpus; each copy gets its own id and content key, so each is extracted."""
    from pipelines.ingest import ingest_paths

    originals = ingest_paths([corpus], BENCH_DAY, 5 * 1024 * 1024).originals
    return [{**a, "article_id": f"{a['article_id']}-{i}", "content_hash": f"{a['content_hash']}-{i}",
             "duplicate_of": None} for i, a in enumerate(islice(cycle(originals), n))]


def _extract_child(corpus: str, n: int, mode: str, workers: int, results) -> None:
    articles = _bench_articles(Path(corpus), n)
    started = time.perf_counter()
    if mode == "spacy":
        import spacy

        from pipelines.config import settings

        nlp = spacy.load(settings().spacy_model)
        for _ in nlp.pipe((a["text"] for a in articles), batch_size=16):
            pass
    else:
        from pipelines.extract import extract_tables

        extract_tables(articles, workers=workers)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results.put((len(articles), sum(len(a["text"].split()) for a in articles), seconds, max(peak, children)))


def measure_extract(corpus: Path, n: int, mode: str, workers: int = 1) -> ExtractRun:
    """Time `mode` ("spacy": the bare pipeline; "extract": newsetl's extraction) in a fresh process; the
    articles are read before the clock starts, the model is loaded after."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_extract_child, args=(str(corpus), n, mode, workers, results))
    child.start()
    articles, words, seconds, peak = results.get()
    child.join()
    name = "spaCy nlp.pipe (baseline)" if mode == "spacy" else \
        f"newsetl extraction, {workers} worker{'' if workers == 1 else 's'}"
    return ExtractRun(name, articles, words, seconds, peak)


def format_extract_table(runs: list[ExtractRun]) -> str:
    baseline = runs[0]
    lines = [f"{'':34} {'articles':>8} {'seconds':>8} {'art/s':>7} {'words/s':>8} {'vs baseline':>11} {'peak MiB':>9}"]
    for r in runs:
        rate = r.articles / r.seconds
        lines.append(f"{r.name:34} {r.articles:>8} {r.seconds:>8.1f} {rate:>7.2f} {r.words / r.seconds:>8.0f} "
                     f"{baseline.seconds / r.seconds:>10.2f}x {r.peak_rss_mib:>9.0f}")
    if len(runs) >= 3:
        lines.append(f"scaling from 1 to {runs[-1].name.split(',')[1].split()[0]} workers: "
                     f"{runs[1].seconds / runs[-1].seconds:.2f}x")
    return "\n".join(lines)
