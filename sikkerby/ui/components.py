"""The Streamlit pieces the pages are made of: text, headings, notices, a goal's status block,
large numbers, a chart with its "Kilde:" line, a table of sources, links, files to download, and
choices bound to the URL.

Inert by construction: every component takes the view's text and escapes it itself, so text from
the data files is shown as written (never a link, an image, bold text, a formula or one of
Streamlit's :color[…] and :material/…: marks). A page shows text through the components, and
gives a widget (a button, a radio, a selectbox) only a literal or a label escaped by `plain`, the
escaping function (a `Plain` text is escaped once, never twice). The app's own HTML
and SVG (slides, the locator map, the map's legend, the page's style) reach the page only through
`own_html`, and the render functions that make it escape every text they put in it.
tests/test_architecture.py reads the pages and this package and fails when a Streamlit text
element (st.markdown, st.metric, a button's label …) gets anything but a literal or `plain`'s
output, or when raw HTML is shown anywhere but in `own_html`.

A selectbox shows its options as they are, and st.dataframe its cells (neither reads Markdown).
"""

import contextlib
import re
from datetime import date

import pyarrow as pa
import streamlit as st

from sikkerby.render.links import Link
from sikkerby.store import Store, served
from sikkerby.ui import memo
from sikkerby.views import fallback as fallback_view
from sikkerby.views import report as report_view
from sikkerby.views.blocks import Chart, Download, KeyFigure, StatusBlock, Table, figures_source

NOTICE_ICON = ":material/link_off:"
# What Markdown (CommonMark, GitHub's tables and strikethrough, and Streamlit's formulas, icons,
# colours and emoji) could read as markup, and only that: Streamlit also uses a widget's or a
# large number's label, as written for Markdown, as its name for screen readers, where every
# backslash is read out ("Brønshøj\\-Husum"). Anywhere: the characters of emphasis, code,
# links and images ([ ] are enough for both), raw HTML and entities, formulas, strikethrough
# and tables; a colon before a word (":smile:", ":red[…]", ":material/…:"). At the start of a
# text, what starts a block: a heading, a quote, a list item, a thematic break.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>$~|&])|(:)(?=\S)|^(\s*)([#>+\-=])|^(\s*\d+)([.)])")
# Where GitHub's Markdown would still see a link in escaped text (http://…, www.…, a@b.dk): an
# invisible word joiner after these breaks the pattern without changing what is read.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|www|@)")
WORD_JOINER = "\u2060"
# Streamlit's Markdown replaces this in its whole source, raw HTML included (own_html).
_ICON_MARK = ":material/"
_ICON_MARK_KEPT = "&#58;material/"


def store() -> Store:
    """The store of the version readers are served (`sikkerby.store.served`): the current
    published version, or the newest intact earlier one when it is damaged. Nothing is written
    (the bundled data are published when the app starts: `sikkerby.ui.serve`). StoreError when
    no version can be served.

    Read on every page view: a version published in another session is served at the next."""
    return served()


def today() -> date:
    return date.today()


class Plain(str):
    """Text escaped by `plain`: what Markdown reads in it is shown as written."""


def plain(text: str) -> Plain:
    """`text` escaped for st.markdown and every element that reads Markdown: shown as written.
    Escaped text is returned as it is (escaping it again would show the backslashes)."""
    if isinstance(text, Plain):
        return text
    # Leading spaces: four would start a code block (a paragraph drops them anyway).
    escaped = _MARKUP.sub(_escape, str(text).replace("\n", " ").lstrip())
    # Streamlit replaces ":material/" anywhere in its source, escaped or not.
    escaped = escaped.replace("material/", "material\\/")
    return Plain(_AUTOLINK.sub(lambda m: m.group(1) + WORD_JOINER, escaped))


def _escape(match: re.Match) -> str:
    """A backslash before the markup `_MARKUP` found, after any space before it."""
    anywhere, colon, space, start, number, mark = match.groups()
    if anywhere or colon:
        return "\\" + (anywhere or colon)
    if start:
        return space + "\\" + start
    return number + "\\" + mark


def labelled(label: str, value: str) -> Plain:
    """'**Label:** value', the value shown as written."""
    return Plain(f"**{plain(label)}:** {plain(value)}")


def own_html(markup: str, *, inline_svg: bool = False, javascript: bool = False) -> None:
    """The app's own HTML or SVG, as made by sikkerby.render (slides, the locator map, the map's
    legend) or this package (style sheets): the one way raw HTML reaches a page. Whoever makes
    `markup` escapes every text in it (html.escape): data text only ever arrives escaped.

    `inline_svg`: through st.markdown, since st.html's sanitiser drops inline SVG. One line
    with no blank line that starts with <div> is one raw HTML block, so Markdown reads nothing
    in it (a line that starts with <svg> is a paragraph, whose text Markdown reads: a title
    would become a link, an image, a formula); but Streamlit turns every ":material/" of the
    source into ":material_" first, even there, so a text that says it (a title in the data,
    a chart's label) keeps its colon as a character reference."""
    if inline_svg:
        shown = markup.replace("\n", " ").replace(_ICON_MARK, _ICON_MARK_KEPT)
        st.markdown(f"<div>{shown}</div>", unsafe_allow_html=True)
    else:
        st.html(markup, unsafe_allow_javascript=javascript)


def title(text: str) -> None:
    st.title(plain(text), anchor=False)


def header(text: str) -> None:
    st.header(plain(text), anchor=False)


def subheader(text: str) -> None:
    st.subheader(plain(text), anchor=False)


def small_heading(text: str) -> None:
    """A heading under a subheader (a chart's title)."""
    st.markdown(f"##### {plain(text)}")


def text(body: str, *, lead: str | None = None, strong: bool = False) -> None:
    """A paragraph shown as written; `lead` in bold before it ('**Mål:** …'), or all of it in
    bold (`strong`)."""
    if strong:
        st.markdown(f"**{plain(body)}**")
    elif lead:
        st.markdown(f"**{plain(lead)}** {plain(body)}")
    else:
        st.markdown(plain(body))


def bullets(lines) -> None:
    """Lines as a list, each shown as written."""
    st.markdown("\n".join(f"- {plain(line)}" for line in lines))


def caption(text: str) -> None:
    st.caption(plain(text))


def info(text: str, icon: str | None = None) -> None:
    """A notice; `icon` is the app's own (':material/info:'), never a text from the data."""
    st.info(plain(text), icon=icon)


def warning(text: str, icon: str | None = None) -> None:
    st.warning(plain(text), icon=icon)


def error(text: str, icon: str | None = None) -> None:
    st.error(plain(text), icon=icon)


def success(text: str, icon: str | None = None) -> None:
    st.success(plain(text), icon=icon)


def badge(label: str, icon: str | None = None, colour: str = "blue") -> None:
    st.badge(plain(label), icon=icon, color=colour)


def notices(texts) -> None:
    for text in texts:
        st.warning(plain(text), icon=NOTICE_ICON)


def link(target: Link) -> None:
    st.page_link(target.page.file, label=plain(target.label), query_params=target.params or None)


def status(block: StatusBlock) -> None:
    """A goal's status: its heading (where it stands alone), badge, reason and what is missing."""
    if block.heading:
        st.markdown(f"**{plain(block.heading)}**")
    st.badge(plain(block.label), icon=block.icon, color=block.colour)
    st.markdown(plain(block.reason))
    if block.missing:
        st.markdown(labelled("Det mangler", block.missing.rstrip(".") + "."))


# A change's sign, as fmt.signed writes it (a true minus), and its arrow.
_ARROWS = {"+": "up", "-": "down", "\u2212": "down", "±": "off"}


def key_figures(figures: tuple[KeyFigure, ...]) -> None:
    """Large numbers side by side, each as wide as it needs (they wrap, never cut), and under
    them the "Kilde:" line of their sources (visible on a projector and a touch screen, where
    the help's tooltip is not). The label, the value (its unit is the data's), the change and
    the help are shown as written; the change's arrow and colour come from its sign (Streamlit
    would read the escaped text's)."""
    with st.container(horizontal=True, gap="medium"):
        for f in figures:
            arrow = _ARROWS.get(f.delta[:1], "off") if f.delta else "off"
            good = (arrow == "up") == f.higher_is_better
            st.metric(
                plain(f.label),
                plain(f.value),
                delta=plain(f.delta) if f.delta else None,
                delta_color="gray" if arrow == "off" else "green" if good else "red",
                delta_arrow=arrow,
                help=plain(f.help) if f.help else None,
                width="content",
            )
    source = figures_source(figures)
    if source:
        st.caption(plain(source))


def chart(block: Chart) -> None:
    """A chart with its title and "Kilde:" line, or what is missing when there is no chart."""
    if block.title:
        small_heading(block.title)
    if block.spec is None:
        st.info(plain(block.missing or "Der er ingen tal at vise."), icon=":material/info:")
    else:
        st.vega_lite_chart(block.spec, width="stretch")
    st.caption(plain(block.source))


def table(block: Table, *, expanded: bool = False, key: str | None = None) -> None:
    """The rows behind a view in an expander, source addresses as links. With a `key` (unique
    on the page) the rows are sent only when the expander is opened (`lazy`)."""
    with lazy(block.title, key, expanded=expanded) as shown:
        if not shown:
            return
        if block.note:
            st.caption(plain(block.note))
        config = {}
        if block.link_column:
            config[block.link_column] = st.column_config.LinkColumn(display_text="Åbn kilde")
        st.dataframe(memo.made(block.frame, _as_arrow), width="stretch", column_config=config)


def static_table(frame) -> None:
    """A table shown whole (st.table reads its cells as Markdown: text cells are escaped)."""
    st.table(escaped_table(frame))


def escaped_table(frame) -> pa.Table:
    """`frame` for st.table: every text cell escaped by `plain`, converted once."""
    return memo.made(frame, _escaped_arrow)


def _as_arrow(frame) -> pa.Table:
    """The frame as Streamlit sends it (no index), converted once."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def _escaped_arrow(frame) -> pa.Table:
    shown = frame.copy()
    for column in shown.columns:
        if any(isinstance(v, str) for v in shown[column]):
            shown[column] = [plain(v) if isinstance(v, str) else v for v in shown[column]]
    return _as_arrow(shown)


def downloads(files: Download, heading: str | None = None, key: str = "alle-tal") -> None:
    """The files to take to a meeting, and the rows they hold behind an expander, sent when it
    is opened (`lazy`; `key`: the expander's, unique on the page)."""
    st.subheader(plain(heading or files.heading), anchor=False)
    left, right = st.columns(2)
    left.download_button(
        plain(files.csv_label),
        files.csv,
        file_name=files.csv_name,
        mime="text/csv",
        disabled=files.table.empty,
    )
    right.download_button(
        plain(files.excel_label),
        files.excel,
        file_name=files.excel_name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        disabled=files.table.empty,
    )
    with lazy(files.title, key) as shown:
        if shown:
            static_table(files.shown)


@contextlib.contextmanager
def lazy(label: str, key: str | None, *, expanded: bool = False):
    """An expander labelled `label` (shown as written) whose content the page makes only while
    it is open: yields whether to make it. Opening it runs the page again, and that run sends
    the content.

    A closed expander's content is otherwise sent and drawn with the page, out of sight: the
    overview's table of all figures (about 300 rows of 11 cells, each drawn as Markdown) and its
    goals' tables kept the browser busy for seconds while every large number and chart on the
    first screen still showed a grey placeholder (bench/first_screen.py). Without a `key`, an
    ordinary expander whose content is always made."""
    if key is None:
        with st.expander(plain(label), expanded=expanded):
            yield True
        return
    with st.expander(plain(label), expanded=expanded, key=key, on_change="rerun") as box:
        yield bool(box.open)


def report_download(store: Store, offer, today: int) -> None:
    """The yearly report's download button (`offer`: a `views.report.Offer`): the document is
    made when the button is clicked, and the click does not run the page again. If it cannot
    be made, the error is logged with an id and the file says so in Danish, with the id."""

    from sikkerby.ui import fallback  # (it shows its pages through this module)

    def document() -> bytes:
        # The writer (python-docx) is loaded by the first report, not by every page that
        # offers one; its images are drawn in a child process (sikkerby/drawing.py).
        from sikkerby import rapport

        return rapport.document(store, offer.period, offer.year, today)

    st.download_button(
        plain(offer.label),
        data=fallback.download(document, fallback_view.report_failed),
        file_name=offer.file_name,
        mime=report_view.WORD_MIME,
        icon=":material/description:",
        on_click="ignore",
    )


def follow_url(page: str, values: dict[str, object]) -> None:
    """Make each widget (`values`: widget key -> the URL's value) show what the URL says, unless
    this run comes from the visitor changing one of the page's widgets (`changed(page)`).

    The URL is the page's state: a link, the browser's Back and Forward, and any run not caused
    by the visitor's widgets (the run after `st.rerun()`, say) show what the URL says. A run a
    widget causes keeps the widgets' state, since the address it brings can be older than the
    one the last run wrote.
    """
    if st.session_state.pop(_changed_key(page), False):
        return
    for key, value in values.items():
        st.session_state[key] = value


def changed(page: str):
    """The `on_change` of a widget bound to the URL: this run is the visitor's choice."""

    def mark() -> None:
        st.session_state[_changed_key(page)] = True

    return mark


def _changed_key(page: str) -> str:
    return f"{page}:valgt"


def write_url(params: dict[str, str]) -> None:
    """Put the page's state in the URL (a new history entry when it changes)."""
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


def url_notices(page: str, shown: tuple, asked: tuple, texts: tuple[str, ...]) -> None:
    """The notices of the address that brought the page (`texts`, about the view `asked` it
    resolved to), while the page still shows that view (`shown`), also in the runs that follow
    once the page has written a clean address (the map reporting back, a rerun): they go when
    the visitor chooses another view."""
    key = f"{page}{_KEPT}"
    if texts and shown == asked:
        st.session_state[key] = (shown, tuple(texts))
    kept = st.session_state.get(key)
    if kept and kept[0] == shown:
        notices(kept[1])
    else:
        st.session_state.pop(key, None)


_KEPT = ":adressens-besked"
_PAGE = "adressens-side"


def on_page(name: str) -> None:
    """The navigation's call at every run (`name`: the page's address): the notices a page kept
    are forgotten once the visitor goes to another page, so a clean link back shows none."""
    if st.session_state.get(_PAGE) != name:
        for key in [k for k in st.session_state if str(k).endswith(_KEPT)]:
            del st.session_state[key]
        st.session_state[_PAGE] = name
