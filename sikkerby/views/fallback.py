"""What a visitor sees instead of a page after an unexpected error. Built without Streamlit;
`sikkerby.ui.fallback` shows it."""

ERROR_TITLE = "Noget gik galt"


def error_text(incident: str) -> str:
    """The error page's message, with the id the visitor can quote (`incident`)."""
    return (
        "Der skete en uventet fejl, så siden kan ikke vises lige nu. Ingen data er ændret. "
        "Prøv igen om lidt, eller vælg en anden side. Nævn fejlkoden "
        f"{incident}, hvis du kontakter dem, der driver dashboardet."
    )
