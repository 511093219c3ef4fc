"""Do something with each flow, here or in ``--jobs`` worker processes, and hear of each as it ends.

Every flow starts from a reset portal, so flows driven at once need portals of their own: each
worker process starts one, with a Chromium, as an xdist worker does, and takes whole flows from a
shared queue, longest first, so the workers finish at about the same time. The workers are
spawned, not forked (Playwright's driver does not survive a fork), and a task travels to them by
name: a module-level function (or a ``functools.partial`` of one) taking the browser, the
portal's URL and the flow. The main run, the walkthroughs, the regression checks and the
accessibility audit use it (docs/toolbelt.md).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from multiprocessing.util import Finalize
from typing import Any, TypeVar

from playwright.sync_api import Browser

from .flows import declaration
from .journey import Flow
from .labels import LABEL_TABLE
from .portal import portal_and_browser

R = TypeVar("R")
Task = Callable[[Browser, str, Flow], R]

_worker: dict[str, Any] = {}


def each_flow(
    task: Task[R],
    flows: Sequence[Flow],
    *,
    jobs: int = 1,
    base_url: str | None = None,
    mutant: str | None = None,
) -> Iterator[tuple[Flow, R]]:
    """Yield ``(flow, task(browser, url, flow))`` for each of ``flows`` as it finishes.

    With ``jobs`` above 1 (and no ``base_url``, which one portal serves) in that many worker
    processes, each with its own portal (as ``mutant``, if named); else here, in order.
    """
    if jobs <= 1 or base_url or len(flows) <= 1:
        if not flows:
            return
        with portal_and_browser(base_url, mutant=mutant) as (browser, url):
            for flow in flows:
                yield flow, task(browser, url, flow)
        return
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(flows)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(mutant,),
    )
    try:
        longest_first = sorted(flows, key=lambda flow: -len(flow.steps))
        pending: dict[Future[R], Flow] = {
            pool.submit(_in_worker, task, flow.base, flow.variant, flow.locale): flow
            for flow in longest_first
        }
        for future in as_completed(pending):
            yield pending[future], future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(mutant: str | None) -> None:
    stack = ExitStack()
    browser, url = stack.enter_context(portal_and_browser(mutant=mutant))
    _worker.update(browser=browser, url=url)
    Finalize(None, stack.close, exitpriority=10)  # closes the browser when the worker ends


def _in_worker(task: Task[R], base: str, variant: str, locale: str) -> R:
    flow = declaration(base)(LABEL_TABLE[variant, locale])
    return task(_worker["browser"], _worker["url"], flow)
