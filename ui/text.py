"""Every user-facing string of the interface, in English and French, and the lookups of all the app's text.

`TEXT` holds the interface, one dict per language; a feature keeps its own strings in a module of its own
(`ui/text_room.py`, ...) and adds them with `register`. The tables that name the model's things live apart,
by concept, as plain dicts: `ui/text_inputs.py` (policies, presets, scenario inputs), `ui/text_figures.py`
(figures and categorical values) and `ui/text_about.py` (the "About the model" page); the number formats
are in `ui/formats.py`. This module gives every French table the same typography and looks strings up
(`t`, `label`, `field_text`, `kpi_label`, `policy_label`, ...). English help and meanings may be None: the
scenario schema's description and the engine's KPI meaning are then used, so that the text and the model
cannot drift apart. A field or KPI the engine adds later still shows, with its schema description, until
it is given a label in its table.

A scenario's name put inside a sentence ({base}, {name}) is quoted as a name: « {base} » in French, “{base}”
in English. It is a title, a preset's ("La référence 2011") or a team's own, so it keeps its capitals and
its article, which bare after "à" or "de" read as a mistake ("l'écart à La référence 2011");
tests/test_name_quotes.py checks every sentence.
"""

from __future__ import annotations

import re
from typing import Any

from .text_about import ABOUT
from .text_figures import KPIS, LABELS
from .text_inputs import FIELDS, POLICIES, PRESET_DESCRIPTIONS_FR, PRESET_TITLES
from .text_views import VIEWS

LANGS = ("en", "fr")
LANG_KEY = "lang"  # the language's key in the session state and in a link
LANG_NAMES = {"en": "English", "fr": "Français"}
NA = {"en": "n/a", "fr": "n.d."}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "app_tagline": (
            "B2B buyers now qualify themselves on the web before they call a rep (the *Zero Moment of "
            "Truth*). Move the budget between reps and marketing, change the policy, and see what happens to "
            "rep load and to conversion. Every figure is a mean over replications, with its 95% interval."
        ),
        "n_reps": "{n} reps",
        "export_caption": "ZMOT Lab {version} · {date} · seed {seed} · {r} replications · scenarios: {names}",
        "app_version": "{version} (engine {engine})",
        "per_year": "per year",
        "per_weeks": "per {n} weeks",
        "period_year": "one year",
        "period_weeks": "{n} weeks",
        "n_reps_one": "1 rep",
        "money_beside": "= {amount}",
        "name_help": "Leave empty to name the scenario after its policy and budget split.",
        "load_pin_button": "Load into controls",
        "load_pin_help": "Put this scenario's inputs into the sidebar, to change it from there.",
        "download_pin_toml": "TOML",
        "upload_not_toml": (
            "Could not load {file}; your current scenario is unchanged. Only .toml scenario files can be loaded."
        ),
        "upload_empty": "{file} is empty: nothing was changed.",
        "upload_partial": (
            "Loaded {file}: its {n} setting(s) now apply to the live scenario on screen; every other input is "
            "unchanged."
        ),
        "link_bad_reps": "replications = '{value}' is outside the allowed range (1 to {max})",
        "lang_label": "Language",
        "sidebar_live": "Live scenario",
        "sidebar_live_help": "The inputs below make the live scenario; pin it to keep it for comparison.",
        "preset_label": "Start from preset",
        "preset_help": "A preset sets every input; the inputs below then change the live scenario.",
        "policy_label": "Marketing-nurture policy",
        "policy_help": "What marketing does with known leads, and when a sales rep gets the buyer.",
        "split_label": "Budget split: reps ⟷ marketing",
        "split_help": (
            "Share of the go-to-market budget that pays for reps; the rest goes to marketing (content and "
            "nurture). Each notch is one rep's cost."
        ),
        "split_option": "{reps} · {mkt} marketing",
        "split_caption": (
            "**{reps}** ({sales} of {budget}) · **{mkt} marketing** per year: {content} content, "
            "{nurture} nurture."
        ),
        "warn.nurture_ignored": "The {policy} policy does not nurture leads, yet {amount} a year goes to nurture "
        "programs: that money buys nothing here. Move it to content, or choose a nurturing policy.",
        "group.market": "Market",
        "group.research": "Buyers' research",
        "group.marketing": "Marketing",
        "group.sales": "Sales reps",
        "group.budget": "Budget",
        "group.experiment": "Experiment",
        "more_settings": "More settings",
        "replications_label": "Replications",
        "replications_help": (
            "Independent runs of the same year. More replications give narrower intervals and take longer; "
            "every scenario uses the same ones (common random numbers)."
        ),
        "seed_label": "Random seed",
        "seed_help": "Same seed, same results. Change it to see another draw of the same world.",
        "allowed": "Allowed: {range}.",
        "reset_button": "Reset to preset",
        "reset_help": "Put every input back to the preset's value.",
        "file_section": "Save and load",
        "download_toml": "Download scenario (TOML)",
        "download_toml_help": "The live scenario as a file the app and the command line both load.",
        "download_pin_toml_help": "This scenario as a file the app and the command line both load, named after it.",
        "upload_label": "Load a scenario file (TOML)",
        "upload_help": ("A complete scenario file replaces the live scenario; a file with only some fields changes "
                        "those on the scenario on screen and keeps the rest."),
        "upload_ok": "Loaded {file}: the live scenario now follows it.",
        "upload_error": "Could not load {file}; your current scenario is unchanged. {error}",
        "upload_not_text": "Could not load {file}; your current scenario is unchanged. It is not a UTF-8 text file.",
        "invalid_inputs": "These settings cannot be simulated, so the live scenario is left out: {error}",
        "link_error": "Part of the link could not be used and was ignored: {error}",
        "link_unknown": "unknown setting '{key}'",
        "link_bad_value": "{key} = '{value}' is not a valid value",
        "link_raw": "{error}",
        "live_label": "{name} (live)",
        "baseline_tag": "baseline",
        "baseline_label": "Baseline for differences",
        "pin_button": "Pin as a scenario",
        "pin_help": "Keep the current inputs as a scenario to compare (up to {n}).",
        "pin_full": "{n} scenarios are pinned: remove one to pin another.",
        "pin_invalid": "The live settings cannot be simulated, so they cannot be pinned.",
        "rename_label": "Name",
        "remove_button": "Remove",
        "edit_popover": "Edit",
        "live_name_label": "Name of the live scenario",
        "card_caption": "{policy} · {reps} · {mkt} marketing",
        "status_running": "Simulating {n} scenario(s) × {r} replications…",
        "status_ready": (
            "Results for {n} scenario(s) · {r} replications · seed {seed} · common random numbers{timing}"
        ),
        "status_timing": " · computed in {sec} s",
        "stop_button": "Stop",
        "stop_help": "Stop this run. Nothing is lost: change an input or press Run to start again.",
        "stopped": "Run stopped. Change an input or press Run to start it again.",
        "run_button": "Run",
        "run_failed": "The simulation could not run for “{name}”: {error}",
        "run_too_large": "This run is too large: {error}",
        "no_results": "No results to show: adjust the settings above.",
        "starting": "Starting ZMOT Lab: the simulation engine is warming up…",
        "colon": ": ",
        "sep": "; ",
        "and": "and",
        "download_csv": "CSV",
        "download_png": "PNG",
        "download_csv_help": "Download the data behind this chart or table.",
        "download_png_help": "Download this chart as an image.",
        "no_reps": "{name} has no reps: rep figures are not defined (n/a).",
        "error_generic": "Something went wrong while drawing this part ({error}). The rest of the page still works.",
    },
    "fr": {
        "app_tagline": (
            "Les acheteurs B2B se qualifient désormais seuls sur le web avant d'appeler un commercial (le "
            "*moment zéro de vérité*, ZMOT). Déplacez le budget entre commerciaux et marketing, changez de "
            "politique, et voyez l'effet sur la charge des commerciaux et sur la conversion. Chaque chiffre "
            "est une moyenne sur des réplications, avec son intervalle à 95 %."
        ),
        "n_reps": "{n} commerciaux",
        "export_caption": "ZMOT Lab {version} · {date} · graine {seed} · {r} réplications · scénarios : {names}",
        "app_version": "{version} (moteur {engine})",
        "per_year": "par an",
        "per_weeks": "sur {n} semaines",
        "period_year": "un an",
        "period_weeks": "{n} semaines",
        "n_reps_one": "1 commercial",
        "money_beside": "= {amount}",
        "name_help": "Laissez vide pour nommer le scénario d'après sa politique et sa répartition du budget.",
        "load_pin_button": "Charger dans les réglages",
        "load_pin_help": "Mettre les réglages de ce scénario dans la barre latérale, pour le modifier.",
        "download_pin_toml": "TOML",
        "upload_not_toml": (
            "Impossible de charger {file} ; votre scénario actuel n'a pas changé. Seuls les fichiers de scénario "
            ".toml peuvent être chargés."
        ),
        "upload_empty": "{file} est vide : rien n'a changé.",
        "upload_partial": (
            "{file} chargé : ses {n} réglage(s) s'appliquent au scénario en direct affiché ; tous les autres "
            "réglages restent inchangés."
        ),
        "link_bad_reps": "réplications = « {value} » hors des valeurs permises (1 à {max})",
        "lang_label": "Langue",
        "sidebar_live": "Scénario en direct",
        "sidebar_live_help": "Les réglages ci-dessous forment le scénario en direct ; épinglez-le pour le comparer.",
        "preset_label": "Partir du préréglage",
        "preset_help": (
            "Un préréglage fixe tous les réglages ; ceux ci-dessous modifient ensuite le scénario en direct."
        ),
        "policy_label": "Politique de nurturing marketing",
        "policy_help": "Ce que fait le marketing des contacts connus, et quand un commercial prend l'acheteur.",
        "split_label": "Répartition du budget : commerciaux ⟷ marketing",
        "split_help": (
            "Part du budget commercial et marketing qui paie les commerciaux ; le reste va au marketing "
            "(contenus et nurturing). Chaque cran vaut le coût d'un commercial."
        ),
        "split_option": "{reps} · {mkt} marketing",
        "split_caption": (
            "**{reps}** ({sales} sur {budget}) · **{mkt} de marketing** par an : {content} de "
            "contenus, {nurture} de nurturing."
        ),
        "warn.nurture_ignored": "La politique {policy} ne fait pas de nurturing, et pourtant {amount} par an vont aux "
        "programmes de nurturing : cet argent n'achète rien ici. Passez-le aux contenus, ou choisissez une "
        "politique qui fait du nurturing.",
        "group.market": "Marché",
        "group.research": "Recherche des acheteurs",
        "group.marketing": "Marketing",
        "group.sales": "Commerciaux",
        "group.budget": "Budget",
        "group.experiment": "Expérience",
        "more_settings": "Autres réglages",
        "replications_label": "Réplications",
        "replications_help": (
            "Simulations indépendantes de la même année. Plus de réplications donnent des intervalles plus "
            "étroits mais prennent plus de temps ; tous les scénarios utilisent les mêmes (nombres "
            "aléatoires communs)."
        ),
        "seed_label": "Graine aléatoire",
        "seed_help": "Même graine, mêmes résultats. Changez-la pour voir un autre tirage du même monde.",
        "allowed": "Valeurs permises : {range}.",
        "reset_button": "Revenir au préréglage",
        "reset_help": "Remettre chaque réglage à la valeur du préréglage.",
        "file_section": "Enregistrer et charger",
        "download_toml": "Télécharger le scénario (TOML)",
        "download_toml_help": (
            "Le scénario en direct, dans un fichier que l'application et la ligne de commande relisent."
        ),
        "download_pin_toml_help": (
            "Ce scénario, dans un fichier à son nom que l'application et la ligne de commande relisent."
        ),
        "upload_label": "Charger un fichier de scénario (TOML)",
        "upload_help": ("Un fichier de scénario complet remplace le scénario en direct ; un fichier qui ne contient "
                        "que certains réglages les change sur le scénario à l'écran et garde le reste."),
        "upload_ok": "{file} chargé : le scénario en direct le suit désormais.",
        "upload_error": "Impossible de charger {file} ; votre scénario actuel n'a pas changé. {error}",
        "upload_not_text": (
            "Impossible de charger {file} ; votre scénario actuel n'a pas changé. Ce n'est pas un fichier texte "
            "UTF-8."
        ),
        "invalid_inputs": "Ces réglages ne peuvent pas être simulés ; le scénario en direct est donc écarté : {error}",
        "link_error": "Une partie du lien était inutilisable et a été ignorée : {error}",
        "link_unknown": "réglage inconnu « {key} »",
        "link_bad_value": "{key} = « {value} » n'est pas une valeur valable",
        "link_raw": "{error}",
        "live_label": "{name} (en direct)",
        "baseline_tag": "référence",
        "baseline_label": "Référence des écarts",
        "pin_button": "Épingler comme scénario",
        "pin_help": "Garder les réglages actuels comme scénario à comparer (jusqu'à {n}).",
        "pin_full": "{n} scénarios sont épinglés : retirez-en un pour en épingler un autre.",
        "pin_invalid": "Les réglages en direct ne peuvent pas être simulés, donc pas épinglés.",
        "rename_label": "Nom",
        "remove_button": "Retirer",
        "edit_popover": "Modifier",
        "live_name_label": "Nom du scénario en direct",
        "card_caption": "{policy} · {reps} · {mkt} de marketing",
        "status_running": "Simulation de {n} scénario(s) × {r} réplications…",
        "status_ready": (
            "Résultats pour {n} scénario(s) · {r} réplications · graine {seed} · nombres aléatoires communs{timing}"
        ),
        "status_timing": " · calculés en {sec} s",
        "stop_button": "Arrêter",
        "stop_help": "Arrêter ce calcul. Rien n'est perdu : changez un réglage ou cliquez sur Lancer pour reprendre.",
        "stopped": "Calcul arrêté. Changez un réglage ou cliquez sur Lancer pour le reprendre.",
        "run_button": "Lancer",
        "run_failed": "La simulation n'a pas pu tourner pour « {name} » : {error}",
        "run_too_large": "Ce calcul est trop grand : {error}",
        "no_results": "Aucun résultat à afficher : ajustez les réglages ci-dessus.",
        "starting": "ZMOT Lab démarre : le moteur de simulation se prépare…",
        "colon": "\u00a0: ",
        "sep": "\u00a0; ",
        "and": "et",
        "download_csv": "CSV",
        "download_png": "PNG",
        "download_csv_help": "Télécharger les données de ce graphique ou de ce tableau.",
        "download_png_help": "Télécharger ce graphique en image.",
        "no_reps": "{name} n'a aucun commercial : les indicateurs des commerciaux ne sont pas définis (n.d.).",
        "error_generic": "Un problème est survenu en dessinant cette partie ({error}). Le reste de la page fonctionne.",
    },
}


# French typography: a narrow no-break space before ; : ! ? % » and after «, so that a wrapped line never
# starts with one of them (seen in the sidebar: "connus" / "; un commercial"). Applied here, once, to every
# French table, those of ui/text_inputs.py, ui/text_figures.py and ui/text_about.py included (plain dicts).
_FR_SPACE = re.compile(r" (?=[;:!?%»])|(?<=«) ")


def _fr(x: Any) -> Any:
    if isinstance(x, str):
        return _FR_SPACE.sub("\u202f", x)
    if isinstance(x, tuple):
        return tuple(_fr(v) for v in x)
    return x


for _lang, _views in VIEWS.items():  # the views' texts, kept in a module of their own
    assert not set(_views) & set(TEXT[_lang]), "strings defined twice"
    TEXT[_lang].update(_views)
for _table in (TEXT["fr"], POLICIES["fr"], PRESET_DESCRIPTIONS_FR, PRESET_TITLES["fr"], FIELDS["fr"], KPIS["fr"],
               LABELS["fr"]):
    for _key, _value in _table.items():
        _table[_key] = _fr(_value)
ABOUT["fr"] = _fr(ABOUT["fr"])


def register(strings: dict[str, dict[str, str]]) -> None:
    """Add a feature's strings (kept in a module of its own, such as `ui/text_room.py`) to the app's table;
    French ones get the same typography as the rest. A key already taken is a programming error."""
    for lang, table in strings.items():
        clash = set(table) & set(TEXT[lang])
        if clash:
            raise KeyError(f"strings defined twice: {sorted(clash)}")
        TEXT[lang].update({k: _fr(v) if lang == "fr" else v for k, v in table.items()})


def t(lang: str, key: str, /, **kw: Any) -> str:
    """The string `key` in `lang` (English when missing), formatted with `kw`."""
    text = TEXT.get(lang, TEXT["en"]).get(key) or TEXT["en"].get(key, key)
    return text.format(**kw) if kw else text


def label(lang: str, key: str) -> str:
    """The label of a categorical value such as 'outcome.won' (the raw value when unknown)."""
    return LABELS.get(lang, LABELS["en"]).get(key) or LABELS["en"].get(key) or key.split(".", 1)[-1]


def humanize(name: str) -> str:
    """A label for a name nobody has labelled yet: 'reveal_ramp' -> 'Reveal ramp'."""
    return name.replace("_", " ").strip().capitalize()


def field_text(lang: str, path: str, schema_description: str | None) -> tuple[str, str, str]:
    """(label, unit, help) of a scenario input, falling back to the schema's description."""
    own = FIELDS.get(lang, {}).get(path) or FIELDS["en"].get(path)
    if own is None:
        return humanize(path.rsplit(".", 1)[-1]), "", schema_description or ""
    lbl, unit, help_ = own
    return lbl, unit, help_ or schema_description or ""


def kpi_label(lang: str, name: str) -> str:
    own = KPIS.get(lang, {}).get(name) or KPIS["en"].get(name)
    return own[0] if own else humanize(name)


def kpi_meaning(lang: str, name: str, engine_meaning: str) -> str:
    own = KPIS.get(lang, {}).get(name)
    return (own[1] if own and own[1] else None) or engine_meaning


def short_label(lang: str, kpi: str) -> str:
    """A KPI's label where space is short (the headline metrics), else its full label."""
    return LABELS.get(lang, {}).get(f"short.{kpi}") or kpi_label(lang, kpi)


def policy_label(lang: str, policy: str) -> str:
    own = POLICIES.get(lang, POLICIES["en"]).get(policy)
    return own[0] if own else humanize(policy)


def policy_help(lang: str, policy: str) -> str:
    own = POLICIES.get(lang, POLICIES["en"]).get(policy)
    return own[1] if own else ""


def preset_name(lang: str, name: str) -> str:
    """A preset's title in `lang` ('La référence 2011'), its id when it has none: how a scenario still named
    after its preset is shown (the id stays its name in files, links and the library)."""
    return PRESET_TITLES.get(lang, PRESET_TITLES["en"]).get(name) or PRESET_TITLES["en"].get(name) or name


def preset_description(lang: str, name: str, english: str) -> str:
    return PRESET_DESCRIPTIONS_FR.get(name, english) if lang == "fr" else english

