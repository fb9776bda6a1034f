"""The district map: a folium (Leaflet) choropleth of one measure and year, built for offline use.

Each district is filled from the measure's colour scale (`sikkerby.render.scale`) and outlined
by its side of the threshold, so meaning never rests on colour alone: a thick outline on the
wrong side (counted as the strategy counts: the published figure against the threshold), a thin
one on the right side, dashed where the survey's margin reaches across the threshold, and grey
hatching with the words "ingen data" where nothing is published. Each district also carries a
label with its name and value, placed in the browser so that no label covers another (see
`_LabelPlacement`). The tooltip's text is escaped here, because Leaflet shows it as HTML.

The map uses core Leaflet only (see `sikkerby.render.leaflet`): no tiles, no branca legend, no
icons.
"""

from __future__ import annotations

import html

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from sikkerby import fmt
from sikkerby.domain.districts import District, DistrictYear
from sikkerby.domain.registry import Side
from sikkerby.render import leaflet, text
from sikkerby.render.scale import HATCH_CSS, NO_DATA_FILL, NO_DATA_HATCH, ColourScale

HATCH_ID = "ingen-data"
OUTLINE = "#1a1a1a"
DASHES = "9 6"
# Leaflet path options by side of the threshold; dashed where the margin reaches across it.
OUTLINES = {
    Side.WRONG: {"color": OUTLINE, "weight": 4.5},
    Side.RIGHT: {"color": "#4d4d4d", "weight": 1.2},
    Side.NO_DATA: {"color": "#6e6e6e", "weight": 1.2, "dashArray": "2 4"},
}
UNCERTAIN_WEIGHT = 2.5  # a right-side district within the margin: dashed, and easier to see
OUTLINE_LEGEND = {
    Side.WRONG: "tyk kant",
    Side.RIGHT: "tynd kant",
    Side.NO_DATA: "gråt skraveret, »ingen data«",
}
NAMES_ZOOM = 12  # district names on the map from this zoom (see _MapSetup)
LABEL_STEP_PX = 6  # the grid of spots a label may be moved to, in the map's pixels
LABEL_CORNER_PX = 12  # a label's corner outside its district: as bad as moving it this far
HEIGHT_PX = 470  # with the title and the measures above it, in a 1280×720 screen

_CSS = """
<style>
.leaflet-container { background: #ffffff; font-family: "DejaVu Sans", sans-serif; }
/* As tall as its frame, which the page sizes to the screen (sikkerby.ui.style). */
#map_div { height: calc(100vh - 24px) !important; }
/* In the corner over the sea, wrapped, not across the city. */
.leaflet-control-attribution { max-width: 50%; line-height: 1.3; }
/* A phone: the boundaries' source is said under the map, not over Amager. */
@media (max-width: 600px) { .leaflet-control-attribution { display: none; } }
.bydel-etiket { text-align: center; white-space: nowrap; pointer-events: none;
  transform: translate(-50%, -50%); width: max-content; }
.bydel-etiket span { display: inline-block; background: rgba(255,255,255,0.9);
  border: 1px solid #4d4d4d; border-radius: 3px; padding: 0 4px; font-size: 16px;
  line-height: 1.25; color: #000; }
.bydel-etiket.side-wrong span { border: 3px solid #1a1a1a; font-weight: bold; }
.bydel-etiket.usikker span { border-style: dashed; }
.bydel-etiket.side-no_data span { color: #444; font-style: italic; }
.bydel-etiket.valgt span { border: 4px double #000; background: #fff; font-weight: bold; }
.bydel-etiket.valgt span::before { content: "▶ "; }
.bydel-etiket .navn { font-style: normal; }
.kort-lille .bydel-etiket .navn, .bydel-etiket.uden-navn .navn { display: none; }
.kort-mindst .bydel-etiket:not(.side-wrong):not(.valgt), .bydel-etiket.skjult { display: none; }
.leaflet-tooltip { font-size: 15px; width: 340px; white-space: normal; }
.leaflet-tooltip table td { padding: 0; }
</style>
"""


class _HatchPattern(MacroElement):
    """Adds the 'ingen data' hatching as an SVG pattern to the map's vector layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const svg = {{ this.layer.get_name() }}.getLayers()[0]._renderer._container;
            const defs = document.createElementNS(svg.namespaceURI, "defs");
            defs.innerHTML = '<pattern id="{{ this.pattern_id }}" width="8" height="8" '
                + 'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                + '<rect width="8" height="8" fill="{{ this.fill }}"/>'
                + '<line x1="0" y1="0" x2="0" y2="8" stroke="{{ this.stroke }}" stroke-width="3"/>'
                + '</pattern>';
            svg.insertBefore(defs, svg.firstChild);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layer: folium.GeoJson, fill: str, stroke: str):
        super().__init__()
        self.layer = layer  # named at render time: streamlit-folium renames elements
        self.pattern_id = HATCH_ID
        self.fill = fill
        self.stroke = stroke


class _MapSetup(MacroElement):
    """Local marker images (Leaflet guesses their path wrong), the boundaries' attribution and
    Danish labels on the zoom buttons."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.images|tojson }};
        (function (zoom) {
            if (!zoom) { return; }
            for (const [button, label] of [[zoom._zoomInButton, "Zoom ind"],
                                           [zoom._zoomOutButton, "Zoom ud"]]) {
                button.title = label;
                button.setAttribute("aria-label", label);
            }
        })({{ this._parent.get_name() }}.zoomControl);
        (function (map) {
            // Names only where there is room for them: below this zoom (a map narrower than
            // about 900 px) each district shows its figure, its name is in its tooltip.
            const room = () => {
                const classes = map.getContainer().classList;
                classes.toggle("kort-lille", map.getZoom() < {{ this.names_zoom }});
                // A phone: only the districts on the wrong side (and the chosen one) keep a label.
                classes.toggle("kort-mindst", map.getZoom() < {{ this.names_zoom }} - 1);
            };
            map.on("zoomend", room);
            room();
        })({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.images = leaflet.images()
        self.names_zoom = NAMES_ZOOM


class _LabelPlacement(MacroElement):
    """Places the districts' labels so that none covers another or leaves the map, whenever the
    map is drawn, zoomed, moved or resized, or the chosen district's label comes or goes.

    The labels are placed one by one, the more important first: the chosen district, then
    those on the wrong side of the threshold, those on the right side, and last the districts
    with no figure ("ingen data": their hatching and the legend say it too); smaller districts
    before larger ones, which have more room. Each label goes to the free spot nearest its
    district's label point, with its middle inside the district (and, where there is room, its
    corners too); where none is free, the label drops its name (the figure stays); where there
    is still none, it is left out: the table and the tooltip under and on the map keep the
    figure. Only core Leaflet, no library: a few kB of script in the map's own page.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, layer) {
            const GAP = 2, STEP = {{ this.step }}, CORNER = {{ this.corner }};
            const rank = (e) => e.classList.contains("valgt") ? 0
                : e.classList.contains("side-wrong") ? 1
                : e.classList.contains("side-no_data") ? 3 : 2;
            const inside = (x, y, rings) => {
                let odd = false;
                for (const ring of rings) {
                    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                        const [xi, yi] = ring[i], [xj, yj] = ring[j];
                        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                            odd = !odd;
                        }
                    }
                }
                return odd;
            };
            const area = (ring) => {
                let a = 0;
                for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                    a += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
                }
                return Math.abs(a) / 2;
            };
            // Each district in the map's pixels: the rings of its largest part (not a sea fort
            // of a district far out in the water) and the grid points in it.
            const districts = () => {
                const out = {};
                layer.eachLayer((l) => {
                    let parts = l.getLatLngs();
                    parts = L.LineUtil.isFlat(parts) ? [[parts]]
                        : L.LineUtil.isFlat(parts[0]) ? [parts] : parts;
                    const rings = parts.map((part) => part.map((ring) => ring.map((ll) => {
                        const p = map.latLngToContainerPoint(ll);
                        return [p.x, p.y];
                    }))).sort((a, b) => area(b[0]) - area(a[0]))[0];
                    // The grid only for a label that cannot stay at its own point.
                    let points = null;
                    const grid = () => {
                        if (points) { return points; }
                        const xs = rings[0].map((p) => p[0]), ys = rings[0].map((p) => p[1]);
                        points = [];
                        for (let x = Math.min(...xs); x <= Math.max(...xs); x += STEP) {
                            for (let y = Math.min(...ys); y <= Math.max(...ys); y += STEP) {
                                if (inside(x, y, rings)) { points.push([x, y]); }
                            }
                        }
                        return points;
                    };
                    out[l.feature.properties.slug] = {rings, grid, area: area(rings[0])};
                });
                return out;
            };
            const free = (b, taken) => taken.every((t) =>
                b[2] <= t[0] || t[2] <= b[0] || b[3] <= t[1] || t[3] <= b[1]);
            // The free spot for a label of `form`'s size, all of it in the map, with its middle
            // in the district: the nearest to the label's own point, where each corner outside
            // the district counts as CORNER px farther.
            function find(form, shape, size, taken) {
                const w = form.w / 2 + GAP, h = form.h / 2 + GAP;
                const at = (x, y, far) => {
                    const b = [x - w, y - h, x + w, y + h];
                    if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) { return null; }
                    if (!free(b, taken)) { return null; }
                    const corners = [[b[0], b[1]], [b[2], b[1]], [b[0], b[3]], [b[2], b[3]]];
                    const out = shape ? corners.filter(([cx, cy]) => !inside(cx, cy, shape.rings))
                        .length : 0;
                    return {x, y, box: b, score: far + CORNER * out};
                };
                let best = at(form.x, form.y, 0);
                if (!shape || (best && best.score === 0)) { return best; }
                const spots = shape.grid()
                    .map(([x, y]) => [x, y, Math.hypot(x - form.x, y - form.y)])
                    .sort((a, b) => a[2] - b[2]);
                for (const [x, y, far] of spots) {
                    if (best && far >= best.score) { break; }
                    const spot = at(x, y, far);
                    if (spot && (!best || spot.score < best.score)) { best = spot; }
                }
                return best;
            }
            function place() {
                const container = map.getContainer(), size = map.getSize();
                const origin = container.getBoundingClientRect();
                const all = Array.from(container.querySelectorAll(".bydel-etiket"));
                for (const e of all) {
                    e.classList.remove("skjult", "uden-navn");
                    e.style.transform = "";
                }
                // The chosen district's own label stands for it.
                const chosen = new Set(all.filter((e) => e.classList.contains("valgt"))
                    .map((e) => e.dataset.bydel));
                for (const e of all) {
                    if (!e.classList.contains("valgt") && chosen.has(e.dataset.bydel)) {
                        e.classList.add("skjult");
                    }
                }
                const labels = all.filter((e) => e.getClientRects().length > 0);
                // Each label's own point as Leaflet has it (from its marker); its size, and where
                // its box's middle lies from that point, as drawn.
                const points = new Map();
                map.eachLayer((l) => {
                    if (l instanceof L.Marker && l.getElement()) {
                        points.set(l.getElement(), map.latLngToContainerPoint(l.getLatLng()));
                    }
                });
                const measure = (e) => {
                    const r = e.firstElementChild.getBoundingClientRect();
                    const holder = e.parentElement.getBoundingClientRect();
                    const p = points.get(e.parentElement) || {x: holder.left - origin.left,
                                                              y: holder.top - origin.top};
                    return {x: p.x + r.left + r.width / 2 - holder.left,
                            y: p.y + r.top + r.height / 2 - holder.top, w: r.width, h: r.height};
                };
                const full = labels.map(measure);
                labels.forEach((e) => e.classList.add("uden-navn"));
                const short = labels.map(measure);
                labels.forEach((e) => e.classList.remove("uden-navn"));
                // Nor do labels cover the zoom buttons or the attribution.
                const taken = Array.from(container.querySelectorAll(".leaflet-control"))
                    .filter((c) => c.getClientRects().length > 0).map((c) => {
                        const r = c.getBoundingClientRect();
                        return [r.left - origin.left, r.top - origin.top,
                                r.right - origin.left, r.bottom - origin.top];
                    });
                const shapes = districts();
                const room = (e) => (shapes[e.dataset.bydel] || {area: 0}).area;
                const order = labels.map((e, i) => i).sort((a, b) =>
                    rank(labels[a]) - rank(labels[b]) || room(labels[a]) - room(labels[b]));
                for (const i of order) {
                    const e = labels[i], shape = shapes[e.dataset.bydel];
                    const forms = short[i].w < full[i].w - 0.5 ? [full[i], short[i]] : [full[i]];
                    let spot = null;
                    for (const form of forms) {
                        spot = find(form, shape, size, taken);
                        if (spot) {
                            if (form !== full[i]) { e.classList.add("uden-navn"); }
                            const dx = spot.x - form.x, dy = spot.y - form.y;
                            if (dx || dy) {
                                e.style.transform =
                                    `translate(-50%, -50%) translate(${dx}px, ${dy}px)`;
                            }
                            taken.push(spot.box);
                            break;
                        }
                    }
                    if (!spot) { e.classList.add("skjult"); }
                }
            }
            let pending = false;
            const schedule = () => {
                if (pending) { return; }
                pending = true;
                requestAnimationFrame(() => { pending = false; place(); });
            };
            map.on("zoomend moveend resize layeradd layerremove", schedule);
            if (document.fonts) { document.fonts.ready.then(schedule); }
            schedule();
        })({{ this._parent.get_name() }}, {{ this.layer.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: folium.GeoJson):
        super().__init__()
        self.layer = layer  # named at render time: streamlit-folium renames elements
        self.step = LABEL_STEP_PX
        self.corner = LABEL_CORNER_PX


def tooltip_html(district: District, data: DistrictYear) -> str:
    """The tooltip for one district: every piece of text escaped, then joined as lines."""
    info, figure = data.indicator, district.figure
    lines = [f"<b>{html.escape(district.name)}</b>"]
    if figure is None:
        lines.append(f"{html.escape(info.short_name)} {data.year}: {text.NO_DATA}")
        lines.append(html.escape(f"Det mangler: {info.missing_hint}" if info.missing_hint else ""))
    else:
        shown = text.figure_text(figure, info.measure)
        lines.append(html.escape(f"{info.short_name} {data.year}: {shown}"))
        if data.threshold is not None:
            lines.append(html.escape(text.side_text(district).capitalize()))
        lines.append(html.escape(f"Ændring: {text.change_text(district.change, info.measure)}"))
        lines.append(html.escape(text.figure_source(figure)))
        lines.append(html.escape(text.source_notes(figure, info.measure)))
    return "<br>".join(line for line in lines if line)


def label_text(district: District, data: DistrictYear) -> str:
    figure = district.figure
    value = text.NO_DATA if figure is None else text.shown(data.indicator.measure, figure.value)
    return f'<i class="navn">{html.escape(district.name)}<br></i>{html.escape(value)}'


def feature_collection(data: DistrictYear, shapes: dict) -> dict:
    """The districts' shapes (the site's districts GeoJSON) with what the map needs per
    district: slug, name, tooltip, style."""
    by_slug = {d.slug: d for d in data.districts}
    features = []
    for shape in shapes["features"]:
        props = shape["properties"]
        district = by_slug[props["slug"]]
        features.append(
            {
                "type": "Feature",
                "geometry": shape["geometry"],
                "properties": {
                    "slug": props["slug"],
                    "name": props["name"],
                    "label": props["label"],
                    "side": district.side.value,
                    "uncertain": district.uncertain,
                    "tooltip": tooltip_html(district, data),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


SELECTED = {"color": "#000000", "weight": 8, "dashArray": None}  # and its label says "▶"


def style(district: District, scale: ColourScale) -> dict:
    """Leaflet path options: fill from the scale (hatching if missing), outline by side."""
    figure = district.figure
    fill = scale.colour(figure.value if figure else None)
    outline = dict(OUTLINES[district.side])
    if district.uncertain:
        outline["dashArray"] = DASHES
        outline["weight"] = max(outline["weight"], UNCERTAIN_WEIGHT)
    return {
        "dashArray": None,
        **outline,
        "fillColor": fill or f"url(#{HATCH_ID})",
        "fillOpacity": 0.9,
        "opacity": 1,
    }


def build_map(data: DistrictYear, scale: ColourScale, shapes: dict) -> folium.Map:
    """The choropleth of one measure and year (no tiles: it needs nothing from the internet)."""
    collection = feature_collection(data, shapes)
    by_slug = {d.slug: d for d in data.districts}
    m = folium.Map(
        tiles=None,
        zoom_snap=0.25,
        zoom_control=True,
        scrollWheelZoom=False,
        prefer_canvas=False,
    )
    m.get_root().header.add_child(Element(_CSS))
    # Leaflet shows an attribution as HTML.
    _MapSetup(html.escape(text.boundaries(shapes["attribution"]))).add_to(m)
    layer = folium.GeoJson(
        collection,
        name="bydele",
        style_function=lambda feature: style(by_slug[feature["properties"]["slug"]], scale),
        highlight_function=lambda feature: {"weight": 6, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
    )
    layer.add_to(m)
    _HatchPattern(layer, fill=NO_DATA_FILL, stroke=NO_DATA_HATCH).add_to(m)
    _LabelPlacement(layer).add_to(m)
    for feature in collection["features"]:
        props = feature["properties"]
        lon, lat = props["label"]
        classes = f"bydel-etiket side-{props['side']}" + (" usikker" if props["uncertain"] else "")
        district = by_slug[props["slug"]]
        _label(lat, lon, classes, district.slug, label_text(district, data)).add_to(m)
    coordinates = [
        point
        for feature in collection["features"]
        for ring in _rings(feature["geometry"])
        for point in ring
    ]
    lons = [p[0] for p in coordinates]
    lats = [p[1] for p in coordinates]
    m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    return m


def _label(lat: float, lon: float, classes: str, slug: str, escaped: str) -> folium.Marker:
    """A district's label on the map (its text already escaped), not clickable; `slug` tells the
    label placement whose it is."""
    return folium.Marker(
        [lat, lon],
        icon=folium.DivIcon(
            html=f'<div class="{classes}" data-bydel="{html.escape(slug)}"><span>{escaped}</span>'
            "</div>",
            icon_size=(0, 0),
            class_name="bydel-etiket-holder",
        ),
        interactive=False,
        keyboard=False,
    )


def selection_layer(data: DistrictYear, selected: str | None, shapes: dict) -> folium.FeatureGroup:
    """The chosen district marked on the map: the thickest outline and its label with ▶, in a
    layer of its own, so the map is not drawn anew when the choice changes (a map drawn anew
    made the district list forget the choice). Empty when nothing is chosen."""
    layer = folium.FeatureGroup(name="valgt bydel")
    if selected is None:
        return layer
    collection = feature_collection(data, shapes)
    feature = next((f for f in collection["features"] if f["properties"]["slug"] == selected), None)
    if feature is None:
        return layer
    district = data.district(selected)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": [feature]},
        style_function=lambda _: {**SELECTED, "fillOpacity": 0, "opacity": 1},
        interactive=False,
    ).add_to(layer)
    lon, lat = feature["properties"]["label"]
    classes = f"bydel-etiket valgt side-{district.side.value}"
    _label(lat, lon, classes, district.slug, label_text(district, data)).add_to(layer)
    return layer


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    else:
        for polygon in geometry["coordinates"]:
            yield from polygon


def _swatch(fill: str, border: str) -> str:
    return f'<span class="kort-felt" style="background:{fill};border:{border}"></span>'


_LEGEND_BORDERS = {
    Side.WRONG: f"4px solid {OUTLINE}",
    Side.RIGHT: "1px solid #4d4d4d",
    Side.NO_DATA: "1px dotted #6e6e6e",
}
_UNCERTAIN_BORDER = f"3px dashed {OUTLINE}"
_LEGEND_CSS = """
<style>
.kort-forklaring { font-size: max(16px, 0.9rem); line-height: 1.3; }
.kort-forklaring h4 { font-size: 1rem; margin: 0.3rem 0 0.15rem; padding: 0; }
.kort-forklaring ul { list-style: none; padding: 0; margin: 0; }
.kort-forklaring li { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0; }
.kort-felt { display: inline-block; flex: none; width: 2.2rem; height: 1.2rem;
  box-sizing: border-box; margin-top: 0.15rem; }
.kort-klasser { display: flex; flex-wrap: wrap; gap: 0 1.2rem; }
.kort-klasser ul + ul { border-left: 3px dashed #000; padding-left: 0.8rem; }
.kort-taerskel { font-weight: bold; }
</style>
"""


def _names(districts) -> str:
    names = [d.name for d in districts]
    return html.escape(fmt.listing(names)) if names else "ingen"


def legend_html(data: DistrictYear, scale: ColourScale, names: bool = True) -> str:
    """The map's legend, drawn by the app: colour classes with the threshold between them, then
    the outlines with the districts named under each (without `names`: the outlines alone), so
    nothing rests on colour alone. The districts under "over the threshold" are the ones the
    count beside the map counts."""
    parts = [_LEGEND_CSS, '<div class="kort-forklaring">']
    parts.append(f"<h4>{html.escape(scale.title)}</h4>")
    # The two sides of the threshold side by side (worst first, the threshold between them),
    # so that the map and its whole legend fit a 1280×720 screen.
    wrong = [c for c in scale.classes if c.wrong_side]
    right = [c for c in scale.classes if not c.wrong_side]
    columns = [wrong, right] if wrong and data.threshold is not None else [list(scale.classes)]
    parts.append('<div class="kort-klasser">')
    for i, classes in enumerate(columns):
        parts.append("<ul>")
        if i == 1:
            shown = fmt.value(data.threshold.value, data.indicator.unit)
            parts.append(f'<li class="kort-taerskel">Tærskel {html.escape(shown)}</li>')
        for c in classes:
            parts.append(f"<li>{_swatch(c.colour, '1px solid #4d4d4d')}{html.escape(c.label)}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    parts.append("<h4>Kant og skravering</h4><ul>")
    sides = list(Side) if data.threshold is not None else [Side.RIGHT, Side.NO_DATA]
    for side in sides:
        if side == Side.NO_DATA and not data.on(side):
            continue  # every district has a figure: nothing is hatched
        fill = HATCH_CSS if side == Side.NO_DATA else "#ffffff"  # the outline alone
        named = f": {_names(data.on(side))}" if names else ""
        parts.append(
            f"<li>{_swatch(fill, _LEGEND_BORDERS[side])}<span><b>"
            f"{html.escape(text.side_heading(side, data))}</b> "
            f"({html.escape(OUTLINE_LEGEND[side])}){named}</span></li>"
        )
    if data.threshold is not None:
        uncertain = [d for d in data.districts if d.uncertain]
        named = f": {_names(uncertain)}" if names else ""
        parts.append(
            f"<li>{_swatch('#ffffff', _UNCERTAIN_BORDER)}<span><b>Stiplet kant</b>: "
            f"usikkerheden når over tærsklen{named}</span></li>"
        )
    parts.append("</ul></div>")
    return "".join(parts)
