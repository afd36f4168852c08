"""The trivial Streamlit app the benches measure beside ZMOT Lab, so that their figures read as ratios.

A slider and the same hidden results marker as the app (`#zmot-results-ready`): the marker's
`data-results` is the slider's value, so `bench/sessions.py` times a key press to new "results" exactly
as it times the real app. Whatever the machine's load, a figure divided by this one says what the app
adds to Streamlit's own round trip.
"""

import streamlit as st

st.set_page_config(page_title="trivial", layout="wide")
v = st.slider("value", 0, 100, 50, key="in.budget.sales_share")
st.write(f"value: {v}")
st.markdown(f'<div id="zmot-results-ready" data-results="v{v}" data-final="1" style="display:none"></div>',
            unsafe_allow_html=True)
