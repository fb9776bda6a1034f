"""The district map on the page: streamlit-folium drawing the view's Leaflet map, offline.

`st_folium` turns a folium map into Leaflet's JavaScript on every call: about 60 ms for the
district map, most of a run of the map page. A view's map with a given district marked is
always the same text, so it is made once (`_drawing`, kept with the view by `memo`) and every
run hands the same arguments to streamlit-folium's component. `_drawing` does what `st_folium`
does before it calls the component, in streamlit-folium 0.27.4 (pinned in requirements.txt);
tests/ui/test_district_map.py checks that the component gets exactly what `st_folium` would
send, so a new release that changes them fails there.
"""

from collections.abc import Callable
from dataclasses import dataclass

import folium.elements
import streamlit as st
import streamlit_folium

from sikkerby.render import choropleth, leaflet, links
from sikkerby.ui import fallback, memo
from sikkerby.views.map import MapView

LAST_CLICK_KEY = "kort_sidste_klik"
# What the map reports back: the district clicked, and a count that tells a new click.
RETURNED = ("last_object_clicked_count", "last_active_drawing")


@dataclass(frozen=True)
class Drawing:
    """One map with one district marked, as streamlit-folium's component draws it."""

    script: str  # the map as Leaflet's JavaScript
    header: str
    html: str
    id: str
    feature_group: str  # the marked district: a layer of its own, added without a new map
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


@st.cache_resource(show_spinner=False)
def _use_leaflet() -> None:
    """Leaflet from the app's own server, under its path prefix if it has one."""
    leaflet.use(links.root(st.get_option("server.baseUrlPath")))


def _drawing(view: MapView, selected: str | None) -> Drawing:
    """What `st_folium(view.folium_map(), feature_group_to_add=view.selection(selected))` sends.

    A new folium map each time: drawing one renames its elements."""
    m = view.folium_map()
    m.get_root().render()
    m.render()
    html = streamlit_folium._get_html(m)
    header = streamlit_folium._get_header(m)
    script = streamlit_folium._get_map_string(m)
    selection = streamlit_folium._get_feature_group_string(view.selection(selected), map=m, idx=0)
    assets = [e for e in _elements(m) if isinstance(e, folium.elements.JSCSSMixin)]
    return Drawing(
        script=script,
        header=header,
        html=html,
        id=streamlit_folium.get_full_id(m),
        feature_group=selection,
        css_links=tuple(dict.fromkeys(href for e in assets for _, href in e.default_css)),
        js_links=tuple(dict.fromkeys(src for e in assets for _, src in e.default_js)),
    )


def _elements(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def show(
    view: MapView, key: str, selected: str | None = None, on_change: Callable | None = None
) -> str | None:
    """Draw the map with the `selected` district marked; return the district clicked since the
    last run, if any (the map keeps reporting its last click, so only a new click counts).

    `on_change` is called before a run the map causes (a click, or its report once drawn)."""
    _use_leaflet()
    drawing: Drawing = memo.made(view, _drawing, selected)
    # The component's own key, as st_folium makes it: the same map keeps its state.
    component_key = streamlit_folium.generate_js_hash(drawing.script, key, False)

    @fallback.callback
    def changed() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})
        if on_change is not None:
            on_change()

    result = streamlit_folium._component_func(
        script=drawing.script,
        header=drawing.header,
        html=drawing.html,
        id=drawing.id,
        key=component_key,
        height=choropleth.HEIGHT_PX,
        width=None,  # as wide as its column
        returned_objects=list(RETURNED),
        default=dict.fromkeys(RETURNED),
        zoom=None,
        center=None,
        feature_group=drawing.feature_group,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(drawing.css_links),
        js_links=list(drawing.js_links),
        on_change=changed,
        wrap_longitude=False,
    )
    clicked = (result or {}).get("last_active_drawing")
    if not clicked:
        return None
    click = (key, result.get("last_object_clicked_count"), clicked["properties"]["slug"])
    if st.session_state.get(LAST_CLICK_KEY) == click:
        return None
    st.session_state[LAST_CLICK_KEY] = click
    return click[2]
