"""Look: a screenshot per step compared with a baseline within a tolerance.

Baselines are lossless WebP: the same pixels as the PNG screenshot in a third of the bytes.
See docs/regression.md.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops
from pixelmatch.contrib.PIL import pixelmatch

THRESHOLD = 0.1  # pixelmatch's per-pixel colour distance (0..1)
MAX_DIFF_PIXELS = 20  # differing pixels a screen may have before it counts as drift
MARGIN = 3  # pixelmatch's anti-aliasing test looks two pixels around each pixel


def baseline_folder(root: Path, browser_name: str, version: str) -> Path:
    """Return the baseline folder for a browser, e.g. ``screens/chromium-156``."""
    return root / f"{browser_name}-{version.split('.')[0]}"


def step_file(folder: Path, index: int) -> Path:
    """Return the baseline image of step ``index`` in a flow's folder."""
    return folder / f"{index:02d}.webp"


@dataclass
class ImageDiff:
    """How a screenshot differs from its baseline."""

    diff_pixels: int
    baseline_size: tuple[int, int]
    size: tuple[int, int]
    diff_png: bytes | None = None

    @property
    def size_changed(self) -> bool:
        """Say whether the screenshot's size differs from the baseline's."""
        return self.baseline_size != self.size

    def drifted(self, max_diff_pixels: int = MAX_DIFF_PIXELS) -> bool:
        """Say whether the difference is beyond the tolerance."""
        return self.size_changed or self.diff_pixels > max_diff_pixels

    def describe(self) -> str:
        """Return e.g. ``1,234 px differ`` or ``size 390×844 → 390×910``."""
        text = f"{self.diff_pixels:,} px differ"
        if self.size_changed:
            (w0, h0), (w1, h1) = self.baseline_size, self.size
            text += f", size {w0}×{h0} → {w1}×{h1}"
        return text


def _open(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _pad(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    canvas = Image.new("RGB", size, (255, 0, 255))  # what is missing shows as magenta
    canvas.paste(image, (0, 0))
    return canvas


def compare(baseline_png: bytes, current_png: bytes, threshold: float = THRESHOLD) -> ImageDiff:
    """Compare two screenshots; the diff image marks differing pixels red on a faded copy."""
    before, after = _open(baseline_png), _open(current_png)
    result = ImageDiff(0, before.size, after.size)
    size = (max(before.width, after.width), max(before.height, after.height))
    before, after = _pad(before, size), _pad(after, size)
    box = ImageChops.difference(before, after).getbbox()
    if box is None:
        return result
    # pixelmatch is pure Python: run it on the region that changed (plus a margin for its
    # anti-aliasing test), then put the result on a faded copy of the whole screen.
    left, top, right, bottom = box
    box = (
        max(0, left - MARGIN),
        max(0, top - MARGIN),
        min(size[0], right + MARGIN),
        min(size[1], bottom + MARGIN),
    )
    region = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]))
    result.diff_pixels = pixelmatch(
        before.crop(box), after.crop(box), region, threshold=threshold, includeAA=False
    )
    faded = Image.blend(after.convert("L").convert("RGB"), Image.new("RGB", size, "white"), 0.9)
    faded.paste(region.convert("RGB"), box[:2])
    result.diff_png = _png(faded)
    return result


def encode_baseline(png: bytes) -> bytes:
    """Return a screenshot as a baseline: lossless WebP, pixel for pixel the same."""
    out = io.BytesIO()
    _open(png).save(out, format="WEBP", lossless=True, quality=100, method=6)
    return out.getvalue()
