"""One object per screen, built without Streamlit: every text, number, status and chart spec
already decided."""
