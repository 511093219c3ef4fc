"""The system ffmpeg/ffprobe around a recording: MP4 for sharing, poster, probing, frames.

Playwright's screencast writes WebM (VP9). Browsers and chat apps everywhere play H.264 MP4, so
each walkthrough also gets one, with the step subtitles as a soft (mov_text) track.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


class MediaError(RuntimeError):
    """ffmpeg or ffprobe failed; the message carries its stderr."""


@dataclass(frozen=True)
class VideoInfo:
    """What ffprobe says about a video's first stream."""

    codec: str
    width: int
    height: int
    duration: float


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise MediaError(f"{name} not found; install it with: sudo apt-get install -y ffmpeg")
    return found


def _run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(args, capture_output=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise MediaError(f"{Path(args[0]).name} failed: " + " | ".join(tail))
    return done


def probe(video: Path) -> VideoInfo:
    """Return codec, size and duration (container duration, in seconds) of ``video``."""
    done = _run(
        [
            _tool("ffprobe"),
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,width,height:format=duration",
            "-of",
            "json",
            str(video),
        ]
    )
    data = json.loads(done.stdout)
    stream = data["streams"][0]
    return VideoInfo(
        codec=stream["codec_name"],
        width=int(stream["width"]),
        height=int(stream["height"]),
        duration=float(data["format"]["duration"]),
    )


def subtitle_languages(video: Path) -> list[str]:
    """Return the language tag of each subtitle track of ``video``, in order."""
    done = _run(
        [
            _tool("ffprobe"),
            *("-v", "error", "-select_streams", "s"),
            *("-show_entries", "stream_tags=language", "-of", "json", str(video)),
        ]
    )
    streams = json.loads(done.stdout).get("streams", [])
    return [str(stream.get("tags", {}).get("language", "")) for stream in streams]


# ISO 639-2 codes MP4 players show for a subtitle track, by the VTT's language.
TRACK_LANGUAGES = {"zh": ("chi", "中文"), "en": ("eng", "English")}


def to_mp4(webm: Path, mp4: Path, subtitles: dict[str, Path] | None = None) -> None:
    """Encode ``webm`` as H.264 MP4 (yuv420p, faststart), each of ``subtitles`` a soft track.

    ``subtitles`` maps a language (``zh``, ``en``) to its WebVTT file; the first is the default.
    """
    args = [_tool("ffmpeg"), "-v", "error", "-y", "-i", str(webm)]
    tracks = list((subtitles or {}).items())
    for _, path in tracks:
        args += ["-i", str(path)]
    args += ["-map", "0:v"]
    for number, (language, _) in enumerate(tracks):
        code, title = TRACK_LANGUAGES[language]
        args += ["-map", f"{number + 1}:s"]
        args += [f"-metadata:s:s:{number}", f"language={code}"]
        args += [f"-metadata:s:s:{number}", f"title={title}"]
        args += [f"-disposition:s:{number}", "default" if number == 0 else "0"]
    if tracks:
        args += ["-c:s", "mov_text"]
    args += ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"]
    args += ["-movflags", "+faststart", "-an", str(mp4)]
    _run(args)


def frame_png(video: Path, at: float, png: Path) -> None:
    """Save the frame shown ``at`` seconds into ``video`` as a PNG (a poster, a check)."""
    _run(
        [
            _tool("ffmpeg"),
            "-v",
            "error",
            "-y",
            "-ss",
            f"{max(0.0, at):.3f}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            str(png),
        ]
    )


def frame_variance(video: Path, at: float) -> float:
    """Return the grey-level variance of the frame ``at`` seconds in (0 means one flat colour).

    The frame is shrunk to a quarter of its width first: plenty to tell a screen from a blank,
    and 16 times fewer pixels to add up in Python.
    """
    done = _run(
        [
            _tool("ffmpeg"),
            "-v",
            "error",
            "-ss",
            f"{max(0.0, at):.3f}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            "-vf",
            "scale=iw/4:-2",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "gray",
            "-",
        ]
    )
    pixels = done.stdout
    if not pixels:
        raise MediaError(f"no frame at {at:.2f}s in {video}")
    mean = sum(pixels) / len(pixels)
    return sum((p - mean) ** 2 for p in pixels) / len(pixels)
