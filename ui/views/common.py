"""What every view shares: the context (`Ctx`), number helpers, charts with their downloads, the guard.

Every figure comes from `run.ScenarioData`; every string from `text`.
"""

from __future__ import annotations

import datetime
import html
import logging
import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from .. import charts as C
from .. import run as R
from .. import state as S
from ..formats import value
from ..text import NA, t

LOG = logging.getLogger("zmot.ui")

@dataclass(frozen=True)
class Ctx:
    """What every view needs: the scenarios with results, their labels and colours, the baseline."""

    lang: str
    items: list[S.Shown]
    data: list[R.ScenarioData]
    base: int
    seed: int
    replications: int

    @property
    def done(self) -> int:
        """Replications behind the figures on screen: fewer than asked while a run refines, after "Stop
        here" or a time limit."""
        return min(d.replications for d in self.data)

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.items]

    @property
    def colours(self) -> list[str]:
        return [s.colour for s in self.items]


# --- Small helpers -----------------------------------------------------------------------------------


def finite(x: float) -> bool:
    return x is not None and isinstance(x, (int, float, np.floating)) and math.isfinite(float(x))


def ci_text(lang: str, lo: float, hi: float, unit: str) -> str:
    if not (finite(lo) and finite(hi)):
        return NA[lang]
    return f"{value(lo, unit, lang)} – {value(hi, unit, lang)}"


def buyers_axis(ctx: Ctx) -> str:
    """'Buyers per year (mean of the replications)': a count says its period (the measured window)."""
    weeks = ctx.data[ctx.base].horizon_weeks if ctx.data else 52
    per = t(ctx.lang, "per_year") if weeks == 52 else t(ctx.lang, "per_weeks", n=weeks)
    return t(ctx.lang, "axis.buyers", per=per)


def lower_first(text: str) -> str:
    """'Rep utilization' -> 'rep utilization' mid-sentence; 'MQLs' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def swatch(colour: str, text: str, bold: bool = True) -> str:
    name = html.escape(text)
    name = f"<b>{name}</b>" if bold else name
    return f'<span style="color:{colour};font-size:1.3em">■</span> {name}'


def _release() -> str:
    try:
        with open(Path(__file__).resolve().parents[2] / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "?"


RELEASE = _release()


def app_version(lang: str) -> str:
    """The release and the engine's code fingerprint (results depend on both), in `lang`."""
    return t(lang, "app_version", version=RELEASE, engine=R.ENGINE[:7])


def caption(ctx: Ctx) -> str:
    """What a download was made from: scenarios, seed, replications, date, app version."""
    return t(ctx.lang, "export_caption", version=app_version(ctx.lang), date=datetime.date.today().isoformat(),
             seed=ctx.seed, r=ctx.done, names=", ".join(ctx.labels))


def csv_bytes(df: pd.DataFrame, ctx: Ctx) -> bytes:
    """The table as CSV, its caption first as a '#' comment line (pandas: `read_csv(..., comment="#")`)."""
    return (f"# {caption(ctx)}\n" + df.to_csv(index=False)).encode("utf-8")


def png_bytes(chart: object, ctx: Ctx) -> bytes:
    return C.png(chart, ctx.lang, caption=caption(ctx))


def downloads(key: str, df: pd.DataFrame, ctx: Ctx, chart: Callable[[int | None], object] | None = None) -> None:
    """CSV (and PNG) download buttons for a table or chart, built only when clicked, each with its caption."""
    lang = ctx.lang
    row = st.container(horizontal=True, key=f"dl-{key}")
    row.download_button(t(lang, "download_csv"), data=lambda: csv_bytes(df, ctx),
                        file_name=f"zmot_{key}.csv", mime="text/csv", key=f"dl.{key}.csv", on_click="ignore",
                        help=t(lang, "download_csv_help"))
    if chart is not None:
        row.download_button(t(lang, "download_png"), data=lambda: png_bytes(chart(C.EXPORT_WIDTH), ctx),
                            file_name=f"zmot_{key}.png", mime="image/png", key=f"dl.{key}.png", on_click="ignore",
                            help=t(lang, "download_png_help"))


def show_chart(key: str, build: Callable[[int | None], object], df: pd.DataFrame, ctx: Ctx,
               width: int | None = None, extra: str = "", span: float = 1.0) -> None:
    """A chart (key `chart-<key>`) with its CSV and PNG downloads; `span`, the share of the main area's
    width its column takes (titles, labels and legends are fitted to it, see `chart_fit`).

    The Vega-Lite spec is cached under the chart's data, language and size: going back to a setting,
    switching tabs or moving the baseline's radio does not rebuild charts that did not change.
    """
    lang = ctx.lang
    sig = f"{key}|{lang}|{width}|{span}|{extra}|{ctx.labels}|{ctx.colours}|{frame_hash(df)}"
    spec = _chart_spec(sig, build, width, lang, span)
    st.vega_lite_chart(spec=spec, width="stretch" if width is None else "content", theme=None,
                       key=f"chart-{key}")
    downloads(key, df, ctx, build)


def frame_hash(df: pd.DataFrame) -> str:
    values = pd.util.hash_pandas_object(df, index=False).to_numpy()
    return f"{len(df)}:{','.join(map(str, df.columns))}:{int(values.sum()) if len(values) else 0}"


@st.cache_data(max_entries=512, show_spinner=False)
def _chart_spec(sig: str, _build: Callable[[int | None], object], width: int | None, lang: str,
                span: float = 1.0) -> dict:
    return C.spec(_build(width), stretch=width is None, lang=lang, span=span)  # `sig` is the cache key


def guard(lang: str, what: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as e:  # a drawing failure must not take the page down
        LOG.exception("view %s failed", what)
        st.warning(t(lang, "error_generic", error=R.describe_error(e, lang)))

