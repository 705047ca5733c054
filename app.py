"""Entry point of the Streamlit app: page config and navigation; no domain logic."""

import streamlit as st

from ui import identity, roles, theme

st.set_page_config(page_title="Bimtek Klaim BPJS", page_icon=theme.favicon(), layout="wide")
identity.sync()  # first: a trainer restored from ?sesi= sees the trainer pages in the navigation
trainer = identity.current_trainer() is not None
navigation = st.navigation(
    roles.navigation_pages(trainer=trainer, guest=identity.current_learner().guest), expanded=True
)
identity.render_banner()
theme.inject_global_css()
if navigation.url_path:  # any page but Beranda, which checks the store itself right after its heading (cold start)
    identity.check_store()
navigation.run()
