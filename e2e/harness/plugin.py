"""The harness's pytest plugin: its options and hooks; its fixtures live in ``fixtures``.

Registered under ``[project.entry-points.pytest11]``, so any project that installs this one has
``--variant``, ``--locale``, ``--database``, ``--mutant``, ``--connect-ws``,
``--reset-external``, the markers ``every_variant``, ``any_language`` and ``flow`` and the
fixtures ``portal``, ``person``, ``journey``, ``flow``, ``labels``, ``variant``, ``locale``,
``database``, ``database_url``, ``postgres_server`` and a phone-sized ``page``, with no conftest
to copy. The fixtures override
pytest-playwright's (``browser_type_launch_args``, ``browser_context_args``, ``launch_browser``),
so they are registered after it: see ``pytest_configure``. How to use it: docs/writing-tests.md.
The tools that add to a run do so with plugins of their own (the trace's ``requirement`` marker
and report: ``e2e.trace.plugin``), for the harness imports no tool (docs/architecture.md#layers).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Generator

import pytest

from . import fixtures, flows, remote_browser, shared_portal
from .journey import FAILING_STEP
from .labels import LOCALES, VARIANTS
from .stores import DATABASES

FIXTURES_PLUGIN = "weilidai-fixtures"
EVERY_VARIANT = "every_variant"
ONE_DATABASE = "one_database"
ANY_LANGUAGE = "any_language"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("weilidai", "Weilidai closure harness")
    group.addoption(
        "--variant",
        action="append",
        choices=VARIANTS,
        help="client variant(s) to run every test on (default: both for tests marked "
        "every_variant, one chosen by name for the others)",
    )
    group.addoption(
        "--locale",
        default="zh-CN",
        choices=LOCALES,
        help="the phone's language: the browser's locale, so the portal's, and the words the "
        "page objects look for (default zh-CN); other than zh-CN, only tests marked "
        f"{ANY_LANGUAGE} run",
    )
    group.addoption(
        "--database",
        action="append",
        choices=DATABASES,
        help="the store of every portal a test starts: sqlite (a file, the default) or postgres "
        "(a throwaway PostgreSQL server started for the run); repeat it to run each test that "
        "touches a store on each (the in-process portal of the browser tests uses the first)",
    )
    group.addoption(
        "--mutant",
        default=os.environ.get("PORTAL_MUTANT") or None,
        help="start the in-process portal as this mutant, as a package registers it "
        "(e2e/regression/mutants.py)",
    )
    group.addoption(
        "--connect-ws",
        default=os.environ.get(remote_browser.WS_ENV) or None,
        metavar="WS_URL",
        help="use the browser of a remote Playwright server, e.g. ws://127.0.0.1:3000/ "
        f"(default: ${remote_browser.WS_ENV}); same Playwright minor version on both sides",
    )
    group.addoption(
        "--reset-external",
        action="store_true",
        help="reset the --base-url portal before every test, as the in-process one is "
        "(one runner only: no -n); without it an external portal is shared and "
        "owns_portal tests are skipped",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", shared_portal.MARKER_HELP)
    config.addinivalue_line(
        "markers",
        f"{EVERY_VARIANT}: the client variant changes what this test sees; run it on each "
        "(others run on one variant unless --variant says)",
    )
    config.addinivalue_line(
        "markers",
        f"{ONE_DATABASE}: the test is about a page's words or markup, not what the store keeps; "
        "it runs on the first --database only (others run on each)",
    )
    config.addinivalue_line(
        "markers",
        f"{ANY_LANGUAGE}: the test finds every word through the labels (Labels.say), so it "
        "runs in any --locale, as flow tests do; others check Chinese words: zh-CN only",
    )
    config.addinivalue_line(
        "markers",
        f"{flows.MARKER}(name): this test drives the flow declared as name in e2e/harness/flows/ "
        "(the flow fixture builds it)",
    )
    # A fixture overrides a plugin's fixture of the same name only when it is registered after
    # that plugin, and entry points load in no promised order; by now pytest-playwright is in.
    if not config.pluginmanager.has_plugin(FIXTURES_PLUGIN):
        config.pluginmanager.register(fixtures, FIXTURES_PLUGIN)
    shared_portal.check_options(config)
    try:
        remote_browser.check_endpoint(config.getoption("--connect-ws"))
    except ValueError as problem:
        raise pytest.UsageError(str(problem)) from problem


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In a language other than Chinese, deselect the tests that check Chinese words."""
    if config.getoption("--locale") == "zh-CN":
        return
    chosen = [item for item in items if speaks_any_language(item)]
    left = [item for item in items if not speaks_any_language(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = chosen


def speaks_any_language(item: pytest.Item) -> bool:
    """Say whether a test runs in any --locale: marked so, or a flow's test (flows say their
    words through the labels)."""
    return any(item.get_closest_marker(name) for name in (ANY_LANGUAGE, flows.MARKER))


def pytest_runtest_setup(item: pytest.Item) -> None:
    shared_portal.skip_if_shared(item)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "variant" in metafunc.fixturenames and not parametrizes(metafunc, "variant"):
        metafunc.parametrize("variant", variants_for(metafunc))
    chosen: list[str] | None = metafunc.config.getoption("--database")
    if chosen and "database" in metafunc.fixturenames and not parametrizes(metafunc, "database"):
        # Only when asked: without --database a test keeps its id (and .test_durations entry).
        databases = list(dict.fromkeys(chosen))
        if metafunc.definition.get_closest_marker(ONE_DATABASE):
            databases = databases[:1]
        metafunc.parametrize("database", databases)


def variants_for(metafunc: pytest.Metafunc) -> list[str]:
    """Return the client variants a test runs on.

    ``--variant`` chooses for every test. Otherwise a test marked ``every_variant`` (the variant
    changes what it sees: the menu path, its labels) runs on each; any other test runs on one,
    chosen from its name so that the suite as a whole still meets both.
    """
    chosen: list[str] | None = metafunc.config.getoption("--variant")
    if chosen:
        return chosen
    if metafunc.definition.get_closest_marker(EVERY_VARIANT):
        return list(VARIANTS)
    return [VARIANTS[zlib.crc32(metafunc.function.__name__.encode()) % len(VARIANTS)]]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Name the step a failing flow stopped at, in its own section of every report."""
    report = yield
    if call.excinfo is not None:
        notes = getattr(call.excinfo.value, "__notes__", [])
        steps = [note for note in notes if note.startswith(FAILING_STEP)]
        if steps:
            report.sections.append(("Failing step", "\n".join(steps)))
            report.user_properties.append((FAILING_STEP, steps[-1]))
    return report


def parametrizes(metafunc: pytest.Metafunc, argname: str) -> bool:
    """Say whether the test parametrizes ``argname`` itself (then it chooses, not the plugin)."""
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0]
        listed = names.split(",") if isinstance(names, str) else list(names)
        if argname in (name.strip() for name in listed):
            return True
    return False
