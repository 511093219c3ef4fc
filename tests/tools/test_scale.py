"""Running at scale, without a browser: shards that partition the suite, gunicorn workers that
agree, and launch options a remote Playwright server understands.

The suite itself runs on a remote browser and against gunicorn in ``make test-remote-browser``
and ``make test-prod-portal``; the remote browser's error messages are tested with Playwright in
e2e/tests/tools/test_scale.py.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest

from e2e.harness import remote_browser
from e2e.harness.api import PREFIX
from e2e.harness.suite import SUITE
from mock_portal.wsgi import WORKER_HEADER

ROOT = Path(__file__).resolve().parents[2]
DURATIONS = ROOT / ".test_durations"
SHARDS = 3
SPLITTING = ("--splitting-algorithm", "least_duration")  # as in docs/scale.md's CI matrix

# ------------------------------------------------------------------ sharding (pytest-split)


def collected(*args: str) -> subprocess.Popen[str]:
    """Start collecting the browser suite (ids only) with extra pytest ``args``."""
    command = [sys.executable, "-m", "pytest", SUITE, "--collect-only", "-q"]
    # Hypothesis's and Schemathesis's plugins are for the unit tests; they take 1.9 s of a 3.1 s
    # pytest start.
    command += ["-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:schemathesis"]
    command += ["--durations-path", str(DURATIONS), *args]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def ids_of(run: subprocess.Popen[str]) -> list[str]:
    """Wait for a collection and return the test ids it printed."""
    out, _ = run.communicate(timeout=300)
    assert run.returncode == 0, out[-2000:]
    return [line for line in out.splitlines() if "::" in line]


@pytest.mark.deep  # four collections of the browser suite side by side, 10 s of the gate
def test_shards_partition_the_suite():
    everything = collected()
    shards = [
        collected("--splits", str(SHARDS), "--group", str(group), *SPLITTING)
        for group in range(1, SHARDS + 1)
    ]
    suite = ids_of(everything)
    groups = [ids_of(shard) for shard in shards]
    assert len(suite) == len(set(suite)) > 0
    assert all(groups), f"an empty shard: {[len(g) for g in groups]}"
    assert sum(len(g) for g in groups) == len(suite), "a test runs in two shards"
    assert set().union(*groups) == set(suite), "a test runs in no shard"


def test_the_durations_file_is_pytest_splits_json():
    durations = json.loads(DURATIONS.read_text(encoding="utf-8"))
    assert durations, "record it: pytest e2e/tests --store-durations (docs/scale.md)"
    assert all(re.match(r"e2e/tests/(tools/)?test_\w+\.py::", test) for test in durations)
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in durations.values())


# ------------------------------------------------------------------ the portal under gunicorn


@dataclass
class Gunicorn:
    """A portal served by gunicorn with several worker processes."""

    url: str
    process: subprocess.Popen[str]
    log: list[str]


@pytest.fixture
def gunicorn_portal(tmp_path: Path) -> Iterator[Gunicorn]:
    """Start the portal the way ``make serve-prod`` does, with 2 workers, on a free port."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "MOCK_PORTAL_TEST_API": "1",
    }
    env.pop("MOCK_PORTAL_SECRET_KEY", None)  # the config must make one every worker shares
    command = [sys.executable, "-m", "gunicorn", "-c", "python:mock_portal.gunicorn_conf"]
    command += ["--bind", "127.0.0.1:0", "--workers", "2"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            log.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    url = None
    try:
        while url is None:
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                pytest.fail("gunicorn did not start listening:\n" + "".join(log))
            found = re.search(r"Listening at: (http://\S+)", line)
            url = found.group(1) if found else None
        yield Gunicorn(url, process, log)
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        process.wait(timeout=30)


def test_two_gunicorn_workers_agree_on_people_clock_and_session(gunicorn_portal: Gunicorn):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def call(path: str, data: dict[str, Any] | None = None) -> tuple[str, int, Any]:
        """Return which worker answered, its status and its JSON (or the page's heading)."""
        body = None if data is None else json.dumps(data).encode()
        request = urllib.request.Request(
            gunicorn_portal.url + path, data=body, headers={"Content-Type": "application/json"}
        )
        with opener.open(request, timeout=30) as response:
            text = response.read().decode()
            if response.headers.get_content_type() == "application/json":
                answer: Any = json.loads(text)
            else:
                heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
                answer = heading.group(1).strip() if heading else None
            return response.headers[WORKER_HEADER], response.status, answer

    call(f"{PREFIX}/reset", {})
    _, _, someone = call(f"{PREFIX}/users", {"scenario": "invited", "variant": "A"})
    call(f"{PREFIX}/login", {"user_id": someone["id"]})  # the session cookie, signed by one worker
    _, _, moved = call(f"{PREFIX}/clock", {"advance_days": 3})

    reads = {
        "clock": lambda: call(f"{PREFIX}/clock"),
        "person": lambda: call(f"{PREFIX}/users/{someone['id']}"),
        "signed-in page": lambda: call("/weilidai/"),  # login_required: a redirect if not
    }
    answers: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(30):  # concurrent requests land on both workers within a few rounds
            batch = [(kind, pool.submit(read)) for kind, read in reads.items() for _ in (1, 2)]
            for kind, future in batch:
                worker, status, answer = future.result()
                answers[kind][worker].add(json.dumps([status, answer], sort_keys=True))
            if all(len(by_worker) == 2 for by_worker in answers.values()):
                break

    for kind, by_worker in answers.items():
        assert len(by_worker) == 2, f"{kind}: only worker(s) {sorted(by_worker)} answered"
        seen = set().union(*by_worker.values())
        assert len(seen) == 1, f"the workers disagree on the {kind}: {by_worker}"
    assert json.loads(next(iter(answers["clock"].values())).pop())[1]["now"] == moved["now"]
    assert json.loads(next(iter(answers["signed-in page"].values())).pop())[1] == "微粒贷"


# ------------------------------------------------------------------ remote browsers


def test_launch_options_travel_under_the_servers_names():
    options = remote_browser.connect_options(
        "ws://127.0.0.1:3000/",
        {
            "headless": True,
            "executable_path": Path("/usr/bin/chromium"),
            "args": ["-x"],
            "slow_mo": 0,
        },
    )
    assert options is not None
    assert options[remote_browser.endpoint_keyword()] == "ws://127.0.0.1:3000/"
    header = json.loads(options["headers"][remote_browser.LAUNCH_OPTIONS_HEADER])
    assert header == {
        "args": ["-x"],
        "executablePath": "/usr/bin/chromium",
        "headless": True,
        "slowMo": 0,
    }
    assert remote_browser.connect_options(None, {"headless": True}) is None
    with pytest.raises(ValueError, match="ws:// or wss://"):
        remote_browser.connect_options("http://127.0.0.1:3000/", {})
