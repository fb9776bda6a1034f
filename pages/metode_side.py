"""Om data og metode: how a status is decided, the thresholds and margins, the series breaks and
where the figures come from, with the date of the newest."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.views import method

view = method.build(ui.store())

st.title(ui.plain(view.title), anchor=False)
st.info(ui.plain(view.data_until), icon=":material/event:")
for section in view.sections:
    st.header(ui.plain(section.heading), anchor=False)
    for paragraph in section.paragraphs:
        st.markdown(ui.plain(paragraph))
    if section.table is not None:
        ui.static_table(section.table.frame)
st.caption(ui.plain(view.source))
