"""Extraction in worker processes: batches of articles go to a pool whose workers each load the spaCy
model once, and come back in order, so the rows are the same as those of one process. Only a few
batches per worker are out at a time: articles are read, and rows written, as the work goes.

The pool is local (a process pool of `workers` processes) unless `NEWSETL_DASK_SCHEDULER` names a Dask
scheduler: then the batches go to that cluster's workers, with the same code and the same rows."""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

BATCH_ARTICLES = 32  # articles per task: enough for nlp.pipe batching, small enough to keep workers busy
IN_FLIGHT_PER_WORKER = 3  # batches submitted ahead of the results read, per worker

Rows = dict[str, list[dict]]


def _extract_batch(batch: list[dict], model_name: str | None) -> list[Rows]:
    from pipelines.extract import iter_extracted

    return [rows for _, rows in iter_extracted(batch, model_name)]


def batch_size(total: int, workers: int) -> int:
    """Articles per task: BATCH_ARTICLES, smaller for few articles so every worker gets a share of the last ones."""
    return max(1, min(BATCH_ARTICLES, total // (workers * IN_FLIGHT_PER_WORKER * 2)))


def _in_order(submit: Callable[[list[dict]], Future], articles: Iterable[dict], size: int,
              in_flight: int) -> Iterator[tuple[dict, Rows]]:
    """Submit batches of `size` articles, at most `in_flight` at a time, and yield their rows in order."""
    pending: deque[tuple[list[dict], Future]] = deque()
    articles = iter(articles)
    while True:
        while len(pending) < in_flight and (batch := list(islice(articles, size))):
            pending.append((batch, submit(batch)))
        if not pending:
            return
        batch, future = pending.popleft()
        yield from zip(batch, future.result())


def extract_in_workers(articles: Iterable[dict], model_name: str | None, workers: int, total: int,
                       scheduler: str | None = None) -> Iterator[tuple[dict, Rows]]:
    """(article, rows by table) for each of `total` articles, in order, extracted by `workers` local
    processes, or by the workers of the Dask cluster whose scheduler is at `scheduler`
    (e.g. "tcp://10.0.0.5:8786")."""
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            slots = max(1, sum(client.nthreads().values()))
            yield from _in_order(lambda b: client.submit(_extract_batch, b, model_name, pure=False),
                                 articles, batch_size(total, slots), slots * IN_FLIGHT_PER_WORKER)
        return
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads or locks
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _in_order(lambda b: pool.submit(_extract_batch, b, model_name), articles,
                             batch_size(total, workers), workers * IN_FLIGHT_PER_WORKER)
