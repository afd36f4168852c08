"""Library: save the live scenario or a pin (name, team, note, with the figures on screen); browse and
search the saved scenarios; load one into the controls or pin it; its versions; trash and restore.

Library calls go through `ui.workshop`, which turns the engine's errors into the user's language.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import sim
from sim.library_rules import MAX_NOTE, MAX_TEAM, LibraryError
from sim.scenario import MAX_NAME

from .. import names as N
from .. import state as S
from .. import workshop as W
from ..formats import value
from ..text import kpi_label, t
from .common import Ctx, ci_text
from .headline import HEADLINE

FORM = "ws.save"
TEAM_FILTER = "ws.filter_team"
SEARCH = "ws.search"
TRASH = "ws.show_trash"
PICK = "ws.pick"
WHICH = "ws.save.which"  # the scenario the form saves
_SEP = "\u0000"  # between team, name and the trash flag in a picked entry's key
VERSION = "ws.version"
TEAM_KEPT = W.TEAM_KEPT


def library(ctx: Ctx) -> None:
    lang = ctx.lang
    W.show_flash(lang)
    try:
        lib = W.library()
    except LibraryError as e:
        st.error(W.error_text(lang, e) + " " + t(lang, "ws.nothing_lost"))
        return
    _save_form(ctx, lib)
    _browse(ctx, lib)


def _save_form(ctx: Ctx, lib) -> None:
    lang = ctx.lang
    ss = st.session_state
    if W.TEAM not in ss and ss.get(TEAM_KEPT):  # a widget's value is dropped while its tab is closed
        ss[W.TEAM] = ss[TEAM_KEPT]
    st.subheader(t(lang, "ws.save_title"))
    ids = [s.id for s in ctx.items]
    names = {s.id: s.label for s in ctx.items}
    if ss.get(WHICH) not in ids:  # the live scenario first; set here, not by `index=`, which Streamlit
        ss[WHICH] = ids[-1]  # warns about beside a value the session already holds
    S.keep_widget(WHICH, lang, [names[i] for i in ids])  # a new language: the browser's label follows
    with st.form(FORM, border=True):
        c1, c2 = st.columns([3, 2])
        which = c1.selectbox(t(lang, "ws.save_which"), ids, format_func=lambda i: names.get(i, i), key=WHICH)
        team = c2.text_input(t(lang, "ws.save_team"), key=W.TEAM, max_chars=MAX_TEAM, help=t(lang, "ws.save_team_help"))
        name = c1.text_input(t(lang, "ws.save_name"), key="ws.save.name", max_chars=MAX_NAME,
                             placeholder=names.get(which, ""))
        note = c2.text_area(t(lang, "ws.save_note"), key="ws.save.note", max_chars=MAX_NOTE, height=68,
                            help=t(lang, "ws.save_note_help"))
        submitted = st.form_submit_button(t(lang, "ws.save_button"), type="primary")
    if not submitted:
        return
    ss[TEAM_KEPT] = team
    i = ids.index(which) if which in ids else len(ids) - 1
    shown, data = ctx.items[i], ctx.data[i]
    entry_name = (name or "").strip() or N.label_of(lang, shown.scenario, shown.preset, shown.named)
    try:
        e = lib.save(shown.scenario, name=entry_name, team=(team or "").strip() or "default", note=note or "",
                     seed=ctx.seed, replications=data.replications, results=data.summary)
    except LibraryError as err:
        st.error(W.error_text(lang, err) + " " + t(lang, "ws.nothing_lost"))
        return
    W.saved_here(e.team, e.name)
    st.success(t(lang, "ws.saved", name=e.name, team=e.team, version=e.version, r=data.replications, seed=ctx.seed))


def _browse(ctx: Ctx, lib) -> None:
    lang = ctx.lang
    st.subheader(t(lang, "ws.browse_title"))
    try:
        teams = lib.teams()
    except LibraryError as e:
        st.error(W.error_text(lang, e))
        return
    c1, c2, c3 = st.columns([2, 3, 2], vertical_alignment="bottom")
    all_teams = "\u0000all"
    team = c1.selectbox(t(lang, "ws.filter_team"), [all_teams, *teams], key=TEAM_FILTER,
                        format_func=lambda x: t(lang, "ws.all_teams") if x == all_teams else x)
    search = c2.text_input(t(lang, "ws.search"), key=SEARCH, max_chars=MAX_NAME)  # a few words
    trash = c3.toggle(t(lang, "ws.show_trash"), key=TRASH)
    try:
        df = lib.list(team=None if team == all_teams else team, search=search or None, include_trash=trash)
    except LibraryError as e:
        st.error(W.error_text(lang, e))
        return
    if df.empty:
        st.info(t(lang, "ws.empty" if not teams else "ws.no_match"))
        return
    table = pd.DataFrame({
        t(lang, "ws.col_team"): df["team"], t(lang, "ws.col_name"): df["name"],
        t(lang, "ws.col_version"): df["version"], t(lang, "ws.col_versions"): df["versions"],
        t(lang, "ws.col_note"): df["note"], t(lang, "ws.col_saved"): [_when(x) for x in df["created_at"]],
        t(lang, "ws.col_reps"): df["replications"], t(lang, "ws.col_seed"): df["seed"]})
    if trash:
        table[t(lang, "ws.col_deleted")] = df["deleted"]
    st.dataframe(table, hide_index=True, key="ws.table", height=min(400, 38 + 35 * len(table)))
    keys = [_SEP.join((r.team, r.name, str(int(bool(r.deleted))))) for r in df.itertuples(index=False)]
    rows = {k: r for k, r in zip(keys, df.itertuples(index=False), strict=True)}

    def option(k: str) -> str:
        r = rows[k]
        return t(lang, "ws.entry_trash" if r.deleted else "ws.entry_option", team=r.team, name=r.name,
                 version=r.version)

    _repick(keys)
    S.keep_widget(PICK, lang, [option(k) for k in keys])  # a label changed (trash, version): the browser's too
    pick = st.selectbox(t(lang, "ws.entry"), keys, format_func=option, key=PICK)
    if pick is None:
        return
    _entry(ctx, lib, rows[pick])


def _repick(keys: list[str]) -> None:
    """Keep the picked entry when it moved to or from the trash (its key's last part), else pick the first,
    and say so to the browser: left to reset by itself, the selectbox kept showing the old entry's label
    over the first entry's buttons, so Delete trashed another team's scenario than the one named."""
    ss = st.session_state
    picked = ss.get(PICK)
    if picked in keys:
        return
    entry = picked.rsplit(_SEP, 1)[0] if isinstance(picked, str) else None
    ss[PICK] = next((k for k in keys if k.rsplit(_SEP, 1)[0] == entry), keys[0])


def _when(iso: str) -> str:
    return str(iso).replace("T", " ")[:16]


def _entry(ctx: Ctx, lib, r) -> None:
    """One saved scenario: its versions, its figures when saved, and what can be done with it."""
    lang = ctx.lang
    try:
        versions = lib.versions(r.name, team=r.team)
    except LibraryError as e:
        st.error(W.error_text(lang, e))
        return
    versions = versions[versions["deleted"] == bool(r.deleted)]
    vs = [int(v) for v in versions["version"]][::-1]  # newest first
    whens = dict(zip(versions["version"].astype(int), versions["created_at"], strict=True))
    vkey = f"{VERSION}.{r.team}.{r.name}"
    with st.container(border=True):
        c1, c2 = st.columns([2, 3], vertical_alignment="bottom")
        version = c1.selectbox(t(lang, "ws.version"), vs, key=vkey,
                               format_func=lambda v: t(lang, "ws.version_option", version=v, when=_when(whens[v])))
        row = c2.container(horizontal=True)
        allowed = W.can_delete({"team": r.team, "name": r.name})
        why_not = None if allowed else t(lang, "ws.delete_denied")
        if not r.deleted:
            row.button(t(lang, "ws.load_button"), key="ws.load", on_click=W.load_entry,
                       args=(r.team, r.name, version), help=t(lang, "ws.load_help"))
            row.button(t(lang, "ws.pin_button"), key="ws.pin", on_click=W.pin_entry, args=(r.team, r.name, version),
                       help=t(lang, "ws.pin_help"))
            row.button(t(lang, "ws.delete_button"), key="ws.delete", on_click=W.delete_entry, args=(r.team, r.name),
                       help=why_not or t(lang, "ws.delete_help"), disabled=not allowed)
        else:
            row.button(t(lang, "ws.restore_button"), key="ws.restore", on_click=W.restore_entry,
                       args=(r.team, r.name), help=why_not, disabled=not allowed)
        try:
            e = lib.show(r.name, team=r.team, version=version)
        except LibraryError as err:
            st.error(W.error_text(lang, err))
            return
        if e.note:
            st.markdown(f"> {e.note}")
        if e.results:
            st.caption(t(lang, "ws.entry_caption", when=_when(e.created_at), r=e.replications, seed=e.seed))
            _figures(lang, e.results)
        else:
            st.caption(t(lang, "ws.entry_no_run", when=_when(e.created_at)))
        vt = versions.assign(created_at=[_when(x) for x in versions["created_at"]])[
            ["version", "created_at", "note", "replications", "seed"]]
        vt.columns = [t(lang, "ws.col_version"), t(lang, "ws.col_saved"), t(lang, "ws.col_note"),
                      t(lang, "ws.col_reps"), t(lang, "ws.col_seed")]
        st.dataframe(vt, hide_index=True, key="ws.versions")


def _figures(lang: str, results: dict) -> None:
    """The headline figures stored with the entry, with their 95% intervals."""
    units = {k.name: k.unit for k in sim.KPIS}
    cols = st.columns(4)
    for col, kpi in zip([c for _ in range(2) for c in cols], HEADLINE, strict=False):
        if kpi not in results:
            continue
        r = results[kpi]
        unit = units.get(kpi, "")
        col.metric(kpi_label(lang, kpi), value(r.get("mean"), unit, lang),
                   help=f"95% CI: {ci_text(lang, r.get('ci_low'), r.get('ci_high'), unit)}")
