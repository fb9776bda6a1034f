"""The district map on the page: streamlit-folium drawing the view's Leaflet map, offline."""

from collections.abc import Callable

import streamlit as st
from streamlit_folium import st_folium

from sikkerby.render import choropleth, leaflet
from sikkerby.views.map import MapView

LAST_CLICK_KEY = "kort_sidste_klik"


@st.cache_resource(show_spinner=False)
def _serve_leaflet() -> None:
    leaflet.serve()


def show(
    view: MapView, key: str, selected: str | None = None, on_change: Callable | None = None
) -> str | None:
    """Draw the map with the `selected` district marked; return the district clicked since the
    last run, if any (the map keeps reporting its last click, so only a new click counts).

    `on_change` is called before a run the map causes (a click, or its report once drawn)."""
    _serve_leaflet()
    result = st_folium(
        # Built on every run (about 15 ms): streamlit-folium renames a map's elements when it
        # renders one, so a cached folium object would send stale names the second time.
        view.folium_map(),
        key=key,
        height=choropleth.HEIGHT_PX,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
        # The choice as a layer of its own: the map is not drawn anew when it changes.
        feature_group_to_add=view.selection(selected),
        on_change=on_change,
    )
    clicked = (result or {}).get("last_active_drawing")
    if not clicked:
        return None
    click = (key, result.get("last_object_clicked_count"), clicked["properties"]["slug"])
    if st.session_state.get(LAST_CLICK_KEY) == click:
        return None
    st.session_state[LAST_CLICK_KEY] = click
    return click[2]
