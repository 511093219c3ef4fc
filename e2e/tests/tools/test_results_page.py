"""The landing page in Chromium after a small real run: every link followed, every image drawn.

One flow is driven by the main run into a temporary artifacts/ folder, the landing page is built
from it and opened from disk, and every link of every page it leads to is followed (the pages
under artifacts/ in turn): a missing file, an anchor with no target, an image that does not draw
(naturalWidth 0) or a console error fails the test, and so does any axe-core finding on the
landing page and the run's page. The pages with every kind of result, without a browser:
tests/tools/test_results_pages.py.
"""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error, Page, expect

from e2e.a11y.audit import AXE_OPTIONS
from e2e.harness.flows import select_flows
from e2e.harness.portal import LivePortal
from e2e.report import build, record
from e2e.run.cli import run_flows

FLOW = "sms_expired"  # the shortest flow: six steps
COMMAND = f"weilidai run --flow {FLOW} --variant A"

# Each image drawn, lazy ones too: decode() loads it now; a missing file leaves naturalWidth 0.
UNDRAWN_IMAGES = """async () => {
  const undrawn = [];
  for (const image of document.images) {
    image.loading = "eager";
    try { await image.decode(); } catch (error) {}
    if (!image.naturalWidth) undrawn.push(image.getAttribute("src"));
  }
  return undrawn;
}"""


def small_run(artifacts: Path, portal_url: str) -> None:
    """Run one flow as the main run does, into ``artifacts/run``, and record it."""
    started, clock = datetime.now(), time.perf_counter()
    flows = select_flows([FLOW], variants=["A"])
    # The main run starts Playwright of its own, which may not share the test's thread with
    # pytest-playwright's: Playwright's sync API runs one event loop per thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        results = thread.submit(
            run_flows, flows, output=artifacts / "run", base_url=portal_url
        ).result()
    assert [result.passed for result in results] == [True], results
    record(
        artifacts,
        command=COMMAND,
        ok=True,
        started=started,
        seconds=time.perf_counter() - clock,
        output=artifacts / "run",
    )


def inside(url: str, folder: Path) -> Path | None:
    """Return the file a file:// URL names, if it is under ``folder``."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = Path(unquote(parts.path))
    return path if path.resolve().is_relative_to(folder.resolve()) else None


def follow_every_link(page: Page, start: Path) -> tuple[list[str], int]:
    """Open ``start`` and every page under its folder it leads to; follow each page's links.

    Return what is broken, one line each, and how many links were followed.
    """
    folder = start.parent
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    broken: list[str] = []
    followed = 0
    opened: set[str] = set()
    pages = deque([start.as_uri()])
    while pages:
        url = pages.popleft()
        if url in opened:
            continue
        opened.add(url)
        page.goto(url)
        here = page.url
        broken += [f"{here}: image {src} not drawn" for src in page.evaluate(UNDRAWN_IMAGES)]
        links: list[str] = page.locator("a[href]").evaluate_all("(as) => as.map((a) => a.href)")
        for link in links:
            followed += 1
            target = inside(link, folder)
            if target is None:
                broken.append(f"{here}: {link} leads out of {folder}")
                continue
            without_anchor = link.split("#", 1)[0]
            if target.suffix == ".html":
                pages.append(without_anchor)
            try:
                page.goto(link)
            except Error as problem:
                broken.append(f"{here}: {link}: {str(problem).splitlines()[0]}")
                continue
            anchor = urlsplit(link).fragment
            if anchor and page.locator(f"[id='{anchor}']").count() != 1:
                broken.append(f"{here}: {link}: no element with id {anchor}")
        page.goto(url)  # back, for the next page's errors to be its own
    return broken + errors, followed


def axe_findings(page: Page, url: str) -> list[str]:
    """Return what axe-core finds on a page (WCAG 2.1 A and AA, as make a11y checks)."""
    page.goto(url)
    result: dict[str, Any] = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def test_the_landing_page_after_a_run_has_no_broken_link_image_or_error(
    page: Page, own_portal: LivePortal, tmp_path: Path
):
    artifacts = tmp_path / "artifacts"
    small_run(artifacts, own_portal.url)

    index = build(artifacts)

    page.goto(index.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("The Weilidai harness: all results")
    run_card = page.locator("article#run")
    expect(run_card).to_contain_text("1 of 1 flows passed")
    main_run = run_card.get_by_role("link", name="Main run")
    expect(main_run).to_have_attribute("href", "run/index.html")
    expect(page.locator("article#bench")).to_contain_text("Not run yet: make bench makes it.")
    expect(page.get_by_role("table").first).to_contain_text(COMMAND)

    broken, followed = follow_every_link(page, index)
    assert broken == []
    assert followed >= 12  # the run's six screenshots and their page, the JSON files, the anchors

    page.goto((artifacts / "run/index.html").as_uri())
    strip = page.get_by_role("list", name=f"Screenshots of {FLOW}_A, one after each step")
    expect(strip.get_by_role("img")).to_have_count(6)
    for url in (index.as_uri(), (artifacts / "run/index.html").as_uri()):
        assert axe_findings(page, url) == [], url
