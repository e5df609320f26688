"""The framework's floor for browser_bench.py: the least a Streamlit page with a title, a figure and
N plotly charts can cost in this browser on this machine, with none of the catalogue's work.

    ?charts=N   (0: a title and a metric only)
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.metric("Projects", 83)
for index in range(int(st.query_params.get("charts", "0"))):
    figure = go.Figure(go.Bar(x=list("abcdefgh"), y=list(range(8))), layout={"title": {"text": f"Chart {index}"}})
    st.plotly_chart(figure, key=f"chart-{index}")
