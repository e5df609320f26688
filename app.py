"""`streamlit run app.py [-- --db PATH]`: the app and its HTTP routes as one ASGI server (st.App).

The pages run inside the frame of app_pages/main.py; the routes (/healthz, /api/v1/…, the feed, the
session cookie) are catalogue/api.py's; app_pages/server.py says how they are put together (and is
what `catalogue serve` runs from an installed wheel).
"""

import streamlit as st

from app_pages.server import SCRIPT, lifespan, middleware, routes

app = st.App(SCRIPT, routes=routes(), lifespan=lifespan, middleware=middleware())
