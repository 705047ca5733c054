"""Entry point of the Streamlit app: page config and navigation; no domain logic."""

import streamlit as st

from ui import identity
from ui.nav import PAGES

st.set_page_config(page_title="Bimtek Klaim BPJS", page_icon=":material/health_and_safety:", layout="wide")
pages = [st.Page(path, title=title, icon=icon, default=i == 0) for i, (path, (title, icon)) in enumerate(PAGES.items())]
navigation = st.navigation(pages)
identity.sync()
identity.render_banner()
navigation.run()
