"""Illustrated guides: one per flow and language, Markdown and HTML, a screenshot and a caption per
step.

Everything on a step comes from the recording itself (its name, the controls it tapped, the screen
it ended on), so a change in the portal shows up here. The Chinese guide is ``<flow>.md`` and
``<flow>.html``, the English one ``<flow>.en.md`` and ``<flow>.en.html`` (``guide_file``); each
links to the other. See docs/videos.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import DictLoader, Environment

from ..harness.words import CHINESE, is_english
from .texts import (
    ENGLISH,
    LANGUAGES,
    FlowText,
    describe_screen,
    describe_taps,
    flow_text,
    portal_english,
    step_tip,
)

if TYPE_CHECKING:
    from .produce import Walkthrough

# A guide's file, beside the video: <flow><suffix>, per language (Markdown, HTML).
GUIDE_SUFFIXES: dict[str, tuple[str, str]] = {
    CHINESE: (".md", ".html"),
    ENGLISH: (".en.md", ".en.html"),
}


def guide_file(walk: Walkthrough, locale: str = CHINESE, markdown: bool = False) -> str:
    """Return the file name of ``walk``'s guide in ``locale``: ``close_account_A.en.html``."""
    suffixes = GUIDE_SUFFIXES[ENGLISH if is_english(locale) else CHINESE]
    return walk.file(suffixes[0] if markdown else suffixes[1])


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


def guide_steps(walk: Walkthrough, locale: str = CHINESE) -> list[GuideStep]:
    """Turn the recorded steps into what the guide in ``locale`` says about each.

    A tip is given once, at the first step it fits: three wrong passwords need it only once.
    """
    english = is_english(locale)
    steps = []
    previous, sheet = "", ""
    tips_given: set[str] = set()
    for step in walk.steps:
        tip = step_tip(step.name, locale)
        steps.append(
            GuideStep(
                index=step.index,
                name=(step.name_en or step.name) if english else step.name,
                todo=describe_taps(step.taps, open_sheet=sheet, locale=locale),
                seen=describe_screen(
                    step.heading, previous, step.headline, step.dialogs, step.notices, locale
                ),
                tip="" if tip in tips_given else tip,
                screenshot=step.screenshot,
                start=step.start,
                passed=step.passed and bool(step.screenshot),
            )
        )
        tips_given.add(tip)
        previous, sheet = step.heading, (step.dialogs[0] if step.dialogs else "")
    return steps


_MARKDOWN_ZH = """\
# {{ walk.title }}

> 适用情况：{{ walk.scenario_description or walk.scenario }}。共 {{ walk.step_count }} 步，\
演示视频 {{ clock(walk.duration) }}（[MP4]({{ walk.file(".mp4") }}) · \
[WebM]({{ walk.file(".webm") }}) · [字幕]({{ walk.file(".vtt") }}) · \
[English]({{ other_guide }})）。

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

_MARKDOWN_EN = """\
# {{ walk.title_en or walk.title }}

> When this applies: {{ situation }}. {{ walk.step_count }} steps; \
video {{ clock(walk.duration) }} ([MP4]({{ walk.file(".mp4") }}) · \
[WebM]({{ walk.file(".webm") }}) · [subtitles]({{ walk.file(".en.vtt") }}) · \
[中文]({{ other_guide }})).
{% if walk.locale == "zh-CN" %}>
> The screens are WeChat's in Chinese: each control is named as the English portal names it, \
with the Chinese on screen in brackets, such as “Me” (我).
{% endif %}
{{ text.intro }}

{% if walk.error %}> **Note: this recording did not finish** ({{ walk.error }}); only the steps \
that were done are shown.

{% endif %}## Steps
{% for s in steps %}
### Step {{ s.index }}: {{ s.name }}

{% if s.todo %}- **What to do**: {{ s.todo }}
{% endif %}{% if s.seen %}- **What you will see**: {{ s.seen }}
{% endif %}{% if s.tip %}- **Tip**: {{ s.tip }}
{% endif %}{% if not s.passed %}- **This step did not finish**; see `{{ walk.file(".error.txt") }}`.
{% endif %}{% if s.screenshot %}
![Step {{ s.index }}: {{ s.name }}]({{ s.screenshot }})
{% endif %}{% endfor %}
## The result

{{ text.outcome }}

## What can go wrong

{% for p in text.pitfalls %}- {{ p }}
{% endfor %}
---

Demo data: a made-up person, “{{ walk.person }}” (client variant {{ walk.variant }}, scenario \
`{{ walk.scenario }}`), on the mock Weilidai portal v{{ walk.portal_version }} with its clock at \
{{ walk.portal_clock }} (Beijing time, fixed); recorded {{ walk.recorded_at }}. This guide is \
generated by `python -m e2e.walkthrough` from the flows of the end-to-end tests.
"""

# Both languages' pages look the same; the English one keeps CJK fonts for the bracketed Chinese.
_STYLE = """\
<style>
  body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC",
         "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f5; color: #1a1a1a;
         line-height: 1.7; }
  main { max-width: 760px; margin: 0 auto; padding: 24px 16px 48px; }
  h1 { font-size: 24px; line-height: 1.4; margin: 8px 0 12px; }
  h2 { font-size: 19px; margin: 32px 0 12px; border-left: 4px solid #07c160; padding-left: 10px; }
  .back { color: #07c160; text-decoration: none; font-size: 14px; }
  .other-language { float: right; color: #07c160; font-size: 14px; }
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
"""

_HTML_ZH = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ walk.title }} · 图文指南</title>
<link rel="alternate" hreflang="en" href="{{ other_guide }}">
{% include "style" %}</head>
<body>
<main>
<a class="back" href="index.html">← 全部演示视频</a>
<a class="other-language" href="{{ other_guide }}" hreflang="en" lang="en">English</a>
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
<a href="{{ walk.file('.vtt') }}">字幕</a> ·
<a href="{{ other_guide }}" hreflang="en" lang="en">English</a></footer>
</main>
</body>
</html>
"""

_HTML_EN = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ walk.title_en or walk.title }} · Illustrated guide</title>
<link rel="alternate" hreflang="zh-CN" href="{{ other_guide }}">
{% include "style" %}</head>
<body>
<main>
<a class="back" href="index.html">← All walkthrough videos</a>
<a class="other-language" href="{{ other_guide }}" hreflang="zh-CN" lang="zh-CN">中文</a>
<h1>{{ walk.title_en or walk.title }}</h1>
<p class="summary">When this applies: {{ situation }}.
{{ walk.step_count }} steps; video {{ clock(walk.duration) }}.</p>
{% if walk.locale == "zh-CN" %}<p class="summary">The screens are WeChat's in Chinese: each
control is named as the English portal names it, with the Chinese on screen in brackets, such as
“Me” (<span lang="zh-CN">我</span>).</p>{% endif %}
<p>{{ text.intro }}</p>
{% if walk.error %}<p class="warn" role="alert">This recording did not finish
({{ walk.error }}); only the steps that were done are shown.</p>{% endif %}
<video controls preload="metadata" poster="{{ walk.file('.poster.png') }}">
  <source src="{{ walk.file('.mp4') }}" type="video/mp4">
  <source src="{{ walk.file('.webm') }}" type="video/webm">
  <track kind="subtitles" srclang="en" label="English steps" src="{{ walk.file('.en.vtt') }}"
    default>
  <track kind="subtitles" srclang="zh" label="中文步骤" src="{{ walk.file('.vtt') }}">
</video>
<h2>Steps</h2>
<ol class="steps">
{% for s in steps %}
  <li class="step" id="step-{{ s.index }}">
    {% if s.screenshot %}<img src="{{ s.screenshot }}"
      alt="The screen after step {{ s.index }}: {{ s.name }}" width="390" height="844"
      loading="lazy">{% endif %}
    <div>
      <h3><span class="no">{{ s.index }}</span>{{ s.name }}</h3>
      <dl>
        {% if s.todo %}<dt>What to do</dt><dd>{{ s.todo }}</dd>{% endif %}
        {% if s.seen %}<dt>What you will see</dt><dd>{{ s.seen }}</dd>{% endif %}
        {% if s.tip %}<dt>Tip</dt><dd>{{ s.tip }}</dd>{% endif %}
        {% if not s.passed %}<dd class="failed">This step did not finish.</dd>{% endif %}
      </dl>
      <p class="time">Video {{ clock(s.start) }}</p>
    </div>
  </li>
{% endfor %}
</ol>
<h2>The result</h2>
<p>{{ text.outcome }}</p>
<h2>What can go wrong</h2>
<ul class="pitfalls">
{% for p in text.pitfalls %}  <li>{{ p }}</li>
{% endfor %}</ul>
<footer>Demo data: a made-up person, “{{ walk.person }}” (client variant {{ walk.variant }},
scenario <code>{{ walk.scenario }}</code>), on the mock Weilidai portal
v{{ walk.portal_version }} with its clock at {{ walk.portal_clock }} (Beijing time, fixed);
recorded {{ walk.recorded_at }}.
Other formats: <a href="{{ walk.file('.en.md') }}">Markdown</a> ·
<a href="{{ walk.file('.mp4') }}">MP4</a> · <a href="{{ walk.file('.webm') }}">WebM</a> ·
<a href="{{ walk.file('.en.vtt') }}">subtitles</a> ·
<a href="{{ other_guide }}" hreflang="zh-CN" lang="zh-CN">中文</a></footer>
</main>
</body>
</html>
"""

_markdown = Environment(
    loader=DictLoader({CHINESE: _MARKDOWN_ZH, ENGLISH: _MARKDOWN_EN}),
    autoescape=False,
    keep_trailing_newline=True,
)
_html = Environment(
    loader=DictLoader({CHINESE: _HTML_ZH, ENGLISH: _HTML_EN, "style": _STYLE}),
    autoescape=True,
    keep_trailing_newline=True,
)


def _language(locale: str) -> str:
    return ENGLISH if is_english(locale) else CHINESE


def _context(
    walk: Walkthrough, text: FlowText | None, locale: str, markdown: bool
) -> dict[str, object]:
    other = CHINESE if is_english(locale) else ENGLISH
    return {
        "walk": walk,
        "text": text or flow_text(walk.base, locale),
        "steps": guide_steps(walk, locale),
        "clock": clock,
        "other_guide": guide_file(walk, other, markdown=markdown),
        # The scenario's description, as the English portal says it (its catalogue holds them).
        "situation": portal_english(walk.scenario_description) or walk.scenario,
    }


def render_markdown(walk: Walkthrough, text: FlowText | None = None, locale: str = CHINESE) -> str:
    """Return the guide in ``locale`` as Markdown."""
    template = _markdown.get_template(_language(locale))
    return template.render(_context(walk, text, locale, markdown=True))


def render_html(walk: Walkthrough, text: FlowText | None = None, locale: str = CHINESE) -> str:
    """Return the guide in ``locale`` as a standalone HTML page."""
    template = _html.get_template(_language(locale))
    return template.render(_context(walk, text, locale, markdown=False))


def write(walk: Walkthrough, out: Path) -> None:
    """Write the guide in every language: ``<flow>.md``, ``<flow>.html``, ``<flow>.en.md``, …."""
    for locale in LANGUAGES:
        (out / guide_file(walk, locale, markdown=True)).write_text(
            render_markdown(walk, locale=locale), encoding="utf-8"
        )
        (out / guide_file(walk, locale)).write_text(
            render_html(walk, locale=locale), encoding="utf-8"
        )
