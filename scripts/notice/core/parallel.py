"""Independent pure computations, run on every core when that is safe.

A cold build's redlines are independent of each other and of everything else. On
Linux they are computed by forked worker processes, which inherit the parsed texts
instead of receiving them pickled; only the results travel back. Elsewhere, with one
core, in a process that runs threads (``mkdocs serve``), or for a handful of jobs,
they are computed one after the other. The results, and their order, are the same.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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


def run_all(jobs: Sequence[Callable[[], Any]], workers: int) -> list[Any]:
    """The result of every job, in order; on up to ``workers`` processes."""
    global _JOBS
    workers = min(workers, len(jobs))
    if workers < 2 or len(jobs) < 4 or not can_fork():
        return [job() for job in jobs]
    _JOBS = jobs
    try:
        with _executor(workers) as executor:
            return list(executor.map(_run, range(len(jobs))))
    finally:
        _JOBS = ()


def _executor(workers: int) -> ProcessPoolExecutor:
    """Forked workers (all of them at the first job: see ``_JOBS``). A worker that dies
    fails the jobs it had, rather than leaving the build waiting for them."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


class Background:
    """Jobs started at once on forked workers, each result taken when it is needed.

    With no worker to spare (one core, or a process that runs threads), each job runs
    in this process when its result is asked for.
    """

    def __init__(self, jobs: Sequence[Callable[[], Any]], workers: int) -> None:
        global _JOBS
        self._jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[Future[Any] | None] = []
        self._taken: set[int] = set()
        if workers >= 1 and jobs and can_fork():
            self._pool = _executor(min(workers, len(jobs)))
            _JOBS = jobs  # the workers are forked at the first job, and see them
            try:
                self._pending = [self._pool.submit(_run, i) for i in range(len(jobs))]
            finally:
                _JOBS = ()

    def take(self, index: int) -> Any:
        """The result of job ``index``, waited for if need be. A worker's result is
        handed over, not kept: each is taken once."""
        if self._pool is None:
            if index in self._taken:
                raise RuntimeError(f"the result of job {index} was taken already")
            self._taken.add(index)
            return self._jobs[index]()
        future = self._pending[index]
        if future is None:
            raise RuntimeError(f"the result of job {index} was taken already")
        self._pending[index] = None
        return future.result()

    def close(self) -> None:
        """Stop the workers once the jobs they run are done (the others are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
