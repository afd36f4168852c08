"""The scenario library's zip files: writing one, and reading an untrusted one.

A zip to import is hostile input until proven otherwise: its size, member count, declared and actual
uncompressed sizes, member paths and manifest are checked before anything is expanded or parsed; any
zip-level problem refuses the whole zip (`LibraryError`). The scenarios inside are validated one by
one by `sim.library_import`. No Streamlit.
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .library_entries import Entry
from .library_rules import (
    DEFAULT_TEAM,
    MANIFEST,
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_REPLICATIONS,
    MAX_SCENARIO_BYTES,
    MAX_SEED,
    MAX_TEAM,
    MAX_TOTAL_UNCOMPRESSED,
    MAX_ZIP_BYTES,
    LibraryError,
    clean_int,
    clean_label,
    clean_note,
    clean_time,
    kpi_summary,
    now_text,
    shown,
)
from .scenario import MAX_NAME


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes
    too_large: int = 0  # its size, when it is too large to read (it is then never expanded)


_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def _slug(text: str) -> str:
    s = _SLUG.sub("_", text).strip("._") or "_"
    return s[:60]


def write_zip(entries: list[Entry]) -> bytes:
    buf = io.BytesIO()
    used: set[str] = set()
    items = []
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for e in entries:
            base = f"{_slug(e.team)}/{_slug(e.name)}.v{e.version}"
            file, k = f"{base}.toml", 1
            while file.casefold() in used:
                k += 1
                file = f"{base}-{k}.toml"
            used.add(file.casefold())
            zf.writestr(file, e.scenario_toml)
            items.append({"file": file, "team": e.team, "name": e.name, "version": e.version, "note": e.note,
                          "seed": e.seed, "replications": e.replications, "created_at": e.created_at,
                          "deleted": e.deleted, "results": e.results})
        manifest = {"format": MANIFEST_FORMAT, "format_version": MANIFEST_VERSION, "exported_at": now_text(),
                    "entries": items}
        zf.writestr(MANIFEST, json.dumps(manifest, indent=2, allow_nan=False))
    return buf.getvalue()


def zip_bytes(data: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if len(data) > MAX_ZIP_BYTES:
            raise _too_large(len(data))
        return data
    path = Path(data)
    try:
        size = path.stat().st_size
        if size > MAX_ZIP_BYTES:
            raise _too_large(size)
        with path.open("rb") as f:
            raw = f.read(MAX_ZIP_BYTES + 1)
    except OSError as e:
        raise LibraryError("zip_unreadable", f"cannot read {path}: {e.strerror or e}", file=str(path)) from None
    if len(raw) > MAX_ZIP_BYTES:
        raise _too_large(len(raw))
    return raw


def _too_large(size: int) -> LibraryError:
    return LibraryError("zip_too_large", f"the zip is too large ({size / 2**20:.1f} MiB; at most "
                        f"{MAX_ZIP_BYTES // 2**20} MiB)", size=size, limit=MAX_ZIP_BYTES)


def _eocd_count(data: bytes) -> int | None:
    """Members the end-of-central-directory record announces, read before zipfile builds its list."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if at < 0 or at + 22 > len(data):
        return None
    return struct.unpack("<H", data[at + 10: at + 12])[0]


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (name.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts
            or "\x00" in name)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The member's bytes, or None if it expands beyond `limit` (read in chunks, never past it)."""
    out = bytearray()
    with zf.open(info) as f:
        while chunk := f.read(64 * 1024):
            out += chunk
            if len(out) > limit:
                return None
    return bytes(out)


_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
               NotImplementedError, RuntimeError, struct.error, IndexError, KeyError, OverflowError)


def read_zip(data: bytes) -> tuple[list[Member], list[dict[str, Any]]]:
    """Members to import and the manifest's entries; the whole zip is refused on any zip-level problem."""
    count = _eocd_count(data)
    if count is not None and count > MAX_MEMBERS:
        raise _too_many(count)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as e:
        raise LibraryError("zip_invalid", f"not a zip file ({e})", reason=str(e)) from None
    with zf:
        try:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _too_many(len(infos))
            seen: set[str] = set()
            declared = 0
            for info in infos:
                if _unsafe(info.filename):
                    raise LibraryError("zip_unsafe_path", f"the zip holds a path leaving its folder: "
                                       f"{shown(info.filename)!r}", member=shown(info.filename))
                key = info.filename.replace("\\", "/").casefold()
                if key in seen:
                    raise LibraryError("zip_duplicate_member", f"the zip holds {shown(info.filename)!r} twice",
                                       member=shown(info.filename))
                seen.add(key)
                declared += max(0, info.file_size)
                if info.flag_bits & 0x1:
                    raise LibraryError("zip_encrypted", f"the zip is encrypted ({shown(info.filename)!r})",
                                       member=shown(info.filename))
            if declared > MAX_TOTAL_UNCOMPRESSED:
                raise _expands(declared)
            manifest: list[dict[str, Any]] = []
            members: list[Member] = []
            total = 0
            for info in infos:
                name = info.filename
                if info.is_dir() or name.startswith("__MACOSX/"):
                    continue
                is_manifest = name == MANIFEST
                limit = MAX_MANIFEST_BYTES if is_manifest else MAX_SCENARIO_BYTES
                if info.file_size > limit:
                    if is_manifest:
                        raise LibraryError("manifest_invalid", f"{MANIFEST} is too large ({info.file_size:,} "
                                           f"bytes; at most {limit:,})", reason="too large")
                    members.append(Member(name, b"", too_large=info.file_size))
                    continue
                room = MAX_TOTAL_UNCOMPRESSED - total
                raw = _read_member(zf, info, min(limit, room))
                if raw is None:  # it expands beyond what it declared
                    if room <= limit:
                        raise _expands(total + room + 1)
                    if is_manifest:
                        raise LibraryError("manifest_invalid", f"{MANIFEST} is too large (at most {limit:,} "
                                           "bytes)", reason="too large")
                    members.append(Member(name, b"", too_large=limit + 1))
                    continue
                total += len(raw)
                if is_manifest:
                    manifest = _parse_manifest(raw)
                else:
                    members.append(Member(name, raw))
        except LibraryError:
            raise
        except _ZIP_ERRORS as e:
            raise LibraryError("zip_invalid", f"the zip is damaged ({type(e).__name__}: {e})",
                               reason=str(e)) from None
    return members, manifest


def _too_many(n: int) -> LibraryError:
    return LibraryError("zip_too_many_members", f"the zip holds too many files ({n:,}; at most {MAX_MEMBERS:,})",
                        count=n, limit=MAX_MEMBERS)


def _expands(n: int) -> LibraryError:
    return LibraryError("zip_expands_too_much", f"the zip would expand to more than "
                        f"{MAX_TOTAL_UNCOMPRESSED // 2**20} MiB ({n / 2**20:,.0f} MiB declared or read); refused "
                        "before expanding it", size=n, limit=MAX_TOTAL_UNCOMPRESSED)


def _bad_manifest(reason: str) -> LibraryError:
    return LibraryError("manifest_invalid", f"{MANIFEST}: {reason}", reason=reason)


def _parse_manifest(raw: bytes) -> list[dict[str, Any]]:
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=lambda c: None)
    except UnicodeDecodeError:
        raise _bad_manifest("not UTF-8 text") from None
    except RecursionError:
        raise _bad_manifest("nested too deeply") from None
    except ValueError as e:  # JSONDecodeError, or an integer beyond the digit limit
        raise _bad_manifest(f"not valid JSON ({e})") from None
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
        raise _bad_manifest(f"not a ZMOT Lab manifest (\"format\" must be {MANIFEST_FORMAT!r})")
    fv = doc.get("format_version")
    if isinstance(fv, bool) or not isinstance(fv, int) or fv < 1:
        raise _bad_manifest("\"format_version\" must be a whole number")
    if fv > MANIFEST_VERSION:
        raise _bad_manifest(f"written by a newer ZMOT Lab (format_version {fv}; this one reads up to "
                            f"{MANIFEST_VERSION})")
    items = doc.get("entries")
    if not isinstance(items, list):
        raise _bad_manifest("\"entries\" must be a list")
    if len(items) > MAX_MEMBERS:
        raise _bad_manifest(f"too many entries ({len(items):,}; at most {MAX_MEMBERS:,})")
    out, files, keys = [], set(), set()
    for i, item in enumerate(items):
        where = f"entry {i + 1}"
        if not isinstance(item, dict):
            raise _bad_manifest(f"{where} is not an object")
        file = item.get("file")
        if not isinstance(file, str) or not file or len(file) > 300 or _unsafe(file):
            raise _bad_manifest(f"{where}: \"file\" must be a path inside the zip")
        if file in files:
            raise _bad_manifest(f"{shown(file)!r} is listed twice")
        files.add(file)
        try:
            clean = {
                "file": file,
                "team": clean_label(item.get("team", DEFAULT_TEAM), "team", MAX_TEAM),
                "name": clean_label(item.get("name"), "name", MAX_NAME),
                "version": clean_int(item.get("version"), "version", 1, 10**9),
                "note": clean_note(item.get("note", "")),
                "seed": clean_int(item.get("seed"), "seed", 0, MAX_SEED),
                "replications": clean_int(item.get("replications"), "replications", 1, MAX_REPLICATIONS),
                "created_at": clean_time(item.get("created_at")),
                "deleted": item.get("deleted", False),
                "results": kpi_summary(item.get("results")),
            }
        except LibraryError as e:
            raise _bad_manifest(f"{where} ({shown(file)}): {e.message}") from None
        if not isinstance(clean["deleted"], bool):
            raise _bad_manifest(f"{where} ({shown(file)}): \"deleted\" must be true or false")
        key = (clean["team"], clean["name"], clean["version"])
        if clean["version"] is not None:
            if key in keys:
                raise _bad_manifest(f"{where}: {clean['team']}/{clean['name']} v{clean['version']} is listed twice")
            keys.add(key)
        out.append(clean)
    out.sort(key=lambda c: (c["team"], c["name"], c["version"] or 0))
    return out
