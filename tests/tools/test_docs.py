"""The docs name only what exists (issue 22): README.md and docs/*.md, read without a browser.

What a page writes in backticks is checked where it is a reference: ``make <target>`` against the
Makefile's rules, a repository path against the tree, a ``--flag`` of this project's commands
against the options its tools and pytest know, and the names in a ``| fixture |`` table against
the fixtures the plugins define. The same goes for the commands in ``sh`` code blocks.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
FENCE = re.compile(r"^\s*```(\w*)")
TARGET = re.compile(r"^[a-z][a-z0-9_-]*$")
FLAG = re.compile(r"^--[a-z][a-z0-9-]*")
PATH_TOKEN = re.compile(r"^[\w.<>*{}\[\]/@-]+$")
# A file named alone (no folder) is checked when it is source or data of the repository; other
# bare names are mostly what the tools write (summary.json, index.html, <flow>.webm).
BARE_FILE = re.compile(r"^[\w.<>*{}-]+\.(py|toml|sh|cfg|po)$")
# Made at run time, or not this repository's: nothing to find in the tree.
RUN_TIME_FOLDERS = ("artifacts/", "instance/", "test-results/", ".venv/", ".pytest_cache/")
# mutmut's working copy, made by make mutants-rules (mutation.md)
RUN_TIME_FOLDERS += ("mutants/",)
# Only commands of this project have their flags checked; ruff's or gunicorn's are theirs.
OUR_COMMANDS = ("pytest", ".venv/bin/pytest", "python", ".venv/bin/python")
OUR_COMMANDS += ("weilidai", ".venv/bin/weilidai")
# Spans that look like paths but name no file of this repository.
NOT_PATHS = {
    # the user's own checkout in "Using the harness in another project"
    "/path/to/weilidai-closure-harness[test]",
    # what the walkthrough writes beside index.html (videos.md's table of outputs)
    "<flow>/step-NN.png",
    # the seed article, a sibling of this repository in the workspace
    "shared/seed",
    # what the accessibility audit writes into artifacts/a11y/ (a11y.md)
    "<locale>/<flow>/NN-<screen>.json",
}
# Options named alone on a page that are another program's.
OTHERS_FLAGS = {
    "--unsafe",  # playwright run-server's (scale.md)
    "--bind",  # gunicorn's (portal.md)
    "--workers",  # gunicorn's (portal.md)
}


@dataclass(frozen=True)
class Broken:
    """A reference on a page that names nothing that exists."""

    page: str
    line: int
    span: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: `{self.span}`: {self.why}"


def make_targets(makefile: Path = ROOT / "Makefile") -> set[str]:
    """Return the Makefile's rule names (``name: prerequisites``, not ``name := value``)."""
    rule = re.compile(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", re.M)
    return {name for name in rule.findall(makefile.read_text(encoding="utf-8"))} - {".PHONY"}


@cache
def known_paths() -> frozenset[str]:
    """Return every file of the tree git knows or would add, and every folder holding one."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    paths: set[str] = set()
    for file in filter(None, listed):
        if (ROOT / file).exists():
            parts = file.split("/")
            paths.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return frozenset(paths)


@cache
def tails() -> frozenset[str]:
    """Return every trailing part of a known path: a page may name one from its own folder."""
    return frozenset(
        "/".join(p.split("/")[n:]) for p in known_paths() for n in range(p.count("/") + 1)
    )


def path_exists(name: str) -> bool:
    """Say whether ``name`` (placeholders and globs allowed) is a path, or the tail of one."""
    name = name.split("::")[0].split("#")[0].rstrip("/")
    if not re.search(r"[<>*{}]|\bNN\b", name):
        return name in tails()
    pattern = ""
    for piece in re.split(r"(<[^>/]*>|\{[^}/]*\}|\*\*|\*|\bNN\b)", name):
        if piece.startswith(("<", "{")):
            pattern += r"[^/]+"
        elif piece == "**":
            pattern += r".*"
        elif piece == "*":
            pattern += r"[^/]*"
        elif piece == "NN":
            pattern += r"\d+"
        else:
            pattern += re.escape(piece)
    rx = re.compile(rf"(?:.*/)?{pattern}")
    return any(rx.fullmatch(path) for path in known_paths())


@cache
def known_flags() -> frozenset[str]:
    """Return the options of pytest with its plugins, and every ``"--flag"`` of the tools."""
    flags: set[str] = set()
    for folder in ("e2e", "mock_portal", "scripts"):
        for source in (ROOT / folder).rglob("*.py"):
            flags.update(
                # "--flag", and Click's on/off pair "--flag/--no-flag"
                re.findall(r"[\"'/](--[a-z][a-z0-9-]*)", source.read_text(encoding="utf-8"))
            )
    # Run outside the repository, so no conftest of ours is needed: the installed plugins answer.
    with tempfile.TemporaryDirectory() as elsewhere:
        help_text = subprocess.run(
            [sys.executable, "-m", "pytest", "--help", "-p", "no:cacheprovider"],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    flags.update(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", help_text))
    return frozenset(flags)


@cache
def known_fixtures() -> frozenset[str]:
    """Return the fixtures the harness's and the trace's plugins define or parametrize."""
    names: set[str] = set()
    for source in [*(ROOT / "e2e/harness").rglob("*.py"), ROOT / "e2e/trace/plugin.py"]:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                "fixture" in ast.unparse(d) for d in node.decorator_list
            ):
                names.add(node.name)
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func).endswith(".parametrize")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(str(node.args[0].value))
    return frozenset(names)


def spans(text: str) -> Iterator[tuple[int, str, bool, str | None]]:
    """Yield (line, span, in a shell block, the first cell's table header) for a page."""
    fence: str | None = None
    header: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opened = FENCE.match(line)
        if opened:
            fence = None if fence is not None else opened.group(1) or "text"
            continue
        if fence is not None:
            if fence in ("sh", "bash", "shell"):
                command = re.split(r"\s#\s", line, maxsplit=1)[0].strip()
                if command:
                    yield number, command, True, None
            continue
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if header is None:
                header = cells[0]
            elif not set(line) <= set("|-: "):
                first = SPAN.findall(cells[0])
                for span in SPAN.findall(line):
                    yield number, span, False, header if span in first else None
            continue
        header = None
        for span in SPAN.findall(line):
            yield number, span, False, None


def check_span(span: str, in_shell: bool, header: str | None, targets: set[str]) -> Iterator[str]:
    """Yield why each reference in one span names nothing that exists."""
    words = span.split()
    if header == "fixture" and re.fullmatch(r"\w+", span) and span not in known_fixtures():
        yield "no such fixture in the plugins"
    for n, word in enumerate(words):
        if word == "make" and (n == 0 or words[n - 1] in ("&&", ";", "do", "||", "then")):
            for target in words[n + 1 :]:
                if "=" in target:
                    continue
                if TARGET.match(target) and target not in targets:
                    yield f"no make target {target!r} in the Makefile"
                break
    command = words[0] if words else ""
    ours = command.startswith("--") or command in OUR_COMMANDS and "-m" not in words[1:2]
    if command in ("python", ".venv/bin/python") and words[1:2] == ["-m"]:
        ours = len(words) > 2 and words[2].startswith(("e2e", "mock_portal", "pytest"))
    for word in words if ours else ():
        flag = FLAG.match(word)
        if flag and flag.group() not in known_flags() | OTHERS_FLAGS:
            yield f"no option {flag.group()} in pytest or this project's tools"
    for word in words if in_shell or len(words) > 1 else [span]:
        yield from check_path(word.strip("'\"(),;"))


def check_path(word: str) -> Iterator[str]:
    """Yield why ``word``, if it is a path of this repository, does not exist."""
    if (
        word in NOT_PATHS
        or not PATH_TOKEN.match(word)
        or word.startswith(("/", "-", "~", "."))
        and not word.startswith((".github/", ".ci/", ".importlinter"))
        or word.startswith(RUN_TIME_FOLDERS)
        or "…" in word
        or "..." in word
    ):
        return
    if "/" in word:
        # A path has letters on each side of its slashes: `A/B` or `1/2` is prose, not a path.
        if not all(re.search(r"[a-z_<*]", part) for part in word.rstrip("/").split("/")):
            return
    elif not BARE_FILE.match(word):
        return
    if not path_exists(word):
        yield "no such file or folder in the repository"


def broken_references(pages: Iterable[Path], root: Path = ROOT) -> list[Broken]:
    """Return each reference on these pages to a make target, path, flag or fixture that is gone."""
    targets = make_targets()
    found: list[Broken] = []
    for page in pages:
        name = page.relative_to(root) if page.is_relative_to(root) else page
        for line, span, in_shell, header in spans(page.read_text(encoding="utf-8")):
            found += [
                Broken(str(name), line, span, why)
                for why in check_span(span, in_shell, header, targets)
            ]
    return found


def test_every_make_target_path_flag_and_fixture_the_docs_name_exists():
    broken = broken_references(PAGES)
    assert not broken, "The docs name what does not exist:\n" + "\n".join(map(str, broken))


def test_the_docs_check_reports_a_made_up_make_target(tmp_path):
    page = tmp_path / "made-up.md"
    page.write_text(
        "# A page\n\nRun `make test`, then `make nonexistent-target LOCALE=en`.\n",
        encoding="utf-8",
    )
    assert [str(b) for b in broken_references([page])] == [
        f"{page}:3: `make nonexistent-target LOCALE=en`: "
        "no make target 'nonexistent-target' in the Makefile"
    ]


MADE_UP = """# Every kind of reference, each once real and once made up

`e2e/harness/api.py` and `e2e/harness/gone.py`; `pages/base.py` and `pages/gone.py`;
`paths/<flow>.txt` and `paths/<flow>.yaml`; `driver.py` and `gone.py`; `--variant A` and
`--no-such-option`.

| fixture | what it is |
| --- | --- |
| `journey` | real |
| `no_such_fixture` | made up |

```sh
make regression-update          # real
.venv/bin/pytest e2e/tests --locale en --no-such-flag
make no-such-target LOCALE=en
```
"""


def test_the_docs_check_reports_each_kind_of_reference_that_is_gone(tmp_path):
    page = tmp_path / "made-up.md"
    page.write_text(MADE_UP, encoding="utf-8")
    assert [(b.line, b.span) for b in broken_references([page])] == [
        (3, "e2e/harness/gone.py"),
        (3, "pages/gone.py"),
        (4, "paths/<flow>.yaml"),
        (4, "gone.py"),
        (5, "--no-such-option"),
        (10, "no_such_fixture"),
        (14, ".venv/bin/pytest e2e/tests --locale en --no-such-flag"),
        (15, "make no-such-target LOCALE=en"),
    ]
