"""Om data og metode: how a status is decided, the thresholds and margins, the series breaks and
where the figures come from, with the date of the newest."""

from sikkerby.ui import components as ui
from sikkerby.views import method

view = method.build(ui.store())

ui.title(view.title)
ui.info(view.data_until, icon=":material/event:")
for section in view.sections:
    ui.header(section.heading)
    for paragraph in section.paragraphs:
        ui.text(paragraph)
    if section.table is not None:
        ui.static_table(section.table.frame)
ui.caption(view.source)
