"""The map page hands streamlit-folium's component what `st_folium` itself would send, made once
per view and district: the same map, with no folium work on a run that draws it again."""

import dataclasses
from unittest import mock

import pytest
import streamlit_folium

from sikkerby.ingest.publish import default_store
from sikkerby.render import choropleth, leaflet
from sikkerby.ui import district_map
from sikkerby.views import map as map_view


@pytest.fixture(scope="module")
def view():
    leaflet.use()  # as the page does before it draws a map: Leaflet from the app itself
    return map_view.build(default_store(), "trygge_nabolag", 2025)


def sent(call) -> dict:
    """What a call of the component sends (its on_change is a function of the call)."""
    arguments = dict(call.kwargs)
    arguments.pop("on_change")
    return arguments


@pytest.mark.parametrize("selected", [None, "bispebjerg"])
def test_the_component_gets_what_st_folium_would_send(view, selected):
    with mock.patch.object(streamlit_folium, "_component_func", return_value=None) as component:
        streamlit_folium.st_folium(
            view.folium_map(),
            key="kort-trygge_nabolag-2025",
            height=choropleth.HEIGHT_PX,
            use_container_width=True,
            returned_objects=list(district_map.RETURNED),
            feature_group_to_add=view.selection(selected),
        )
        district_map.show(view, "kort-trygge_nabolag-2025", selected)
    by_st_folium, by_page = component.call_args_list
    assert sent(by_page) == sent(by_st_folium)
    assert "bispebjerg" in by_page.kwargs["feature_group"] or selected is None


def test_a_map_is_made_once_per_view_and_district(view):
    fresh = dataclasses.replace(view)  # a view no run has drawn yet
    build_map = choropleth.build_map
    with (
        mock.patch.object(streamlit_folium, "_component_func", return_value=None) as component,
        mock.patch.object(choropleth, "build_map", wraps=build_map) as folium_map,
    ):
        for selected in ("amager-oest", "amager-oest", None, "amager-oest", None):
            district_map.show(fresh, "kort", selected)
    assert folium_map.call_count == 2  # once with Amager Øst marked, once with none
    scripts = {call.kwargs["script"] for call in component.call_args_list}
    assert len(scripts) == 1  # the map itself is the same text whatever is marked
