"""Following every link of the result pages in Chromium, as a reader would (docs/results.md).

Used by test_main_run.py, which opens the landing page a real ``weilidai run`` wrote: a missing
file, an anchor with no target, an image that does not draw (naturalWidth 0) or a console error
is reported, and axe-core's findings on a page are listed.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error, Page

from e2e.a11y.audit import AXE_OPTIONS

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
