"""The gallery: ``index.html`` with every walkthrough playable, and ``manifest.json`` of them all.

See docs/videos.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from mock_portal import __version__ as PORTAL_VERSION

from .guides import clock
from .produce import Walkthrough

MANIFEST = "manifest.json"
INDEX = "index.html"


def load(out: Path, order: Iterable[str] = ()) -> list[Walkthrough]:
    """Return the walkthroughs recorded in ``out`` (one ``<flow>.json`` each, video present).

    Sorted by ``order`` (flow names), unknown flows last.
    """
    walks = []
    for path in sorted(out.glob("*.json")):
        if path.name == MANIFEST:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "steps" in data and "name" in data:
            walk = Walkthrough.from_dict(data)
            if (out / walk.file(".webm")).exists():
                walks.append(walk)
    rank = {name: i for i, name in enumerate(order)}
    return sorted(walks, key=lambda w: (rank.get(w.name, len(rank)), w.name))


_INDEX = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>微粒贷操作演示视频</title>
<style>
  body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC",
         "Microsoft YaHei", sans-serif; margin: 0; background: #ededed; color: #1a1a1a; }
  header { background: #fff; padding: 20px 24px; border-bottom: 1px solid #e0e0e0; }
  h1 { margin: 0 0 6px; font-size: 24px; }
  header p { margin: 0; color: #666; font-size: 14px; }
  main { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 20px;
         padding: 20px 24px 40px; }
  article { background: #fff; border-radius: 14px; padding: 16px; display: flex;
            flex-direction: column; gap: 10px; }
  article.failed { outline: 3px solid #fa5151; }
  h2 { font-size: 17px; line-height: 1.45; margin: 0; }
  .variant { display: inline-block; background: #07c160; color: #fff; border-radius: 6px;
             padding: 0 6px; font-size: 13px; margin-right: 6px; vertical-align: 2px; }
  .scenario { color: #666; font-size: 14px; margin: 0; }
  video { width: 100%; max-width: 300px; align-self: center; border-radius: 12px;
          background: #000; aspect-ratio: {{ width }} / {{ height }}; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; font-size: 14px; }
  dt { color: #888; }
  dd { margin: 0; }
  .links a { color: #07c160; margin-right: 10px; font-size: 14px; }
  .error { color: #cf1322; font-size: 14px; margin: 0; }
  details { font-size: 14px; }
  details ol { padding-left: 22px; margin: 6px 0 0; }
  details button { border: 0; background: none; color: #07c160; cursor: pointer; padding: 0;
                   font: inherit; text-align: left; }
</style>
</head>
<body>
<header>
  <h1>微粒贷操作演示视频</h1>
  <p>{{ walks|length }} 个演示 · 微粒贷模拟门户 v{{ portal_version }} ·
  生成于 {{ generated }} · 每个演示都由端到端测试的同一套流程录制，画面与产品同步。</p>
</header>
<main>
{% for w in walks %}
<article id="{{ w.name }}" class="{{ '' if w.passed else 'failed' }}">
  <h2><span class="variant">版本{{ w.variant }}</span>{{ w.title }}</h2>
  <p class="scenario">{{ w.scenario_description }}</p>
  <video controls preload="metadata" playsinline poster="{{ w.file('.poster.png') }}"
         data-flow="{{ w.name }}" aria-label="{{ w.title }}（演示视频）">
    <source src="{{ w.file('.webm') }}" type="video/webm">
    <source src="{{ w.file('.mp4') }}" type="video/mp4">
    <track kind="subtitles" srclang="zh" label="中文步骤" src="{{ w.file('.vtt') }}">
  </video>
  <dl>
    <dt>时长</dt><dd>{{ clock(w.duration) }}（{{ w.step_count }} 步）</dd>
    <dt>录制日期</dt><dd>{{ w.recorded_at[:10] }}</dd>
    <dt>门户版本</dt><dd>v{{ w.portal_version }}</dd>
    <dt>画面</dt><dd>{{ w.width }}×{{ w.height }} ·
      MP4 {{ (w.mp4_bytes / 1048576)|round(1) }} MB</dd>
  </dl>
  {% if w.error %}<p class="error" role="alert">录制失败：{{ w.error }}</p>{% endif %}
  <p class="links">
    <a href="{{ w.file('.html') }}">图文指南</a>
    <a href="{{ w.file('.md') }}">Markdown</a>
    <a href="{{ w.file('.mp4') }}" download>下载 MP4</a>
    <a href="{{ w.file('.vtt') }}">字幕</a>
  </p>
  <details>
    <summary>步骤（点击跳转）</summary>
    <ol>
    {% for s in w.steps %}<li><button type="button" data-seek="{{ '%.2f'|format(s.start) }}">
      {{ clock(s.start) }} {{ s.name }}</button></li>
    {% endfor %}</ol>
  </details>
</article>
{% endfor %}
</main>
<script>
  // A step in the list jumps its video to that step's chapter card.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-seek]");
    if (!button) return;
    const video = button.closest("article").querySelector("video");
    video.currentTime = Number(button.dataset.seek);
    video.play();
  });
</script>
</body>
</html>
"""

_index = Environment(autoescape=True).from_string(_INDEX)


def write(walks: list[Walkthrough], out: Path) -> Path:
    """Write the manifest and ``index.html`` for ``walks``; return the index's path."""
    (out / MANIFEST).write_text(
        json.dumps([w.to_dict() for w in walks], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    first = next((w for w in walks if w.width), None)
    index = out / INDEX
    index.write_text(
        _index.render(
            walks=walks,
            clock=clock,
            portal_version=PORTAL_VERSION,
            generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            width=first.width if first else 390,
            height=first.height if first else 844,
        ),
        encoding="utf-8",
    )
    return index
