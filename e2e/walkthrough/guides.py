"""Illustrated guides: one per flow, Markdown and HTML, a screenshot and a caption per step.

Everything on a step comes from the recording itself (its name, the controls it tapped, the screen
it ended on), so a change in the portal shows up here. See docs/videos.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from .texts import FlowText, describe_screen, describe_taps, flow_text, step_tip

if TYPE_CHECKING:
    from .produce import Walkthrough


@dataclass(frozen=True)
class GuideStep:
    """A step as the guide tells it."""

    index: int
    name: str
    todo: str
    seen: str
    tip: str
    screenshot: str
    start: float
    passed: bool


def clock(seconds: float) -> str:
    """Format seconds as m:ss."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def guide_steps(walk: Walkthrough) -> list[GuideStep]:
    """Turn the recorded steps into what the guide says about each."""
    steps = []
    previous, sheet = "", ""
    for step in walk.steps:
        steps.append(
            GuideStep(
                index=step.index,
                name=step.name,
                todo=describe_taps(step.taps, open_sheet=sheet),
                seen=describe_screen(
                    step.heading, previous, step.headline, step.dialogs, step.notices
                ),
                tip=step_tip(step.name),
                screenshot=step.screenshot,
                start=step.start,
                passed=step.passed and bool(step.screenshot),
            )
        )
        previous, sheet = step.heading, (step.dialogs[0] if step.dialogs else "")
    return steps


_MARKDOWN = """\
# {{ walk.title }}

> 适用情况：{{ walk.scenario_description or walk.scenario }}。共 {{ walk.step_count }} 步，\
演示视频 {{ clock(walk.duration) }}（[MP4]({{ walk.file(".mp4") }}) · \
[WebM]({{ walk.file(".webm") }}) · [字幕]({{ walk.file(".vtt") }})）。

{{ text.intro }}

{% if walk.error %}> **注意：这次录制没有走完**（{{ walk.error }}），下面只有已完成的步骤。

{% endif %}## 操作步骤
{% for s in steps %}
### 第{{ s.index }}步：{{ s.name }}

{% if s.todo %}- **怎么做**：{{ s.todo }}
{% endif %}{% if s.seen %}- **你会看到**：{{ s.seen }}
{% endif %}{% if s.tip %}- **注意**：{{ s.tip }}
{% endif %}{% if not s.passed %}- **这一步没有完成**，见 `{{ walk.file(".error.txt") }}`。
{% endif %}{% if s.screenshot %}
![第{{ s.index }}步：{{ s.name }}]({{ s.screenshot }})
{% endif %}{% endfor %}
## 结果

{{ text.outcome }}

## 可能遇到的问题

{% for p in text.pitfalls %}- {{ p }}
{% endfor %}
---

演示数据：模拟用户“{{ walk.person }}”（客户端版本{{ walk.variant }}，场景 `{{ walk.scenario }}`），\
微粒贷模拟门户 v{{ walk.portal_version }}，门户时间 {{ walk.portal_clock }}（北京时间，固定），\
录制于 {{ walk.recorded_at }}。本指南由 `python -m e2e.walkthrough` 根据端到端测试的流程自动生成。
"""

_HTML = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ walk.title }} · 图文指南</title>
<style>
  body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC",
         "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f5; color: #1a1a1a;
         line-height: 1.7; }
  main { max-width: 760px; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { font-size: 24px; line-height: 1.4; margin: 8px 0 12px; }
  h2 { font-size: 19px; margin: 32px 0 12px; border-left: 4px solid #07c160; padding-left: 10px; }
  .back { color: #07c160; text-decoration: none; font-size: 14px; }
  .summary { background: #fff; border-radius: 12px; padding: 12px 16px; font-size: 15px; }
  .warn { background: #fff1f0; color: #cf1322; border-radius: 12px; padding: 12px 16px; }
  video { display: block; width: 300px; max-width: 100%; margin: 16px auto; border-radius: 12px;
          background: #000; }
  ol.steps { list-style: none; padding: 0; margin: 0; }
  .step { display: flex; gap: 20px; background: #fff; border-radius: 12px; padding: 16px;
          margin: 0 0 16px; align-items: flex-start; }
  .step img { width: 240px; height: auto; flex: none; border-radius: 10px;
              border: 1px solid #e5e5e5; }
  .step h3 { font-size: 17px; margin: 0 0 8px; }
  .step .no { display: inline-block; min-width: 28px; background: #07c160; color: #fff;
              border-radius: 8px; text-align: center; margin-right: 6px; font-size: 14px; }
  .step dl { margin: 0; font-size: 15px; }
  .step dt { font-weight: 600; color: #555; }
  .step dd { margin: 0 0 8px; }
  .step .failed { color: #cf1322; }
  .time { color: #888; font-size: 13px; }
  ul.pitfalls li { margin-bottom: 6px; }
  footer { color: #888; font-size: 13px; margin-top: 32px; }
  @media (max-width: 600px) { .step { flex-direction: column; } .step img { width: 100%; } }
</style>
</head>
<body>
<main>
<a class="back" href="index.html">← 全部演示视频</a>
<h1>{{ walk.title }}</h1>
<p class="summary">适用情况：{{ walk.scenario_description or walk.scenario }}。
共 {{ walk.step_count }} 步，演示视频 {{ clock(walk.duration) }}。</p>
<p>{{ text.intro }}</p>
{% if walk.error %}<p class="warn" role="alert">这次录制没有走完（{{ walk.error }}），
下面只有已完成的步骤。</p>{% endif %}
<video controls preload="metadata" poster="{{ walk.file('.poster.png') }}">
  <source src="{{ walk.file('.mp4') }}" type="video/mp4">
  <source src="{{ walk.file('.webm') }}" type="video/webm">
  <track kind="subtitles" srclang="zh" label="中文步骤" src="{{ walk.file('.vtt') }}">
</video>
<h2>操作步骤</h2>
<ol class="steps">
{% for s in steps %}
  <li class="step" id="step-{{ s.index }}">
    {% if s.screenshot %}<img src="{{ s.screenshot }}"
      alt="第{{ s.index }}步完成后的页面：{{ s.name }}" width="390" height="844"
      loading="lazy">{% endif %}
    <div>
      <h3><span class="no">{{ s.index }}</span>{{ s.name }}</h3>
      <dl>
        {% if s.todo %}<dt>怎么做</dt><dd>{{ s.todo }}</dd>{% endif %}
        {% if s.seen %}<dt>你会看到</dt><dd>{{ s.seen }}</dd>{% endif %}
        {% if s.tip %}<dt>注意</dt><dd>{{ s.tip }}</dd>{% endif %}
        {% if not s.passed %}<dd class="failed">这一步没有完成。</dd>{% endif %}
      </dl>
      <p class="time">视频 {{ clock(s.start) }}</p>
    </div>
  </li>
{% endfor %}
</ol>
<h2>结果</h2>
<p>{{ text.outcome }}</p>
<h2>可能遇到的问题</h2>
<ul class="pitfalls">
{% for p in text.pitfalls %}  <li>{{ p }}</li>
{% endfor %}</ul>
<footer>演示数据：模拟用户“{{ walk.person }}”（客户端版本{{ walk.variant }}，场景
<code>{{ walk.scenario }}</code>），微粒贷模拟门户 v{{ walk.portal_version }}，门户时间
{{ walk.portal_clock }}（北京时间，固定），录制于 {{ walk.recorded_at }}。
其他格式：<a href="{{ walk.file('.md') }}">Markdown</a> ·
<a href="{{ walk.file('.mp4') }}">MP4</a> · <a href="{{ walk.file('.webm') }}">WebM</a> ·
<a href="{{ walk.file('.vtt') }}">字幕</a></footer>
</main>
</body>
</html>
"""

_markdown = Environment(autoescape=False, keep_trailing_newline=True).from_string(_MARKDOWN)
_html = Environment(autoescape=True, keep_trailing_newline=True).from_string(_HTML)


def render_markdown(walk: Walkthrough, text: FlowText | None = None) -> str:
    """Return the guide as Markdown."""
    return _markdown.render(
        walk=walk, text=text or flow_text(walk.base), steps=guide_steps(walk), clock=clock
    )


def render_html(walk: Walkthrough, text: FlowText | None = None) -> str:
    """Return the guide as a standalone HTML page."""
    return _html.render(
        walk=walk, text=text or flow_text(walk.base), steps=guide_steps(walk), clock=clock
    )


def write(walk: Walkthrough, out: Path) -> None:
    """Write ``<flow>.md`` and ``<flow>.html`` into ``out``."""
    (out / walk.file(".md")).write_text(render_markdown(walk), encoding="utf-8")
    (out / walk.file(".html")).write_text(render_html(walk), encoding="utf-8")
