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

from ..harness.flows import in_section
from ..harness.journey import Section
from .guides import clock
from .produce import Walkthrough

MANIFEST = "manifest.json"
INDEX = "index.html"

# The article's sections, in its order, and the flows that show each (by base name): the registry's.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (section.title, section.en, tuple(in_section(section))) for section in Section
)
OTHERS = ("其他", "Other")


def sections(walks: Iterable[Walkthrough]) -> list[tuple[str, str, list[Walkthrough]]]:
    """Group ``walks`` by the article's sections (in its order); sections with none are left out."""
    chosen = list(walks)
    grouped = [(name, en, [w for w in chosen if w.base in bases]) for name, en, bases in SECTIONS]
    known = {base for _, _, bases in SECTIONS for base in bases}
    grouped.append((*OTHERS, [w for w in chosen if w.base not in known]))
    return [(name, en, group) for name, en, group in grouped if group]


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
  main { padding: 0 24px 40px; }
  section > h2 { font-size: 20px; margin: 24px 0 12px; }
  section > h2 small { color: #888; font-weight: normal; font-size: 14px; margin-left: 8px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 20px; }
  .language { margin-top: 10px; font-size: 14px; }
  .language button { border: 1px solid #07c160; background: #fff; color: #07c160;
                     border-radius: 6px; padding: 2px 10px; cursor: pointer; font: inherit; }
  .language button[aria-pressed="true"] { background: #07c160; color: #fff; }
  article { background: #fff; border-radius: 14px; padding: 16px; display: flex;
            flex-direction: column; gap: 10px; }
  article.failed { outline: 3px solid #fa5151; }
  article h3 { font-size: 17px; line-height: 1.45; margin: 0; }
  .title-en { color: #666; font-size: 14px; margin: 0; }
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
  <div class="language" role="group" aria-label="字幕语言 Subtitles">字幕 Subtitles:
    <button type="button" data-language="zh" aria-pressed="true">中文</button>
    <button type="button" data-language="en" aria-pressed="false">English</button>
  </div>
</header>
<main>
{% for name, en, group in sections %}
<section aria-labelledby="section-{{ loop.index }}">
<h2 id="section-{{ loop.index }}">{{ name }}<small lang="en">{{ en }}</small></h2>
<div class="grid">
{% for w in group %}
<article id="{{ w.name }}" class="{{ '' if w.passed else 'failed' }}">
  <h3><span class="variant">版本{{ w.variant }}</span>{{ w.title }}</h3>
  {% if w.title_en %}<p class="title-en" lang="en">{{ w.title_en }}</p>{% endif %}
  <p class="scenario">{{ w.scenario_description }}</p>
  <video controls preload="metadata" playsinline poster="{{ w.file('.poster.png') }}"
         data-flow="{{ w.name }}" aria-label="{{ w.title }}（演示视频）">
    <source src="{{ w.file('.webm') }}" type="video/webm">
    <source src="{{ w.file('.mp4') }}" type="video/mp4">
    <track kind="subtitles" srclang="zh" label="中文" src="{{ w.file('.vtt') }}" default>
    <track kind="subtitles" srclang="en" label="English" src="{{ w.file('.en.vtt') }}">
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
    <a href="{{ w.file('.vtt') }}">中文字幕</a>
    <a href="{{ w.file('.en.vtt') }}" lang="en">English subtitles</a>
  </p>
  <details>
    <summary>步骤（点击跳转）</summary>
    <ol>
    {% for s in w.steps %}<li><button type="button" data-seek="{{ '%.2f'|format(s.start) }}">
      {{ clock(s.start) }} <span data-zh>{{ s.name }}</span>
      <span data-en hidden lang="en">{{ s.name_en or s.name }}</span></button></li>
    {% endfor %}</ol>
  </details>
</article>
{% endfor %}
</div>
</section>
{% endfor %}
</main>
<script>
  // The language switch: every video shows that language's subtitle track, every step list
  // that language's step names.
  function chooseLanguage(language) {
    for (const track of document.querySelectorAll("video track")) {
      const video = track.closest("video");
      const index = [...video.querySelectorAll("track")].indexOf(track);
      video.textTracks[index].mode = track.srclang === language ? "showing" : "hidden";
    }
    for (const name of document.querySelectorAll("[data-zh]")) name.hidden = language !== "zh";
    for (const name of document.querySelectorAll("[data-en]")) name.hidden = language !== "en";
    for (const button of document.querySelectorAll("[data-language]")) {
      button.setAttribute("aria-pressed", String(button.dataset.language === language));
    }
    document.documentElement.dataset.subtitles = language;
  }
  document.addEventListener("click", (event) => {
    const choice = event.target.closest("[data-language]");
    if (choice) chooseLanguage(choice.dataset.language);
  });
  chooseLanguage("zh");
  // A step in the list jumps its video to that step.
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
            sections=sections(walks),
            clock=clock,
            portal_version=PORTAL_VERSION,
            generated=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
            width=first.width if first else 390,
            height=first.height if first else 844,
        ),
        encoding="utf-8",
    )
    return index
