"""The presentation on screen: one slide filling the window, the controls under it, and every
slide for the printer.

The URL is the state: the buttons (and the keys presenters use: ←/→, PageUp/PageDown, which
clickers send, Space/Shift+Space and Home/End) write the next slide's address, and each run shows
what the address says, so a link opens the same slide. `?auto=30` moves on every 30 seconds;
the map's years can play.
"""

import time

import streamlit as st

from sikkerby.render import slides
from sikkerby.ui import components as ui
from sikkerby.ui import fallback
from sikkerby.views import presentation
from sikkerby.views.presentation import Deck, Request

PLAYING = "dias:afspil"
SHOWN_AT = "dias:vist"
# The page is the slide: no page header or navigation on screen, the slide under a thin band.
PAGE_CSS = """
header[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1rem 0 !important; max-width: none; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
.st-key-dias-pgup, .st-key-dias-pgdn, .st-key-dias-foerste, .st-key-dias-sidste {
  display: none !important; }
.dias-bunke { display: none; }
.st-key-dias-telefon { display: none !important; }
.st-key-dias-styring button, .st-key-dias-styring a, .st-key-dias-styring p {
  font-size: 18px; }
@media (max-width: 700px) {
  /* A phone: the exit says the deck is for a projector (and goes to the overview all the
     same). */
  .st-key-dias-afslut { display: none !important; }
  .st-key-dias-telefon { display: block !important; }
  .st-key-dias-telefon a, .st-key-dias-telefon span, .st-key-dias-telefon p {
    white-space: normal !important; overflow: visible !important; line-height: 1.25; }
  .st-key-dias-styring button, .st-key-dias-styring a, .st-key-dias-styring p {
    font-size: 15px; }
  .st-key-dias-styring { gap: 0.4rem; }
  .st-key-dias-taeller { display: none !important; }
}
@media print {
  [data-testid="stMain"] [data-testid="stElementContainer"]:not(:has(.dias-bunke)),
  .st-key-dias-styring { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; }
  .dias-bunke { display: block; }
}
"""
# Space and Shift+Space move on and back, as in every slide program, but only where Space has no
# work of its own: on a focused button, link, field or menu it keeps doing what it does there (a
# Streamlit shortcut would win over the focused button: Space on »Forrige« would move forward).
# It clicks the hidden PageDown/PageUp buttons, so the slide's address is written as for them;
# one listener per window, which does nothing on the other pages (no such buttons there).
SPACE_SCRIPT = """
(() => {
  const root = window.parent && window.parent.document ? window.parent : window;
  if (root.__sikkerByMellemrum) return;
  root.__sikkerByMellemrum = true;
  const busy = "button, a, input, textarea, select, summary, [role=button], [role=option], " +
    "[role=combobox], [role=slider], [role=tab], [role=radio], [role=checkbox], " +
    "[contenteditable=true]";
  root.document.addEventListener("keydown", (event) => {
    if (event.key !== " " || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.target;
    if (target && target.closest && target.closest(busy)) return;
    const key = event.shiftKey ? "dias-pgup" : "dias-pgdn";
    const button = root.document.querySelector(".st-key-" + key + " button");
    if (!button) return;
    event.preventDefault();
    button.click();
  }, true);
})();
"""


@fallback.callback
def _go(params: dict[str, str]) -> None:
    st.query_params.from_dict(params)


def show(deck: Deck, request: Request) -> None:
    ui.own_html(
        f"<style>{PAGE_CSS}{slides.CSS}</style><script>{SPACE_SCRIPT}</script>", javascript=True
    )
    # The address is written clean below: its notices stay while this slide is shown.
    now_shown = (deck.period, request.slide, deck.measure, request.year, request.auto)
    ui.url_notices("praesentation", now_shown, now_shown, request.notices)
    total = len(deck.slides)
    now = request.slide
    on_map = deck.map_slide is not None and now in (deck.map_slide, deck.map_slide + 1)

    def address(slide: int, year: int | None = request.year) -> dict[str, str]:
        return presentation.url_params(deck.period, slide, deck.measure, year, request.auto)

    if not on_map:
        st.session_state[PLAYING] = False  # the years play only while the map is shown
    playing = on_map and st.session_state.get(PLAYING, False)
    every = presentation.PLAY_SECONDS if playing else request.auto
    # The clock of what is shown now: it starts again whenever the slide or the year changes.
    shown = (now, request.year)
    if st.session_state.get(SHOWN_AT, (None,))[0] != shown:
        st.session_state[SHOWN_AT] = (shown, time.monotonic())

    @st.fragment(run_every=every)
    @fallback.fragment
    def current() -> None:
        # A timed run moves on when the slide (or the map's year) has been shown long enough.
        since = st.session_state[SHOWN_AT][1]
        if every and time.monotonic() - since >= every - 0.5:
            years = deck.years
            last_year = playing and years.index(request.year) == len(years) - 1
            if playing and not (last_year and request.auto):
                following = years[(years.index(request.year) + 1) % len(years)]
                _go(address(now, following))
            else:  # the next slide (a foyer screen also after one round of the years)
                _go(address(now % total + 1))
            st.rerun(scope="app")
        # The app's own HTML: sikkerby.render.slides escapes every text in it.
        ui.own_html(slides.scene(deck.slides[now - 1].html, more_controls=on_map), inline_svg=True)

    current()
    ui.own_html(deck.handout, inline_svg=True)

    with st.container(horizontal=True, key="dias-styring", vertical_alignment="center"):
        before, after = max(now - 1, 1), min(now + 1, total)
        st.button(
            "Forrige",
            icon=":material/arrow_back:",
            shortcut="Left",
            disabled=now == 1,
            on_click=_go,
            args=(address(before),),
        )
        st.button(
            "Næste",
            icon=":material/arrow_forward:",
            shortcut="Right",
            disabled=now == total,
            on_click=_go,
            args=(address(after),),
        )
        # The keys presenters and their clickers use: buttons no one sees (Space and Shift+Space
        # click the PageDown and PageUp ones: SPACE_SCRIPT).
        st.button("Forrige dias", key="dias-pgup", shortcut="PageUp", on_click=_go,
                  args=(address(before),))  # fmt: skip
        st.button("Næste dias", key="dias-pgdn", shortcut="PageDown", on_click=_go,
                  args=(address(after),))  # fmt: skip
        st.button("Første dias", key="dias-foerste", shortcut="Home", on_click=_go,
                  args=(address(1),))  # fmt: skip
        st.button("Sidste dias", key="dias-sidste", shortcut="End", on_click=_go,
                  args=(address(total),))  # fmt: skip
        with st.container(key="dias-taeller", width="content"):
            ui.text(f"Dias {now} af {total}")
        if on_map and deck.years:
            i = deck.years.index(request.year)
            st.button(
                "Forrige år",
                icon=":material/skip_previous:",
                disabled=i == 0,
                on_click=_go,
                args=(address(now, deck.years[max(i - 1, 0)]),),
            )
            st.button(
                "Næste år",
                icon=":material/skip_next:",
                disabled=i == len(deck.years) - 1,
                on_click=_go,
                args=(address(now, deck.years[min(i + 1, len(deck.years) - 1)]),),
            )
            st.button(
                "Stop" if playing else "Afspil årene",
                icon=":material/pause:" if playing else ":material/play_arrow:",
                on_click=_toggle_play,
            )
        with st.container(key="dias-afslut", width="content"):
            ui.link(presentation.exit_link(deck.period))
        # On a phone, in the exit's place (the same page): the deck is for a projector.
        with st.container(key="dias-telefon", width="content"):
            ui.link(presentation.phone_link(deck.period))
    ui.write_url(address(now))


@fallback.callback
def _toggle_play() -> None:
    st.session_state[PLAYING] = not st.session_state.get(PLAYING, False)
    st.session_state.pop(SHOWN_AT, None)  # a year's clock starts now
