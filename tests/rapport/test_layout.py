"""The report's pages (issue 20): A4 with margins every table and image fits between, a running
header and "Side X af Y" on every page but the front page, a table of contents that lists every
heading with its page number, maps that name their districts, a sentence where a goal has no
point to draw, and the summary's sources beside its values. Checked in the Word file itself
(python-docx); LibreOffice's rendering is checked by hand (see the issue's note)."""

import io
import itertools

import pytest
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm

from sikkerby import boundaries, drawing, queries, rapport
from sikkerby.render import images
from sikkerby.views import map as map_view
from sikkerby.views import report as report_view
from sikkerby.views.blocks import figures_source

TODAY = 2026
CASES = [("2018-2021", 2021), ("2022-2025", 2025)]
EMU_PER_CM = Cm(1)


@pytest.fixture(scope="module", params=CASES, ids=[p for p, _ in CASES])
def made(request, store):
    period, year = request.param
    report = report_view.build(store, period, year, TODAY)
    return report, Document(io.BytesIO(rapport.write(report)))


def sections_of_body(doc):
    """Each top-level paragraph or table with the index of the section it stands in."""
    n = 0
    for child in doc.element.body.iterchildren():
        yield n, child
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            n += 1


def text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def test_every_page_is_a4_and_every_table_and_image_fits_between_the_margins(made):
    _, doc = made
    portrait = landscape = 0
    for section in doc.sections:
        size = sorted([section.page_width.cm, section.page_height.cm])
        assert size == pytest.approx([21.0, 29.7], abs=0.01)
        wide = section.page_width > section.page_height
        landscape += wide
        portrait += not wide
        width = rapport.WIDE_WIDTH_CM if wide else rapport.TEXT_WIDTH_CM
        assert text_width(section) / EMU_PER_CM == pytest.approx(width, abs=0.01)
    assert portrait >= 2 and landscape == 2  # the summary and the coverage grid lie down
    sections = doc.sections
    tables = pictures = 0
    for n, child in sections_of_body(doc):
        room = text_width(sections[n])
        if child.tag == qn("w:tbl"):
            grid = child.find(qn("w:tblGrid"))
            widths = [int(c.get(qn("w:w"))) * 635 for c in grid]  # twips to EMU
            assert sum(widths) <= room + 1000, (n, sum(widths) / EMU_PER_CM)
            tables += 1
        for extent in child.iter(qn("wp:extent")):
            assert int(extent.get("cx")) <= room
            pictures += 1
    assert tables >= 10 and pictures == len(doc.inline_shapes) >= 5


def field_codes(part_element) -> list[str]:
    return [t.text.strip() for t in part_element.iter(qn("w:instrText"))]


def test_every_page_but_the_front_page_has_the_running_header_and_its_page_number(made):
    report, doc = made
    first, *rest = doc.sections
    # The front page goes without (its own, empty, first-page header and footer) ...
    assert first.different_first_page_header_footer
    assert first.first_page_header.paragraphs[0].text == ""
    assert first.first_page_footer.paragraphs[0].text == ""
    # ... every other page has them, in every section, laid out for its width.
    assert rest
    for n, section in enumerate(doc.sections):
        if n:
            assert not section.different_first_page_header_footer
        head = section.header.paragraphs[0]
        assert head.text == f"{report.title}\t{report.front[0]}"
        foot = section.footer
        assert field_codes(foot._element) == ["PAGE", "NUMPAGES"]
        words = "".join(t.text for t in foot._element.iter(qn("w:t")))
        assert words == f"{report.front[1]}Side 1 af 1"  # the fields' stored results: 1, 1
        for paragraph in (head, foot.paragraphs[0]):
            stops = paragraph.paragraph_format.tab_stops
            (right,) = [s for s in stops if s.alignment == WD_TAB_ALIGNMENT.RIGHT]
            assert right.position == text_width(section)  # right-aligned at the margin
            # The styles' own stops for US Letter are cleared.
            assert {s.alignment for s in stops} == {WD_TAB_ALIGNMENT.RIGHT, WD_TAB_ALIGNMENT.CLEAR}


def test_the_contents_after_the_front_page_list_every_heading_with_its_page(made):
    _, doc = made
    body = doc.paragraphs
    texts = [p.text for p in body]
    at = texts.index(rapport.CONTENTS_TITLE)
    assert body[at].paragraph_format.page_break_before
    assert body[at].style.name == "TOC Heading"  # outline level 9: not in the contents
    assert all(p.style.name in ("Title", "Normal") for p in body[:at])  # the front page
    lines = [p for p in body if p.style.name.startswith("toc ")]
    headings = [
        (int(p.style.name[-1]), p) for p in body if p.style.name in ("Heading 1", "Heading 2")
    ]
    assert len(lines) == len(headings) >= 25
    assert body.index(lines[0]) == at + 1  # right under its title, before the summary
    assert headings[0][1].text == "Sammenfatning"
    marks = {}
    for heading in (p for _, p in headings):
        (start,) = heading._p.findall(qn("w:bookmarkStart"))
        marks[start.get(qn("w:name"))] = heading.text
    for line, (level, heading) in zip(lines, headings, strict=True):
        assert line.style.name == f"toc {level}"
        (link,) = line._p.findall(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        assert marks[anchor] == heading.text
        assert line.text == f"{heading.text}\t"  # the page number is the field's to work out
        assert field_codes(link) == [f"PAGEREF {anchor} \\h"]
    for required in ("Målene", "Bydelene mod tærsklen", "Bilag 3: Kilder"):
        assert required in [line.text.rstrip("\t") for line in lines]
    # Word works the page numbers out when it opens the file (LibreOffice when it lays it out).
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def goal_sections(doc):
    """Under »Målene«: each goal's heading with the pictures and paragraphs under it."""
    found, current, inside = {}, None, False
    for child in doc.element.body.iterchildren():
        if child.tag != qn("w:p"):
            continue
        style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = style.get(qn("w:val")) if style is not None else ""
        words = "".join(t.text or "" for t in child.iter(qn("w:t")))
        if style == "Heading1":
            inside = words == "Målene"
            current = None
        elif inside and style == "Heading2":
            current = found.setdefault(words, {"pictures": 0, "text": []})
        elif current is not None:
            current["pictures"] += len(list(child.iter(qn("wp:inline"))))
            current["text"].append(words)
    return found


def test_a_goal_with_no_point_to_draw_has_a_sentence_and_no_chart(made):
    report, doc = made
    sections = goal_sections(doc)
    assert list(sections) == [c.heading for c in report.goals]
    sentences = 0
    for card in report.goals:
        drawn = sections[card.heading]
        if card.chart.spec is None:
            assert drawn["pictures"] == 0
            assert card.chart.missing in drawn["text"]
            sentences += 1
        else:
            assert drawn["pictures"] == 1
    period = report.front[0]
    if period.endswith("2018-2021"):  # goal 4: only baselines without a year (issue 20)
        goal_4 = report.goals[3]
        assert goal_4.heading.startswith("Mål 4") and goal_4.chart.spec is None
        assert "basis er oplyst uden år" in goal_4.chart.missing
    assert sentences >= 1


def points_drawn(spec: dict) -> int:
    return sum(
        len(layer.get("data", {}).get("values", []))
        for layer in spec["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == "point"
        and any("year" in row for row in layer.get("data", {}).get("values", []))
    )


def test_every_chart_in_the_report_has_a_point_in_time(made):
    report, _ = made
    charts = [c.chart for c in report.goals] + [c.chart for c in report.cities]
    drawn = [c.spec for c in charts if c.spec is not None]
    assert drawn and all(points_drawn(spec) >= 1 for spec in drawn)


def test_the_summary_names_the_source_of_every_value_beside_it(made):
    report, doc = made
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[0].cells][-1] == "Kilde"
    assert len(summary.rows) == len(report.goals) + 1
    listed = "\n".join(p.text for p in doc.paragraphs)
    listed = listed[listed.index("Bilag 3: Kilder") :]
    for row, card in zip(summary.rows[1:], report.goals, strict=True):
        cell = row.cells[-1].text
        # The summary's values: what the status rests on (not the districts an unjudged goal's
        # card draws beside its chart, `parts.drawn`).
        parts = card.parts
        values = (*parts.baseline, *parts.latest, *((parts.target,) if parts.target else ()))
        titles = list(dict.fromkeys(t for f in values for t in f.sources))
        if not titles:
            assert cell == "Ingen offentliggjorte tal."
            assert all(f.value in ("ikke oplyst", "ingen tal") for f in values)
            continue
        for title in titles:
            assert title in cell
            assert title in listed  # and in the list of every source
        if len(titles) == 1:
            assert cell == titles[0]
        else:  # which of the row's values each source gives
            assert "(basis" in cell and ("seneste)" in cell or "mål)" in cell)
        # The same sources as the "Kilde:" line under the card's large numbers on the page (which
        # also names those of the districts drawn beside an unjudged goal's chart).
        if not parts.drawn:
            assert figures_source(card.figures) == f"Kilde: {'; '.join(titles)}."
        else:
            assert all(title in figures_source(card.figures) for title in titles)


def all_maps(store):
    reg = queries.registry_of(store)
    keys = sorted({i.map_key for i in reg.indicators.values() if i.map_key})
    return [(key, year) for key in keys for year in map_view.year_options(store, key)]


def assert_apart(labels, width, height):
    for a, b in itertools.combinations(labels, 2):
        assert not images._overlaps(a.box, b.box), (a.name, b.name)
    for label in labels:
        left, top, right, bottom = label.box
        assert left >= -6 and top >= -6 and right <= width + 6 and bottom <= height + 6


def test_every_map_names_each_district_over_its_figure_and_no_two_labels_meet(store):
    maps = all_maps(store)
    assert len(maps) >= 20  # every measure and year the map page offers
    for key, year in maps:
        data = map_view.build(store, key, year).data
        labels, width, height = images.place_labels(data, boundaries.of_site())
        assert {lab.name for lab in labels} == {d.name for d in data.districts}
        assert_apart(labels, width, height)
        # With the bundled data every label has room in its own district.
        assert all(lab.home for lab in labels), (key, year)


def test_the_map_image_writes_the_names_and_the_figures(store):
    view = map_view.build(store, "utrygge_nabolag", 2020)
    svg = images.map_svg(view.data, view.scale, "Utrygge", view.shapes)
    for d in view.data.districts:
        assert f">{d.name}</text>" in svg
    assert ">17\xa0%</text>" in svg or ">17 %</text>" in svg
    assert svg.count(">ingen data</text>") == sum(d.figure is None for d in view.data.districts)


def test_a_label_with_no_room_in_its_district_moves_out_with_a_line_to_it(store, monkeypatch):
    monkeypatch.setattr(images, "NAME_PX", 24)
    monkeypatch.setattr(images, "VALUE_PX", 26)
    view = map_view.build(store, "trygge_nabolag", 2025)
    labels, width, height = images.place_labels(view.data, view.shapes)
    assert_apart(labels, width, height)
    away = [lab for lab in labels if not lab.home]
    assert away  # the small districts in the middle of the city cannot hold labels this big
    svg = images.map_svg(view.data, view.scale, "Trygge", view.shapes)
    assert svg.count('class="henvisning"') == len(away)


def test_the_report_s_maps_are_the_named_maps(made):
    report, doc = made
    shown = [s for s in doc.inline_shapes if s._inline.docPr.get("descr").startswith("Kort: ")]
    drawn = [d for d in report.districts if d.view is not None]
    assert len(shown) == len(drawn) >= 1
    for shape, section in zip(shown, drawn, strict=True):
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
        png = drawing.map_png(section.view.data, section.view.scale, section.heading)
        assert blob.blob == png
        assert shape.width == rapport.MAP_WIDTH
