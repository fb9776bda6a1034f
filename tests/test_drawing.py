"""Charts drawn in a child process: the same bytes vl-convert gives, a clear error for a chart
it cannot draw, and no drawing engine left in the server."""

import sys

import pytest
import vl_convert

from sikkerby import drawing
from sikkerby.errors import SikkerByError

SPEC = {
    "data": {"values": [{"a": "x", "b": 3.5}, {"a": "y", "b": 1.25}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "a", "type": "nominal"},
        "y": {"field": "b", "type": "quantitative"},
    },
    "config": {"locale": {"number": {"decimal": ",", "thousands": ".", "grouping": [3]}}},
}


def test_a_chart_is_drawn_as_vl_convert_draws_it():
    assert drawing.vegalite_to_svg(SPEC) == vl_convert.vegalite_to_svg(SPEC)
    png = drawing.vegalite_to_png(SPEC, scale=2)
    assert png == bytes(vl_convert.vegalite_to_png(SPEC, scale=2))
    svg = drawing.vegalite_to_svg(SPEC)
    assert drawing.svg_to_png(svg, 1).startswith(b"\x89PNG")


def test_the_drawing_engine_lives_in_the_child_and_goes_when_idle(monkeypatch):
    drawing._child.end()
    monkeypatch.delitem(sys.modules, "vl_convert")  # as in a server that has drawn nothing
    drawing.vegalite_to_svg(SPEC)
    assert drawing._child.running()
    assert "vl_convert" not in sys.modules
    drawing._child.end()
    assert not drawing._child.running()
    drawing.vegalite_to_svg(SPEC)  # the next drawing starts a new child
    assert drawing._child.running()


def test_a_chart_the_engine_cannot_draw_is_a_danish_error():
    with pytest.raises(SikkerByError, match="Grafen kunne ikke tegnes"):
        drawing.vegalite_to_svg({"mark": "ingen-slags-mærke", "data": {"values": []}})
    assert drawing.vegalite_to_svg(SPEC).startswith("<svg")  # and the child still draws
