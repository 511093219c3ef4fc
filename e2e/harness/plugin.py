"""Fixtures for the e2e suite, layered like pytest-playwright's own.

``portal_url`` (live portal or --base-url) → ``base_url`` → ``browser_context_args`` (a phone)
→ ``page`` (pytest-playwright) → ``portal`` (test-control API on the page's cookies) →
``person`` (a factory: seed someone in a scenario and sign the browser in as them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Error, Page

from . import remote_browser, shared_portal
from .api import Person, PortalApi
from .browser_env import LAUNCH_ARGS, chromium_executable
from .devices import LOCALE, PHONE
from .labels import LABELS, VARIANTS, Labels
from .portal import LivePortal, start_portal


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("weilidai", "Weilidai closure harness")
    group.addoption(
        "--variant",
        action="append",
        choices=VARIANTS,
        help="client variant(s) to run journeys on (default: all of A and B)",
    )
    group.addoption(
        "--mutant",
        default=os.environ.get("PORTAL_MUTANT") or None,
        help="start the in-process portal as this mutant (e2e/regression/mutants.py)",
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
    shared_portal.check_options(config)
    try:
        remote_browser.check_endpoint(config.getoption("--connect-ws"))
    except ValueError as problem:
        raise pytest.UsageError(str(problem)) from problem


def pytest_runtest_setup(item: pytest.Item) -> None:
    shared_portal.skip_if_shared(item)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "variant" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--variant") or list(VARIANTS)
        metafunc.parametrize("variant", chosen)


@pytest.fixture(scope="session")
def live_portal(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LivePortal]:
    """Start this worker's own portal, or point at the one --base-url names."""
    external = pytestconfig.getoption("--base-url", default=None)
    if external:
        yield LivePortal(url=external.rstrip("/"))
        return
    portal = start_portal(
        tmp_path_factory.mktemp("portal") / "portal.sqlite3",
        mutant=pytestconfig.getoption("--mutant"),
    )
    yield portal
    portal.stop()


@pytest.fixture(scope="session")
def base_url(live_portal: LivePortal) -> str:
    """Point pytest-playwright's ``page.goto("/...")`` at the portal."""
    return live_portal.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Use Playwright's own Chromium when it was downloaded, else the system one."""
    args = {**browser_type_launch_args}
    args["args"] = [*args.get("args", []), *LAUNCH_ARGS]
    if "executable_path" not in args and not os.environ.get("PW_NO_SYSTEM_CHROMIUM"):
        executable = chromium_executable()
        if executable:
            args["executable_path"] = executable
    return args


@pytest.fixture(scope="session")
def connect_options(
    pytestconfig: pytest.Config, browser_type_launch_args: dict[str, Any]
) -> dict[str, Any] | None:
    """Connect to --connect-ws's Playwright server, if given, with these launch options."""
    return remote_browser.connect_options(
        pytestconfig.getoption("--connect-ws"), browser_type_launch_args
    )


@pytest.fixture(scope="session")
def launch_browser(
    launch_browser: Callable[..., Browser], connect_options: dict[str, Any] | None
) -> Callable[..., Browser]:
    """pytest-playwright's launcher, saying plainly why a remote server could not be used."""
    if not connect_options:
        return launch_browser

    def launch(**kwargs: Any) -> Browser:
        try:
            return launch_browser(**kwargs)
        except Error as problem:
            why = remote_browser.explain_connect_error(
                problem,
                connect_options[remote_browser.endpoint_keyword()],
                connect_options["headers"][remote_browser.LAUNCH_OPTIONS_HEADER],
            )
            if why is None:
                raise
            raise remote_browser.RemoteBrowserError(why) from problem

    return launch


@pytest.fixture(scope="session")
def browser_context_args(
    browser_context_args: dict[str, Any], pytestconfig: pytest.Config
) -> dict[str, Any]:
    """Default to a WeChat-sized phone unless --device names another; Chinese locale."""
    phone = {} if pytestconfig.getoption("--device") else PHONE
    return {
        **browser_context_args,
        **phone,
        **LOCALE,
    }


@pytest.fixture
def portal(
    page: Page, base_url: str, live_portal: LivePortal, pytestconfig: pytest.Config
) -> PortalApi:
    """The test-control API, sharing cookies with the page; an owned portal starts empty.

    An external portal is shared (see ``shared_portal``) unless --reset-external makes it ours.
    """
    if not live_portal.in_process and shared_portal.is_shared(pytestconfig):
        return shared_portal.SharedPortalApi(page.context.request, base_url)
    api = PortalApi(page.context.request, base_url)
    api.reset()
    return api


@pytest.fixture
def person(portal: PortalApi) -> Callable[..., Person]:
    """Return a factory: ``person("outstanding_0_01", variant="B")`` seeds and signs in."""

    def create(scenario: str = "invited", variant: str = "A", **overrides: Any) -> Person:
        someone = portal.create_person(scenario, variant, **overrides)
        portal.login(someone)
        return someone

    return create


@pytest.fixture
def labels(variant: str) -> Labels:
    """The screen names of the parametrised client variant."""
    return LABELS[variant]
