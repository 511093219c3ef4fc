"""The harness's fixtures, layered like pytest-playwright's own (registered by ``plugin``).

``live_portal`` (in-process, or --base-url) → ``base_url`` → ``browser_context_args`` (a phone)
→ ``page`` (pytest-playwright) → ``portal`` (the test-control API on the page's cookies) →
``person`` (seed someone and sign the browser in) → ``journey`` (that person on the page);
``flow`` (the flow a test's ``@pytest.mark.flow`` names) → ``journey.of(flow)`` (its person).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Error, Page

from . import remote_browser, shared_portal
from .api import Person, PortalApi
from .browser_env import LAUNCH_ARGS, chromium_executable
from .clock import OneClock
from .devices import PHONE, locale_args
from .flows import MARKER, declaration
from .journey import Flow, Journey
from .labels import LABEL_TABLE, Labels
from .portal import LivePortal, start_portal
from .postgres import PostgresUnavailable, ThrowawayPostgres
from .stores import POSTGRES, SQLITE, store_url


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    """A throwaway PostgreSQL server of this run (of each xdist worker), started on first use."""
    try:
        server = ThrowawayPostgres().start()
    except PostgresUnavailable as problem:
        pytest.fail(f"--database postgres: {problem}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def database(pytestconfig: pytest.Config) -> str:
    """The store of the portals this test starts: the first --database, else sqlite.

    With --database given, the plugin parametrizes this fixture over every choice.
    """
    chosen: list[str] | None = pytestconfig.getoption("--database")
    return chosen[0] if chosen else SQLITE


@pytest.fixture
def database_url(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], str]]:
    """Return a factory of empty stores on the test's ``database``: each call makes a new one.

    A PostgreSQL store is borrowed from the worker's server and emptied after the test, when
    the fixtures that used it have closed their connections.
    """
    if database != POSTGRES:
        yield lambda: store_url(database, tmp_path / "stores")
        return
    server: ThrowawayPostgres = request.getfixturevalue("postgres_server")
    lent: list[str] = []

    def borrow() -> str:
        lent.append(server.borrow())
        return lent[-1]

    yield borrow
    server.give_back(lent)


@pytest.fixture(scope="session")
def live_portal(
    pytestconfig: pytest.Config,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Iterator[LivePortal]:
    """Start this worker's own portal (on the first --database), or use --base-url's."""
    external = pytestconfig.getoption("--base-url", default=None)
    if external:
        yield LivePortal(url=external.rstrip("/"))
        return
    chosen: list[str] | None = pytestconfig.getoption("--database")
    database = chosen[0] if chosen else SQLITE
    server = request.getfixturevalue("postgres_server") if database == POSTGRES else None
    portal = start_portal(
        store_url(database, tmp_path_factory.mktemp("portal"), server),
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
    """Default to a WeChat-sized phone unless --device names another; in --locale's language."""
    phone = {} if pytestconfig.getoption("--device") else PHONE
    return {
        **browser_context_args,
        **phone,
        **locale_args(pytestconfig.getoption("--locale")),
    }


@pytest.fixture(scope="session")
def locale(pytestconfig: pytest.Config) -> str:
    """The phone's language (--locale): "zh-CN" or "en"."""
    return str(pytestconfig.getoption("--locale"))


@pytest.fixture
def portal(
    page: Page,
    base_url: str,
    live_portal: LivePortal,
    pytestconfig: pytest.Config,
) -> Iterator[PortalApi]:
    """The test-control API, sharing cookies with the page; an owned portal starts empty.

    An external portal is shared (see ``shared_portal``) unless --reset-external makes it ours.
    """
    if not live_portal.in_process and shared_portal.is_shared(pytestconfig):
        yield shared_portal.SharedPortalApi(page.context.request, base_url)
        return
    api = PortalApi(page.context.request, base_url)
    api.reset()
    yield api


@pytest.fixture
def clock(page: Page, portal: PortalApi) -> OneClock:
    """The portal's clock and the page's as one: ``clock.let_time_pass(days=3)`` moves both."""
    return OneClock.of(page, portal)


@pytest.fixture
def person(portal: PortalApi, locale: str, request: pytest.FixtureRequest) -> Callable[..., Person]:
    """Return a factory: ``person("outstanding_0_01")`` seeds someone and signs in as them.

    The person is on the test's ``variant`` when the test has one, else on variant A;
    ``variant="B"`` chooses.
    """
    default = request.getfixturevalue("variant") if "variant" in request.fixturenames else "A"

    def create(scenario: str = "invited", variant: str | None = None, **overrides: Any) -> Person:
        someone = portal.create_person(scenario, variant or default, **overrides)
        portal.login(someone)
        return replace(someone, locale=locale)

    return create


@dataclass(frozen=True)
class Journeys:
    """The ``journey`` fixture: starts a freshly seeded person on the test's page."""

    page: Page
    portal: PortalApi
    person: Callable[..., Person]

    def __call__(self, scenario: str = "invited", **overrides: Any) -> Journey:
        """Seed a person as ``scenario`` (``journey("recent_loan")``); start them on the page."""
        return Journey(self.page, self.portal, self.person(scenario, **overrides))

    def of(self, flow: Flow, **overrides: Any) -> Journey:
        """Seed the person ``flow`` starts as (its scenario, its variant); start them on the page.

        ``journey.of(flow).run(flow.steps)``: the scenario is said once, where the flow is declared.
        """
        return self(flow.scenario, variant=flow.variant, **overrides)


@pytest.fixture
def journey(page: Page, portal: PortalApi, person: Callable[..., Person]) -> Journeys:
    """Return a factory: ``journey("recent_loan")`` seeds a person and starts them on ``page``;
    ``journey.of(flow)`` seeds the person a flow starts as."""
    return Journeys(page, portal, person)


@pytest.fixture
def flow(request: pytest.FixtureRequest, labels: Labels) -> Flow:
    """The flow the test's ``@pytest.mark.flow(name)`` names, on its variant, in its language."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None or len(marker.args) != 1:
        pytest.fail(
            f"{request.node.nodeid}: the flow fixture needs @pytest.mark.{MARKER}(name)",
            pytrace=False,
        )
    return declaration(str(marker.args[0]))(labels)


@pytest.fixture
def labels(variant: str, locale: str) -> Labels:
    """The screen names of the parametrised client variant, in --locale's language."""
    return LABEL_TABLE[variant, locale]
