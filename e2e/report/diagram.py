"""The model's state diagram, laid out for an SVG drawn from ``templates/diagram.svg``.

The model writes its states and transitions into ``artifacts/model/report.json`` (e2e/model);
this lays them out top to bottom, layer by layer from the first state (each state one layer below
the nearest state that leads to it), and colours each arrow by how much of it a variant's
journeys took. Parallel transitions share one arrow, a gentle bow, or a curve round the side of
the drawing where the bow would cross a state's box; a transition back into its own state is a
loop over the box's corner. The page's table says the same in words.
"""

from __future__ import annotations

import math
import textwrap
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

BOX_W, BOX_H = 176, 46
GAP_X, GAP_Y = 44, 58
MARGIN = 24
LINE_CHARS = 24  # characters of a state's name on one line of its box
BEND = 0.16  # how far an arrow bows from the straight line, as a share of its length
LOOP = 30  # room on a box's right for its loop
LANE_GAP, LANE_STEP = 16, 10  # how far outside the boxes the ways round the side run

TAKEN = "taken"  # every transition of the arrow was taken
PARTLY = "partly"  # some were
UNTAKEN = "untaken"  # none was
PLAIN = "plain"  # no journeys to colour it by


@dataclass(frozen=True)
class Box:
    """A state: where its box is, its name on one or two lines, whether it was reached."""

    id: str
    lines: tuple[str, ...]
    x: float
    y: float
    state: str  # TAKEN (reached), UNTAKEN (not reached) or PLAIN
    w: float = BOX_W
    h: float = BOX_H


@dataclass(frozen=True)
class Arrow:
    """The transitions from one state to another (or to itself) as one path."""

    route: Route
    state: str
    title: str  # source → target and each transition's label, shown on hover


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram, and what it shows in a sentence (its accessible description)."""

    id: str
    view: tuple[float, float, float, float]  # the SVG's viewBox: left, top, width, height
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    description: str


def layers(states: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Return each state's layer: its distance from the first state (0 for those it never
    reaches, which only a seed puts a person into)."""
    following: dict[str, list[str]] = {state: [] for state in states}
    for source, target in edges:
        if source != target and target not in following[source]:
            following[source].append(target)
    depth = {states[0]: 0} if states else {}
    queue = deque(depth)
    while queue:
        state = queue.popleft()
        for target in following[state]:
            if target not in depth:
                depth[target] = depth[state] + 1
                queue.append(target)
    return {state: depth.get(state, 0) for state in states}


def _orders(
    states: Sequence[str], depth: Mapping[str, int], edges: Iterable[tuple[str, str]]
) -> list[list[str]]:
    """Return the states of each layer, each placed under the states that lead to it."""
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for state in states:
        rows[depth[state]].append(state)
    leading: dict[str, list[str]] = {state: [] for state in states}
    for source, target in edges:
        if depth[source] == depth[target] - 1:
            leading[target].append(source)
    for above, row in zip(rows, rows[1:], strict=False):
        place = {state: i for i, state in enumerate(above)}
        row.sort(key=lambda s: sum(place[p] for p in leading[s]) / max(len(leading[s]), 1))
    return rows


def _wrap(name: str) -> tuple[str, ...]:
    lines = textwrap.wrap(name, LINE_CHARS) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LINE_CHARS, placeholder="…")]
    return tuple(lines)


Point = tuple[float, float]


@dataclass(frozen=True)
class Route:
    """An arrow's path: a quadratic (three points) or a cubic (four) Bézier curve."""

    points: tuple[Point, ...]

    @property
    def d(self) -> str:
        """Return it as an SVG path."""
        (x, y), *rest = self.points
        kind = "Q" if len(rest) == 2 else "C"
        return f"M{x:.1f},{y:.1f} {kind}" + " ".join(f"{px:.1f},{py:.1f}" for px, py in rest)

    def samples(self, count: int = 32) -> list[Point]:
        """Return ``count`` points along the curve."""
        degree = len(self.points) - 1
        found = []
        for i in range(1, count):
            t = i / count
            weights = [
                math.comb(degree, k) * t**k * (1 - t) ** (degree - k) for k in range(degree + 1)
            ]
            found.append(
                (
                    sum(w * px for w, (px, _) in zip(weights, self.points, strict=True)),
                    sum(w * py for w, (_, py) in zip(weights, self.points, strict=True)),
                )
            )
        return found


def _centre(box: Box) -> Point:
    return box.x + box.w / 2, box.y + box.h / 2


def _edge_point(box: Box, toward: Point) -> Point:
    """Return where the line from the box's centre toward a point leaves the box."""
    cx, cy = _centre(box)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (box.w / 2) / abs(dx) if dx else math.inf,
        (box.h / 2) / abs(dy) if dy else math.inf,
    )
    return cx + dx * scale, cy + dy * scale


def _bowed(source: Box, target: Box) -> Route:
    """The arrow as a gentle bow to its left: the way back between two states bows the other way."""
    (sx, sy), (tx, ty) = _centre(source), _centre(target)
    control = ((sx + tx) / 2 + (ty - sy) * BEND, (sy + ty) / 2 - (tx - sx) * BEND)
    return Route((_edge_point(source, control), control, _edge_point(target, control)))


def _around(source: Box, target: Box, side: int, clear_of: float) -> Route:
    """The arrow out of the source's ``side`` (-1 left, 1 right), round past ``clear_of``."""
    start = (source.x if side < 0 else source.x + source.w, source.y + source.h / 2 + 6)
    end = (target.x if side < 0 else target.x + target.w, target.y + target.h / 2 + 6)
    # A cubic with both inner points at x reaches 3/4 of the way there halfway along.
    lane = (clear_of - (start[0] + end[0]) / 8) / 0.75
    return Route((start, (lane, start[1]), (lane, end[1]), end))


def _crossings(route: Route, boxes: Iterable[Box], ends: tuple[str, str]) -> int:
    """Return how many points of the route lie on a box other than its ends."""
    pad = 4
    return sum(
        box.x - pad <= x <= box.x + box.w + pad and box.y - pad <= y <= box.y + box.h + pad
        for x, y in route.samples()
        for box in boxes
        if box.id not in ends
    )


def _route(source: Box, target: Box, boxes: list[Box], lanes: dict[int, int]) -> Route:
    """Return the bow, or a way round the side when the bow would cross a state's box."""
    direct = _bowed(source, target)
    crossed = _crossings(direct, boxes, (source.id, target.id))
    if not crossed:
        return direct
    choices = [(crossed, 0, direct)]
    for side in (-1, 1):
        extreme = (
            min(box.x for box in boxes) if side < 0 else max(box.x + box.w for box in boxes) + LOOP
        )
        clear_of = extreme + side * (LANE_GAP + lanes[side] * LANE_STEP)
        around = _around(source, target, side, clear_of)
        choices.append((_crossings(around, boxes, (source.id, target.id)), side, around))
    _, side, best = min(choices, key=lambda choice: (choice[0], abs(choice[1])))
    if side:
        lanes[side] += 1
    return best


def _loop(box: Box) -> Route:
    """A transition back into its own state: a small loop over the box's top right corner."""
    right, top = box.x + box.w, box.y
    return Route(
        ((right - 22, top), (right - 16, top - 30), (right + 30, top - 4), (right, top + 14))
    )


def _share(keys: list[str], taken: set[str] | None) -> str:
    if taken is None:
        return PLAIN
    count = sum(key in taken for key in keys)
    return TAKEN if count == len(keys) else PARTLY if count else UNTAKEN


def lay_out(
    model: Mapping[str, list[dict[str, str]]],
    *,
    id: str,  # noqa: A002  (the SVG's id, as the template names it)
    taken: Iterable[str] | None = None,
    reached: Iterable[str] | None = None,
) -> Diagram:
    """Lay out the model of report.json (``states``, ``transitions``) as a diagram.

    With ``taken`` transition keys and ``reached`` states, arrows and boxes are coloured by them.
    """
    names = {str(state["id"]): str(state["name"]) for state in model["states"]}
    states = list(names)
    transitions = model["transitions"]
    edges = [(str(t["source"]), str(t["target"])) for t in transitions]
    taken_keys = None if taken is None else set(taken)
    reached_states = None if reached is None else set(reached)
    rows = _orders(states, layers(states, edges), edges)
    widest = max((len(row) for row in rows), default=0)
    full = widest * BOX_W + max(widest - 1, 0) * GAP_X
    boxes: dict[str, Box] = {}
    for depth, row in enumerate(rows):
        offset = (full - (len(row) * BOX_W + (len(row) - 1) * GAP_X)) / 2
        for i, state in enumerate(row):
            shown = (
                PLAIN if reached_states is None else TAKEN if state in reached_states else UNTAKEN
            )
            boxes[state] = Box(
                state,
                _wrap(names[state]),
                MARGIN + offset + i * (BOX_W + GAP_X),
                MARGIN + depth * (BOX_H + GAP_Y),
                shown,
            )
    grouped: dict[tuple[str, str], list[dict[str, str]]] = {}
    for transition in transitions:
        grouped.setdefault((transition["source"], transition["target"]), []).append(transition)
    arrows = []
    lanes = {-1: 0, 1: 0}  # the ways round each side taken so far, each a little further out
    placed = list(boxes.values())
    for (source, target), group in grouped.items():
        state = _share([t["key"] for t in group], taken_keys)
        labels = "; ".join(
            t["label"] + ("" if taken_keys is None or t["key"] in taken_keys else " (not taken)")
            for t in group
        )
        if source == target:
            route = _loop(boxes[source])
        else:
            route = _route(boxes[source], boxes[target], placed, lanes)
        arrows.append(Arrow(route, state, f"{names[source]} → {names[target]}: {labels}"))
    description = f"{len(states)} states and {len(transitions)} transitions"
    if taken_keys is not None and reached_states is not None:
        done = sum(t["key"] in taken_keys for t in transitions)
        description += (
            f"; {len(reached_states & set(states))} states reached and {done} transitions taken"
        )
    points = [point for arrow in arrows for point in arrow.route.samples()]
    points += [(box.x, box.y) for box in placed] + [
        (box.x + box.w, box.y + box.h) for box in placed
    ]
    left, top = min(x for x, _ in points) - MARGIN, min(y for _, y in points) - MARGIN
    right, bottom = max(x for x, _ in points) + MARGIN, max(y for _, y in points) + MARGIN
    return Diagram(
        id,
        (left, top, right - left, bottom - top),
        tuple(boxes[state] for state in states),
        tuple(arrows),
        description,
    )
