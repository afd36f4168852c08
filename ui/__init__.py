"""ZMOT Lab's Streamlit front end: a thin shell over the `sim` engine.

`text` holds every user-facing string (English and French) and the number formats, `state` the
session state, pinned scenarios and links, `inputs` the sidebar, `run` the cached simulation runs,
`charts` the Altair charts and `views` the tabs. Nothing here models anything: numbers come from
`sim`, defaults and bounds from the scenario schema and the presets.
"""
