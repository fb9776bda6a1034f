"""What the theme in .streamlit/config.toml cannot say: text readable on a projector.

Captions (the "Kilde:" lines) are drawn at 16 px and a dark grey (10:1 on white) instead of
Streamlit's 15.75 px at 60 % opacity (about 4:1); widget and metric labels at 16 px too, and so
every other text Streamlit draws smaller (navigation, buttons, badges, page links, expanders,
tables). The district map's height follows the screen, and no blank band stands above a page's
title.
"""

from sikkerby.ui import components

CSS = """
/* No blank band above the page's title: the first screen is the projector's. */
[data-testid="stMainBlockContainer"] { padding-top: 3.75rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  font-size: max(16px, 0.9rem) !important; color: #3d3d3d !important; opacity: 1 !important; }
[data-testid="stMetricLabel"] p, [data-testid="stWidgetLabel"] p {
  font-size: max(16px, 0.9rem) !important; color: #2b2b2b !important; }
[data-testid="stMetricDelta"] { font-size: max(16px, 0.9rem) !important; }
/* The chosen district's numbers beside the map: smaller, so they fit beside it at 1280×720. */
.st-key-bydel-panel [data-testid="stMetricValue"] { font-size: 1.6rem; }
.st-key-bydel-panel h3 { padding-top: 0; }
/* The district map as tall as the screen allows under the title, measures and years: the whole
   map in the first screen at 1280×720, and large enough for its names at 1920×1080. The frame
   has streamlit-folium's name until the translator names it in Danish
   (sikkerby.ui.danish.MAP_FRAME_TITLE): the same height under both. */
iframe[title="streamlit_folium.st_folium"], iframe[title="Kort over bydelene"] {
  height: clamp(340px, calc(100vh - 345px), 760px) !important; }
/* Fonts at least 16 px: Streamlit draws these texts at
   0.875rem (15.75 px with the theme's 18 px): the pages' navigation, buttons (segmented
   controls, downloads, the slides' keys), badges, page links, expanders' labels and the cells
   of st.table. */
[data-testid="stTopNavLink"] p, [data-testid="stSidebarNavLink"] p,
[data-testid="stSidebarNavLink"] span, [data-testid="stPageLink-NavLink"] p,
button [data-testid="stMarkdownContainer"] p, button kbd, .stMarkdownBadge,
[data-testid="stExpander"] summary p,
[data-testid="stTableStyledTable"] th, [data-testid="stTableStyledTable"] td,
[data-testid="stTableStyledTable"] p {
  font-size: max(16px, 0.9rem) !important; }
@media (max-width: 700px) {
  /* A phone: large numbers wrap instead of being cut, the map as tall as it is wide. */
  [data-testid="stMetricValue"] > div, [data-testid="stMetricLabel"] p {
    white-space: normal !important; overflow-wrap: anywhere; text-overflow: clip !important; }
  [data-testid="stMetricValue"] { font-size: 1.8rem !important; }
  iframe[title="streamlit_folium.st_folium"], iframe[title="Kort over bydelene"] {
    height: 380px !important; }
}
"""

# A phone (issue 20, "nothing cut"): a large number's words wrap under each other instead of
# being cut by Streamlit's ellipsis ("117 personer med band…"), and headings break between
# words (hyphenated in Danish where the browser can), a size smaller so a long Danish compound
# ("straffelovsovertrædelser") fits a line of its own instead of losing its last letter.
PHONE_CSS = """
@media (max-width: 700px) {
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
  [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
    white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; overflow-wrap: normal !important; }
  [data-testid="stMetricValue"] { font-size: 1.6rem !important; line-height: 1.2; }
  h1, h2, h3, h4 { overflow-wrap: normal !important; word-break: normal !important;
    hyphens: auto; -webkit-hyphens: auto; }
  /* Choices (segmented controls) wrap onto more rows instead of running off the screen
     (Streamlit scrolls them sideways inside columns). */
  [data-testid="stButtonGroup"] > div { flex-wrap: wrap !important; overflow: visible !important; }
  /* Not a slide's headings: a slide sizes its own (render/slides.py). */
  [data-testid="stMain"] h1:not(.dias *) { font-size: 1.9rem; }
  [data-testid="stMain"] h2:not(.dias *) { font-size: 1.45rem; }
  [data-testid="stMain"] h3:not(.dias *) { font-size: 1.25rem; }
}
"""


def apply() -> None:
    components.own_html(f"<style>{CSS}{PHONE_CSS}</style>")
