"""Charts as inline SVG: no script, no font or stylesheet from the internet.

Each function returns one ``<svg>`` element whose ``data-chart`` attribute names
it, so a test can check that every promised chart is on the page.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

PALETTE = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#8d99ae", "#6d597a"]
FLAG = "#d62828"
INCIDENT = "#f4a26133"
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    step = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * step:
            step *= m
            break
    first = math.floor(lo / step)
    last = math.ceil(hi / step - 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


def _fmt(v: float, percent: bool = False) -> str:
    if percent:
        return f"{v * 100:.{0 if abs(v) >= 0.1 or v == 0 else 1}f}%"
    if abs(v) >= 1_000_000:
        return f"{v / 1_000_000:.1f}M"
    if abs(v) >= 1_000:
        return f"{v / 1_000:.0f}k" if abs(v) >= 10_000 else f"{v / 1_000:.1f}k"
    return f"{v:g}"


@dataclass
class Series:
    name: str
    dates: Sequence[dt.date]
    values: Sequence[float | None]
    flagged: Sequence[dt.date] = field(default_factory=list)
    dashed: bool = False


def time_series(chart_id: str, title: str, series: list[Series],
                incidents: Sequence[tuple[dt.date, dt.date, str]] = (),
                percent: bool = False, width: int = 900, height: int = 220) -> str:
    """Lines over time; flagged days as red dots, incidents as shaded bands."""
    left, right, top, bottom = 56, 12, 26, 28
    all_dates = [d for s in series for d in s.dates]
    values = [v for s in series for v in s.values if v is not None]
    if not all_dates or not values:
        return _empty(chart_id, title, width)
    d0, d1 = min(all_dates), max(all_dates)
    span = max((d1 - d0).days, 1)
    ticks = _ticks(min(0.0, min(values)), max(values))
    lo, hi = ticks[0], ticks[-1]

    def x(d: dt.date) -> float:
        return left + (d - d0).days / span * (width - left - right)

    def y(v: float) -> float:
        return top + (1 - (v - lo) / ((hi - lo) or 1)) * (height - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" data-chart="{_esc(chart_id)}" '
             f'viewBox="0 0 {width} {height}" width="100%" role="img" {FONT}>',
             f'<title>{_esc(title)}</title>',
             f'<text x="{left}" y="15" font-size="13" font-weight="600">{_esc(title)}</text>']
    for start, end, label in incidents:
        if end < d0 or start > d1:
            continue
        x0, x1 = x(max(start, d0)), x(min(end, d1) + dt.timedelta(days=1))
        parts.append(f'<rect x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 1.5):.1f}" '
                     f'height="{height - top - bottom}" fill="{INCIDENT}">'
                     f'<title>{_esc(label)}</title></rect>')
    for t in ticks:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{y(t) + 3:.1f}" text-anchor="end">'
                     f'{_fmt(t, percent)}</text>')
    for year in range(d0.year, d1.year + 2):
        d = dt.date(year, 1, 1)
        if d0 <= d <= d1:
            parts.append(f'<line x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top}" '
                         f'y2="{height - bottom}" stroke="#bbb" stroke-dasharray="2 3"/>')
        mid = dt.date(year, 7, 1)
        if d0 <= mid <= d1:
            parts.append(f'<text x="{x(mid):.1f}" y="{height - 10}" text-anchor="middle">'
                         f'{year}</text>')
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in zip(s.dates, s.values)
                          if v is not None)
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1"{dash} '
                     f'points="{points}"><title>{_esc(s.name)}</title></polyline>')
        by_date = dict(zip(s.dates, s.values))
        for d in s.flagged:
            v = by_date.get(d)
            if v is not None:
                parts.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.5" fill="{FLAG}">'
                             f'<title>{_esc(s.name)} {d}: {_fmt(v, percent)} flagged</title>'
                             '</circle>')
    legend_x = width - right
    for i, s in enumerate(reversed(series)):
        colour = PALETTE[(len(series) - 1 - i) % len(PALETTE)]
        legend_x -= 8 + 7 * len(s.name) + 18
        parts.append(f'<rect x="{legend_x}" y="7" width="12" height="3" fill="{colour}"/>'
                     f'<text x="{legend_x + 16}" y="12">{_esc(s.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bars(chart_id: str, title: str, labels: Sequence[str],
         groups: dict[str, Sequence[float | None]], percent: bool = False,
         target: float | None = None, width: int = 900, row: int = 18) -> str:
    """Horizontal grouped bars, one row per label; an optional target line."""
    left, right, top = 190, 60, 30
    n_groups = max(len(groups), 1)
    height = top + len(labels) * (row * n_groups + 6) + 10
    values = [v for vs in groups.values() for v in vs if v is not None]
    if not labels or not values:
        return _empty(chart_id, title, width)
    hi = max(values + ([target] if target is not None else []))
    hi = hi if hi > 0 else 1

    def x(v: float) -> float:
        return left + max(v, 0) / hi * (width - left - right)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" data-chart="{_esc(chart_id)}" '
             f'viewBox="0 0 {width} {height}" width="100%" role="img" {FONT}>',
             f'<title>{_esc(title)}</title>',
             f'<text x="8" y="15" font-size="13" font-weight="600">{_esc(title)}</text>']
    legend_x = left
    for i, name in enumerate(groups):
        parts.append(f'<rect x="{legend_x}" y="19" width="10" height="8" '
                     f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                     f'<text x="{legend_x + 14}" y="27">{_esc(name)}</text>')
        legend_x += 24 + 7 * len(name)
    y = top + 4
    for k, label in enumerate(labels):
        parts.append(f'<text x="{left - 6}" y="{y + row * n_groups / 2 + 4:.1f}" '
                     f'text-anchor="end">{_esc(label)}</text>')
        for i, (name, vs) in enumerate(groups.items()):
            v = vs[k]
            if v is None:
                continue
            parts.append(f'<rect x="{left}" y="{y + i * row:.1f}" width="{x(v) - left:.1f}" '
                         f'height="{row - 3}" fill="{PALETTE[i % len(PALETTE)]}">'
                         f'<title>{_esc(label)} {_esc(name)}: {_fmt(v, percent)}</title></rect>'
                         f'<text x="{x(v) + 4:.1f}" y="{y + i * row + row - 6:.1f}">'
                         f'{_fmt(v, percent)}</text>')
        y += row * n_groups + 6
    if target is not None:
        parts.append(f'<line x1="{x(target):.1f}" x2="{x(target):.1f}" y1="{top}" '
                     f'y2="{height - 6}" stroke="{FLAG}" stroke-dasharray="4 3">'
                     f'<title>target {_fmt(target, percent)}</title></line>')
    parts.append("</svg>")
    return "".join(parts)


def heatmap(chart_id: str, title: str, rows: Sequence[str], columns: Sequence[str],
            cells: dict[tuple[str, str], float], width: int = 900) -> str:
    """A grid of shares (0 to 1), darker for more; blank where there is no cell."""
    left, top, cell_h = 150, 110, 18
    cell_w = max(14, min(40, (width - left - 10) // max(len(columns), 1)))
    height = top + len(rows) * cell_h + 10
    hi = max([v for v in cells.values() if v is not None] + [1e-9])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" data-chart="{_esc(chart_id)}" '
             f'viewBox="0 0 {width} {height}" width="100%" role="img" {FONT}>',
             f'<title>{_esc(title)}</title>',
             f'<text x="8" y="15" font-size="13" font-weight="600">{_esc(title)}</text>']
    for j, col in enumerate(columns):
        cx = left + j * cell_w + cell_w / 2
        parts.append(f'<text transform="translate({cx:.1f},{top - 4}) rotate(-60)">'
                     f'{_esc(col)}</text>')
    for i, row_name in enumerate(rows):
        cy = top + i * cell_h
        parts.append(f'<text x="{left - 6}" y="{cy + 13}" text-anchor="end">'
                     f'{_esc(row_name)}</text>')
        for j, col in enumerate(columns):
            v = cells.get((row_name, col))
            if v is None:
                continue
            shade = 0.08 + 0.92 * math.sqrt(v / hi)
            parts.append(f'<rect x="{left + j * cell_w}" y="{cy}" width="{cell_w - 1}" '
                         f'height="{cell_h - 1}" fill="#e76f51" fill-opacity="{shade:.2f}">'
                         f'<title>{_esc(row_name)}.{_esc(col)}: {_fmt(v, True)}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def _empty(chart_id: str, title: str, width: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" data-chart="{_esc(chart_id)}" '
            f'viewBox="0 0 {width} 40" width="100%" role="img" {FONT}>'
            f'<title>{_esc(title)}</title><text x="8" y="24">{_esc(title)}: no data</text></svg>')
