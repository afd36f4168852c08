"""The files of a zip being imported into the scenario library, validated one by one into entry rows.

The zip as a whole has passed `library_zip` (size, members, expansion, paths, manifest) before this
runs. Each scenario file is then checked on its own (its text encoding here, its TOML nesting and
numbers by `library_rules`): a bad file is reported by name and none of it is imported; the others
still are. Nothing is written here: the library (`sim.library`) stores the rows. No Streamlit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .library_entries import FileProblem, results_json
from .library_rules import (
    DEFAULT_TEAM,
    MANIFEST,
    MAX_SCENARIO_BYTES,
    LibraryError,
    clean_label,
    now_text,
    scenario_text,
    shown,
    validated_data,
)
from .library_zip import Member
from .scenario import MAX_NAME

ImportRow = tuple[str, dict[str, Any]]  # (file in the zip, the entry row it holds)


def rows_to_import(members: list[Member], manifest: list[dict[str, Any]],
                   team: str | None) -> tuple[list[ImportRow], list[FileProblem]]:
    """The entry rows of the zip's good files (those its manifest lists first, in its order, then the
    others) and a problem for every bad or missing file. `team` puts every row in that team."""
    rows: list[ImportRow] = []
    problems: list[FileProblem] = []
    by_file = {m.name: m for m in members}
    listed: set[str] = set()
    pairs: list[tuple[Member, dict[str, Any] | None]] = []  # each file and what the manifest says of it
    for item in manifest:
        listed.add(item["file"])
        member = by_file.get(item["file"])
        if member is None:
            problems.append(FileProblem(item["file"], LibraryError(
                "file_missing", f"{shown(item['file'])}: listed in {MANIFEST} but not in the zip",
                file=shown(item["file"]))))
            continue
        pairs.append((member, item))
    pairs += [(member, None) for member in members if member.name not in listed]  # plain files, no manifest
    for member, described in pairs:
        try:
            rows.append((member.name, _import_row(member, described, team)))
        except LibraryError as e:
            problems.append(FileProblem(member.name, e))
    return rows, problems


def _import_row(member: Member, item: dict[str, Any] | None, team: str | None) -> dict[str, Any]:
    """One file's entry row, fully validated (a LibraryError names the file)."""
    file = shown(member.name)
    if not member.name.lower().endswith(".toml"):
        raise LibraryError("file_not_scenario", f"{file}: not a scenario file (only .toml files and "
                           f"{MANIFEST} are read)", file=file)
    if member.too_large:
        raise LibraryError("file_too_large", f"{file}: too large ({member.too_large:,} bytes; at most "
                           f"{MAX_SCENARIO_BYTES:,})", file=file, size=member.too_large, limit=MAX_SCENARIO_BYTES)
    try:
        text = member.data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LibraryError("file_not_utf8", f"{file}: not UTF-8 text (byte {e.start})", file=file) from None
    if not text.strip():
        raise LibraryError("file_empty", f"{file}: empty", file=file)
    scenario, data = validated_data(text, file)
    if item is not None:
        name = item["name"]
    else:  # the file's own name, else its file name
        stem = re.sub(r"\.v\d+$", "", Path(member.name.replace("\\", "/")).stem)
        name = scenario.name if isinstance(data.get("name"), str) else stem
        try:
            name = clean_label(name, "name", MAX_NAME)
        except LibraryError as e:
            raise LibraryError(e.code, f"{file}: {e.message}", file=file, **e.params) from None
    _, toml_text = scenario_text(scenario, name, file)
    return {"team": team or (item["team"] if item else DEFAULT_TEAM), "name": name, "scenario_toml": toml_text,
            "note": item["note"] if item else "", "seed": item["seed"] if item else None,
            "replications": item["replications"] if item else None,
            "created_at": (item["created_at"] if item else None) or now_text(),
            "results_json": results_json(item["results"] if item else None),
            "deleted_at": now_text() if item and item["deleted"] else None}
