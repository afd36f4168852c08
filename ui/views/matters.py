"""What matters: the tornado of the uncertain assumptions (`sim.matters.what_matters`), with the ones that
would change the decision highlighted.

It is costly (every assumption at both ends, plus a coarse decision check at each end), so it runs only
when asked, on the engine's executor with a progress bar that a Stop (or any new input) interrupts, and
its result is kept for these inputs (scenario, seed, figure, replications, ranges): coming back to the
tab, or another team asking the same, shows it at once.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from sim.executor import task_key
from sim.experiment import RunTooLarge
from sim.kpis import KPI_BY_NAME
from sim.matters import DECISION_SHARES, RangesError, load_ranges, what_matters
from sim.shift import ALL_POLICIES

from .. import charts_decisions as CD
from .. import many as M
from .. import run as R
from ..formats import diff, number, percent, value
from ..text import kpi_label, policy_label, t
from ..text_decisions import INPUT_LABELS_FR
from .common import Ctx, ci_text, downloads, show_chart
from .shift import KPI_CHOICES, Y_FORMAT, live_item

MAX_REPLICATIONS = 10  # the figure at each end
DECISION_REPLICATIONS = 5  # each point of the coarse decision check
MAX_RANGES_BYTES = 64 * 1024
WANT = "_matters_want"  # the key of the study the user asked for


@st.cache_data(max_entries=32, show_spinner=False)
def _store(key: str, _result=None):
    """A keyed store (as `run._cache`): with a result it keeps it; without, it raises KeyError if none."""
    if _result is None:
        raise KeyError(key)
    return _result


def stored(key: str):
    try:
        return _store(key)
    except KeyError:
        return None


def _ranges(lang: str):
    """(inputs, label of the file, its bytes) from the upload or the shipped file; None after a message."""
    up = st.file_uploader(t(lang, "matters.ranges"), type=["toml"], key="matters.ranges",
                          help=t(lang, "matters.ranges_help"))
    if up is None:
        inputs = load_ranges()
        return inputs, t(lang, "matters.ranges_shipped", n=len(inputs)), b""
    data = up.getvalue()
    if len(data) > MAX_RANGES_BYTES:
        st.error(t(lang, "matters.bad_ranges", error=f"> {MAX_RANGES_BYTES // 1024} KB"))
        return None
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ranges.toml"
        path.write_bytes(data)
        try:
            inputs = load_ranges(path)
        except RangesError as e:
            st.error(t(lang, "matters.bad_ranges", error=str(e).replace(f"--ranges {path}: ", "")))
            return None
    return inputs, t(lang, "matters.ranges_own", file=html.escape(up.name), n=len(inputs)), data


def matters(ctx: Ctx) -> None:
    lang = ctx.lang
    ss = st.session_state
    own = live_item(ctx)
    labels = ctx.labels
    c1, c2 = st.columns([3, 2])
    pick = c1.selectbox(t(lang, "dec.scenario"), range(len(labels)), index=own, format_func=lambda i: labels[i],
                        key="matters.scenario")
    item = ctx.items[pick if pick is not None and pick < len(labels) else own]
    kpi = c2.selectbox(t(lang, "dec.kpi"), KPI_CHOICES, format_func=lambda k: kpi_label(lang, k), key="matters.kpi")
    st.markdown(t(lang, "matters.intro", name=html.escape(item.label)))
    got = _ranges(lang)
    if got is None:
        return
    inputs, source, raw = got
    reps = min(ctx.replications, MAX_REPLICATIONS)
    dreps = min(reps, DECISION_REPLICATIONS)
    st.caption(source)
    key = hashlib.sha1("|".join([task_key(item.scenario), str(ctx.seed), kpi, str(reps), str(dreps), R.ENGINE,
                                 hashlib.sha1(raw).hexdigest()]).encode()).hexdigest()[:20]
    result = stored(key)
    if result is None:
        runs = len(inputs) * 2 * reps + (len(inputs) * 2 + 1) * (len(ALL_POLICIES) + len(DECISION_SHARES)) * dreps
        st.button(t(lang, "matters.run"), key="matters.run", type="primary", on_click=ss.__setitem__,
                  args=(WANT, key), help=t(lang, "matters.run_help", runs=number(runs, lang, 0)))
        if ss.get(WANT) != key:
            st.caption(t(lang, "matters.waiting", inputs=len(inputs), reps=reps))
            return
        result = _run(ctx, item, kpi, inputs, reps, dreps)
        if result is None:
            return
        _store(key, result)
    _draw(ctx, item, kpi, result)


def _run(ctx: Ctx, item, kpi: str, inputs, reps: int, dreps: int):
    lang = ctx.lang
    bar = st.empty()
    st.button(t(lang, "matters.stop"), key="matters.stop", on_click=st.session_state.__setitem__, args=(WANT, None))
    text = t(lang, "matters.title", kpi=kpi_label(lang, kpi).lower())

    def progress(fraction: float) -> None:  # a report to the page: where a Stop or a new input interrupts
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=text)

    progress(0.0)
    try:
        return what_matters(item.scenario, kpi, reps, ctx.seed, ranges=inputs, decision_replications=dreps,
                            progress=progress)
    except RunTooLarge as e:
        bar.error(t(lang, "dec.too_large", error=M.error_text(lang, e)))
    except RangesError as e:
        bar.error(t(lang, "matters.bad_ranges", error=str(e)))
    except Exception as e:  # an engine failure: said, not raised (a stop is Streamlit's, not an Exception)
        R.LOG.exception("what matters failed")
        bar.error(t(lang, "dec.failed", error=M.error_text(lang, e)))
    return None


def _label(lang: str, row) -> str:
    return INPUT_LABELS_FR.get(row["input"], row["label"]) if lang == "fr" else row["label"]


def _changes(lang: str, row) -> str:
    out = []
    base_p, base_s = row["_base_policy"], row["_base_share"]
    for end in ("low", "high"):
        p, m = row[f"best_policy_{end}"], row[f"best_share_{end}"]
        e = t(lang, f"matters.end.{end}")
        if p != base_p:
            out.append(t(lang, "matters.change_policy", end=e, policy=policy_label(lang, p or "-"),
                         base=policy_label(lang, base_p or "-")))
        if m != base_s:
            out.append(t(lang, "matters.change_share", end=e, share=_pct(lang, m), base=_pct(lang, base_s)))
    return "; ".join(out)


def _pct(lang: str, x) -> str:
    return "-" if x is None or pd.isna(x) else percent(x, lang, 0)


def _draw(ctx: Ctx, item, kpi: str, m) -> None:
    lang = ctx.lang
    unit = KPI_BY_NAME[kpi].unit
    rows = m.rows.assign(_base_policy=m.base["best_policy"], _base_share=m.base["best_share"])
    if rows.empty:
        return
    rows["shown"] = [("⚑ " if r["decision_changes"] else "") + _label(lang, r) for _, r in rows.iterrows()]
    rows["what"] = [_changes(lang, r) for _, r in rows.iterrows()]
    low, high = t(lang, "matters.low"), t(lang, "matters.high")
    long = []
    for _, r in rows.iterrows():
        for end, name in (("low", low), ("high", high)):
            v, lo, hi = r[f"kpi_{end}"], r[f"kpi_{end}_ci_low"], r[f"kpi_{end}_ci_high"]
            long.append({"input": r["shown"], "end": name, "value": v, "ci_low": lo, "ci_high": hi,
                         "text": value(v, unit, lang), "ci_text": ci_text(lang, lo, hi, unit),
                         "changes": bool(r["decision_changes"]), "what": r["what"], "setting": r[end]})
    df = pd.DataFrame(long)
    order = list(rows["shown"])
    name = kpi_label(lang, kpi)
    base = m.base["mean"]
    show_chart("matters-tornado", lambda w: CD.tornado(
        df, order=order, base=base, colour=item.colour, end_labels=(low, high), width=w,
        x_title=t(lang, "matters.axis", kpi=name, base=value(base, unit, lang)),
        title=t(lang, "matters.title", kpi=name.lower()), x_format=Y_FORMAT.get(unit, ",.2~f")), df, ctx,
        extra=kpi)
    changed = rows[rows["decision_changes"]]
    if changed.empty:
        st.success(t(lang, "matters.none_changes"))
    else:
        for _, r in changed.iterrows():
            st.warning(f"**{html.escape(r['shown'])}**: {html.escape(r['what'])}")
    st.caption(t(lang, "matters.note", policies=", ".join(policy_label(lang, p) for p in m.policies),
                 shares=", ".join(percent(x, lang, 0) for x in m.decision_shares), dr=m.decision_replications,
                 r=m.replications))
    table = pd.DataFrame({
        t(lang, "matters.col.input"): rows["shown"],
        t(lang, "matters.col.low"): [number(x, lang) for x in rows["low"]],
        t(lang, "matters.col.high"): [number(x, lang) for x in rows["high"]],
        t(lang, "matters.col.kpi_low"): [value(x, unit, lang) for x in rows["kpi_low"]],
        t(lang, "matters.col.kpi_high"): [value(x, unit, lang) for x in rows["kpi_high"]],
        t(lang, "matters.col.swing"): [f"{diff(r['swing'], unit, lang)} [{diff(r['swing_ci_low'], unit, lang)}, "
                                       f"{diff(r['swing_ci_high'], unit, lang)}]" for _, r in rows.iterrows()],
        t(lang, "matters.col.change"): rows["what"],
    })
    st.dataframe(table, hide_index=True, key="table-matters")
    downloads("matters", rows.drop(columns=["low_values", "high_values", "_base_policy", "_base_share"]), ctx)
