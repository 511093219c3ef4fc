"""The trace's pytest plugin: the ``requirement`` marker, ``--trace-report``, ``--trace-map``.

Registered under ``[project.entry-points.pytest11]`` as ``weilidai-trace``, beside the harness's
own plugin, which knows nothing of the trace (layers point one way: docs/architecture.md#layers).
It registers a ``recorder.Recorder`` for the run. How to use it: docs/traceability.md.
"""

from __future__ import annotations

import pytest

from . import recorder

RECORDER_PLUGIN = "weilidai-trace-recorder"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("weilidai-trace", "the seed article, traced (docs/traceability.md)")
    group.addoption(
        "--trace-report",
        metavar="PATH",
        help="write each requirement of the article with its tests' outcomes in this run to "
        f"PATH (default: {recorder.TRACE_REPORT} beside --html's report, else none)",
    )
    group.addoption(
        "--trace-map",
        metavar="PATH",
        help="write which collected test checks which requirement to PATH as JSON "
        "(what python -m e2e.trace reads)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in recorder.MARKERS:
        config.addinivalue_line("markers", line)
    if not config.pluginmanager.has_plugin(RECORDER_PLUGIN):
        config.pluginmanager.register(recorder.Recorder(config), RECORDER_PLUGIN)
