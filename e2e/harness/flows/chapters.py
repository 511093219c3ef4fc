"""Chapter names several flows share: (Chinese, English), the first two items of ``in_chapters``'s
sections."""

from __future__ import annotations

FIND_CLOSURE = ("找到注销入口", "Find the closure option")
PROVE_IDENTITY = ("验证身份", "Prove it is you")
SUBMITTED = ("提交申请", "The application is sent")
THE_RESULT = ("结果", "The result")
