"""The Streamlit pages: thin, one file per page, over the catalogue package. ``main.py`` is the frame."""
