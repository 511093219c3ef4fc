"""The HTML drift report: per flow, what drifted, with before / after / diff side by side.

``summary.json`` beside it says which flows drifted, for machines (and the results page,
docs/results.md). A new report replaces only the last one's files: other tools write into the
same folder (``weilidai regression mutants`` into ``mutants/``).
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from ..harness.flows import flows_of
from ..harness.labels import LOCALES, VARIANTS
from .baselines import FlowResult, StepDrift

INDEX = "index.html"
SUMMARY = "summary.json"

STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; } h3 { font-size: 15px; }
table.summary { border-collapse: collapse; } .summary td, .summary th { padding: 4px 10px;
  border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
.ok { color: #07a150; font-weight: 600; } .drift { color: #d4380d; font-weight: 600; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 13px; }
.add { color: #07a150; } .del { color: #d4380d; }
.trio { display: flex; gap: 12px; align-items: flex-start; }
.trio figure { margin: 0; } .trio img { width: 260px; border: 1px solid #ccc; }
figcaption { font-size: 12px; color: #666; }
ul.lines li { margin: 2px 0; }
"""


def write_report(results: list[FlowResult], out: Path, meta: dict[str, str]) -> Path:
    """Write ``out/index.html`` (images beside it) and return its path."""
    remove_report(out, (result.run.flow for result in results))
    out.mkdir(parents=True, exist_ok=True)
    drifted = [r for r in results if r.drifted]
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>Flow regression report</title><style>{STYLE}</style></head><body>",
        "<h1>Flow regression report</h1>",
        "<p>"
        + " · ".join(f"{html.escape(k)}: {html.escape(v)}" for k, v in meta.items())
        + f" · {datetime.now():%Y-%m-%d %H:%M}</p>",
        f"<p><b>{len(results) - len(drifted)}</b> of {len(results)} flows unchanged,"
        f" <b>{len(drifted)}</b> drifted.</p>",
        "<table class='summary'><tr><th>flow</th><th>variant</th><th>steps</th>"
        "<th>result</th><th>what</th></tr>",
    ]
    for result in results:
        run = result.run
        state = (
            "<span class='drift'>DRIFT</span>" if result.drifted else "<span class='ok'>ok</span>"
        )
        first = html.escape(result.lines()[0]) if result.drifted else ""
        link = f"<a href='#{run.flow}'>{run.flow}</a>" if result.drifted else run.flow
        parts.append(
            f"<tr><td>{link}</td><td>{run.variant}</td><td>{len(run.steps)}/{len(run.planned)}"
            f"</td><td>{state}</td><td>{first}</td></tr>"
        )
    parts.append("</table>")
    for result in drifted:
        parts.extend(_flow_section(result, out))
    parts.append("</body></html>")
    index = out / INDEX
    index.write_text("\n".join(parts), encoding="utf-8")
    (out / SUMMARY).write_text(
        json.dumps(summary_data(results, meta), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return index


def remove_report(out: Path, flows: Iterable[str] = ()) -> None:
    """Remove the drift report in ``out``: its page, its summary and its folder per flow.

    Nothing else there goes: a flow's folder is one named after a flow of the registry, of
    ``flows`` or of the last summary, so ``mutants/`` (``weilidai regression mutants``) stays.
    """
    names = {*flows, *(flow.name for flow in flows_of(VARIANTS, LOCALES)), *_reported(out)}
    for name in names:
        folder = out / name
        if name.strip(".") and "/" not in name and folder.is_dir():  # a name, not a path
            shutil.rmtree(folder)
    for own in (INDEX, SUMMARY):
        (out / own).unlink(missing_ok=True)


def _reported(out: Path) -> set[str]:
    """Return the flows the last summary in ``out`` names (none if it cannot be read)."""
    try:
        data = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
        return {str(flow["flow"]) for flow in data["flows"]}
    except (OSError, ValueError, LookupError, TypeError):
        return set()


def summary_data(results: list[FlowResult], meta: dict[str, str]) -> dict[str, object]:
    """Return the report's verdicts as data: per flow, whether it drifted and how."""
    return {
        "meta": meta,
        "flows": [
            {
                "flow": result.run.flow,
                "title": result.run.title,
                "variant": result.run.variant,
                "steps": len(result.run.steps),
                "planned": len(result.run.planned),
                "drifted": result.drifted,
                "lines": result.lines(),
            }
            for result in results
        ],
        "drifted": sum(result.drifted for result in results),
    }


def _flow_section(result: FlowResult, out: Path) -> list[str]:
    run = result.run
    folder = out / run.flow
    folder.mkdir(parents=True, exist_ok=True)
    parts = [
        f"<h2 id='{run.flow}'>{html.escape(run.flow)} — {html.escape(run.title)}</h2>",
        "<ul class='lines'>" + "".join(f"<li>{html.escape(x)}</li>" for x in result.lines()),
        "</ul>",
    ]
    if result.path_diff:
        parts += ["<h3>Path map</h3>", _diff_block(result.path_diff)]
    if run.failure is not None:
        failure = run.failure
        parts.append(
            f"<h3>Stopped at step {failure.index}: {html.escape(failure.name)}</h3>"
            f"<p>on screen {html.escape(failure.screen)}: {html.escape(failure.error)}</p>"
        )
        if failure.png:
            (folder / "failure.png").write_bytes(failure.png)
            parts.append(
                f"<div class='trio'><figure><img src='{run.flow}/failure.png' alt='failure'>"
                "<figcaption>where it stopped</figcaption></figure></div>"
            )
    for drift in result.aria_drift:
        parts += [
            f"<h3>Structure, step {drift.index}: {html.escape(drift.name)}</h3>",
            f"<p>{html.escape(drift.summary)}</p>",
            _diff_block(drift.aria_diff) if drift.aria_diff else "",
        ]
    for drift in result.screen_drift:
        parts += [
            f"<h3>Look, step {drift.index}: {html.escape(drift.name)}</h3>",
            f"<p>{html.escape(drift.summary)}</p>",
            _trio(drift, folder, run.flow),
        ]
    return parts


def _trio(drift: StepDrift, folder: Path, flow: str) -> str:
    figures = []
    images = (
        ("before", drift.before, "webp"),
        ("after", drift.after, "png"),
        ("diff", drift.diff, "png"),
    )
    for label, png, suffix in images:
        if png is None:
            continue
        name = f"{drift.index:02d}-{label}.{suffix}"
        (folder / name).write_bytes(png)
        figures.append(
            f"<figure><a href='{flow}/{name}'><img src='{flow}/{name}' alt='{label}'></a>"
            f"<figcaption>{label}</figcaption></figure>"
        )
    return "<div class='trio'>" + "".join(figures) + "</div>"


def _diff_block(diff: str) -> str:
    lines = []
    for line in diff.splitlines():
        escaped = html.escape(line)
        if line.startswith("+") and not line.startswith("+++"):
            escaped = f"<span class='add'>{escaped}</span>"
        elif line.startswith("-") and not line.startswith("---"):
            escaped = f"<span class='del'>{escaped}</span>"
        lines.append(escaped)
    return "<pre>" + "\n".join(lines) + "</pre>"
