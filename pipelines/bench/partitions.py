"""Incremental cost: materializing a day (ingest of its new files, then extraction) in an empty lake,
against materializing the same files as the 30th day, after 29 days of other files of the corpus were
ingested and extracted into the lake and still lie in the landing folder."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pipelines.bench.ingest import copy_article_file
from pipelines.bench.measure import in_fresh_process, timed
from pipelines.ingest.readers import iter_input_files

FIRST_DAY = date(2024, 1, 1)


@dataclass(frozen=True)
class PartitionRun:
    """Seconds to materialize the same files as the first partition and as the `days`-th."""

    days: int
    articles_per_day: int
    first_seconds: float
    last_seconds: float

    @property
    def ratio(self) -> float:
        return self.last_seconds / self.first_seconds


def day_files(corpus: Path, days: int, per_day: int) -> list[list[Path]]:
    """`days` disjoint sets of `per_day` corpus files (shuffled with a fixed seed); cycled if the corpus is short."""
    files = sorted(path for path, _ in iter_input_files([corpus]))
    random.Random(0).shuffle(files)
    return [[files[(d * per_day + i) % len(files)] for i in range(per_day)] for d in range(days)]


def _materialize(root: str, plan: list[tuple[str, list[str]]], model_name: str, workers: int,
                 max_bytes: int) -> float:
    """For each (day, files) of the plan: land the files, then ingest and extract the day as the
    raw_articles and extraction assets do; the seconds of ingest and extraction."""
    from pipelines.extract.partition import extract_partition
    from pipelines.ingest.landing import ingest_day

    base, seconds = Path(root), 0.0
    for day, files in plan:
        when = date.fromisoformat(day)
        landing = base / "landing"
        landing.mkdir(parents=True, exist_ok=True)
        for i, path in enumerate(map(Path, files)):
            copy_article_file(path, landing, f"{day}_{i:04d}_{path.stem}")
        seconds += timed(lambda: (ingest_day(landing, base / "lake", base / "manifests", when, max_bytes),
                                  extract_partition(base / "lake", when, model_name, workers)))[0]
    return seconds


def measure_partitions(corpus: Path, root: Path, days: int, per_day: int, model_name: str, workers: int,
                       max_bytes: int) -> PartitionRun:
    """Materialize the last day's files alone as the 1st partition; build `days - 1` days of other files
    (each day's files landing before its run); then materialize the same files as the `days`-th
    partition. The two timed days each run in a fresh process with `workers` workers."""
    plan = [((FIRST_DAY + timedelta(days=d)).isoformat(), [str(p) for p in files])
            for d, files in enumerate(day_files(corpus, days, per_day))]
    first_seconds = in_fresh_process(_materialize, str(root / "first"), [(plan[0][0], plan[-1][1])], model_name,
                                     workers, max_bytes).result
    in_fresh_process(_materialize, str(root / "full"), plan[:-1], model_name, 1, max_bytes)
    last_seconds = in_fresh_process(_materialize, str(root / "full"), plan[-1:], model_name, workers,
                                    max_bytes).result
    return PartitionRun(days, per_day, first_seconds, last_seconds)
