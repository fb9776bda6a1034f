"""Unge: Copenhagen's young people charged with crime against Aarhus, Odense, Aalborg and
Esbjerg (goals 3 and 4 of 2018-2021), with Danmarks Statistik's public figures as context."""

import streamlit as st

from sikkerby import fmt
from sikkerby.domain import unge
from sikkerby.render import charts, tables
from sikkerby.store import default_store


@st.cache_data(show_spinner=False)
def youth_goals() -> list[tuple[unge.YouthGoal, dict[str, dict | None]]]:
    """Each youth goal with its charts' Vega-Lite specs by name (None: nothing to draw), built
    once: Altair is the slow part."""
    store = default_store()
    built = []
    for period, goal in unge.youth_goals(store):
        y = unge.youth_goal(store, goal, period)
        info = y.assessment.indicator
        cities = y.cities_latest
        specs = dict(
            level=charts.goal_chart(y.assessment).to_dict(),
            gap=charts.gap_chart(y.gaps, info).to_dict() if y.gaps else None,
            cities=charts.city_bars(cities, info, y.areas[0].name).to_dict() if cities else None,
            context=charts.areas_over_time(
                y.context, [(c.name, c.series) for c in y.context_areas]
            ).to_dict()
            if y.context_areas
            else None,
        )
        built.append((y, specs))
    return built


def key_figures(y: unge.YouthGoal) -> None:
    figures = y.key_figures()
    for column, (label, value, help_text) in zip(st.columns(3), figures, strict=False):
        column.metric(label, value, help=help_text)
    if y.gaps:
        st.caption(f"København ligger {unge.gap_text(y.gaps[-1], y.assessment.indicator)}.")


def context_section(y: unge.YouthGoal, spec: dict | None) -> None:
    st.markdown("##### Offentlige tal fra Danmarks Statistik – en anden målestok")
    if y.context is None:
        return
    st.caption(
        f"{y.context.name}. Ingen offentlig tabel tæller sigtede efter kommune og alder, så "
        "målets egne tal kan ikke hentes; tabel STRAF44 tæller afgørelser (ikke personer, og "
        "også frifindelser). Tallene viser derfor kun retningen og må ikke sammenlignes direkte "
        "med målets andele."
    )
    if spec is None:
        st.info(
            "Tallene fra Danmarks Statistik er ikke hentet. Kør `python -m sikkerby.ingest.dst` "
            "på en maskine med netforbindelse; kommandoen henter befolkningstal (FOLK1A) og "
            "afgørelser (STRAF44) for de fem kommuner og bygger data igen.",
            icon=":material/cloud_off:",
        )
        return
    st.vega_lite_chart(spec, width="stretch")
    st.caption(y.context_caption())
    with st.expander("Tal og kilder fra Danmarks Statistik"):
        st.dataframe(tables.rows_table(y.context_rows), hide_index=True, width="stretch")


def goal_card(y: unge.YouthGoal, specs: dict[str, dict | None]) -> None:
    a = y.assessment
    with st.container(border=True, key=f"unge-{a.goal.goal_id}"):
        st.subheader(a.goal.heading, anchor=False)
        st.badge(a.status.label, icon=a.status.icon, color=a.status.colour)
        st.write(a.status.reason)
        st.markdown(f"**Mål:** {a.goal.description}")
        key_figures(y)
        left, right = st.columns(2, gap="large")
        with left:
            st.markdown("##### København og de fire byers gennemsnit")
            st.vega_lite_chart(specs["level"], width="stretch")
            st.caption(charts.rows_caption(a.indicator.source, y.rows))
        with right:
            st.markdown("##### Afstanden til de fire byers gennemsnit")
            if specs["gap"] is None:
                st.info("Der er intet år med tal for både København og gennemsnittet.")
            else:
                st.vega_lite_chart(specs["gap"], width="stretch")
                st.caption(
                    "Kilde: egne beregninger på tallene til venstre (København minus de fire "
                    "byers gennemsnit); tallenes kilder står under »Tal og kilder«."
                )
        if specs["cities"] is not None:
            latest = y.cities_latest
            st.markdown(f"##### København og byerne hver for sig i {latest.year}")
            st.vega_lite_chart(specs["cities"], width="stretch")
            st.caption(charts.rows_caption(a.indicator.source, y.rows))
            if latest.missing:
                st.markdown(f"Ingen tal for {fmt.listing(latest.missing)} i {latest.year}.")
        if y.cities_without_figures:
            why = "strategien oplyser kun gennemsnittet" if y.only_baselines else "ingen er indlæst"
            st.markdown(
                f"Ingen tal for {fmt.listing(y.cities_without_figures)} hver for sig: {why}."
            )
        if a.missing_hint:
            st.markdown(f"**Det mangler:** {a.missing_hint}.")
        st.markdown("##### Hvilke tal findes?")
        st.dataframe(y.coverage, width="stretch")
        with st.expander("Tal og kilder"):
            if a.goal.note:
                st.caption(a.goal.note)
            st.dataframe(
                tables.rows_table(y.rows),
                hide_index=True,
                width="stretch",
                column_config={"Link": st.column_config.LinkColumn(display_text="Åbn kilde")},
            )
        context_section(y, specs["context"])


st.title("Unge og kriminalitet: København mod de fire store byer", anchor=False)
st.caption(
    "Strategiens mål 3 og 4 (2018-2021): andelen af unge i København, der sigtes, skal falde "
    "hvert år og nærme sig gennemsnittet for Aarhus, Odense, Aalborg og Esbjerg i 2021."
)
built = youth_goals()
if all(y.only_baselines for y, _ in built):
    st.info(
        "**Kun strategiens basisværdier er offentliggjort.** Der er ingen årlige tal efter "
        "basis for København, de fire byers gennemsnit eller byerne hver for sig, så siden kan "
        "ikke vise, om afstanden er blevet mindre. Tallene er et særudtræk fra Danmarks "
        "Statistik, som kommunen modtager. **Det gør billedet færdigt:** kommunens årlige tal "
        "for København og de fire byer, indlæst med `python -m sikkerby.ingest.ungetal FIL` "
        "(filens format står i README).",
        icon=":material/info:",
    )
st.caption(charts.HOW_TO_READ)
for y, specs in built:
    goal_card(y, specs)
