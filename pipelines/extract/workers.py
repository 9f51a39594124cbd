"""Extraction in worker processes: batches of articles go to a pool whose workers each load the spaCy
model once, and come back in order, so the rows are the same as those of one process.

The pool is local (a process pool of `workers` processes) unless `NEWSETL_DASK_SCHEDULER` names a Dask
scheduler: then the batches go to that cluster's workers, with the same code and the same rows."""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

BATCH_ARTICLES = 32  # articles per task: enough for nlp.pipe batching, small enough to keep workers busy


def _extract_batch(batch: list[dict], model_name: str | None) -> list[dict[str, list[dict]]]:
    from pipelines.extract import iter_extracted

    return [rows for _, rows in iter_extracted(batch, model_name)]


def _batches(articles: list[dict], size: int) -> Iterator[list[dict]]:
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def extract_in_workers(articles: Iterable[dict], model_name: str | None, workers: int,
                       scheduler: str | None = None) -> Iterator[tuple[dict, dict[str, list[dict]]]]:
    """(article, rows by table) for each article, in order, extracted by `workers` local processes, or by
    the workers of the Dask cluster whose scheduler is at `scheduler` (e.g. "tcp://10.0.0.5:8786")."""
    articles = list(articles)
    batches = list(_batches(articles, BATCH_ARTICLES))
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            futures = client.map(_extract_batch, batches, model_name=model_name, pure=False)
            for batch, future in zip(batches, futures):
                yield from zip(batch, future.result())
        return
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or locks
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = pool.map(_extract_batch, batches, [model_name] * len(batches))
        for batch, rows in zip(batches, results):
            yield from zip(batch, rows)
