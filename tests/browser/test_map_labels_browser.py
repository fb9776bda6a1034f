"""The map's labels as drawn, measured: at 1280×720, 1920×1080 and 390×844, for measures and
years with many districts without figures, with neighbours whose labels met, and with a district
chosen, no label's box meets another's or leaves the map, and beside the map the legend stays in
the first screen (on a desktop) without covering the map. One browser page for every case."""

import pytest
from harness import MAP_FRAME

SIZES = [(1280, 720), (1920, 1080), (390, 844)]
PATHS = [
    "/kort",  # trygge 2026: "92 %" lay under "84 %", Østerbro under Ydre Nørrebro
    "/kort?indikator=utrygge_nabolag&aar=2017",  # six "ingen data" among the values
    "/kort?indikator=borgervendt&aar=2021",  # ten "ingen data"; "21 pr. 1.000" half hidden
    "/kort?indikator=trygge_aften_nat&aar=2025",
    "/kort?indikator=utrygge_aften_nat&aar=2020",
    "/kort?indikator=trygge_nabolag&aar=2026&bydel=oesterbro",  # the chosen label is wider
    "/kort?indikator=utrygge_nabolag&aar=2017&bydel=indre-noerrebro",
]
# The labels on show (a label left out has no box), each as its text and its box in the map's
# frame, and the map's own box.
LABELS = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const labels = [...document.querySelectorAll('.bydel-etiket')]
    .filter(e => e.getClientRects().length > 0)
    .map(e => { const r = e.firstElementChild.getBoundingClientRect();
      return {text: e.innerText.replace(/\\s+/g, ' '), box: [r.left, r.top, r.right, r.bottom]}; });
  return {map: [map.left, map.top, map.right, map.bottom], labels};
}"""


def meet(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def within(inner, outer) -> bool:
    return (
        inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )  # fmt: skip


def box(bounding: dict) -> list[float]:
    x, y = bounding["x"], bounding["y"]
    return [x, y, x + bounding["width"], y + bounding["height"]]


def overlaps(drawn: dict) -> list[str]:
    """What is wrong with the labels `drawn` (LABELS): pairs that meet, labels off the map."""
    labels = drawn["labels"]
    found = [f"{a['text']!r} leaves the map" for a in labels if not within(a["box"], drawn["map"])]
    for i, a in enumerate(labels):
        found += [
            f"{a['text']!r} meets {b['text']!r}"
            for b in labels[i + 1 :]
            if meet(a["box"], b["box"])
        ]
    return found


def test_the_measure_finds_labels_that_meet():
    """The check itself: boxes that share area meet, boxes that only touch do not."""
    drawn = {
        "map": [0, 0, 100, 100],
        "labels": [
            {"text": "a", "box": [10, 10, 40, 30]},
            {"text": "b", "box": [30, 20, 60, 40]},  # meets a
            {"text": "c", "box": [60, 40, 90, 60]},  # touches b only at a corner
            {"text": "d", "box": [90, 90, 110, 99]},  # leaves the map
        ],
    }
    assert overlaps(drawn) == ["'d' leaves the map", "'a' meets 'b'"]


def settled(frame, quiet_ms: int = 600) -> dict:
    """The labels as drawn (LABELS) once they have stopped moving for `quiet_ms` (the frame is
    resized to the screen after the map is drawn, and the chosen district's label comes last)."""
    frame.wait_for_function("document.querySelectorAll('.bydel-etiket').length > 0")
    drawn = frame.evaluate(LABELS)
    for _ in range(40):
        frame.page.wait_for_timeout(quiet_ms)
        again = frame.evaluate(LABELS)
        if again == drawn:
            return drawn
        drawn = again
    raise AssertionError("the labels keep moving")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_map_label_covers_another_or_leaves_the_map(page, width, height):
    page.page.set_viewport_size({"width": width, "height": height})
    problems, shown = [], {}
    for path in PATHS:
        page.goto(path)
        frame = page.page.frame_locator(MAP_FRAME)
        frame.locator("path.leaflet-interactive").nth(12).wait_for(timeout=30_000)
        if "bydel=" in path:
            frame.locator(".bydel-etiket.valgt").wait_for(state="attached", timeout=30_000)
        inner = page.page.locator(MAP_FRAME).element_handle().content_frame()
        drawn = settled(inner)
        problems += [f"{path} at {width}: {p}" for p in overlaps(drawn)]
        shown[path] = [label["text"] for label in drawn["labels"]]
        if width >= 1280:
            # Beside the map, in the first screen, with or without a chosen district.
            legend = box(page.page.locator(".kort-forklaring").bounding_box())
            frame_box = box(page.page.locator(MAP_FRAME).bounding_box())
            if legend[3] > height or meet(legend, frame_box):
                problems.append(f"{path} at {width}: the legend {legend} beside {frame_box}")
    # Zoomed in (names come at zoom 12), the labels are placed anew.
    zoom_in = page.page.frame_locator(MAP_FRAME).get_by_role("button", name="Zoom ind")
    for step in (1, 2):
        zoom_in.click()
        drawn = settled(inner)
        problems += [f"zoomed in {step}x at {width}: {p}" for p in overlaps(drawn)]
    assert problems == []
    # Placing is not hiding: the values stay on the map wherever they fit.
    if width >= 1280:
        for path, texts in shown.items():
            assert len(texts) >= 11, (path, texts)
        assert any("92" in t for t in shown["/kort"]) and any("84" in t for t in shown["/kort"])
        assert any("21 pr. 1.000" in t for t in shown["/kort?indikator=borgervendt&aar=2021"])
    assert page.external_requests == []
