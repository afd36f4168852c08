"""The scenario library (`sim.library`, `python -m sim library`): persistence, concurrent saves, versions,
trash, teams, zip export and import, hostile zips, migrations and the CLI end to end."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim import library_rules as rules
from sim import library_store as store
from sim import library_zip
from sim.cli import main
from sim.library import Library
from sim.library_rules import LibraryError
from sim.presets import load_preset, scenario_from_toml, to_toml

ROOT = Path(__file__).resolve().parent.parent
BASE = load_preset("baseline_2011")
NURTURE = load_preset("zmot_nurture")


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib.sqlite3")


def make_zip(members: list[tuple[str, bytes | str]], manifest: object | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            if name.split("\x00")[0]:  # zipfile cannot write a name empty up to its first NUL
                zf.writestr(name, data)
        if manifest is not None:
            zf.writestr("manifest.json", manifest if isinstance(manifest, (bytes, str)) else json.dumps(manifest))
    return buf.getvalue()


def code_of(fn, *args, **kwargs) -> str:
    with pytest.raises(LibraryError) as info:
        fn(*args, **kwargs)
    assert "\n" not in str(info.value) and str(info.value)
    return info.value.code


# --- where it lives, persistence ------------------------------------------------------------------------

def test_path_explicit_then_env_then_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZMOT_LIBRARY", str(tmp_path / "env.sqlite3"))
    assert store.library_path(tmp_path / "x.sqlite3") == tmp_path / "x.sqlite3"
    assert store.library_path() == tmp_path / "env.sqlite3"
    monkeypatch.delenv("ZMOT_LIBRARY")
    default = store.library_path()
    assert default.name == "library.sqlite3" and default.parent.name == "zmot-lab"


def test_created_on_first_use_in_wal_mode_with_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "lib.sqlite3"
    lib = Library(path)
    assert path.is_file() and lib.list().empty
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.schema_version() == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_saved_entries_outlive_the_connection_and_the_process(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library(path).save(BASE, team="red", note="kept")
    assert Library(path).show("baseline_2011", team="red").note == "kept"
    code = ("import sys; from sim.library import Library; lib = Library(sys.argv[1]);"
            "print(lib.show('baseline_2011', team='red').note); lib.save(lib.show('baseline_2011', team='red')"
            ".scenario, team='red', note='from a child')")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "kept"
    assert Library(path).show("baseline_2011", team="red").note == "from a child"


def _save_many(path: str, who: str, n: int, barrier) -> None:
    lib = Library(path)
    text = to_toml(BASE)
    barrier.wait()
    for i in range(n):
        lib.save(text, name="shared", team="room", note=f"{who}-{i}")
        lib.save(text, name=f"own-{who}", team="room", note=f"{who}-{i}")


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "lib.sqlite3")
    Library(path)
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_save_many, args=(path, who, 50, barrier)) for who in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    lib = Library(path)
    shared = lib.versions("shared", team="room")
    assert list(shared["version"]) == list(range(1, 101))
    assert sorted(shared["note"]) == sorted(f"{w}-{i}" for w in "ab" for i in range(50))
    for who in "ab":
        assert list(lib.versions(f"own-{who}", team="room")["note"]) == [f"{who}-{i}" for i in range(50)]


# --- versions, trash, teams ---------------------------------------------------------------------------

def test_saving_again_adds_a_version_and_overwrites_nothing(lib: Library) -> None:
    first = lib.save(BASE, name="plan", note="one", seed=1, replications=5)
    lib.save(NURTURE, name="plan", note="two")
    third = lib.save(BASE, name="plan", note="three")
    assert (first.version, third.version, third.versions) == (1, 3, (1, 2, 3))
    v = lib.versions("plan")
    assert list(v["version"]) == [1, 2, 3] and list(v["note"]) == ["one", "two", "three"]
    old = lib.show("plan", version=1)
    assert (old.note, old.seed, old.replications) == ("one", 1, 5)
    assert old.scenario_toml == first.scenario_toml and old.scenario.name == "plan"
    assert lib.show("plan", version=2).scenario.policy == NURTURE.policy
    assert lib.show("plan").version == 3
    listed = lib.list()
    assert listed.to_dict("records")[0] | {"created_at": None} == {
        "team": "default", "name": "plan", "version": 3, "versions": 3, "note": "three", "seed": None,
        "replications": None, "created_at": None, "deleted": False, "has_results": False}
    assert code_of(lib.show, "plan", version=9) == "version_not_found"
    assert code_of(lib.show, "nothing") == "not_found"


def test_delete_moves_every_version_to_a_trash_that_restores(lib: Library) -> None:
    lib.save(BASE, name="plan")
    lib.save(BASE, name="plan", note="second")
    lib.save(BASE, name="other")
    assert lib.delete("plan") == 2
    assert list(lib.list()["name"]) == ["other"]
    trash = lib.list(only_trash=True)
    assert list(trash["name"]) == ["plan"] and bool(trash["deleted"][0]) and trash["versions"][0] == 2
    assert len(lib.list(include_trash=True)) == 2
    assert lib.show("plan").deleted and lib.show("plan", version=1).note == ""
    assert code_of(lib.delete, "plan") == "already_in_trash"
    assert code_of(lib.restore, "other") == "not_in_trash"
    assert code_of(lib.delete, "ghost") == "not_found"
    assert code_of(lib.restore, "ghost") == "not_found"
    assert lib.restore("plan") == 2
    assert list(lib.list()["name"]) == ["other", "plan"] and lib.show("plan").note == "second"
    lib.delete("plan")
    again = lib.save(BASE, name="plan", note="after delete")  # numbering goes on; the trash keeps the old ones
    assert again.version == 3 and not again.deleted
    assert lib.list(only_trash=True)["version"].tolist() == [2]


def test_the_change_stamp_moves_on_save_delete_and_restore(lib: Library) -> None:
    seen = [lib.changed()]
    lib.save(BASE, name="plan", team="red")
    seen.append(lib.changed())
    lib.delete("plan", team="red")
    seen.append(lib.changed())
    lib.restore("plan", team="red")
    seen.append(lib.changed())
    assert all(a != b for a, b in itertools.pairwise(seen))  # each change is seen
    assert seen[-1] == seen[1]  # a fingerprint of the content: restored, the library is as it was saved
    assert lib.changed() == seen[-1]  # reading changes nothing


def test_two_teams_may_use_one_name(lib: Library) -> None:
    lib.save(BASE, name="plan", team="red", note="red's")
    lib.save(NURTURE, name="plan", team="blue", note="blue's, about nurture")
    lib.save(NURTURE, name="plan", team="blue")
    assert lib.show("plan", team="red").versions == (1,)
    assert lib.show("plan", team="blue").versions == (1, 2)
    assert lib.list(team="red")["note"].tolist() == ["red's"]
    assert lib.list()[["team", "version"]].values.tolist() == [["blue", 2], ["red", 1]]
    assert lib.list(search="NURTURE")["team"].tolist() == []  # the latest blue version has no note
    assert lib.list(search="PLA")["team"].tolist() == ["blue", "red"]
    assert lib.teams() == ["blue", "red"]
    lib.save(BASE, name="Zebra", team="red")
    lib.save(BASE, name="apple", team="red")
    assert lib.list(team="red")["name"].tolist() == ["apple", "plan", "Zebra"]  # any case
    lib.delete("plan", team="red")
    assert lib.show("plan", team="blue").deleted is False
    with pytest.raises(LibraryError, match="it is in team 'blue'"):
        lib.show("plan")


def test_results_are_the_kpi_summary(lib: Library) -> None:
    from sim.experiment import run
    from sim.presets import with_overrides

    short = with_overrides(BASE, ["experiment.horizon_weeks=6", "experiment.warmup_weeks=1",
                                  "experiment.follow_up_weeks=1"])
    res = run(short, 2, 7, n_jobs=1, detail=False)
    e = lib.save(short, name="run", seed=7, replications=2, results=res)
    got = lib.show("run").results
    assert e.results == got
    summary = res.summary.set_index("kpi")
    assert set(got) == set(summary.index)
    assert got["wins"]["mean"] == pytest.approx(summary.loc["wins", "mean"])
    assert all(set(v) == {"mean", "ci_low", "ci_high"} for v in got.values())


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"name": ""}, "name_invalid"),
    ({"name": "x" * 81}, "name_invalid"),
    ({"name": "a\nb"}, "name_invalid"),
    ({"team": " "}, "team_invalid"),
    ({"note": "n" * 2001}, "note_invalid"),
    ({"seed": -1}, "seed_invalid"),
    ({"seed": 2**64}, "seed_invalid"),
    ({"replications": 0}, "replications_invalid"),
    ({"results": {"wins": "many"}}, "results_invalid"),
    ({"results": {"wins": {"mean": "1"}}}, "results_invalid"),
])
def test_save_refuses_bad_fields(lib: Library, kwargs: dict, code: str) -> None:
    assert code_of(lib.save, BASE, **kwargs) == code
    assert lib.list(include_trash=True).empty


def test_save_validates_toml_text(lib: Library) -> None:
    assert code_of(lib.save, "[market]\narrivals_per_week = -3\n", name="x") == "scenario_invalid"
    assert code_of(lib.save, "not = = toml", name="x") == "file_invalid"
    e = lib.save('policy = "hybrid"\n', name="partial")  # read over the default preset, stored complete
    assert scenario_from_toml(e.scenario_toml).policy.value == "hybrid"
    assert "[market]" in e.scenario_toml


# --- export and import ---------------------------------------------------------------------------------

def _fill(lib: Library) -> None:
    lib.save(BASE, name="plan", team="red", note="first", seed=3, replications=4,
             results={"wins": {"mean": 1.5, "ci_low": 1.0, "ci_high": 2.0}})
    lib.save(NURTURE, name="plan", team="red", note="second")
    lib.save(NURTURE, name="plan", team="blue", note="l'équipe bleue")
    lib.save(BASE, name="a/b: c?", team="blue")
    lib.save(BASE, name="binned", team="blue")
    lib.delete("binned", team="blue")


def _comparable(lib: Library, **kw) -> list[dict]:
    return [e.to_dict() | {"versions": None} for e in lib.entries(**kw)]


def test_zip_round_trip(lib: Library, tmp_path: Path) -> None:
    _fill(lib)
    data = lib.export_zip()
    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(zf.read("manifest.json"))
    assert manifest["format"] == "zmot-lab-library" and len(manifest["entries"]) == 4
    for item in manifest["entries"]:
        assert set(item) >= {"file", "team", "name", "version", "note", "seed", "replications", "created_at",
                             "results"}
        scenario_from_toml(zf.read(item["file"]).decode("utf-8"))  # each file a valid scenario on its own
    fresh = Library(tmp_path / "fresh.sqlite3")
    report = fresh.import_zip(data)
    assert report.ok and len(report.imported) == 4 and not report.skipped
    assert _comparable(fresh) == _comparable(lib)
    again = fresh.import_zip(data)
    assert again.ok and not again.imported and len(again.skipped) == 4
    path = tmp_path / "all.zip"
    path.write_bytes(lib.export_zip(include_trash=True))
    fresh2 = Library(tmp_path / "fresh2.sqlite3")
    assert fresh2.import_zip(path).ok
    assert _comparable(fresh2, include_trash=True) == _comparable(lib, include_trash=True)
    assert fresh2.list(only_trash=True)["name"].tolist() == ["binned"]


def test_export_a_selection_and_import_into_one_team(lib: Library, tmp_path: Path) -> None:
    _fill(lib)
    data = lib.export_zip(names=[("red", "plan")])
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == [
        "manifest.json", "red/plan.v1.toml", "red/plan.v2.toml"]
    assert len(zipfile.ZipFile(io.BytesIO(lib.export_zip(team="blue"))).namelist()) == 3
    assert code_of(lib.export_zip, names=[("red", "ghost")]) == "not_found"
    fresh = Library(tmp_path / "fresh.sqlite3")
    report = fresh.import_zip(data, team="green")
    assert [(i.team, i.name, i.version) for i in report.imported] == [("green", "plan", 1), ("green", "plan", 2)]


def test_import_plain_toml_files_without_a_manifest(lib: Library) -> None:
    data = make_zip([("scenarios/my plan.toml", 'policy = "hybrid"\n'),
                     ("nurture.v3.toml", to_toml(NURTURE)),
                     ("folder/", b"")])
    report = lib.import_zip(data, team="red")
    assert report.ok
    assert sorted(i.name for i in report.imported) == ["my plan", "zmot_nurture"]
    assert lib.show("my plan", team="red").scenario.policy.value == "hybrid"


def test_import_reports_each_bad_file_and_imports_the_others(lib: Library) -> None:
    deep = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    dotted = "a" + ".a" * 100 + " = 1\n"
    members = [
        ("good.toml", to_toml(BASE)),
        ("range.toml", "[market]\narrivals_per_week = -5\n"),
        ("latin1.toml", 'description = "caf\xe9"\n'.encode("latin-1")),
        ("deep.toml", deep),
        ("dotted.toml", dotted),
        ("bigint.toml", "[market]\nshortlist_min = " + "9" * 5000 + "\n"),
        ("bigint2.toml", "[market]\nshortlist_min = " + "9" * 30 + "\n"),
        ("inf.toml", "[market]\narrivals_per_week = inf\n"),
        ("huge_float.toml", "[market]\narrivals_per_week = 1e999999\n"),
        ("syntax.toml", "policy = \n"),
        ("unknown.toml", "colour = 'red'\n"),
        ("empty.toml", ""),
        ("notes.txt", "hello"),
        ("big.toml", "# " + "x" * (rules.MAX_SCENARIO_BYTES + 10)),
        ("n\x1bame.toml", "policy = 'nope'\n"),
    ]
    report = lib.import_zip(make_zip(members))
    assert [i.file for i in report.imported] == ["good.toml"]
    codes = {p.file: p.error.code for p in report.problems}
    assert codes == {
        "range.toml": "scenario_invalid", "latin1.toml": "file_not_utf8", "deep.toml": "file_too_deep",
        "dotted.toml": "file_too_deep", "bigint.toml": "file_number_too_large",
        "bigint2.toml": "file_number_too_large", "inf.toml": "scenario_invalid",
        "huge_float.toml": "scenario_invalid", "syntax.toml": "file_invalid", "unknown.toml": "scenario_invalid",
        "empty.toml": "file_empty", "notes.txt": "file_not_scenario", "big.toml": "file_too_large",
        "n\x1bame.toml": "scenario_invalid",
    }
    for p in report.problems:
        assert "\n" not in p.message and "\x1b" not in p.message
        assert p.message.startswith(p.file.replace("\x1b", "\\x1b"))
    assert lib.list()["name"].tolist() == ["baseline_2011"]


def test_a_manifest_entry_without_its_file_is_reported(lib: Library) -> None:
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(_exported())).read("manifest.json"))
    manifest["entries"].append(manifest["entries"][0] | {"file": "gone.toml", "version": 7})
    data = make_zip([(e["file"], to_toml(BASE)) for e in manifest["entries"][:-1]], manifest)
    report = lib.import_zip(data)
    assert [(p.file, p.error.code) for p in report.problems] == [("gone.toml", "file_missing")]
    assert len(report.imported) == 1


def _exported() -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        src = Library(Path(d) / "src.sqlite3")
        src.save(BASE, name="plan", team="red", note="n", seed=1, replications=2)
        return src.export_zip()


# --- hostile zips: the whole zip is refused, nothing is imported ---------------------------------------

def _refused(lib: Library, data: bytes) -> str:
    code = code_of(lib.import_zip, data)
    assert lib.list(include_trash=True).empty
    return code


@pytest.mark.parametrize("name", ["../evil.toml", "/etc/evil.toml", "a/../../evil.toml", "C:/evil.toml",
                                  "..\\evil.toml", "ok/..\\..\\evil.toml"])
def test_paths_escaping_the_folder_are_refused(lib: Library, name: str) -> None:
    assert _refused(lib, make_zip([("good.toml", to_toml(BASE)), (name, to_toml(BASE))])) == "zip_unsafe_path"


def test_not_a_zip_and_damaged_zips_are_refused(lib: Library) -> None:
    assert _refused(lib, b"") == "zip_invalid"
    assert _refused(lib, b"PK\x03\x04 this is not a zip") == "zip_invalid"
    data = bytearray(make_zip([("good.toml", to_toml(BASE) * 3)]))
    data[60:200] = b"\x00" * 140  # inside the compressed data
    assert _refused(lib, bytes(data)) == "zip_invalid"


def test_upload_and_member_caps(lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.zip"
    with big.open("wb") as f:
        f.truncate(rules.MAX_ZIP_BYTES + 1)
    assert _refused(lib, big) == "zip_too_large"
    assert _refused(lib, b"\x00" * (rules.MAX_ZIP_BYTES + 1)) == "zip_too_large"
    assert code_of(lib.import_zip, tmp_path / "missing.zip") == "zip_unreadable"
    many = make_zip([(f"f{i}.toml", "") for i in range(rules.MAX_MEMBERS + 1)])
    assert _refused(lib, many) == "zip_too_many_members"


def test_a_zip_bomb_is_refused_before_it_is_expanded(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    zeros = b"\x00" * (1 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for i in range(rules.MAX_TOTAL_UNCOMPRESSED // len(zeros) + 1):  # 65 MiB in about 65 KB
            zf.writestr(f"bomb{i}.toml", zeros)
    data = buf.getvalue()
    assert len(data) < 200_000

    def never(*a, **k):
        raise AssertionError("a member was expanded")

    monkeypatch.setattr(library_zip, "_read_member", never)
    assert _refused(lib, data) == "zip_expands_too_much"


def test_a_member_lying_about_its_size_is_never_read_past_the_cap(lib: Library) -> None:
    payload = b"# " + b"x" * (2 * rules.MAX_SCENARIO_BYTES)
    data = bytearray(make_zip([("liar.toml", payload)]))
    real = len(payload).to_bytes(4, "little")
    assert data.count(real) == 2  # local header and central directory
    data = bytearray(bytes(data).replace(real, (100).to_bytes(4, "little")))
    assert _refused(lib, bytes(data)) == "zip_invalid"  # read up to its declared size, then a bad CRC


def test_duplicate_members_are_refused(lib: Library) -> None:
    with pytest.warns(UserWarning):
        data = make_zip([("plan.toml", to_toml(BASE)), ("plan.toml", to_toml(NURTURE))])
    assert _refused(lib, data) == "zip_duplicate_member"
    assert _refused(lib, make_zip([("Plan.toml", to_toml(BASE)), ("plan.toml", to_toml(BASE))])) \
        == "zip_duplicate_member"


def test_encrypted_members_are_refused(lib: Library) -> None:
    data = bytearray(make_zip([("secret.toml", to_toml(BASE))]))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local header, central directory
        data[data.index(signature) + flag_at] |= 0x1
    assert _refused(lib, bytes(data)) == "zip_encrypted"


def _manifest(**entry) -> dict:
    item = {"file": "a.toml", "team": "red", "name": "a", "version": 1, "note": "", "seed": 1,
            "replications": 2, "created_at": "2026-01-01T00:00:00Z", "results": None} | entry
    return {"format": "zmot-lab-library", "format_version": 1, "entries": [item]}


@pytest.mark.parametrize(("manifest", "words"), [
    ("{not json", "not valid JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"entries": []}', "not a ZMOT Lab manifest"),
    ({"format": "zmot-lab-library", "format_version": 99, "entries": []}, "newer"),
    ({"format": "zmot-lab-library", "format_version": 1, "entries": {}}, "must be a list"),
    (_manifest(seed=10**30), "seed"),
    (_manifest(seed="1" * 5000), "seed"),
    ('{"format": "zmot-lab-library", "format_version": 1, "entries": [], "x": ' + "9" * 5000 + "}", "JSON"),
    (_manifest(replications=-1), "replications"),
    (_manifest(name=""), "name"),
    (_manifest(team="t" * 500), "team"),
    (_manifest(file="../a.toml"), "path inside the zip"),
    (_manifest(created_at="yesterday"), "ISO 8601"),
    (_manifest(results={"wins": {"mean": "lots"}}), "not a number"),
    (_manifest(deleted="yes"), "deleted"),
    ({"format": "zmot-lab-library", "format_version": 1, "entries": [_manifest()["entries"][0]] * 2},
     "listed twice"),
])
def test_a_bad_manifest_refuses_the_zip(lib: Library, manifest: object, words: str) -> None:
    with pytest.raises(LibraryError) as info:
        lib.import_zip(make_zip([("a.toml", to_toml(BASE))], manifest))
    assert info.value.code == "manifest_invalid"
    assert words in str(info.value) and "\n" not in str(info.value)
    assert lib.list().empty


# --- fuzz: whatever the bytes, only LibraryError ---------------------------------------------------------

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
member_names = st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(
    ["manifest.json", "a.toml", "../a.toml", "/a.toml", "a/", "__MACOSX/a.toml", "C:\\a.toml"]))
member_data = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                        st.sampled_from([to_toml(BASE).encode(), b'policy = "hybrid"', b"x = [[[[1]]]]",
                                         b'{"format": "zmot-lab-library", "format_version": 1, "entries": [{}]}']))


def _try_import(lib: Library, data: bytes) -> None:
    try:
        report = lib.import_zip(data)
    except LibraryError as e:
        assert e.code and "\n" not in str(e)
        return
    for p in report.problems:
        assert isinstance(p.error, LibraryError) and "\n" not in p.message


@FUZZ
@given(data=st.binary(max_size=2000))
def test_fuzz_random_bytes(lib: Library, data: bytes) -> None:
    _try_import(lib, data)


@FUZZ
@given(members=st.lists(st.tuples(member_names, member_data), max_size=6))
def test_fuzz_random_zips(lib: Library, members: list[tuple[str, bytes]]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are part of the fuzz
        for name, data in members:
            if name.split("\x00")[0]:  # zipfile cannot write a name empty up to its first NUL
                zf.writestr(name, data)
    _try_import(lib, buf.getvalue())


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_fuzz_damaged_exports(lib: Library, flips: list[tuple[int, int]]) -> None:
    data = bytearray(_EXPORT)
    for at, value in flips:
        data[at % len(data)] = value
    _try_import(lib, bytes(data))


_EXPORT = _exported()


# --- migrations ---------------------------------------------------------------------------------------

def test_migrations_are_numbered_from_one_in_order() -> None:
    versions = [v for v, _ in store.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))


def test_migrates_an_empty_file_from_version_zero(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    sqlite3.connect(path).close()  # an empty database: user_version 0
    lib = Library(path)
    lib.save(BASE)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_later_migration_runs_in_order_and_keeps_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lib.sqlite3"
    Library(path).save(BASE, note="before")
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS,
                                              (2, ("ALTER TABLE entries ADD COLUMN colour TEXT DEFAULT 'blue'",)),
                                              (3, ("UPDATE entries SET colour = 'red'",))])
    lib = Library(path)
    assert lib.show("baseline_2011").note == "before"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("SELECT colour FROM entries").fetchone()[0] == "red"


def test_a_newer_or_foreign_file_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    assert code_of(Library, newer) == "library_newer"
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    assert code_of(Library, junk) == "library_corrupt"
    assert code_of(Library, tmp_path) == "library_open"  # a folder


# --- the CLI end to end ---------------------------------------------------------------------------------

def sim(*args: str, ok: bool = True, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "sim", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=None if env is None else os.environ | env)
    assert "Traceback" not in done.stderr
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def cli(*args: str, code: int = 0, error: str = "") -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(list(args)) == code, err.getvalue()
    if code:
        assert len(err.getvalue().strip().splitlines()) == 1 and err.getvalue().startswith("error:")
        assert error in err.getvalue()
    return out.getvalue()


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), done.stderr
    for w in words:
        assert w in lines[0]


def test_cli_save_list_show_versions_delete_restore(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite3")
    toml = tmp_path / "mine.toml"
    toml.write_text('policy = "hybrid"\n', encoding="utf-8")
    assert "saved red/plan v1" in sim("library", "save", "baseline_2011", "--name", "plan", "--team", "red",
                                      "--note", "first", "--seed", "5", "-r", "3", "--library", db).stdout
    assert "saved red/plan v2" in sim("library", "--library", db, "save", str(toml), "--name", "plan",
                                      "--team", "red").stdout
    short = ["--set", "experiment.horizon_weeks=6", "--set", "experiment.warmup_weeks=1",
             "--set", "experiment.follow_up_weeks=1", "-r", "2", "--jobs", "1", "--seed", "9"]
    saved = json.loads(sim("library", "save", "zmot_nurture", "--run", *short, "--format", "json",
                           env={"ZMOT_LIBRARY": db}).stdout)
    assert saved["team"] == "default" and saved["seed"] == 9 and saved["results"]["wins"]["mean"] is not None
    rows = json.loads(sim("library", "list", "--format", "json", "--library", db).stdout)
    assert [(r["team"], r["name"], r["version"]) for r in rows] == [("default", "zmot_nurture", 1), ("red", "plan", 2)]
    # the rest in this process (same code as `python -m sim`, without paying for a new interpreter)
    assert "plan" in cli("library", "list", "--team", "red", "--format", "csv", "--library", db)
    shown = json.loads(cli("library", "show", "plan", "--team", "red", "--version", "1", "--format", "json",
                           "--library", db))
    assert (shown["note"], shown["seed"], shown["replications"], shown["versions"]) == ("first", 5, 3, [1, 2])
    out = tmp_path / "plan.toml"
    cli("library", "show", "plan", "--team", "red", "--format", "toml", "--out", str(out), "--library", db)
    assert scenario_from_toml(out.read_text(encoding="utf-8")).policy.value == "hybrid"
    assert "version:      2 of 1, 2" in cli("library", "show", "plan", "--team", "red", "--library", db)
    assert cli("library", "versions", "plan", "--team", "red", "--format", "csv", "--library", db) \
        .splitlines()[0] == "version,created_at,note,seed,replications,deleted,has_results"
    assert "2 versions" in cli("library", "delete", "plan", "--team", "red", "--library", db)
    assert "(no saved" not in cli("library", "list", "--trash", "--library", db)
    assert "plan" not in cli("library", "list", "--library", db)
    assert "restored red/plan" in cli("library", "restore", "plan", "--team", "red", "--library", db)
    one_line_error(sim("library", "show", "plan", "--library", db, ok=False), "no scenario named 'plan'",
                   "team 'red'")
    one_line_error(sim("library", "save", "baseline_2011", "--name", "", "--library", db, ok=False), "name")
    for args, words in ((("restore", "plan", "--team", "red"), "not in the trash"),
                        (("save", "nope"), "neither a preset"), (("show", "plan", "--team", "red", "--version",
                                                                   "7"), "no version 7")):
        assert cli("library", *args, "--library", db, code=2, error=words) == ""


def test_cli_export_import(tmp_path: Path) -> None:
    db, db2 = str(tmp_path / "a.sqlite3"), str(tmp_path / "b.sqlite3")
    lib = Library(db)
    _fill(lib)
    zpath = str(tmp_path / "out.zip")
    sim("library", "export", "--out", zpath, "--team", "red", "--library", db)
    done = sim("library", "import", zpath, "--library", db2)
    assert done.stdout.count("imported red/plan") == 2 and done.stderr == ""
    assert _comparable(Library(db2)) == _comparable(lib, team="red")
    assert sim("library", "import", zpath, "--library", db2).stdout.count("skipped") == 2
    bad = tmp_path / "bad.zip"
    bad.write_bytes(make_zip([("good.toml", to_toml(BASE)), ("bad.toml", "[market]\narrivals_per_week = -1\n"),
                              ("latin.toml", b"note = '\xe9'")]))
    done = sim("library", "import", str(bad), "--team", "green", "--library", db2, ok=False)
    assert done.returncode == 2 and "imported green/baseline_2011 v1 from good.toml" in done.stdout
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2 and errors[0].startswith("error: bad.toml: ") and "latin.toml: not UTF-8" in errors[1]
    evil = tmp_path / "evil.zip"
    evil.write_bytes(make_zip([("../../evil.toml", to_toml(BASE))]))
    one_line_error(sim("library", "import", str(evil), "--library", db2, ok=False), "leaving its folder")
    notzip = tmp_path / "notzip.zip"
    notzip.write_bytes(b"hello")
    one_line_error(sim("library", "import", str(notzip), "--library", db2, ok=False), "not a zip")
