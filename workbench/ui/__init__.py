"""The Streamlit review UI. ``app.py`` is the entry script ``workbench ui`` runs."""
