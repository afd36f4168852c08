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
"""

from __future__ import annotations

import re
from typing import Any

from .text_about import ABOUT
from .text_figures import KPIS, LABELS
from .text_inputs import FIELDS, POLICIES, PRESET_DESCRIPTIONS_FR, PRESET_TITLES

LANGS = ("en", "fr")
LANG_KEY = "lang"  # the language's key in the session state and in a link
LANG_NAMES = {"en": "English", "fr": "Français"}
NA = {"en": "n/a", "fr": "n.d."}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "ZMOT Lab",
        "app_tagline": (
            "B2B buyers now qualify themselves on the web before they call a rep (the *Zero Moment of "
            "Truth*). Move the budget between reps and marketing, change the policy, and see what happens to "
            "rep load and to conversion. Every figure is a mean over replications, with its 95% interval."
        ),
        "n_reps": "{n} reps",
        "export_caption": "ZMOT Lab {version} · {date} · seed {seed} · {r} replications · scenarios: {names}",
        "per_year": "per year",
        "per_weeks": "per {n} weeks",
        "compare_title": "The comparison at a glance",
        "period_year": "one year",
        "period_weeks": "{n} weeks",
        "compare_caption": (
            "Wins and revenue for {period} of buyers entering the market; in brackets, the difference to the "
            "baseline **{base}**."
        ),
        "col.scenario": "Scenario",
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
        "range_from": "from {lo}",
        "range_above": "above {lo}",
        "range_to": "up to {hi}",
        "range_below": "below {hi}",
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
        "run_failed": "The simulation could not run for {name}: {error}",
        "run_too_large": "This run is too large: {error}",
        "no_results": "No results to show: adjust the settings above.",
        "starting": "Starting ZMOT Lab: the simulation engine is warming up…",
        "tab.headline": "Headline",
        "tab.funnel": "Demand funnel",
        "tab.reps": "Sales reps",
        "tab.journey": "Buyer journey",
        "tab.calibration": "Model vs published",
        "tab.about": "About the model",
        "headline_intro": (
            "Means over {r} replications. Under each figure: the difference to the baseline **{base}** "
            "and its 95% interval, paired replication by replication on common random numbers."
        ),
        "delta_ci": "95% CI {lo} to {hi}",
        "delta_noise": "within noise · 95% CI {lo} to {hi}",
        "delta_na": "difference not defined",
        "delta_same": "= baseline",
        "baseline_delta": "baseline",
        "summary_title": "In plain words",
        "sum_intro": "Against **{base}**, **{name}**",
        "sum_rose": "{kpi} rose by {diff} ({rel})",
        "sum_fell": "{kpi} fell by {diff} ({rel})",
        "sum_rose_abs": "{kpi} rose by {diff}",
        "colon": ": ",
        "sep": "; ",
        "sum_fell_abs": "{kpi} fell by {diff}",
        "sum_noise": "no clear change in {items} (within noise)",
        "sum_undefined": "{items} not defined (n/a)",
        "sum_same": "has the same inputs as the baseline: no difference.",
        "sum_mql": (
            "Mind the funnel: MQLs {mql_dir} ({mql_rel}) while wins {win_dir} ({win_rel}). Counting leads "
            "would tell a different story from counting sales."
        ),
        "sum_only_one": "Pin a scenario, or change an input, to compare two worlds.",
        "dir_rose": "rose",
        "dir_fell": "fell",
        "dir_flat": "did not clearly change",
        "and": "and",
        "forest_title": "Difference to the baseline, in % of the baseline (95% interval; each figure on its own scale)",
        "axis.rel_diff": "Difference to baseline (%)",
        "kpi_table_title": "All figures, with 95% intervals",
        "col.kpi": "Figure",
        "col.unit": "Unit",
        "col.diff": "{name}: difference",
        "download_csv": "CSV",
        "download_png": "PNG",
        "download_csv_help": "Download the data behind this chart or table.",
        "download_png_help": "Download this chart as an image.",
        "funnel_intro": (
            "Buyers reaching each stage (MQL: passed to sales by marketing; SAL: talked to a rep; SQL: qualified "
            "by a rep), mean per replication with its 95% interval. Stages are not a strict funnel: hand-raisers "
            "and prospected buyers reach sales without ever being MQLs. Below, the conversion that "
            "matters: wins, not lead volume."
        ),
        "funnel_chart_title": "Buyers at each stage",
        "rates_title": "Stage-to-stage rates",
        "conversion_title": "Wins per buyer in the market",
        "mql_vs_wins_title": "MQLs are not wins",
        "rate_label": "{a} → {b}",
        "axis.buyers": "Buyers {per} (mean of the replications)",
        "axis.stage": "Stage",
        "axis.rate": "Rate",
        "axis.week": "Week (0 = start of the measured year)",
        "axis.hours_rep_week": "Hours per rep per week",
        "axis.utilization": "Rep utilization",
        "axis.queue": "Buyers waiting",
        "axis.response": "Time to first reply",
        "axis.share_handed": "Share of buyers handed to sales",
        "axis.days": "Days from entering the market to the ZMOT",
        "axis.share_buyers": "Share of buyers",
        "axis.journey_share": "Share of the journey done at first rep contact",
        "axis.weeks_since": "Weeks since the buyer entered the market",
        "axis.buyer": "Buyer",
        "axis.value": "Value",
        "reps_intro": "Where rep time goes: hours per rep per week, averaged over the measured year.",
        "hours_title": "Rep hours by activity",
        "util_title": "Rep utilization over time (mean, 95% band)",
        "queue_title": "Buyers waiting for a rep (mean, 95% band)",
        "response_title": "Time from hand-off to a rep's first reply",
        "window_note": "Shaded: warm-up before and follow-up after the measured year. Time in working hours.",
        "no_reps": "{name} has no reps: rep figures are not defined (n/a).",
        "journey_intro": "The buyer's side: how long research takes, when reps meet buyers, and how buyers end.",
        "zmot_title": "Time to the ZMOT",
        "journey_share_title": "Share of the buying journey done at first rep contact",
        "timeline_title": "A sample of buyers, journey by journey",
        "timeline_only_contacted": "Only buyers a rep talked to",
        "timeline_caption": (
            "Replication 1. Without the filter, the same buyers appear in every scenario (common random "
            "numbers); with it, each scenario shows the first buyers its reps talked to."
        ),
        "loss_title": "How each buyer ended",
        "tip_buyer": "{outcome} · deal {value} · group of {size} · fit {fit}",
        "phase.unknown": "researching, unknown to us",
        "phase.known": "researching, known to us",
        "phase.evaluation": "evaluating its shortlist",
        "marker.contact": "first rep contact",
        "marker.won": "bought from us",
        "marker.lost": "did not buy from us",
        "marker.open": "still deciding",
        "calib_intro": (
            "The model against figures published about B2B buying. **Targets** should come out of the "
            "mechanisms for the 2011 baseline; **curves** shape an input; **context** is shown beside the "
            "model without a verdict. A miss is reported with its reason, never forced."
        ),
        "calib_for": "Scenario checked",
        "calib_unavailable": "The comparison with published figures is not available in this version of the engine.",
        "calib_failed": "The comparison with published figures could not be computed: {error}",
        "calib_chart_title": "Model (dot and 95% interval) against the published value (diamond)",
        "calib_no_chart": "No figure of this scenario can be drawn against a published percentage.",
        "verdict.ok": "within reach",
        "verdict.miss": "miss",
        "verdict.shape": "shape",
        "verdict.context": "context",
        "kind.target": "target",
        "kind.curve": "curve",
        "kind.context": "context",
        "col.figure": "Published figure",
        "col.published": "Published",
        "col.source": "Source",
        "col.model": "Model (95% CI)",
        "col.verdict": "Verdict",
        "col.note": "Note",
        "col.kind": "Kind",
        "about_params_title": "Every input of the live scenario",
        "col.field": "Input",
        "col.value": "Value",
        "col.help": "What it means",
        "error_generic": "Something went wrong while drawing this part ({error}). The rest of the page still works.",
    },
    "fr": {
        "app_title": "ZMOT Lab",
        "app_tagline": (
            "Les acheteurs B2B se qualifient désormais seuls sur le web avant d'appeler un commercial (le "
            "*moment zéro de vérité*, ZMOT). Déplacez le budget entre commerciaux et marketing, changez de "
            "politique, et voyez l'effet sur la charge des commerciaux et sur la conversion. Chaque chiffre "
            "est une moyenne sur des réplications, avec son intervalle à 95 %."
        ),
        "n_reps": "{n} commerciaux",
        "export_caption": "ZMOT Lab {version} · {date} · graine {seed} · {r} réplications · scénarios : {names}",
        "per_year": "par an",
        "per_weeks": "sur {n} semaines",
        "compare_title": "La comparaison en un coup d'œil",
        "period_year": "un an",
        "period_weeks": "{n} semaines",
        "compare_caption": (
            "Ventes et chiffre d'affaires pour {period} d'acheteurs entrant sur le marché ; entre parenthèses, "
            "l'écart à la référence **{base}**."
        ),
        "col.scenario": "Scénario",
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
        "range_from": "à partir de {lo}",
        "range_above": "au-dessus de {lo}",
        "range_to": "jusqu'à {hi}",
        "range_below": "en dessous de {hi}",
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
        "run_failed": "La simulation n'a pas pu tourner pour {name} : {error}",
        "run_too_large": "Ce calcul est trop grand : {error}",
        "no_results": "Aucun résultat à afficher : ajustez les réglages ci-dessus.",
        "starting": "ZMOT Lab démarre : le moteur de simulation se prépare…",
        "tab.headline": "L'essentiel",
        "tab.funnel": "Entonnoir de la demande",
        "tab.reps": "Commerciaux",
        "tab.journey": "Parcours d'achat",
        "tab.calibration": "Modèle et chiffres publiés",
        "tab.about": "À propos du modèle",
        "headline_intro": (
            "Moyennes sur {r} réplications. Sous chaque chiffre : l'écart à la référence **{base}** et son "
            "intervalle à 95 %, apparié réplication par réplication (nombres aléatoires communs)."
        ),
        "delta_ci": "IC 95 % de {lo} à {hi}",
        "delta_noise": "dans le bruit · IC 95 % de {lo} à {hi}",
        "delta_na": "écart non défini",
        "delta_same": "= référence",
        "baseline_delta": "référence",
        "summary_title": "En clair",
        "sum_intro": "Par rapport à **{base}**, **{name}**",
        "sum_rose": "{kpi} en hausse de {diff} ({rel})",
        "sum_fell": "{kpi} en baisse de {diff} ({rel})",
        "sum_rose_abs": "{kpi} en hausse de {diff}",
        "sum_fell_abs": "{kpi} en baisse de {diff}",
        "colon": "\u00a0: ",
        "sep": "\u00a0; ",
        "sum_noise": "pas de changement net pour {items} (dans le bruit)",
        "sum_undefined": "{items} non défini (n.d.)",
        "sum_same": "a les mêmes réglages que la référence : aucun écart.",
        "sum_mql": (
            "Attention à l'entonnoir : les MQL {mql_dir} ({mql_rel}) tandis que les ventes {win_dir} "
            "({win_rel}). Compter les leads raconterait une autre histoire que compter les ventes."
        ),
        "sum_only_one": "Épinglez un scénario, ou changez un réglage, pour comparer deux mondes.",
        "dir_rose": "augmentent",
        "dir_fell": "baissent",
        "dir_flat": "ne changent pas nettement",
        "and": "et",
        "forest_title": (
            "Écart à la référence, en % de la référence (intervalle à 95 % ; chaque indicateur à son échelle)"
        ),
        "axis.rel_diff": "Écart à la référence (%)",
        "kpi_table_title": "Tous les indicateurs, avec intervalles à 95 %",
        "col.kpi": "Indicateur",
        "col.unit": "Unité",
        "col.diff": "{name} : écart",
        "download_csv": "CSV",
        "download_png": "PNG",
        "download_csv_help": "Télécharger les données de ce graphique ou de ce tableau.",
        "download_png_help": "Télécharger ce graphique en image.",
        "funnel_intro": (
            "Acheteurs atteignant chaque étape (MQL : transmis aux ventes par le marketing ; SAL : en contact "
            "avec un commercial ; SQL : qualifié par un commercial), moyenne par réplication avec intervalle à "
            "95 %. Ce n'est pas un entonnoir strict : les acheteurs qui lèvent la main et ceux trouvés par "
            "prospection arrivent aux ventes sans jamais être MQL. En dessous, la conversion qui compte : les "
            "ventes, pas le volume de leads."
        ),
        "funnel_chart_title": "Acheteurs à chaque étape",
        "rates_title": "Taux d'une étape à la suivante",
        "conversion_title": "Ventes par acheteur sur le marché",
        "mql_vs_wins_title": "Des MQL ne sont pas des ventes",
        "rate_label": "{a} → {b}",
        "axis.buyers": "Acheteurs {per} (moyenne des réplications)",
        "axis.stage": "Étape",
        "axis.rate": "Taux",
        "axis.week": "Semaine (0 = début de l'année mesurée)",
        "axis.hours_rep_week": "Heures par commercial et par semaine",
        "axis.utilization": "Taux d'occupation des commerciaux",
        "axis.queue": "Acheteurs en attente",
        "axis.response": "Délai de première réponse",
        "axis.share_handed": "Part des acheteurs transmis aux ventes",
        "axis.days": "Jours entre l'entrée sur le marché et le ZMOT",
        "axis.share_buyers": "Part des acheteurs",
        "axis.journey_share": "Part du parcours faite au premier contact commercial",
        "axis.weeks_since": "Semaines depuis l'entrée de l'acheteur sur le marché",
        "axis.buyer": "Acheteur",
        "axis.value": "Valeur",
        "reps_intro": (
            "Où va le temps des commerciaux : heures par commercial et par semaine, en moyenne sur l'année mesurée."
        ),
        "hours_title": "Heures des commerciaux par activité",
        "util_title": "Occupation des commerciaux dans le temps (moyenne, bande à 95 %)",
        "queue_title": "Acheteurs en attente d'un commercial (moyenne, bande à 95 %)",
        "response_title": "Délai entre la transmission et la première réponse d'un commercial",
        "window_note": "En grisé : la mise en route avant et le suivi après l'année mesurée. Temps en heures ouvrées.",
        "no_reps": "{name} n'a aucun commercial : les indicateurs des commerciaux ne sont pas définis (n.d.).",
        "journey_intro": (
            "Du côté de l'acheteur : combien de temps dure la recherche, quand les commerciaux le rencontrent, "
            "et comment il finit."
        ),
        "zmot_title": "Délai jusqu'au ZMOT",
        "journey_share_title": "Part du parcours d'achat faite au premier contact commercial",
        "timeline_title": "Un échantillon d'acheteurs, parcours par parcours",
        "timeline_only_contacted": "Seulement les acheteurs qu'un commercial a contactés",
        "timeline_caption": (
            "Réplication 1. Sans le filtre, les mêmes acheteurs apparaissent dans chaque scénario (nombres "
            "aléatoires communs) ; avec le filtre, chaque scénario montre les premiers acheteurs contactés."
        ),
        "loss_title": "Comment chaque acheteur a fini",
        "tip_buyer": "{outcome} · affaire {value} · groupe de {size} · adéquation {fit}",
        "phase.unknown": "recherche, inconnu de nous",
        "phase.known": "recherche, connu de nous",
        "phase.evaluation": "évaluation de sa liste restreinte",
        "marker.contact": "premier contact commercial",
        "marker.won": "a acheté chez nous",
        "marker.lost": "n'a pas acheté chez nous",
        "marker.open": "décision en cours",
        "calib_intro": (
            "Le modèle face aux chiffres publiés sur l'achat B2B. Les **cibles** doivent sortir des "
            "mécanismes pour la référence 2011 ; les **courbes** façonnent une entrée ; le **contexte** est "
            "montré à côté du modèle, sans verdict. Un écart est signalé avec sa raison, jamais forcé."
        ),
        "calib_for": "Scénario vérifié",
        "calib_unavailable": "La comparaison aux chiffres publiés n'est pas disponible dans cette version du moteur.",
        "calib_failed": "La comparaison aux chiffres publiés n'a pas pu être calculée : {error}",
        "calib_chart_title": "Modèle (point et intervalle à 95 %) face à la valeur publiée (losange)",
        "calib_no_chart": "Aucun chiffre de ce scénario ne se compare à un pourcentage publié.",
        "verdict.ok": "atteint",
        "verdict.miss": "manqué",
        "verdict.shape": "forme",
        "verdict.context": "contexte",
        "kind.target": "cible",
        "kind.curve": "courbe",
        "kind.context": "contexte",
        "col.figure": "Chiffre publié",
        "col.published": "Publié",
        "col.source": "Source",
        "col.model": "Modèle (IC 95 %)",
        "col.verdict": "Verdict",
        "col.note": "Note",
        "col.kind": "Type",
        "about_params_title": "Tous les réglages du scénario en direct",
        "col.field": "Réglage",
        "col.value": "Valeur",
        "col.help": "Signification",
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

