"""Figures and tables as shown: key figures of a goal card and the rows behind it, in Danish."""

import pandas as pd

from sikkerby import fmt
from sikkerby.domain.goals import Assessment

QUALITY = {"primary": "primær", "secondary": "sekundær"}


def _year_label(label: str, year: int | None) -> str:
    return f"{label} · {fmt.year(year)}"


def key_figures(a: Assessment) -> list[tuple[str, str, str | None]]:
    """(label, value, help) for the card's large numbers: baseline, comparison, latest, target."""
    goal, measure = a.goal, a.indicator.measure
    figures = []
    if goal.baseline is None:
        figures.append(
            ("Basis", "ikke oplyst", "Basis er ikke oplyst i det tilgængelige materiale.")
        )
    else:
        figures.append(
            (_year_label("Basis", goal.baseline_year), measure.show(goal.baseline_value), None)
        )
    if goal.compare_baseline is not None:
        figures.append(
            (
                _year_label(f"{a.compare_name}, basis", goal.compare_baseline_year),
                measure.show(goal.compare_baseline_value),
                None,
            )
        )
    latest = a.latest
    if latest is None:
        figures.append(("Seneste i perioden", "ingen tal", a.missing_hint))
    else:
        notes = []
        if latest["n_values"] > 1 and latest["min_value"] != latest["max_value"]:
            notes.append(
                f"Kilderne er uenige ({measure.show(latest['min_value'])} til "
                f"{measure.show(latest['max_value'])}); den mindst gunstige værdi vises."
            )
        if latest["quality"] == "secondary":
            notes.append("Fra en sekundær kilde, ikke bekræftet mod kommunens rapport.")
        figures.append(
            (
                _year_label("Seneste", latest["year"]),
                measure.show(latest["value"]),
                " ".join(["Seneste offentliggjorte tal til og med målåret.", *notes]),
            )
        )
    if goal.target is not None:
        word = "højst" if measure.lower_is_better else "mindst"
        figures.append(
            (
                _year_label("Mål", goal.target_year),
                f"{word} {measure.show(goal.target_value)}",
                None,
            )
        )
    return figures


def rows_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The published rows behind a view, with their sources, ready to show or download."""
    return pd.DataFrame(
        {
            "Indikator": rows["indicator_name"],
            "Område": rows["area_name"],
            "År": [fmt.year(None if pd.isna(y) else int(y)) for y in rows["year"]],
            "Værdi": [fmt.number(v) for v in rows["value"]],
            "Enhed": rows["unit"],
            "Kildetype": rows["quality"].map(QUALITY),
            "Kilde": rows["source_title"],
            "Link": rows["source_url"],
            "Note": rows["note"],
            "Linje i data/figures.csv": rows["line"],
        }
    )
