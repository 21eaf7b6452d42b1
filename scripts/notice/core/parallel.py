"""Independent pure computations, run on every core when that is safe.

A cold build's redlines are independent of each other and of everything else. On
Linux they are computed by forked worker processes, which inherit the parsed texts
instead of receiving them pickled; only the results travel back. Elsewhere, with one
core, in a process that runs threads (``mkdocs serve``), or for a handful of jobs,
they are computed one after the other. The results, and their order, are the same.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

#: The jobs of the current ``run_all``: forked workers see them in their copy of memory.
_JOBS: Sequence[Callable[[], Any]] = ()


def available_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe only without other threads, and is dependable on Linux; from
    Python 3.11 on, a pool forks all its workers before it starts a thread."""
    return sys.platform == "linux" and sys.version_info >= (3, 11) and threading.active_count() == 1


def _run(index: int) -> Any:
    return _JOBS[index]()


def run_all(jobs: Sequence[Callable[[], Any]], workers: int, *, at_least: int = 4) -> list[Any]:
    """The result of every job, in order; on up to ``workers`` processes when there are
    ``at_least`` jobs (fewer are not worth starting processes for)."""
    global _JOBS
    workers = min(workers, len(jobs))
    if workers < 2 or len(jobs) < at_least or not can_fork():
        return [job() for job in jobs]
    _JOBS = jobs
    try:
        with _executor(workers) as executor:
            try:
                return list(executor.map(_run, range(len(jobs))))
            except KeyboardInterrupt:
                _stop(executor)
                raise
    finally:
        _JOBS = ()


def _executor(workers: int) -> ProcessPoolExecutor:
    """Forked workers (all of them at the first job: see ``_JOBS``), started by
    ``_start_worker``. A worker that dies fails the jobs it had, rather than leaving the
    build waiting for them."""
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
    )


def _start_worker() -> None:
    """Leave Ctrl-C to the parent (``_stop``); collect garbage less often. A worker
    allocates millions of short-lived objects (word diffs, Python-Markdown's trees) and
    lives for one build: the objects it inherited are set aside for good
    (``gc.freeze``), and the young ones are collected every 20,000 allocations rather
    than every 700, the oldest ten times less often than that (a few percent of a cold
    build's time; the benchmark's peak memory of the process tree shows what it costs)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Ctrl-C: drop the jobs not started and end the workers, whose results no one
    will read (without this, the interrupted command waits for every job)."""
    executor.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()
