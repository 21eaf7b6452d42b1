"""Jobs on forked workers: the same results, in the same order, as one after the other.

Workers are forked only on Linux from Python 3.11 on (``pyproject.toml`` allows 3.10,
where every job runs in the calling process): each test says what happens in both cases.
"""

from __future__ import annotations

import os
import sys
import threading
from concurrent.futures.process import BrokenProcessPool
from functools import partial

import pytest

from notice.core.parallel import available_workers, run_all

#: Whether this interpreter forks workers (see ``notice.core.parallel.can_fork``).
FORKS = sys.platform == "linux" and sys.version_info >= (3, 11)


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_run_all_gives_the_results_in_order_from_other_processes() -> None:
    jobs = [partial(_square_and_pid, n) for n in range(40)]
    results = run_all(jobs, 2)
    assert [r[0] for r in results] == [n * n for n in range(40)]
    elsewhere = {r[1] for r in results} - {os.getpid()}
    assert bool(elsewhere) == FORKS, "jobs ran where this Python cannot fork, or not in a worker"


def test_one_worker_or_few_jobs_run_here() -> None:
    jobs = [partial(_square_and_pid, n) for n in range(10)]
    assert {pid for _, pid in run_all(jobs, 1)} == {os.getpid()}
    assert {pid for _, pid in run_all(jobs[:2], 4)} == {os.getpid()}
    # Unless the caller says two are worth it (an engine's render of two languages).
    assert (os.getpid() not in {pid for _, pid in run_all(jobs[:2], 4, at_least=2)}) == FORKS


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        jobs = [partial(_square_and_pid, n) for n in range(10)]
        assert {pid for _, pid in run_all(jobs, 2)} == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def _fail() -> None:
    raise ValueError("a job failed")


def test_a_failing_job_fails_the_run() -> None:
    with pytest.raises(ValueError, match="a job failed"):
        run_all([partial(_square_and_pid, n) for n in range(5)] + [_fail], 2)
    with pytest.raises(ValueError, match="a job failed"):
        run_all([partial(_square_and_pid, 1), _fail], 1)


def test_available_workers() -> None:
    assert available_workers() >= 1


def _die() -> None:
    os._exit(3)


@pytest.mark.skipif(not FORKS, reason="no worker to die: this Python runs jobs in-process")
def test_a_worker_that_dies_fails_the_build_rather_than_hanging_it() -> None:
    with pytest.raises(BrokenProcessPool):
        run_all([_die, *(partial(_square_and_pid, n) for n in range(5))], 2)


def _interrupt_or_wait(parent: int, n: int) -> int:
    """The first job does to ``parent`` what Ctrl-C does to the command (only from a
    worker: never to this test's own parent); the others take a long time."""
    import signal
    import time

    if n == 0 and os.getpid() != parent:
        os.kill(parent, signal.SIGINT)
        return n
    time.sleep(6)
    return n


def test_ctrl_c_drops_the_jobs_not_done_and_ends_the_workers(ctrl_c: None) -> None:
    """Ctrl-C ends the jobs under way (a PDF, a long redline) instead of waiting for
    them, and starts none of the others."""
    import time

    from notice.core.parallel import can_fork

    if not can_fork():
        pytest.skip("jobs run in this process: Ctrl-C stops them at once")
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_all([partial(_interrupt_or_wait, os.getpid(), n) for n in range(8)], 2)
    assert time.monotonic() - started < 3


_WORKER_STATE = """
import gc, json, os, signal
from notice.core.parallel import run_all

def state():
    return os.getpid(), signal.getsignal(signal.SIGINT) == signal.SIG_IGN, gc.get_threshold()[0]

print(json.dumps([os.getpid(), gc.get_threshold()[0], run_all([state] * 4, 2)]))
"""


@pytest.mark.skipif(not FORKS, reason="workers are forked on Linux only")
def test_a_worker_leaves_ctrl_c_to_the_parent_and_collects_less_often() -> None:
    """In a process of its own (one thread: it forks whatever threads a test before left
    in this one): every job ran in a worker that ignores Ctrl-C and collects less often,
    and the process that started them is left as it was."""
    import json
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _WORKER_STATE], capture_output=True, text=True, check=True
    )
    parent, threshold, states = json.loads(done.stdout)
    assert all(pid != parent for pid, _, _ in states)
    assert all(ignored for _, ignored, _ in states)
    assert all(worker_threshold == 20_000 for _, _, worker_threshold in states)
    assert threshold != 20_000
