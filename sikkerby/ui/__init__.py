"""The only Streamlit code outside pages/: shared page pieces, navigation and starting the app."""
