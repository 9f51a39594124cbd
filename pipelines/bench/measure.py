"""Running one measurement in a fresh process, with the peak resident memory of its whole process tree,
and describing the machine the figures come from."""
from __future__ import annotations

import multiprocessing
import platform
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import psutil

from pipelines.config import usable_cores

SAMPLE_SECONDS = 0.2  # how often the process tree's memory is read
BENCH_DAY = date(2024, 1, 2)  # the partition the benches write


@dataclass(frozen=True)
class Measured:
    """What a measurement returned, and the peak resident memory of its process and its children."""

    result: Any
    peak_rss_mib: float


def in_fresh_process(target: Callable[..., Any], *args: Any) -> Measured:
    """Run `target(*args)` in a new interpreter (start-up and imports count, nothing is shared with this
    process), sampling the resident memory of it and every process it starts; its return value comes back."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_run, args=(target, args, results))
    child.start()
    tree = psutil.Process(child.pid)
    peak, outcome = 0, None
    while outcome is None:
        peak = max(peak, _tree_rss(tree))
        try:
            outcome = results.get(timeout=SAMPLE_SECONDS)
        except queue.Empty:
            if not child.is_alive() and results.empty():
                raise RuntimeError(f"the measured process ended with exit code {child.exitcode}") from None
    child.join()
    kind, value = outcome
    if kind == "error":
        raise RuntimeError(f"the measured process failed: {value}")
    return Measured(value, peak / 2**20)


def _run(target: Callable[..., Any], args: tuple, results) -> None:
    try:
        results.put(("ok", target(*args)))
    except Exception as exc:  # report it to the parent, which raises it with the message
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def _tree_rss(process: psutil.Process) -> int:
    """Resident bytes of the process and all its descendants (0 for any that ended meanwhile)."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of `work()`."""
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def machine() -> str:
    """One line: CPU model, cores, memory, OS, Python."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model)
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{model}, {usable_cores()} cores, {memory:.1f} GiB, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")
