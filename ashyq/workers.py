"""A worker process for the heavy work that pages do not wait for.

A national build has two long chains of work that share nothing until the end: the
frictionless checks and the download files (Excel, JSON) on one side; our own rules, the
pages and mkdocs on the other. `pool()` gives the build and the validator one worker process
for the first chain, so a two-core machine runs both at once.

ASHYQ_WORKERS=0 runs everything in this process instead (for a profiler, or a debugger).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

# Imported once by the fork server, so that each worker starts with them loaded.
PRELOAD = ["ashyq.validate", "ashyq.build"]


class InlineExecutor(Executor):
    """Runs each task at once, in this process (ASHYQ_WORKERS=0)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the result
            future.set_exception(exc)
        return future


@contextmanager
def pool() -> Iterator[Executor]:
    """One worker process (a fork server's child: no state of this process is inherited, so
    threads here, such as a test's web server, cannot deadlock it)."""
    if os.environ.get("ASHYQ_WORKERS") == "0":
        yield InlineExecutor()
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=watch_build,
                             initargs=(os.getpid(),)) as executor:
        yield executor


def watch_build(build_pid: int) -> None:
    """A worker ends when the build that started it ends, however it ends: a build killed
    with -9 must not leave its worker writing into a work folder that the next build removes.
    (The worker is a child of the fork server, which outlives a killed build.)"""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(0.2)
            try:
                os.kill(build_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid is someone else's now: the build is gone
                os._exit(1)

    threading.Thread(target=watch, name="watch-build", daemon=True).start()
