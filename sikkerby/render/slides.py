"""The presentation's slides as HTML: a slide's frame (number, heading, body, "Kilde:" line),
its parts (status, large numbers, tables, paragraphs), charts as inline SVG and the district
map as SVG, and the style sheet that fits every slide to the screen and prints one slide per
landscape page.

Every text is escaped here: text from the data files is shown as written, never read as HTML.
Charts are drawn to SVG on the server (vl-convert, which bundles Vega): a slide is one piece of
HTML that needs no script, no network and no second request, and prints as it looks.

Sizes follow the screen: `--u` is a hundredth of the slide's height (or of a narrow screen's
width), so a slide at 1280×720 is the same slide as at 1920×1080, two thirds the size. Body text
is 2.3u (24.8 px at 1080 px high, 16.6 px at 720) and large numbers 5u (54 px, 36 px).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sikkerby.domain.districts import DistrictYear
from sikkerby.domain.registry import Side
from sikkerby.render import charts, locator, text
from sikkerby.render.scale import HATCH_CSS, NO_DATA_FILL, NO_DATA_HATCH, ColourScale

if TYPE_CHECKING:
    from sikkerby.boundaries import Boundaries

# Status badges: a symbol and the label say it; the colour (text on a light ground, at least
# 4.5:1) only repeats it.
BADGE_COLOURS = {
    "green": ("#0b5d1e", "#e3f3e6"),
    "blue": ("#0b4f8c", "#e3eef8"),
    "orange": ("#8a3b00", "#fdebd8"),
    "red": ("#8f1d1d", "#fbe4e4"),
    "gray": ("#3d3d3d", "#ececec"),
}
MAP_WIDTH = 600  # the map's own units; it is scaled to the space the slide has
MAP_LABEL_PX = 24  # in map units: at least 16 px on a 1280×720 slide (map drawn ≥ 400 px wide)
HATCH_ID = "dias-ingen-data"
_OUTLINE = {
    Side.WRONG: ("#1a1a1a", 5.0, None),
    Side.RIGHT: ("#4d4d4d", 1.2, None),
    Side.NO_DATA: ("#6e6e6e", 1.2, "2 4"),
}
_UNCERTAIN_DASH = "9 6"

CSS = """
.dias-scene { --u: min(1vh, 1.9vw); height: calc(100dvh - var(--styring, 5.5rem));
  display: flex; align-items: stretch; justify-content: center; }
.dias { box-sizing: border-box; width: 100%; max-width: calc(100dvh * 16 / 9); height: 100%;
  display: grid; grid-template-rows: auto minmax(0, 1fr) auto; gap: calc(1.2 * var(--u));
  padding: calc(2.5 * var(--u)) calc(3.5 * var(--u)); overflow: hidden; background: #ffffff;
  color: #141414; font-size: max(16px, calc(2.3 * var(--u))); line-height: 1.3;
  border: 1px solid #c8c8c8; border-radius: 6px; }
.dias * { box-sizing: border-box; }
.dias header { display: flex; align-items: baseline; gap: calc(2 * var(--u)); }
.dias h1, .dias h2 { margin: 0; padding: 0; font-weight: 700; line-height: 1.15; color: #141414; }
.dias h1 { font-size: calc(6.5 * var(--u)); }
.dias h2 { font-size: calc(4.4 * var(--u)); }
.dias h3 { margin: 0 0 0.3em; padding: 0; font-size: calc(3 * var(--u)); line-height: 1.2; }
.dias .nr { margin-left: auto; color: #4a4a4a; white-space: nowrap; }
.dias .indhold { min-height: 0; display: flex; flex-direction: column; gap: calc(1.6 * var(--u)); }
.dias p { margin: 0; }
.dias .kilde { margin: 0; color: #3f3f3f; font-size: max(16px, calc(2.3 * var(--u))); }
.dias .status { display: flex; align-items: baseline; gap: calc(1.5 * var(--u)); flex-wrap: wrap; }
.dias .maerke { display: inline-block; padding: 0.1em 0.5em; border-radius: 0.3em;
  font-weight: 700; white-space: nowrap; }
.dias .tal { display: flex; flex-wrap: wrap; gap: calc(1.2 * var(--u)) calc(4 * var(--u)); }
.dias .tal div { display: flex; flex-direction: column; }
.dias .tal span { color: #3f3f3f; }
.dias .tal strong { font-size: calc(5 * var(--u)); line-height: 1.1; white-space: nowrap; }
.dias .graf { flex: 1 1 0; min-height: 0; display: flex; justify-content: center; }
.dias .graf svg { width: 100%; height: 100%; }
.dias .graf.smal { display: none; }
.dias table { border-collapse: collapse; width: 100%; }
.dias th, .dias td { text-align: left; vertical-align: top; padding: 0.25em 0.6em 0.25em 0;
  border-bottom: 1px solid #c8c8c8; }
.dias th { font-weight: 700; border-bottom: 2px solid #141414; }
.dias td b { display: block; }
.dias td b + small { display: block; margin-bottom: 0.2em; max-width: 17em; }
.dias td small { color: #3f3f3f; font-size: max(16px, 0.8em); line-height: 1.15; }
.dias-oversigt { font-size: max(16px, calc(2.25 * var(--u))); }
.dias-titel .indhold { justify-content: center; gap: calc(3 * var(--u)); }
.dias-titel .under { font-size: calc(3.4 * var(--u)); }
.dias .to { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr);
  gap: calc(3 * var(--u)); min-height: 0; height: 100%; }
.dias .to > div { min-height: 0; display: flex; flex-direction: column; gap: calc(1.2 * var(--u)); }
.dias .kort { flex: 1 1 0; min-height: 0; }
.dias .kort svg { width: 100%; height: 100%; }
.dias .kort text { font-weight: 700; paint-order: stroke; stroke: #ffffff; stroke-width: 5px; }
.dias .forklaring ul { list-style: none; margin: 0; padding: 0; }
.dias .forklaring li { display: flex; gap: 0.5em; align-items: center; margin: 0.1em 0; }
.dias .felt { display: inline-block; flex: none; width: 2em; height: 1em; }
.dias .byer { display: grid; grid-template-columns: repeat(auto-fit, minmax(18em, 1fr));
  gap: calc(2 * var(--u)); }
@media (max-width: 700px) {
  .dias-scene { --u: 0.5vh; --styring: 8rem; }
  /* With the year buttons; the exit's note that the deck is for a projector takes two lines
     (sikkerby.ui.presenter). */
  .dias-scene.flere-knapper { --styring: 13rem; }
  .dias { padding: 12px; gap: 8px; font-size: 14px; line-height: 1.25; border: none; }
  .dias h1 { font-size: 28px; }
  .dias h2 { font-size: 19px; }
  .dias h3 { font-size: 17px; }
  .dias td small { font-size: 10px; line-height: 1.1; }
  .dias table { table-layout: fixed; }
  .dias th:first-child { width: 40%; }
  .dias-oversigt table { font-size: 12px; line-height: 1.15; }
  .dias td b { display: block; }
  .dias th, .dias td { overflow-wrap: anywhere; hyphens: auto; }
  .dias th, .dias td { padding: 2px 4px 2px 0; }
  .dias .kilde, .dias-oversigt { font-size: 13px; }
  .dias .indhold { gap: 8px; }
  .dias .tal { gap: 4px 16px; }
  .dias .tal strong { font-size: 22px; }
  .dias .graf.bred { display: none; }
  .dias .graf.smal { display: flex; }
  .dias .to { grid-template-columns: 1fr; grid-template-rows: minmax(0, 1fr) auto; gap: 8px; }
  .dias .forklaring li { margin: 0; }
  .dias .byer { grid-template-columns: 1fr; gap: 8px; }
}
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  .dias-bunke { --u: 1.75mm; }
  .dias { height: 180mm; max-width: none; border: none; break-after: page;
    page-break-after: always; }
  .dias:last-child { break-after: auto; page-break-after: auto; }
}
"""


def escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def frame(number: int, total: int, heading: str, body: str, source: str, kind: str) -> str:
    """One slide: its heading, its number, its body (HTML made here) and its "Kilde:" line."""
    label = f"Dias {number} af {total}: {heading}"
    return (
        f'<section class="dias dias-{kind}" aria-roledescription="dias" '
        f'aria-label="{escape(label)}" data-dias="{number}">'
        f'<header><h2>{escape(heading)}</h2><p class="nr">{number}/{total}</p></header>'
        f'<div class="indhold">{body}</div>'
        f'<p class="kilde">{escape(source)}</p></section>'
    )


def title(heading: str, lines: Sequence[str]) -> str:
    """The title slide's body: the title, then a line each (the data's date, the period)."""
    rest = "".join(f'<p class="under">{escape(line)}</p>' for line in lines)
    return f"<h1>{escape(heading)}</h1>{rest}"


def paragraph(words: str | None) -> str:
    return f"<p>{escape(words)}</p>" if words else ""


def badge(label: str, symbol: str, colour: str) -> str:
    ink, ground = BADGE_COLOURS[colour]
    return (
        f'<span class="maerke" style="color:{ink};background:{ground}">'
        f'<span aria-hidden="true">{escape(symbol)}</span> {escape(label)}</span>'
    )


def status(label: str, symbol: str, colour: str, reason: str) -> str:
    return f'<div class="status">{badge(label, symbol, colour)}<p>{escape(reason)}</p></div>'


def figures(shown: Sequence[tuple[str, str]]) -> str:
    """Large numbers, each under its label."""
    items = "".join(
        f"<div><span>{escape(label)}</span><strong>{escape(value)}</strong></div>"
        for label, value in shown
    )
    return f'<div class="tal">{items}</div>'


def table(headers: Sequence[str], rows: Sequence[Sequence[str | tuple[str, str]]]) -> str:
    """A table; a cell is a text, or lines of (value, label): each value with its label small
    under it."""

    def cell(value) -> str:
        if isinstance(value, str):
            return escape(value)
        return "".join(
            f"<b>{escape(v)}</b>" + (f"<small>{escape(label)}</small>" if label else "")
            for v, label in value
        )

    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def columns(left: str, right: str) -> str:
    return f'<div class="to"><div>{left}</div><div>{right}</div></div>'


NARROW = (330, 230)  # a chart's own size on a phone (a slide's width is the phone's)


def chart(wide: str, narrow: str) -> str:
    """A chart drawn as SVG in the space left on the slide: drawn twice (`slide_spec`,
    `slide_svg`; `sikkerby.drawing.slide_chart` draws), for a wide screen and for a phone, so
    that its text stays readable on both."""
    return f'<div class="graf bred">{wide}</div><div class="graf smal">{narrow}</div>'


_ROOT_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def slide_spec(spec: dict, width: int, height: int) -> dict:
    """A chart's Vega-Lite spec made to draw at `width`×`height` of a slide's units; the SVG
    scales to its box."""
    # The chart keeps the slide's units: its width holds a bar chart's column of values, its
    # height the notes above its plot (the SVG would grow and its texts shrink below 16 px).
    spec["width"], spec["height"] = width, height - charts.notes_height(spec.get("layer", []))
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    _legends_in_a_row(spec)  # a slide is wide: its legend need not stand one area per line
    # Vega measures text with its own font; the browser's may be a little wider.
    spec["padding"] = {"left": 24, "right": 24, "top": 8, "bottom": 8}
    spec.setdefault("config", {})["background"] = "#ffffff"
    return spec


def slide_svg(svg: str, spec: dict) -> str:
    """The SVG drawn from `slide_spec`, as one image for a screen reader: Vega's English ARIA
    words replaced by the chart's Danish description; it scales to its box."""
    svg = _ROOT_ARIA.sub("", svg)
    name = escape(spec.get("description") or "Graf")
    return re.sub(
        r"^<svg ([^>]*?) width=\"[\d.]+\" height=\"[\d.]+\"",
        rf'<svg \1 role="img" aria-label="{name}" preserveAspectRatio="xMidYMid meet"',
        svg,
        count=1,
    )


def _legends_in_a_row(node) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("legend"), dict):
            # Room between the entries: Vega measures text narrower than the browser draws it.
            node["legend"].update(columns=4, columnPadding=48)
        for value in node.values():
            _legends_in_a_row(value)
    elif isinstance(node, list):
        for item in node:
            _legends_in_a_row(item)


def district_map(data: DistrictYear, scale: ColourScale, name: str, shapes: Boundaries) -> str:
    """The district map on a slide (see `district_svg`)."""
    return f'<div class="kort">{district_svg(data, scale, name, shapes)}</div>'


def district_value(data: DistrictYear, district) -> str:
    """A district's figure as the map writes it ("17 %", or that there is none)."""
    figure = district.figure
    return text.shown(data.indicator.measure, figure.value) if figure else text.NO_DATA


def district_svg(
    data: DistrictYear,
    scale: ColourScale,
    name: str,
    shapes: Boundaries,
    size: bool = False,
    label_svg: str | None = None,
) -> str:
    """The districts (`shapes`: the site's) of one measure and year as SVG: filled by the scale
    (hatched: no figure), outlined by their side of the threshold (thick: the wrong side;
    dashed: the margin reaches across it), each with its figure written on it (at least 16 px
    on a 1280×720 slide). With `size`, the SVG has its own width and height (for an image),
    else it fills its box.
    `label_svg` (SVG in the map's units, `locator.district_layout(MAP_WIDTH)`) are written in
    place of the figures (the report's map names the districts too)."""
    height, layout = locator.district_layout(MAP_WIDTH, shapes)
    by_slug = {d.slug: d for d in data.districts}
    paths, labels = [], []
    for slug, district_name, d, (x, y) in layout:
        district = by_slug[slug]
        figure = district.figure
        fill = scale.colour(figure.value if figure else None) or f"url(#{HATCH_ID})"
        colour, width, dash = _OUTLINE[district.side]
        if district.uncertain:
            dash, width = _UNCERTAIN_DASH, max(width, 3.0)
        value = district_value(data, district)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        paths.append(
            f'<path d="{d}" fill="{fill}" stroke="{colour}" stroke-width="{width}"{dashes}>'
            f"<title>{escape(f'{district_name}: {value}')}</title></path>"
        )
        labels.append(
            f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="middle" dominant-baseline="middle" '
            f'font-size="{MAP_LABEL_PX}">{escape(value)}</text>'
        )
    # The wrong side's thick outlines are drawn last, so neighbours do not cover them.
    order = sorted(range(len(paths)), key=lambda i: by_slug[layout[i][0]].side == Side.WRONG)
    hatch = (
        f'<pattern id="{HATCH_ID}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{NO_DATA_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{NO_DATA_HATCH}" stroke-width="3"/></pattern>'
    )
    sized = f'width="{MAP_WIDTH + 12}" height="{height + 12}" ' if size else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {sized}viewBox="-6 -6 {MAP_WIDTH + 12} '
        f'{height + 12}" role="img" aria-label="{escape(name)}" '
        f'preserveAspectRatio="xMidYMid meet"><defs>{hatch}</defs>'
        f'<g stroke-linejoin="round">{"".join(paths[i] for i in order)}</g>'
        f'<g fill="#000000" font-family="sans-serif">{label_svg or "".join(labels)}</g></svg>'
    )


def legend(data: DistrictYear, scale: ColourScale) -> str:
    """The map's colour classes, each with its swatch and words, then the outlines with the
    districts named under each, so nothing rests on colour alone."""
    items = [
        f'<li><span class="felt" style="background:{c.colour};border:1px solid #4d4d4d">'
        f"</span>{escape(c.label)}</li>"
        for c in scale.classes
    ]
    sides = list(Side) if data.threshold is not None else [Side.RIGHT, Side.NO_DATA]
    for side in sides:
        named = [d.name for d in data.on(side)]
        if not named:
            continue
        colour, width, dash = _OUTLINE[side]
        border = f"{max(width, 1):.0f}px {'dotted' if dash else 'solid'} {colour}"
        background = f"background:{HATCH_CSS}" if side == Side.NO_DATA else "background:#ffffff"
        items.append(
            f'<li><span class="felt" style="{background};border:{border}"></span><span><b>'
            f"{escape(text.side_heading(side, data))}:</b> {escape(', '.join(named))}</span></li>"
        )
    uncertain = [d.name for d in data.districts if d.uncertain]
    if data.threshold is not None and uncertain:
        items.append(
            f'<li><span class="felt" style="background:#ffffff;border:3px dashed #1a1a1a">'
            f"</span><span><b>Stiplet kant, usikkerheden når over tærsklen:</b> "
            f"{escape(', '.join(uncertain))}</span></li>"
        )
    return f'<div class="forklaring"><b>{escape(scale.title)}</b><ul>{"".join(items)}</ul></div>'


def deck(slides: Sequence[str]) -> str:
    """Slides one after another (the handout: one per printed page)."""
    return f'<div class="dias-bunke">{"".join(slides)}</div>'


def scene(slide: str, more_controls: bool = False) -> str:
    """One slide filling the screen (less of it where more controls stand under it). Its
    hatching gets an id of its own: the same slide is in the handout too, and a pattern is
    drawn from the copy its id names."""
    own = slide.replace(f'id="{HATCH_ID}"', f'id="{HATCH_ID}-skaerm"').replace(
        f"url(#{HATCH_ID})", f"url(#{HATCH_ID}-skaerm)"
    )
    kind = "dias-scene flere-knapper" if more_controls else "dias-scene"
    return f'<div class="{kind}">{own}</div>'
