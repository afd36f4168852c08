"""The engine's errors in the user's language, from their stable code and parameters.

`ScenarioError` carries a list of problems (`code`, `field`, `params`, English `message`) and
`RunTooLarge` a `code` and `params` (see `sim.scenario_errors` and `sim.experiment`). English shows the engine's
own line; French is written here from the code and the parameters, the field named by its label in the
sidebar and its dotted path. A code this module does not know, or an error without codes, shows the
engine's English line rather than nothing.

An error is kept in the session as a `Coded` (plain data, the same in any language) and put into words
only when drawn, so that switching the language translates a message already on screen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sim.scenario_errors import Problem

from .formats import allowed_range_text, number
from .text import field_text, policy_label, register, t


@dataclass(frozen=True)
class Coded:
    """An engine error as data: its problems (one for a `RunTooLarge`), the English line, the origin
    (a file name, "link", "inputs") that the English line starts with."""

    problems: tuple[Problem, ...]
    message: str
    origin: str = ""

    def __format__(self, spec: str) -> str:  # a stray f-string still shows the English line
        return format(self.message, spec)


def coded(e: BaseException, origin: str = "") -> Coded:
    """The data of an engine error (any exception: one problem of code "invalid" when it has no codes)."""
    message = (str(e).strip().splitlines() or [type(e).__name__])[0][:300]
    if origin:
        message = message.removeprefix(f"{origin}: ")
    probs = getattr(e, "problems", None)
    if probs:
        problems = tuple(Problem(str(getattr(p, "code", "invalid")), str(getattr(p, "field", "") or ""),
                                 dict(getattr(p, "params", {}) or {}), str(getattr(p, "message", "")))
                         for p in probs)
    else:
        problems = (Problem(str(getattr(e, "code", "invalid") or "invalid"), "",
                            dict(getattr(e, "params", {}) or {}), message),)
    return Coded(problems, message, origin)


def explain(lang: str, error: Coded | BaseException | str | None, names: Mapping[str, str] | None = None) -> str:
    """The error in `lang`: the engine's line in English, a translation from the codes otherwise, naming
    each scenario as the page does (`names`: the engine's name -> the label on screen)."""
    if error is None:
        return ""
    if isinstance(error, str):
        return error
    if isinstance(error, BaseException):
        error = coded(error)
    if lang == "en" and error.message:
        return error.message
    parts = [_problem(lang, p, names or {}) for p in error.problems]
    if any(p is None for p in parts):
        return error.message
    return t(lang, "err.sep").join(parts)  # type: ignore[arg-type]


def localize(lang: str, kw: dict[str, Any]) -> dict[str, Any]:
    """Format arguments with every `Coded` put into words in `lang`."""
    return {k: explain(lang, v) if isinstance(v, Coded) else v for k, v in kw.items()}


def _num(lang: str, v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    return number(v, lang, 0 if float(v) == int(v) else None)


def _field(lang: str, path: str) -> str:
    if not path:
        return ""
    label = t(lang, "policy_label") if path == "policy" else field_text(lang, path, None)[0]
    return t(lang, "err.field", label=label, path=path)


def _range(lang: str, p: dict[str, Any]) -> str:
    lo = next(((b, p[b]) for b in ("ge", "gt") if isinstance(p.get(b), (int, float))), None)
    hi = next(((b, p[b]) for b in ("le", "lt") if isinstance(p.get(b), (int, float))), None)
    return allowed_range_text(lang, lo, hi, lambda v: _num(lang, v))


def _problem(lang: str, p: Problem, names: Mapping[str, str]) -> str | None:
    key = f"err.{p.code}"
    if p.code == "invalid" or key not in STRINGS["fr"]:
        return None
    kw: dict[str, Any] = {k: _num(lang, v) if not isinstance(v, list) else ", ".join(map(str, v))
                          for k, v in p.params.items()}
    kw["field"] = _field(lang, p.field)
    if "scenario" in p.params:
        kw["scenario"] = names.get(str(p.params["scenario"]), str(p.params["scenario"]))
    if p.code == "not_a_choice" and p.field == "policy":
        kw["choices"] = ", ".join(policy_label(lang, c) for c in p.params.get("choices", []))
    if p.code == "bad_toml":
        where = re.search(r"line (\d+), column (\d+)", str(p.params.get("detail", "")))
        if where:
            kw["detail"] = t(lang, "err.toml_at", line=where[1], column=where[2])
    kw["range"] = _range(lang, p.params)
    kw.setdefault("value", "")
    for k in ("other",):
        if k in p.params:
            kw[k] = _field(lang, str(p.params[k]))
    if p.code == "unknown_field" and p.params.get("suggestion"):
        key = "err.unknown_field_hint"
    if p.code == "too_many_reps" and p.params.get("reps") is None:
        key = "err.too_many_reps_huge"
    try:
        return t(lang, key, **kw)
    except (KeyError, IndexError, ValueError):
        return None


STRINGS = {
    "en": {  # English shows the engine's own line: these read the same, for a problem that has none
        "err.field": "'{label}' ({path})",
        "err.sep": "; ",
        "err.toml_at": "line {line}, column {column}",
        "err.bad_toml": "not a valid TOML file ({detail})",
        "err.too_deep": "arrays or tables nested more than {limit} levels deep",
        "err.too_large": "text too large ({size} bytes; the limit is {limit})",
        "err.unreadable": "the file cannot be read ({detail})",
        "err.not_a_preset": "'{value}' is neither a preset nor a file (presets: {presets})",
        "err.extends_unknown": "extends = '{value}' names no preset (presets: {presets})",
        "err.extends_loop": "presets extend each other more than {limit} levels deep (a loop?)",
        "err.bad_assignment": "'{value}' is not of the form path.to.field=value",
        "err.not_a_section": "{field}: a section is expected here, not a value",
        "err.unknown_field": "{field}: unknown setting",
        "err.unknown_field_hint": "{field}: unknown setting (did you mean '{suggestion}'?)",
        "err.missing": "{field}: missing",
        "err.not_a_number": "{field}: a number is expected (got '{value}')",
        "err.not_an_integer": "{field}: a whole number is expected (got {value})",
        "err.out_of_range": "{field}: {value} is outside the allowed range ({range})",
        "err.not_a_choice": "{field}: '{value}' is not one of the choices ({choices})",
        "err.too_long": "{field}: text too long (at most {max_length} characters)",
        "err.not_a_text": "{field}: a text is expected",
        "err.order": "{field} is {value} and must not exceed {other}, which is {other_value}",
        "err.no_selling_time": (
            "the reps' admin and prospecting shares must stay below {lt} together (now {value}): reps need "
            "time to sell"
        ),
        "err.too_many_reps": (
            "{scenario}: the budget pays for {reps} reps; this model handles up to {limit}. Lower the budget or "
            "the reps' share, or raise the cost of a rep."
        ),
        "err.too_many_reps_huge": (
            "{scenario}: the budget pays for far too many reps; this model handles up to {limit}. Lower the "
            "budget or the reps' share, or raise the cost of a rep."
        ),
        "err.too_many_buyers": (
            "this run would simulate about {buyers} buyers (buyers per replication x replications x scenarios); "
            "the limit is {limit}. Use fewer replications, a shorter horizon or a smaller market."
        ),
    },
    "fr": {
        "err.field": "« {label} » ({path})",
        "err.sep": " ; ",
        "err.toml_at": "erreur de syntaxe ligne {line}, colonne {column}",
        "err.bad_toml": "ce n'est pas un fichier TOML valide ({detail})",
        "err.too_deep": "tableaux ou sections imbriqués sur plus de {limit} niveaux",
        "err.too_large": "texte trop long ({size} octets ; la limite est de {limit})",
        "err.unreadable": "le fichier ne peut pas être lu ({detail})",
        "err.not_a_preset": "« {value} » n'est ni un préréglage ni un fichier (préréglages : {presets})",
        "err.extends_unknown": "extends = « {value} » ne nomme aucun préréglage (préréglages : {presets})",
        "err.extends_loop": "des préréglages s'étendent les uns les autres sur plus de {limit} niveaux (une boucle ?)",
        "err.bad_assignment": "« {value} » n'a pas la forme chemin.du.champ=valeur",
        "err.not_a_section": "{field} : une section est attendue ici, pas une valeur",
        "err.unknown_field": "{field} : paramètre inconnu",
        "err.unknown_field_hint": "{field} : paramètre inconnu (vouliez-vous dire « {suggestion} » ?)",
        "err.missing": "{field} : valeur manquante",
        "err.not_a_number": "{field} : un nombre est attendu (reçu « {value} »)",
        "err.not_an_integer": "{field} : un nombre entier est attendu (reçu {value})",
        "err.out_of_range": "{field} : {value} est hors de la plage autorisée ({range})",
        "err.not_a_choice": "{field} : « {value} » n'est pas un choix possible ({choices})",
        "err.too_long": "{field} : texte trop long ({max_length} caractères au plus)",
        "err.not_a_text": "{field} : un texte est attendu",
        "err.order": "{field} vaut {value} et ne doit pas dépasser {other}, qui vaut {other_value}",
        "err.no_selling_time": (
            "la part d'administration et la part de prospection des commerciaux doivent ensemble rester "
            "sous {lt} (actuellement {value}) : il faut du temps pour vendre"
        ),
        "err.too_many_reps": (
            "{scenario} : le budget paie {reps} commerciaux ; ce modèle en gère au plus {limit}. Baissez le "
            "budget ou la part des commerciaux, ou augmentez le coût d'un commercial."
        ),
        "err.too_many_reps_huge": (
            "{scenario} : le budget paie bien trop de commerciaux ; ce modèle en gère au plus {limit}. Baissez "
            "le budget ou la part des commerciaux, ou augmentez le coût d'un commercial."
        ),
        "err.too_many_buyers": (
            "cette simulation porterait sur environ {buyers} acheteurs (acheteurs par réplication × "
            "réplications × scénarios) ; la limite est de {limit}. Réduisez le nombre de réplications, "
            "l'horizon ou la taille du marché."
        ),
    },
}
register(STRINGS)
