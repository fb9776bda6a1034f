"""A goal's status in Danish: its name (»Nået«, »På vej« ...) and its reason, one sentence per
`Reason` the rules gave (`sikkerby.domain.status`), so the rules say what they found and only
this module says it in words."""

from sikkerby import fmt
from sikkerby.domain.registry import Measure
from sikkerby.domain.status import Reason, Status, StatusKind, Why
from sikkerby.render.text import shown

LABELS = {
    StatusKind.ACHIEVED: "Nået",
    StatusKind.PROVISIONAL: "Foreløbig nået",
    StatusKind.ON_TRACK: "På vej",
    StatusKind.OFF_TRACK: "Ikke på vej",
    StatusKind.NOT_ACHIEVED: "Ikke nået",
    StatusKind.TOO_LITTLE_DATA: "For få data",
}


def label(status: Status) -> str:
    return LABELS[status.kind]


def reason(status: Status) -> str:
    """Why the status is what it is: its sentences, one after the other."""
    return " ".join(sentence(r) for r in status.reasons)


def improvement(measure: Measure) -> str:
    """What counts as better, as a noun: a fall or a rise."""
    return "et fald" if measure.lower_is_better else "en stigning"


def movement(old: float, new: float) -> str:
    return "steg" if new > old else "faldt" if new < old else "var uændret"


def _since(first: int) -> str:
    return f"fra {first} og frem"


def _changes(r: Reason) -> str:
    """Each district's baseline and latest figure: 'Indre By 12 % → 9 % (2021)'."""
    m = r["measure"]
    return "; ".join(
        f"{j.name} {shown(m, j.against.value)} → {shown(m, j.figure.value)} ({j.figure.year})"
        for j in r["changes"]
    )


def sentence(r: Reason) -> str:
    """One `Reason` as a Danish sentence."""
    v = r.values
    m: Measure | None = v.get("measure")

    def show(value: float) -> str:
        return shown(m, value)

    def now() -> str:  # the area against its comparison in the latest year both have
        latest, other = v["latest"], v["other"]
        return f"{show(latest.value)} mod {show(other.value)} for {v['compare']} i {latest.year}"

    match r.why:
        case Why.NOTHING_COUNTED:
            return f"Der er ikke offentliggjort tal fra {v['first']} til {v['last']}."
        case Why.TARGET_MET | Why.TARGET_MISSED:
            latest, target = v["latest"], v["target"]
            goal = f"målet på {show(target.value)} i {target.year}"
            if r.why == Why.TARGET_MET:
                return f"{show(latest.value)} i {latest.year}: {goal} er nået."
            return (
                f"{goal[0].upper()}{goal[1:]} er ikke nået: {show(latest.value)} i {latest.year}."
            )
        case Why.NOT_EVERY_YEAR:
            previous, latest = v["previous"], v["latest"]
            when = f" ({previous.year})" if previous.year is not None else " (basis)"
            return (
                f"{movement(previous.value, latest.value).capitalize()} fra "
                f"{show(previous.value)}{when} til {show(latest.value)} ({latest.year}); målet "
                f"kræver {improvement(m)} hvert år."
            )
        case Why.NO_BASELINE_YEAR:
            latest = v["latest"]
            return (
                f"Seneste tal er {show(latest.value)} ({latest.year}), men basisåret er ikke "
                "oplyst, så vejen mod målet kan ikke tegnes og forløbet ikke vurderes."
            )
        case Why.ON_PATH:
            latest = v["latest"]
            side = "på den gode side af" if v["good"] else "på den forkerte side af"
            return (
                f"{show(latest.value)} i {latest.year} er {side} den lige vej mod målet "
                f"({show(v['expected'])} i {latest.year})."
            )
        case Why.ONLY_BASELINES:
            return (
                f"Kun basisværdierne er offentliggjort: {show(v['baseline'].value)} mod "
                f"{show(v['compare_baseline'].value)} for {v['compare']}. Der er ingen "
                f"sammenlignelige tal {_since(v['first'])}."
            )
        case Why.NOTHING_TO_COMPARE:
            return (
                f"Der er ingen offentliggjorte tal for både området og {v['compare']} "
                f"{_since(v['first'])}."
            )
        case Why.LEVEL_REACHED:
            return f"{now()}: niveauet er nået."
        case Why.ONE_COMMON_YEAR:
            return f"{now()}. Der er kun ét år med tal for begge, så udviklingen kan ikke vurderes."
        case Why.BREAK:
            return (
                f"{now()}. Tallene kan ikke sammenlignes med {v['before'].year} (brud: "
                f"{v['found'].label}), så udviklingen kan ikke vurderes."
            )
        case Why.AREA_NOT_EVERY_YEAR:
            before, latest = v["before"], v["latest"]
            return (
                f"{now()}; området {movement(before.value, latest.value)} fra "
                f"{show(before.value)}, og målet kræver {improvement(m)} hvert år."
            )
        case Why.GAP_NARROWED:
            return f"{now()}: afstanden er blevet mindre."
        case Why.GAP_NOT_NARROWED:
            return f"{now()}: afstanden er ikke blevet mindre."
        case Why.TOO_FEW_DISTRICTS:
            known = (
                f"kun {fmt.listing(v['known'])} har offentliggjorte bydelstal her"
                if v["known"]
                else f"bydelenes tal for {v['year']} er ikke offentliggjort her"
            )
            return (
                f"I {v['year']} var {v['wanted']} bydele på den forkerte side af tærsklen, men "
                f"{known}."
            )
        case Why.NOTHING_AFTER_BASELINE:
            return f"Der er ingen tal efter {v['year']} for {fmt.listing(v['missing'])}."
        case Why.NOT_RISEN_IN:
            return f"Ikke {improvement(m)} i {fmt.listing(v['failing'])}: {_changes(r)}."
        case Why.RISEN_IN_ALL:
            return (
                f"{improvement(m).capitalize()} i alle {len(v['changes'])} bydele: {_changes(r)}."
            )
        case Why.WITHIN_MARGIN_IN:
            named = [f"{name} ({fmt.margin(margin)})" for name, margin in v["uncertain"]]
            return f"Ændringen i {fmt.listing(named)} er inden for den statistiske usikkerhed."
        case Why.MORE_DISTRICTS:
            count = v["count"]
            return (
                f"Antallet af bydele {v['bad_side']} tærsklen var {show(count.value)} i "
                f"{count.year} mod {show(v['baseline_value'])} i {v['baseline_year']}; tallene "
                "for de bydele, der er kommet til, er ikke offentliggjort her."
            )
        case Why.NO_BASELINE:
            counted = f" ({v['counted']} tal efter {v['after']})." if v["counted"] else "."
            return "Basis er ikke oplyst, så udviklingen kan ikke vurderes" + counted
        case Why.ONLY_BASELINE:
            baseline = v["baseline"]
            year = f", {baseline.year}" if baseline.year else ""
            return f"Kun basisværdien er offentliggjort ({show(baseline.value)}{year})."
        case Why.SINCE_BASELINE:
            return (
                f"{show(v['latest'].value)} i {v['latest'].year} mod "
                f"{show(v['baseline'].value)} ved basis."
            )
        case Why.WITHIN_MARGIN:
            return (
                "Forskellen er inden for undersøgelsens statistiske usikkerhed "
                f"({fmt.margin(v['margin'])})."
            )
        case Why.SECONDARY:
            years = fmt.listing([str(y) for y in v["years"]])
            if v["many"]:
                return (
                    f"Tallene for {years} bygger på sekundære kilder, der ikke er bekræftet mod "
                    "kommunens egen rapport."
                )
            return (
                f"Tallet for {years} bygger på en sekundær kilde, der ikke er bekræftet mod "
                "kommunens egen rapport."
            )
        case Why.UNTIL_CONFIRMED:
            return "Status bliver »Nået«, når et primært tal bekræfter det."
        case Why.TARGET_YEAR_PASSED:
            year = v["year"]
            return (
                f"Målåret {year} er passeret, men der er ikke offentliggjort tal for {year}, så "
                "det kan ikke afgøres, om målet blev nået."
            )
    raise AssertionError(r.why)  # every code is said above
