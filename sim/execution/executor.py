"""One way to run many independent tasks: serially, on local processes, or on a Dask
cluster, with the same code and the same results.

``Executor.imap(fn, tasks)`` yields ``(index, result)`` as tasks finish. Local workers
are spawned as direct children (forking a process that already runs threads can
deadlock, and a forkserver would die of a signal sent to the whole process group and
take the workers with it); they ignore SIGINT and SIGTERM (the parent decides) and die
with their parent. SIGINT
or SIGTERM sets a flag: nothing new is started, what has finished is handed back, and
``Stopped`` is raised so the caller can store it and exit with status 130. At most a
few tasks per worker are in flight, so a sweep of a million points never holds a
million futures.

A Dask cluster given by its scheduler address runs the same tasks; it exchanges
pickled code and data, so it must be a cluster you trust (docs/experiments.md). The
cluster is looked at every ``POLL_SECONDS``, so a stop takes effect within a second
whether or not any worker is connected; with none, a notice says so every
``NO_WORKERS_SECONDS``. A worker that dies has its tasks run again by Dask, and a
task's result is handed back once.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sim.errors import SteersimInputError

IN_FLIGHT_PER_WORKER = 3
#: How long to try to reach a Dask scheduler.
CONNECT_TIMEOUT = "10s"


class Stopped(Exception):
    """A signal stopped the run; the results handed back so far are all there are."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _worker_init() -> None:
    # Stopping is the parent's decision (it stores what has finished, then ends the
    # workers), so signals sent to the whole process group leave workers alone.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:  # Linux: die with the parent, so a killed sweep leaves no workers behind
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _StopFlag:
    """SIGINT/SIGTERM set a flag instead of raising wherever the code happens to be."""

    def __init__(self):
        self.raised = False
        self.previous: dict = {}

    def __enter__(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread: leave signals alone
                pass
        return self

    def _handle(self, signum, frame):
        self.raised = True

    def __exit__(self, *exc):
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


@dataclass
class Executor:
    """Where tasks run: ``workers`` local processes (None, the default: all cores; 1: in
    this process) or the Dask cluster at ``scheduler`` (tcp://HOST:PORT)."""

    workers: int | None = None
    scheduler: str | None = None
    _client: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.workers is not None and (isinstance(self.workers, bool) or not isinstance(self.workers, int)
                                         or self.workers < 1):
            raise SteersimInputError(f"got {self.workers!r}; at least 1", key="--workers")
        if self.scheduler is not None:
            self.scheduler = check_scheduler(self.scheduler)

    def connect(self):
        """The Dask client (connected once, kept until ``disconnect``); a one-line error
        naming ``--scheduler`` when Dask is missing or the scheduler cannot be reached.
        Call it before writing anything, so a failed connection leaves nothing behind."""
        if self._client is not None:
            return self._client
        try:
            from distributed import Client
        except ImportError:
            raise SteersimInputError("--scheduler needs Dask: pip install 'steersim[dask]'",
                                     key="--scheduler") from None
        try:
            self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SteersimInputError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                                     f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                                     key="--scheduler") from None
        return self._client

    def disconnect(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            client.close()

    @property
    def processes(self) -> int:
        return self.workers if self.workers is not None else available_cores()

    def for_work(self, agent_weeks: int) -> Executor:
        """This executor, or one that runs in this process when the work (agent-weeks) is
        too small to pay for starting processes (only when the number of workers was
        not given: ``sim.execution.memory.SMALL_WORK``)."""
        from sim.execution.memory import SMALL_WORK
        if self.workers is None and self.scheduler is None and agent_weeks < SMALL_WORK:
            return Executor(1)
        return self

    def describe(self) -> str:
        if self.scheduler:
            return f"the Dask cluster at {self.scheduler}"
        return "this process" if self.processes == 1 else f"{self.processes} local processes"

    def imap(self, fn: Callable, tasks: Iterable, total: int | None = None) -> Iterator[tuple[int, Any]]:
        """``(index, fn(task))`` for every task, in the order they finish."""
        with _StopFlag() as stop:
            if self.scheduler:
                yield from _dask(fn, tasks, self, stop)
            elif self.processes <= 1:
                for i, task in enumerate(tasks):
                    if stop.raised:
                        break
                    yield i, fn(task)
            else:
                yield from _processes(fn, tasks, self.processes, stop)
            if stop.raised:
                raise Stopped()

    def map(self, fn: Callable, tasks: list) -> list:
        """``fn`` of every task, in the tasks' order."""
        out: list = [None] * len(tasks)
        for i, result in self.imap(fn, tasks):
            out[i] = result
        return out


@contextmanager
def _main_left_alone():
    """Start workers without running the user's script again. A spawned worker re-runs
    the parent's main script (to find functions defined there); a script that calls
    ``sim.compare()`` without ``if __name__ == "__main__":`` would then start workers of
    its own and die. The tasks' functions all live in ``sim``, so the worker needs none
    of the script: hide its path while the pool starts processes (which it does in
    ``submit``, in this thread)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    hide = main is not None and path is not None and getattr(main, "__spec__", None) is None
    if hide:
        del main.__file__
    try:
        yield
    finally:
        if hide:
            main.__file__ = path


def _processes(fn, tasks, workers, stop) -> Iterator[tuple[int, Any]]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
    pending: dict = {}
    queue = iter(enumerate(tasks))
    try:
        def top_up():
            while len(pending) < IN_FLIGHT_PER_WORKER * workers and not stop.raised:
                nxt = next(queue, None)
                if nxt is None:
                    return
                with _main_left_alone():
                    pending[pool.submit(fn, nxt[1])] = nxt[0]
        top_up()
        while pending and not stop.raised:
            done, _ = wait(list(pending), timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                index = pending.pop(fut)
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    if stop.raised:  # a worker still starting up caught the stop signal
                        return
                    raise
                yield index, result
            top_up()
    finally:
        for fut in pending:
            fut.cancel()
        if stop.raised:  # do not wait for running tasks: end the workers now
            processes = list((pool._processes or {}).values())
            manager = getattr(pool, "_executor_manager_thread", None)
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.kill()
            # The pool's manager thread notices the dead workers and closes its wake-up
            # pipe. If the interpreter exits while it does so, the standard library's
            # exit hook writes to the closing pipe and prints a traceback (CPython 3.13),
            # so let it finish first.
            if manager is not None:
                manager.join(timeout=10)
        else:
            pool.shutdown(wait=True, cancel_futures=True)


def _dask(fn, tasks, executor: Executor, stop) -> Iterator[tuple[int, Any]]:
    from distributed import wait as dask_wait
    client = executor.connect()
    pending: dict = {}
    queue = iter(enumerate(tasks))
    waiting = _WorkerWatch(executor.scheduler or "")
    try:
        def top_up(threads: int):
            while len(pending) < IN_FLIGHT_PER_WORKER * max(threads, 1) and not stop.raised:
                nxt = next(queue, None)
                if nxt is None:
                    return
                pending[client.submit(fn, nxt[1], pure=False)] = nxt[0]
        top_up(0)
        while pending and not stop.raised:
            # A short wait, so that a stop is seen within POLL_SECONDS whatever the
            # workers do (as_completed would wait for a task, for ever with no worker).
            try:
                done, _ = dask_wait(list(pending), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            for fut in done:
                index = pending.pop(fut)
                yield index, fut.result()
                if stop.raised:
                    return
            threads = sum(client.nthreads().values()) if not stop.raised else 0
            waiting.saw(threads)
            top_up(threads)
    finally:
        if pending:
            client.cancel(list(pending))
        executor.disconnect()


#: Seconds between two looks at a Dask cluster's tasks (and so the longest a stop waits).
POLL_SECONDS = 0.25
#: Seconds between two notices that no Dask worker is connected.
NO_WORKERS_SECONDS = 30.0


class _WorkerWatch:
    """Says every ``NO_WORKERS_SECONDS`` that no worker is connected, and for how long."""

    def __init__(self, scheduler: str):
        self.scheduler = scheduler
        self.since: float | None = None
        self.told = 0

    def saw(self, threads: int) -> None:
        now = time.monotonic()
        if threads:
            self.since, self.told = None, 0
            return
        if self.since is None:
            self.since = now
        waited = now - self.since
        if waited >= NO_WORKERS_SECONDS * (self.told + 1):
            self.told += 1
            from sim.execution.progress import notice
            notice(f"no Dask worker is connected to {self.scheduler}; waited {waited:.0f} s (start one "
                   f"with `dask worker {self.scheduler}`, or press Ctrl-C: finished runs are kept)")


#: A Dask scheduler's address: an optional protocol, a host and a port.
SCHEDULER_ADDRESS = re.compile(r"^(?:(?:tcp|tls)://)?(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
                               r":(\d{1,5})$")


def check_scheduler(address: str) -> str:
    """``address`` if it reads as a Dask scheduler's address, else a one-line error."""
    m = SCHEDULER_ADDRESS.match(address.strip()) if isinstance(address, str) else None
    if m is None or not 1 <= int(m.group(1)) <= 65535:
        raise SteersimInputError(f"got {address!r}; a Dask scheduler's address is tcp://HOST:PORT, e.g. "
                                 f"tcp://127.0.0.1:8786 (what `dask scheduler` prints)", key="--scheduler")
    return address.strip()
