"""ZMOT Lab's Streamlit front end: a thin shell over the `sim` engine.

`text` holds the interface's strings (English and French) and looks up all the app's text, with
`text_inputs`, `text_figures` and `text_about` naming the model's things and `formats` the number
formats of each language; `state` the session state, pinned scenarios and links, `inputs` the sidebar,
`run` the cached simulation runs, `charts` the Altair charts and `views` the tabs. Nothing here models
anything: numbers come from `sim`, defaults and bounds from the scenario schema and the presets.
"""
