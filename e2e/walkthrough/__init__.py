"""Walkthrough videos and illustrated guides, recorded from the same flows the e2e tests run.

Modules: ``recorder`` (the flow observer that films), ``produce`` (one flow's files), ``guides``
and ``texts`` (the words), ``gallery``, ``vtt``, ``media`` (ffmpeg), ``cli``. See docs/videos.md.
"""

from .produce import Walkthrough, record_walkthrough
from .recorder import Pace, WalkthroughRecorder

__all__ = ["Pace", "Walkthrough", "WalkthroughRecorder", "record_walkthrough"]
