"""Entry point of the Streamlit app: page config and navigation; no domain logic."""

import streamlit as st

from ui import identity, roles

st.set_page_config(page_title="Bimtek Klaim BPJS", page_icon=":material/health_and_safety:", layout="wide")
navigation = st.navigation(roles.navigation_pages(trainer=identity.current_trainer() is not None))
identity.sync()
identity.render_banner()
navigation.run()
