"""Walkthrough videos and illustrated guides, recorded from the same flows the e2e tests run.

``python -m e2e.walkthrough`` (``make videos``) films every flow of ``e2e.flows.all_flows`` in the
phone viewport with a chapter card and a caption per named step, then writes beside each video
its WebVTT subtitles, an H.264 MP4, a poster, a Markdown and an HTML guide, and the gallery
``index.html``. Modules: ``recorder`` (the flow observer that films), ``produce`` (one flow's
files), ``guides`` and ``texts`` (the words), ``gallery``, ``vtt``, ``media`` (ffmpeg), ``cli``.
"""

from .produce import Walkthrough, record_walkthrough
from .recorder import Pace, WalkthroughRecorder

__all__ = ["Pace", "Walkthrough", "WalkthroughRecorder", "record_walkthrough"]
