"""`newsetl bench extract` (`make bench`): every figure of the Scale issue, measured in one run.

1. The bare spaCy pipeline (load the model, `nlp.pipe` over the texts) on N articles: the baseline.
2. newsetl's extraction of the same articles with 1 worker and with every core: throughput, the ratio
   to the baseline, the scaling from 1 to all workers. The baseline and the 1-worker extraction each
   run on the two halves of the N articles in the order bare, newsetl, newsetl, bare, so that a drift in
   the (shared) machine's speed during the run falls on both alike.
3. Peak memory of the extraction with every core at N and at the large size.
4. Materializing the 30th daily partition against the 1st (`partitions.py`).
5. `dbt build` on a lake resampled to a million events (`warehouse.py`).
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipelines.bench.extract import (BENCH_DAY, ExtractRun, corpus_articles, measure_bare_parse,
                                     measure_extraction, write_article_lake)
from pipelines.bench.measure import machine
from pipelines.bench.partitions import measure_partitions
from pipelines.bench.report import Figure
from pipelines.bench.warehouse import measure_warehouse

MEMORY_LIMIT_MIB = 2048


@dataclass(frozen=True)
class BenchOptions:
    corpus: Path
    n: int  # articles for throughput and the first memory figure
    big: int  # articles for the second memory figure (0: not measured)
    days: int  # the partition whose cost is compared with the 1st (0: not measured)
    day_articles: int
    workers: int
    model_name: str
    max_bytes: int
    dbt_scale: float  # 1.0: a million events (0: not measured)


def run_bench(opts: BenchOptions, say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)
              ) -> tuple[list[str], list[Figure]]:
    """(header lines, figures) of one run; `say` hears of each measurement as it ends."""
    started = time.perf_counter()

    def done(what: str) -> None:
        say(f"[{time.perf_counter() - started:7.0f} s] {what}")

    figures: list[Figure] = []
    articles = corpus_articles(opts.corpus)
    with tempfile.TemporaryDirectory(prefix="newsetl-bench-") as tmp:
        root = Path(tmp)
        lake = root / "throughput" / "lake"
        words = write_article_lake(articles, lake, opts.n)
        header = [f"newsetl bench extract, {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}", machine(),
                  f"model {opts.model_name}; {opts.n:,} articles ({words:,} words) cycled from {opts.corpus}, "
                  f"every copy extracted as if new; each measurement in a fresh process; the bare and 1-worker "
                  f"runs alternate over the two halves (bare, newsetl, newsetl, bare)"]
        base, one = _bare_and_one_worker(articles, root / "throughput", opts, done)
        figures += _throughput("bare", f"bare spaCy nlp.pipe, {opts.n:,} articles", base)
        figures += _throughput("extract_1", "newsetl extraction, 1 worker", one)
        figures.append(Figure("extract_1_vs_bare", "  1 worker against bare nlp.pipe (time ratio)",
                              base.seconds / one.seconds, "x", 2, at_least=1.0))
        every = measure_extraction(lake, opts.model_name, opts.workers, opts.n, words)
        done(f"extraction, {opts.workers} worker(s): {every.seconds:.1f} s")
        if opts.workers > 1:
            figures += _throughput("extract_all", f"newsetl extraction, {opts.workers} workers", every)
            figures.append(Figure("scaling", f"  scaling from 1 to {opts.workers} workers", one.seconds / every.seconds,
                                  "x", 2, at_least=1.7))
        figures.append(Figure("memory_n", f"peak memory, {opts.n:,} articles, {opts.workers} worker(s)",
                              every.peak_rss_mib, " MiB", 0, at_most=MEMORY_LIMIT_MIB))
        if opts.days > 1:
            days = measure_partitions(opts.corpus, root / "days", opts.days, opts.day_articles, opts.model_name,
                                      opts.workers, opts.max_bytes)
            done(f"partitions: 1st {days.first_seconds:.1f} s, {_ordinal(opts.days)} {days.last_seconds:.1f} s")
            figures += [
                Figure("partition_first", f"materialize the 1st partition ({opts.day_articles} files)",
                       days.first_seconds, " s"),
                Figure("partition_last", f"the same files as the {_ordinal(opts.days)}, "
                       f"{opts.days - 1} days in the lake", days.last_seconds, " s"),
                Figure("partition_ratio", f"  {_ordinal(opts.days)} against 1st", days.ratio, "x", 2, at_most=1.2),
            ]
        if opts.dbt_scale > 0:
            warehouse = measure_warehouse(lake, BENCH_DAY, root / "warehouse", opts.dbt_scale)
            done(f"dbt build: {warehouse.seconds:.1f} s")
            figures += [Figure(f"dbt_{name}", f"resampled lake: {name}", warehouse.rows[name], "", 0)
                        for name in ("articles", "events", "participants", "quotes")]
            figures.append(Figure("dbt_seconds", "dbt build, every model and data test", warehouse.seconds, " s",
                                  at_most=60.0 if opts.dbt_scale >= 1 else None))
        if opts.big > opts.n:
            big_lake = root / "big" / "lake"
            big_words = write_article_lake(articles, big_lake, opts.big)
            big = measure_extraction(big_lake, opts.model_name, opts.workers, opts.big, big_words)
            done(f"extraction of {opts.big:,} articles: {big.seconds:.1f} s, {big.peak_rss_mib:.0f} MiB")
            figures += [
                Figure("memory_big", f"peak memory, {opts.big:,} articles, {opts.workers} worker(s)",
                       big.peak_rss_mib, " MiB", 0, at_most=MEMORY_LIMIT_MIB),
                Figure("memory_ratio", f"  {opts.big:,} against {opts.n:,} articles",
                       big.peak_rss_mib / every.peak_rss_mib, "x", 2, at_most=1.2),
                Figure("extract_big_articles_per_s", f"  articles/s at {opts.big:,}", big.articles_per_second, "", 2),
            ]
    return header, figures


def _bare_and_one_worker(articles: list[dict], folder: Path, opts: BenchOptions,
                         done: Callable[[str], None]) -> tuple[ExtractRun, ExtractRun]:
    """The bare parse and the 1-worker extraction of N articles, each as the sum of its runs on the two
    halves, measured in the order bare, newsetl, newsetl, bare."""
    sizes = (opts.n - opts.n // 2, opts.n // 2)
    lakes = [folder / f"half-{k}" / "lake" for k in (1, 2)]
    words = [write_article_lake(articles, lakes[0], sizes[0]),
             write_article_lake(articles, lakes[1], sizes[1], start=sizes[0])]
    runs: dict[tuple[str, int], ExtractRun] = {}
    for what, k in (("bare", 0), ("one", 0), ("one", 1), ("bare", 1)):
        if what == "bare":
            runs[what, k] = measure_bare_parse(lakes[k], opts.model_name, sizes[k], words[k])
        else:
            runs[what, k] = measure_extraction(lakes[k], opts.model_name, 1, sizes[k], words[k])
        done(f"{'bare spaCy' if what == 'bare' else 'extraction, 1 worker'}, half {k + 1}: "
             f"{runs[what, k].seconds:.1f} s")
    return runs["bare", 0] + runs["bare", 1], runs["one", 0] + runs["one", 1]


def _throughput(key: str, label: str, run) -> list[Figure]:
    return [
        Figure(f"{key}_seconds", label, run.seconds, " s"),
        Figure(f"{key}_articles_per_s", "  articles/s", run.articles_per_second, "", 2),
        Figure(f"{key}_words_per_s", "  words/s", run.words_per_second, "", 0),
        Figure(f"{key}_peak", "  peak memory", run.peak_rss_mib, " MiB", 0),
    ]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
