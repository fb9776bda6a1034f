"""Slides as HTML: every text from the data escaped wherever it lands (headings, labels,
table cells, the legend, the map's tooltips), and a slide's own hatching on screen."""

import dataclasses
import html

from sikkerby import boundaries, queries
from sikkerby.ingest.publish import default_store
from sikkerby.render import scale, slides

HOSTILE = '<img src=x onerror=alert(1)> "quoted" & **fed** :red[rød]'


def assert_escaped(made: str) -> None:
    assert "<img" not in made and "onerror=alert(1)>" not in made
    assert html.escape(HOSTILE, quote=True) in made


def test_every_piece_of_a_slide_escapes_what_it_is_given():
    for made in (
        slides.frame(3, 9, HOSTILE, "", HOSTILE, "maal"),
        slides.title(HOSTILE, [HOSTILE]),
        slides.paragraph(HOSTILE),
        slides.badge(HOSTILE, HOSTILE, "red"),
        slides.status(HOSTILE, "?", "gray", HOSTILE),
        slides.figures([(HOSTILE, HOSTILE)]),
        slides.table([HOSTILE], [[HOSTILE], [[(HOSTILE, HOSTILE)]]]),
    ):
        assert_escaped(made)
    assert 'aria-label="Dias 3 af 9: &lt;img' in slides.frame(3, 9, HOSTILE, "", "", "maal")


def test_the_map_and_its_legend_escape_district_names_and_labels():
    data = queries.district_year(default_store(), "trygge_nabolag_pct", 2026)
    hostile = dataclasses.replace(
        data,
        districts=tuple(
            dataclasses.replace(
                d,
                series=dataclasses.replace(
                    d.series, area=dataclasses.replace(d.series.area, name=HOSTILE)
                ),
            )
            for d in data.districts
        ),
    )
    colours = scale.scale_for(data)
    colours = dataclasses.replace(
        colours,
        title=HOSTILE,
        classes=tuple(dataclasses.replace(c, label=HOSTILE) for c in colours.classes),
    )
    assert_escaped(slides.legend(hostile, colours))
    assert_escaped(slides.district_map(hostile, colours, HOSTILE, boundaries.of_site()))


def test_the_slide_on_screen_has_its_own_hatching():
    data = queries.district_year(default_store(), "trygge_nabolag_pct", 2024)
    made = slides.district_map(data, scale.scale_for(data), "Kort", boundaries.of_site())
    assert f"url(#{slides.HATCH_ID})" in made  # 2024: districts without a figure
    shown = slides.scene(made)
    assert f'id="{slides.HATCH_ID}"' not in shown and f"url(#{slides.HATCH_ID})" not in shown
    assert f'id="{slides.HATCH_ID}-skaerm"' in shown
