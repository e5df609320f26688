"""`streamlit run app.py`: the frame lives in app_pages/main.py (shipped in the wheel, run by `catalogue serve`)."""

from app_pages.main import run

run()
