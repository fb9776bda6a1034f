"""The yearly report to the committee (the site's `report_to`) as a Word document staff can
edit (python-docx).

`write(report)` lays out a `sikkerby.views.report.Report` on A4 with a running header, page
numbers ("Side 3 af 24") and a table of contents: the front page, the contents, the summary of every
goal, a section per goal with its chart, the districts against the threshold with the map, the
cities, the principles, the two empty sections for the police's and SSP's assessments, and the
appendices (coverage, method, sources). Every number and sentence is the view's; this module only
decides where it stands on the page. Text from the data is written as text: Word reads nothing in
it as markup. `sikkerby rapport` writes a report from the command line.
"""

import io
import re
from collections.abc import Iterator, Sequence

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from sikkerby import drawing
from sikkerby.render import tables
from sikkerby.render.scale import ColourScale
from sikkerby.store import Store
from sikkerby.views import report as report_view
from sikkerby.views.blocks import Chart, KeyFigure, StatusBlock, Table, figures_source
from sikkerby.views.report import Report

LANGUAGE = "da-DK"
BODY_PT = 11
SMALL_PT = 9
IMAGE_WIDTH = Cm(16)
MAP_WIDTH = Cm(13)  # the map with its names (9 pt), its count and its legend on one page
SOURCE_GREY = RGBColor(0x40, 0x40, 0x40)  # 10:1 on white
A4_CM = (21.0, 29.7)
MARGIN_CM = 2.2  # left and right; the widths below are in the 16.6 cm between them
TEXT_WIDTH_CM = A4_CM[0] - 2 * MARGIN_CM
CONTENTS_TITLE = "Indhold"
CONTENTS_LEVELS = 2  # the sections and their parts (Heading 1 and 2)
ROWS_WIDTHS = (1.8, 2.8, 3.6, 8.4)  # year, area, figure, source
FIGURE_WIDTHS = (3.8, 3.8, 9.0)  # what, figure, source
WIDE_WIDTH_CM = A4_CM[1] - 2 * MARGIN_CM  # a landscape page's
# goal, baseline, latest, target, status, source (a landscape page: the sources beside the values)
SUMMARY_WIDTHS = (4.4, 3.4, 3.2, 2.8, 2.2, 9.3)
DISTRICT_WIDTHS = (3.2, 3.2, 4.2, 6.0)
# Characters XML 1.0 cannot hold (Word would refuse the file): never in a figure, but a source
# title is the staff's text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None or value is pd.NA else str(value))


def _danish(doc) -> None:
    """Danish for Word's spelling and for a screen reader, and a readable body font."""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(BODY_PT)
    for style in doc.styles:
        element = getattr(style, "element", None)
        if element is None or style.type != 1:  # paragraph styles
            continue
        rpr = element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    doc.core_properties.language = LANGUAGE


def _paragraph(
    doc,
    words: str | None,
    *,
    size: int | None = None,
    italic: bool = False,
    grey: bool = False,
    bold_prefix: str | None = None,
):
    if not words and not bold_prefix:
        return None
    p = doc.add_paragraph()
    if bold_prefix:
        run = p.add_run(_text(bold_prefix) + " ")
        run.bold = True
        if size:
            run.font.size = Pt(size)
    run = p.add_run(_text(words))
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    if grey:
        run.font.color.rgb = SOURCE_GREY
    return p


def _source(doc, line: str | None) -> None:
    """A "Kilde:" line under a chart, a map or a table."""
    _paragraph(doc, line, size=SMALL_PT, grey=True)


def _table(
    doc,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None = None,
    size: int = SMALL_PT,
):
    """A table with a bold heading row repeated on every page; `widths` in cm (else even)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        run = cell.paragraphs[0].add_run(_text(header))
        run.bold = True
        run.font.size = Pt(size)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(_text(value))
            run.font.size = Pt(size)
    even = TEXT_WIDTH_CM / len(headers)
    for column, width in zip(table.columns, widths or [even] * len(headers), strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    doc.add_paragraph()
    return table


def _frame(doc, frame: pd.DataFrame, widths: Sequence[float] | None = None, index: bool = False):
    """A frame as a table (`index`: its index, named, as the first column)."""
    shown = frame.reset_index() if index else frame
    rows = [["" if pd.isna(v) else v for v in row] for row in shown.itertuples(index=False)]
    return _table(doc, [str(c) for c in shown.columns], rows, widths)


def _rows(doc, table: Table | None) -> None:
    """The published rows behind a section: year, area, the figure with its unit, and its
    source with the source's kind and the row's note."""
    if table is None or table.frame.empty:
        return
    _paragraph(doc, "", bold_prefix=table.title)
    if table.note:
        _paragraph(doc, table.note, size=SMALL_PT)
    rows = []
    for r in table.frame.itertuples(index=False):
        values = dict(zip(table.frame.columns, r, strict=True))
        note = values.get("Note")
        source = f"{values['Kilde']} ({values['Kildetype']})"
        if isinstance(note, str) and note:
            source += f". {note}"
        rows.append(
            [values["År"], values["Område"], f"{values['Værdi']} {values['Enhed']}", source]
        )
    _table(doc, ["År", "Område", "Tal", "Kilde"], rows, ROWS_WIDTHS)


def _status(doc, block: StatusBlock) -> None:
    _paragraph(doc, block.reason, bold_prefix=f"Status: {block.symbol} {block.label}.")
    if block.missing:
        _paragraph(doc, block.missing, bold_prefix="Det mangler:")


def _figures(doc, figures: Sequence[KeyFigure]) -> None:
    """The large numbers, each with what it is and its source, and the "Kilde:" line the
    pages write under them."""
    if figures:
        rows = [(f.label, f.value, f.help) for f in figures]
        _table(doc, ["", "Tal", "Kilde og forbehold"], rows, FIGURE_WIDTHS)
        source = figures_source(figures)
        if source:
            _source(doc, source)


def _chart(doc, chart: Chart) -> None:
    if chart.spec is None:
        _paragraph(doc, chart.missing)
    else:
        _picture(doc, drawing.chart_png(chart.spec), IMAGE_WIDTH, chart.spec.get("description"))
    _source(doc, chart.source)


def _picture(doc, png: bytes, width, description: str | None) -> None:
    """An image with its text alternative (what it shows, in Danish)."""
    doc.add_picture(io.BytesIO(png), width=width)
    doc.inline_shapes[-1]._inline.docPr.set("descr", _text(description))


def _front(doc, r: Report) -> None:
    doc.add_heading(_text(r.title), level=0)
    for line in r.front:
        _paragraph(doc, line)
    if r.status_note:
        _paragraph(doc, r.status_note, italic=True)


def _contents_page(doc):
    """The contents' heading on a page of its own after the front page, and the paragraph the
    contents take the place of once every heading is written."""
    title = doc.add_paragraph(CONTENTS_TITLE, style="TOC Heading")
    title.paragraph_format.page_break_before = True
    return doc.add_paragraph()


def _summary(doc, r: Report) -> None:
    """The summary on a landscape page: every goal's values beside their sources."""
    _orientation(doc, r, landscape=True)
    doc.add_heading("Sammenfatning", level=1)
    _paragraph(doc, r.counts)
    table = _table(doc, r.summary_headers, r.summary_rows, SUMMARY_WIDTHS)
    for row in table.rows:  # a goal's row whole on one page
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.insert(0, tr_pr.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))


def _goals(doc, r: Report) -> None:
    _orientation(doc, r, landscape=False)  # after the summary's landscape page
    doc.add_heading("Målene", level=1)
    for card in r.goals:
        doc.add_heading(_text(card.heading), level=2)
        _paragraph(doc, card.goal_text, bold_prefix="Mål:")
        _paragraph(doc, card.indicator, bold_prefix="Indikator:")
        _status(doc, card.status)
        _figures(doc, card.figures)
        _chart(doc, card.chart)
        _rows(doc, card.rows)


def _districts(doc, r: Report) -> None:
    # Each map on a page with its heading and its count (a map is 15 cm tall: after a goal's
    # table it would leave its heading alone at the foot of a page).
    doc.add_heading("Bydelene mod tærsklen", level=1).paragraph_format.page_break_before = True
    for n, d in enumerate(r.districts):
        heading = doc.add_heading(_text(d.heading), level=2)
        heading.paragraph_format.page_break_before = n > 0 and d.view is not None
        _paragraph(doc, d.note, italic=True)
        view = d.view
        if view is None:
            continue
        _paragraph(doc, view.count_text, bold_prefix=view.count_headline)
        _paragraph(doc, view.goal_text)
        png = drawing.map_png(view.data, view.scale, d.heading)
        _picture(doc, png, MAP_WIDTH, f"Kort: {d.heading}")
        _legend(doc, view.scale)
        _paragraph(doc, report_view.MAP_KEY, size=SMALL_PT)
        _source(doc, view.map_sources)
        _frame(doc, d.table, DISTRICT_WIDTHS)


def _legend(doc, scale: ColourScale) -> None:
    """The map's colours, each as a swatch beside its words."""
    table = _table(doc, ["Farve", scale.title], [("", c.label) for c in scale.classes], (2.0, 10.0))
    for row, c in zip(table.rows[1:], scale.classes, strict=True):
        tc_pr = row.cells[0]._tc.get_or_add_tcPr()
        shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): c.colour.lstrip("#")}
        tc_pr.append(tc_pr.makeelement(qn("w:shd"), shading))
    for row in table.rows[:-1]:  # the legend whole on one page
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _cities(doc, r: Report) -> None:
    if not r.cities:
        return
    doc.add_heading(_text(r.cities_title), level=1)
    _paragraph(doc, r.cities_intro)
    for c in r.cities:
        doc.add_heading(_text(c.heading), level=2)
        _status(doc, c.status)
        _figures(doc, c.figures)
        _paragraph(doc, c.gap_sentence)
        _chart(doc, c.chart)
        _rows(doc, c.rows)


def _principles(doc, r: Report) -> None:
    s = r.strategy
    doc.add_heading("Strategiens principper", level=1)
    _paragraph(doc, r.principles_note, italic=True)
    _paragraph(doc, s.intro)
    for p in s.principles:
        doc.add_heading(_text(p.heading), level=2)
        _paragraph(doc, p.description)
        _paragraph(doc, p.note, italic=True)
        if p.figures:
            _figures(doc, p.figures)
            _source(doc, p.source)
        else:
            _paragraph(doc, p.missing)
    if s.context is not None:
        doc.add_heading(_text(s.context_title), level=2)
        _paragraph(doc, s.context_note, italic=True)
        if s.context_chart is not None:
            _chart(doc, s.context_chart)
        _rows(doc, s.context)


def _assessments(doc, r: Report) -> None:
    for heading, placeholder in r.assessments:
        doc.add_heading(_text(heading), level=1)
        _paragraph(doc, placeholder, italic=True)


def _orientation(doc, r: Report, landscape: bool) -> None:
    """A new section on a new page, landscape or portrait, with the running header and footer
    laid out for its width (its first page has them too: only the front page goes without)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    wide, narrow = (
        max(section.page_width, section.page_height),
        min(section.page_width, section.page_height),
    )
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (wide, narrow) if landscape else (narrow, wide)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    _running(section, r)


def _appendices(doc, r: Report) -> None:
    # The coverage grid has a column per year: a landscape page holds it.
    _orientation(doc, r, landscape=True)
    doc.add_heading("Bilag 1: Hvilke tal findes?", level=1)
    _paragraph(doc, r.coverage.title, size=SMALL_PT)
    # The year columns share what the goal, the sources and what is missing leave of the width.
    wide = {tables.SOURCES: 5.5, tables.HINT: 4.5}
    columns = list(r.coverage.frame.columns)
    years = sum(c not in wide for c in columns)
    share = (25.0 - 4.0 - sum(wide[c] for c in columns if c in wide)) / max(years, 1)
    _frame(doc, r.coverage.frame, (4.0, *[wide.get(c, share) for c in columns]), index=True)
    _orientation(doc, r, landscape=False)
    doc.add_heading(f"Bilag 2: {r.method.title}", level=1)
    _paragraph(doc, r.method.data_until)
    for section in r.method.sections:
        doc.add_heading(_text(section.heading), level=2)
        for words in section.paragraphs:
            _paragraph(doc, words)
        if section.table is not None:
            _frame(doc, section.table.frame, (7.0, 2.0, 4.0, 3.6))
    _source(doc, r.method.source)
    doc.add_heading("Bilag 3: Kilder", level=1)
    _paragraph(doc, "Alle kilder til tallene i afrapporteringen, de mest brugte først.")
    for n, s in enumerate(r.sources, start=1):
        counted = "1 tal" if s.figures == 1 else f"{s.figures} tal"
        where = f" {s.url}" if s.url else " (ingen netadresse)"
        _paragraph(doc, f"{_text(s.title)}.{where} ({counted})", bold_prefix=f"{n}.")


def _page(section) -> None:
    """A4 portrait with the margins the widths above are measured in."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.2)


def _run(paragraph, element) -> None:
    run = OxmlElement("w:r")
    run.append(element)
    paragraph.append(run)


def _field(paragraph, instruction: str, shown: str = "") -> None:
    """A Word field in `paragraph` (a w:p or w:hyperlink element): PAGE, NUMPAGES, PAGEREF, with
    `shown` as its result until Word or LibreOffice works it out."""
    _run(paragraph, OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    code = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    code.text = f" {instruction} "
    _run(paragraph, code)
    _run(paragraph, OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    result = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    result.text = shown
    _run(paragraph, result)
    _run(paragraph, OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))


def _words(paragraph, words: str) -> None:
    """Words in a run of their own, a tab in them as Word's tab."""
    for n, part in enumerate(_text(words).split("\t")):
        if n:
            _run(paragraph, OxmlElement("w:tab"))
        if part:
            t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
            t.text = part
            _run(paragraph, t)


def _right_tab(paragraph, section) -> None:
    """One tab stop, at the section's right margin (the Header and Footer styles' own stops,
    set for US Letter, cleared)."""
    stops = paragraph.paragraph_format.tab_stops
    for twips in (4680, 9360):
        stops.add_tab_stop(Twips(twips), WD_TAB_ALIGNMENT.CLEAR)
    width = section.page_width - section.left_margin - section.right_margin
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _running(section, r: Report) -> None:
    """The running header (the report and its period) and the footer (the survey edition and
    "Side 3 af 24") of a section."""
    head = section.header.paragraphs[0]
    _right_tab(head, section)
    run = head.add_run(_text(r.title))
    run.font.size = Pt(SMALL_PT)
    run.font.color.rgb = SOURCE_GREY
    run = head.add_run("\t" + _text(r.front[0]))
    run.font.size = Pt(SMALL_PT)
    run.font.color.rgb = SOURCE_GREY
    foot = section.footer.paragraphs[0]
    _right_tab(foot, section)
    p = foot._p
    _words(p, _text(r.front[1]) + "\tSide ")
    _field(p, "PAGE", "1")
    _words(p, " af ")
    _field(p, "NUMPAGES", "1")
    for run in foot.runs:
        run.font.size = Pt(SMALL_PT)
        run.font.color.rgb = SOURCE_GREY


def _headings(doc) -> Iterator[tuple[int, object]]:
    """The headings the contents list, in the document's order, each with its level."""
    for p in doc.paragraphs:
        name = p.style.name
        if name.startswith("Heading ") and name[8:].isdigit() and int(name[8:]) <= CONTENTS_LEVELS:
            yield int(name[8:]), p


def _toc_styles(doc) -> None:
    """Word's own styles for the contents' lines (LibreOffice reads them as its own), each with
    a dotted tab to the page number at the right margin."""
    for level in range(1, CONTENTS_LEVELS + 1):
        style = doc.styles.add_style(f"toc {level}", 1)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(2 if level > 1 else 4)
        style.paragraph_format.space_before = Pt(0 if level > 1 else 4)
        style.paragraph_format.tab_stops.add_tab_stop(
            Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        style.font.bold = level == 1


def _contents(doc, placeholder) -> None:
    """The table of contents where `placeholder` stands: every heading as a link to it with its
    page number as a PAGEREF field, which LibreOffice works out when it lays the pages out and
    Word when it opens the file (w:updateFields). Not Word's TOC field: LibreOffice shows a TOC
    field's stored lines as they are, so its page numbers would be blank until someone updated
    the index by hand."""
    _toc_styles(doc)
    for n, (level, heading) in enumerate(_headings(doc), start=1):
        mark = f"_Toc{n:06d}"
        start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(n), qn("w:name"): mark})
        end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(n)})
        p_pr = heading._p.pPr
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            heading._p.insert(0, start)
        heading._p.append(end)
        line = doc.add_paragraph(style=f"toc {level}")
        link = OxmlElement("w:hyperlink", {qn("w:anchor"): mark, qn("w:history"): "1"})
        _words(link, heading.text + "\t")
        _field(link, f"PAGEREF {mark} \\h")
        line._p.append(link)
        placeholder._p.addprevious(line._p)
    placeholder._p.getparent().remove(placeholder._p)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields", {qn("w:val"): "true"})
    later = settings.find(qn("w:compat"))
    if later is not None:
        later.addprevious(update)
    else:
        settings.append(update)


def write(r: Report) -> bytes:
    """The report as a .docx file's bytes."""
    doc = Document()
    _danish(doc)
    section = doc.sections[0]
    _page(section)
    section.different_first_page_header_footer = True  # the front page without them
    _running(section, r)
    doc.core_properties.title = r.title
    doc.core_properties.author = r.author
    _front(doc, r)
    placeholder = _contents_page(doc)
    _summary(doc, r)
    _goals(doc, r)
    _districts(doc, r)
    _cities(doc, r)
    _principles(doc, r)
    _assessments(doc, r)
    _appendices(doc, r)
    _contents(doc, placeholder)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def document(store: Store, period: str, year: int, today: int) -> bytes:
    """The report of `period` with statuses as of the survey edition `year`, as .docx bytes."""
    return write(report_view.build(store, period, year, today))
