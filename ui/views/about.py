"""About the model: the model in plain words and every input of the live scenario."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import fields as fl
from ..formats import money, percent
from ..text import field_text, t
from ..text_about import ABOUT
from .common import Ctx, downloads


def about(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(ABOUT.get(lang, ABOUT["en"]))
    live = next((s.scenario for s in ctx.items if not s.pinned), None) or ctx.items[-1].scenario
    data = live.model_dump(mode="json")
    rows = []
    for f in fl.all_fields():
        lbl, unit, help_ = field_text(lang, f.path, f.description)
        v = fl.get(data, f.path)
        shown = percent(v, lang) if f.percent else (money(v, lang) if "eur" in f.name else f"{v:g}")
        rows.append({t(lang, "col.field"): f"{lbl} ({unit})" if unit and unit != "%" else lbl,
                     t(lang, "col.value"): shown, t(lang, "col.help"): help_, "path": f.path})
    with st.expander(t(lang, "about_params_title")):
        df = pd.DataFrame(rows)
        st.dataframe(df, hide_index=True, key="table-parameters")
        downloads("parameters", df, ctx)
