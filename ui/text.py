"""Every user-facing string of the app, in English and French, and the number formats of each language.

One dict per language: `TEXT` for the interface, `FIELDS` for the scenario inputs (label, unit, help),
`KPIS` for the figures (label, meaning), `ABOUT` for the "About the model" page. English help and
meanings may be None: the scenario schema's description and the engine's KPI meaning are then used, so
that the text and the model cannot drift apart. A field or KPI the engine adds later still shows, with
its schema description, until it is given a label here.
"""

from __future__ import annotations

import math
import re
from typing import Any

LANGS = ("en", "fr")
LANG_KEY = "lang"  # the language's key in the session state and in a link
WORKING_HOURS_PER_DAY = 8  # the engine's response times are in working hours (see sim.figures.RESPONSE_BUCKETS)
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
        "upload_label": "Load a scenario file (TOML)",
        "upload_help": "A TOML file needs only the fields it changes; the rest comes from the default preset.",
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
        "upload_label": "Charger un fichier de scénario (TOML)",
        "upload_help": "Un fichier TOML ne contient que ce qu'il change ; le reste vient du préréglage par défaut.",
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

# Policies: (label, one-line description).
POLICIES: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "sales_led": ("Sales-led (the 2011 habit)",
                      "Every inquiry goes to a rep at once; reps also prospect cold."),
        "mql_handoff": ("MQL hand-off (lead scoring)",
                        "Marketing scores engagement and passes leads that cross the MQL threshold."),
        "zmot_nurture": ("ZMOT nurture (the seed's advice)",
                         "Marketing nurtures known leads; a rep only when the buyer raises its hand."),
        "hybrid": ("Hybrid (nurture and rep check-ins)",
                   "Nurture, plus a rep checks in on engaged, high-fit accounts."),
    },
    "fr": {
        "sales_led": ("Piloté par les ventes (l'habitude de 2011)",
                      "Chaque demande va aussitôt à un commercial ; les commerciaux prospectent aussi à froid."),
        "mql_handoff": ("Transmission des MQL (scoring)",
                        "Le marketing note l'engagement et transmet les leads qui passent le seuil MQL."),
        "zmot_nurture": ("Nurturing ZMOT (le conseil du texte)",
                         "Le marketing nourrit les contacts connus ; un commercial seulement quand l'acheteur le "
                         "demande."),
        "hybrid": ("Hybride (nurturing et appels ciblés)",
                   "Nurturing, et un commercial appelle les comptes engagés et bien adaptés."),
    },
}

# Preset descriptions in French (the English ones come from the preset files).
PRESET_DESCRIPTIONS_FR = {
    "baseline_2011": "L'habitude de 2011, pilotée par les ventes : chaque demande va aussitôt à un commercial, "
                     "qui prospecte à froid quand il est libre.",
    "zmot_nurture": "Nurturing ZMOT : leads nourris de contenus, un commercial seulement quand l'acheteur lève "
                    "la main.",
    "seed_advice": "Le conseil du texte : le budget de deux commerciaux déplacé vers le marketing, leads nourris, "
                   "un commercial quand l'acheteur le demande.",
    "later_market": "Un marché plus tardif avec l'habitude de 2011 : groupes d'achat plus grands, recherche "
                    "autonome plus longue.",
    "mql_handoff": "Scoring : le marketing nourrit et transmet chaque lead qui passe le seuil MQL.",
    "hybrid": "Nurturing et approche par comptes : un commercial appelle tôt les comptes engagés et bien adaptés.",
    "stretched_reps": "Un marché en croissance (+50 % d'acheteurs) avec les mêmes dix commerciaux : la vitesse "
                      "de réponse commence à compter.",
}

# Scenario inputs: dotted path -> (label, unit, help). English help None = the schema's description.
FIELDS: dict[str, dict[str, tuple[str, str, str | None]]] = {
    "en": {
        "market.arrivals_per_week": ("Buying groups entering the market", "per week", None),
        "market.deal_value_median_eur": ("Median deal value", "EUR", None),
        "market.deal_value_spread": ("Spread of deal values", "lognormal σ", None),
        "market.fit_alpha": ("Fit to our offer: α", "Beta", None),
        "market.fit_beta": ("Fit to our offer: β", "Beta", None),
        "market.group_size_mean": ("Buying-group size", "people", None),
        "market.shortlist_min": ("Shortlist, fewest vendors", "vendors", None),
        "market.shortlist_max": ("Shortlist, most vendors", "vendors", None),
        "market.competitor_content_spend_eur": ("Competitors' content spend", "EUR / year", None),
        "research.need_mean_touchpoints": ("Research needed to reach the ZMOT", "touchpoints", None),
        "research.need_dispersion": ("Evenness of research needs", "NB size", None),
        "research.pace_mean_per_week": ("Research pace", "touchpoints / week", None),
        "research.pace_shape": ("Evenness of research pace", "gamma shape", None),
        "research.purchase_likelihood_one": ("Groups of one that buy", "%", None),
        "research.purchase_likelihood_six": ("Groups of six that buy", "%", None),
        "research.attrition_before_zmot": ("Attrition before the ZMOT", "%", None),
        "research.evaluation_weeks_mean": ("Evaluation without us", "weeks", None),
        "research.rep_aversion_mean": ("Aversion to early rep contact", "%", None),
        "research.patience_hours_mean": ("Hand-raiser's patience", "working hours", None),
        "marketing.sov_elasticity": ("Returns on content spend", "exponent", None),
        "marketing.max_share_of_voice": ("Highest share of voice", "%", None),
        "marketing.reveal_probability": ("Touchpoints that reveal the buyer", "%", None),
        "marketing.reveal_ramp": ("Late touchpoints reveal more", "×", None),
        "marketing.brand_affinity": ("Brand affinity at start", "affinity", None),
        "marketing.affinity_per_touch": ("Affinity per touchpoint", "affinity", None),
        "marketing.affinity_per_nurture_touch": ("Affinity per nurture touch", "affinity", None),
        "marketing.shortlist_scale": ("Affinity scale of the shortlist", "affinity", None),
        "marketing.shortlist_max_probability": ("Highest chance of being shortlisted", "%", None),
        "marketing.nurture_touches_per_week": ("Nurture cadence", "touches / week", None),
        "marketing.nurture_pace_boost": ("Nurture speed-up of research", "× pace", None),
        "marketing.nurture_budget_scale_eur": ("Nurture spend for 63% effect", "EUR / year", None),
        "marketing.score_per_touch": ("Score per engagement", "points", None),
        "marketing.mql_threshold": ("MQL threshold", "points", None),
        "marketing.hybrid_score_threshold": ("Hybrid check-in score", "points", None),
        "marketing.hybrid_fit_threshold": ("Hybrid check-in fit", "%", None),
        "sales.hours_per_week": ("Paid hours per rep", "hours / week", None),
        "sales.admin_share": ("Administration", "% of hours", None),
        "sales.prospecting_share": ("Cold prospecting", "% of hours", None),
        "sales.prospect_hits_per_hour": ("Buyers found per prospecting hour", "buyers / hour", None),
        "sales.cold_call_engage_probability": ("Cold calls that engage", "%", None),
        "sales.premature_contact_hours": ("Early contact time", "hours", None),
        "sales.premature_learning_touchpoints": ("What an early contact teaches", "touchpoints", None),
        "sales.premature_rapport": ("Rapport from a welcome early contact", "affinity", None),
        "sales.annoyance_max_probability": ("Annoyance of averse buyers", "%", None),
        "sales.annoyance_affinity_loss": ("Affinity lost when annoyed", "affinity", None),
        "sales.task_time_cv": ("Variability of task times", "CV", None),
        "sales.qualification_hours": ("Qualification time", "hours", None),
        "sales.unqualified_fit_below": ("Disqualify below fit", "%", None),
        "sales.opportunity_hours_mean": ("Opportunity work", "hours", None),
        "sales.opportunity_blocks": ("Meetings per opportunity", "blocks", None),
        "sales.opportunity_gap_weeks": ("Gap between meetings", "weeks", None),
        "sales.speed_to_lead_fast_hours": ("Lead decay, fast phase", "working hours", None),
        "sales.speed_to_lead_slow_hours": ("Lead decay, slow phase", "working hours", None),
        "sales.speed_to_lead_slow_weight": ("Weight of the slow phase", "%", None),
        "sales.win_weight_affinity": ("Win strength per unit of affinity", "log-odds", None),
        "sales.win_weight_fit": ("Win strength per unit of fit", "log-odds", None),
        "budget.gtm_budget_eur_per_year": ("Go-to-market budget", "EUR / year", None),
        "budget.sales_share": ("Share of the budget for reps", "%", None),
        "budget.cost_per_rep_eur_per_year": ("Cost of one rep", "EUR / year", None),
        "budget.content_share_of_marketing": ("Content share of marketing", "%", None),
        "experiment.horizon_weeks": ("Measured window", "weeks", None),
        "experiment.warmup_weeks": ("Warm-up", "weeks", None),
        "experiment.follow_up_weeks": ("Follow-up", "weeks", None),
    },
    "fr": {
        "market.arrivals_per_week": ("Groupes d'achat entrant sur le marché", "par semaine",
                                     "Groupes d'achat entrant sur le marché chaque semaine (processus de Poisson)."),
        "market.deal_value_median_eur": ("Valeur médiane d'une affaire", "EUR",
                                         "Valeur médiane d'une affaire, en euros (loi lognormale)."),
        "market.deal_value_spread": ("Dispersion des valeurs d'affaires", "σ lognormale",
                                     "Sigma lognormal de la valeur d'une affaire (0 = toutes les affaires "
                                     "identiques)."),
        "market.fit_alpha": ("Adéquation à notre offre : α", "Bêta",
                             "Loi Bêta(alpha, bêta) de l'adéquation des acheteurs à notre offre, entre 0 et 1."),
        "market.fit_beta": ("Adéquation à notre offre : β", "Bêta",
                            "Loi Bêta(alpha, bêta) de l'adéquation des acheteurs à notre offre, entre 0 et 1."),
        "market.group_size_mean": ("Taille du groupe d'achat", "personnes",
                                   "Nombre moyen de décideurs dans un groupe d'achat (1 + Poisson) ; CEB : 5,4 en "
                                   "2014."),
        "market.shortlist_min": ("Liste restreinte, minimum", "fournisseurs",
                                 "Nombre minimal de fournisseurs sur la liste restreinte d'un acheteur."),
        "market.shortlist_max": ("Liste restreinte, maximum", "fournisseurs",
                                 "Nombre maximal de fournisseurs sur la liste restreinte d'un acheteur."),
        "market.competitor_content_spend_eur": ("Dépenses de contenus des concurrents", "EUR / an",
                                                "Dépense de contenus effective et cumulée des concurrents par an "
                                                "(part de voix)."),
        "research.need_mean_touchpoints": ("Recherche nécessaire pour atteindre le ZMOT", "points de contact",
                                           "Nombre moyen de points de contact dont un acheteur a besoin pour "
                                           "atteindre son ZMOT (1 + binomiale négative)."),
        "research.need_dispersion": ("Régularité des besoins de recherche", "taille BN",
                                     "Paramètre de taille de la binomiale négative (grand = moins de dispersion)."),
        "research.pace_mean_per_week": ("Rythme de recherche", "points de contact / semaine",
                                        "Rythme moyen de recherche, en points de contact par semaine (loi gamma)."),
        "research.pace_shape": ("Régularité du rythme de recherche", "forme gamma",
                                "Paramètre de forme de la loi gamma du rythme entre acheteurs."),
        "research.purchase_likelihood_one": ("Groupes d'une personne qui achètent", "%",
                                             "Part des groupes d'une seule personne qui finissent par acheter "
                                             "(CEB : 81 %)."),
        "research.purchase_likelihood_six": ("Groupes de six qui achètent", "%",
                                             "Part des groupes de six personnes qui finissent par acheter (CEB : 31 "
                                             "%)."),
        "research.attrition_before_zmot": ("Abandons avant le ZMOT", "%",
                                           "Part (en log-odds d'achat) des abandons liés à la taille du groupe "
                                           "qui a lieu avant le ZMOT."),
        "research.evaluation_weeks_mean": ("Évaluation sans nous", "semaines",
                                           "Semaines moyennes entre le ZMOT et la décision quand nous ne "
                                           "participons pas à l'évaluation."),
        "research.rep_aversion_mean": ("Réticence au contact commercial précoce", "%",
                                       "Réticence moyenne à un contact commercial précoce, de 0 à 1 (loi Bêta)."),
        "research.patience_hours_mean": ("Patience de l'acheteur qui lève la main", "heures ouvrées",
                                         "Heures ouvrées moyennes qu'attend un acheteur qui a demandé un contact "
                                         "avant de se tourner vers d'autres."),
        "marketing.sov_elasticity": ("Rendement des dépenses de contenus", "exposant",
                                     "Exposant de la dépense dans le modèle d'attraction de la part de voix "
                                     "(< 1 : rendements décroissants)."),
        "marketing.max_share_of_voice": ("Part de voix maximale", "%",
                                         "Part des points de contact d'un acheteur que nous pourrions tenir avec "
                                         "une dépense illimitée."),
        "marketing.reveal_probability": ("Points de contact qui révèlent l'acheteur", "%",
                                         "Probabilité qu'un de nos points de contact révèle l'acheteur "
                                         "(formulaire, demande)."),
        "marketing.reveal_ramp": ("Les contacts tardifs révèlent davantage", "×",
                                  "Combien un point de contact tardif révèle plus souvent l'acheteur "
                                  "(0 : tous pareils)."),
        "marketing.brand_affinity": ("Affinité de départ pour la marque", "affinité",
                                     "Affinité pour nous avec laquelle un acheteur commence (notoriété)."),
        "marketing.affinity_per_touch": ("Affinité par point de contact", "affinité",
                                         "Affinité gagnée par point de contact avec nous pendant la recherche."),
        "marketing.affinity_per_nurture_touch": ("Affinité par contact de nurturing", "affinité",
                                                 "Affinité gagnée par contact de nurturing, à plein budget."),
        "marketing.shortlist_scale": ("Échelle d'affinité de la liste restreinte", "affinité",
                                      "Affinité à laquelle la chance d'être sur la liste restreinte atteint "
                                      "63 % de son maximum."),
        "marketing.shortlist_max_probability": ("Chance maximale d'être retenu", "%",
                                                "Plus haute chance d'être sur la liste restreinte d'un acheteur."),
        "marketing.nurture_touches_per_week": ("Cadence de nurturing", "contacts / semaine",
                                               "Cadence de nurturing à plein budget, en contacts par semaine."),
        "marketing.nurture_pace_boost": ("Accélération de la recherche par le nurturing", "× rythme",
                                         "Accélération relative de la recherche d'un acheteur nourri, à plein budget."),
        "marketing.nurture_budget_scale_eur": ("Dépense de nurturing pour 63 % d'effet", "EUR / an",
                                               "Dépense annuelle de nurturing qui donne 63 % de l'effet maximal."),
        "marketing.score_per_touch": ("Score par engagement", "points",
                                      "Score d'engagement par point de contact ou contact de nurturing."),
        "marketing.mql_threshold": ("Seuil MQL", "points",
                                    "Score auquel un contact connu devient MQL (politique de transmission des MQL)."),
        "marketing.hybrid_score_threshold": ("Score d'appel (hybride)", "points",
                                             "Score au-dessus duquel un commercial appelle le compte (hybride)."),
        "marketing.hybrid_fit_threshold": ("Adéquation d'appel (hybride)", "%",
                                           "Adéquation au-dessus de laquelle un commercial appelle le compte "
                                           "(hybride)."),
        "sales.hours_per_week": ("Heures payées par commercial", "heures / semaine",
                                 "Heures payées par commercial et par semaine ; l'horloge tourne en heures ouvrées."),
        "sales.admin_share": ("Administration", "% des heures",
                              "Part fixe des heures payées consacrée à l'administration."),
        "sales.prospecting_share": ("Prospection à froid", "% des heures",
                                    "Part fixe des heures payées consacrée à prospecter des comptes à froid."),
        "sales.prospect_hits_per_hour": ("Acheteurs trouvés par heure de prospection", "acheteurs / heure",
                                         "Acheteurs en recherche trouvés par heure de prospection."),
        "sales.cold_call_engage_probability": ("Appels à froid qui aboutissent", "%",
                                               "Probabilité qu'un acheteur trouvé par prospection accepte l'appel."),
        "sales.premature_contact_hours": ("Durée d'un contact précoce", "heures",
                                          "Heures de commercial pour un contact avec un acheteur avant son ZMOT."),
        "sales.premature_learning_touchpoints": ("Ce qu'apprend un contact précoce", "points de contact",
                                                 "Recherche qu'un contact précoce épargne à l'acheteur, en points "
                                                 "de contact."),
        "sales.premature_rapport": ("Lien créé par un contact précoce bien reçu", "affinité",
                                    "Affinité créée par un contact précoce qui n'agace pas."),
        "sales.annoyance_max_probability": ("Agacement des acheteurs réticents", "%",
                                            "Probabilité qu'un acheteur tout à fait réticent soit agacé par un "
                                            "contact précoce."),
        "sales.annoyance_affinity_loss": ("Affinité perdue quand l'acheteur est agacé", "affinité",
                                          "Affinité perdue par un acheteur agacé."),
        "sales.task_time_cv": ("Variabilité des durées de tâche", "CV",
                               "Coefficient de variation des durées de tâche (0 fixe, 1 exponentielle ; gamma)."),
        "sales.qualification_hours": ("Durée de qualification", "heures",
                                      "Heures de commercial pour qualifier un acheteur après son ZMOT."),
        "sales.unqualified_fit_below": ("Disqualifier sous l'adéquation", "%",
                                        "Adéquation sous laquelle un commercial disqualifie l'acheteur."),
        "sales.opportunity_hours_mean": ("Travail d'opportunité", "heures",
                                         "Heures moyennes de travail sur une opportunité (démo, proposition, "
                                         "négociation)."),
        "sales.opportunity_blocks": ("Rendez-vous par opportunité", "blocs",
                                     "Nombre de blocs de travail d'une opportunité (un par rendez-vous)."),
        "sales.opportunity_gap_weeks": ("Écart entre rendez-vous", "semaines",
                                        "Semaines moyennes que prend l'acheteur entre deux blocs."),
        "sales.speed_to_lead_fast_hours": ("Déclin du lead, phase rapide", "heures ouvrées",
                                           "Constante de temps de la phase rapide du déclin d'un lead, en heures "
                                           "ouvrées."),
        "sales.speed_to_lead_slow_hours": ("Déclin du lead, phase lente", "heures ouvrées",
                                           "Constante de temps de la phase lente du déclin d'un lead, en heures "
                                           "ouvrées."),
        "sales.speed_to_lead_slow_weight": ("Poids de la phase lente", "%",
                                            "Poids de la phase lente dans la courbe de déclin d'un lead."),
        "sales.win_weight_affinity": ("Force par unité d'affinité", "log-odds",
                                      "Force de notre offre (log) par unité d'affinité, dans la part de victoire."),
        "sales.win_weight_fit": ("Force par unité d'adéquation", "log-odds",
                                 "Force de notre offre (log) par unité d'adéquation, dans la part de victoire."),
        "budget.gtm_budget_eur_per_year": ("Budget commercial et marketing", "EUR / an",
                                           "Budget annuel de mise sur le marché, en euros."),
        "budget.sales_share": ("Part du budget pour les commerciaux", "%",
                               "Part du budget qui paie les commerciaux (le reste va au marketing)."),
        "budget.cost_per_rep_eur_per_year": ("Coût d'un commercial", "EUR / an",
                                             "Coût complet d'un commercial par an, en euros."),
        "budget.content_share_of_marketing": ("Part des contenus dans le marketing", "%",
                                              "Part du budget marketing dépensée en contenus (le reste en nurturing)."),
        "experiment.horizon_weeks": ("Fenêtre mesurée", "semaines",
                                     "Fenêtre mesurée, en semaines : les acheteurs qui y arrivent forment la cohorte."),
        "experiment.warmup_weeks": ("Mise en route", "semaines",
                                    "Semaines simulées avant la fenêtre pour que le marché soit en mouvement."),
        "experiment.follow_up_weeks": ("Suivi", "semaines",
                                       "Semaines simulées après la fenêtre pour suivre la cohorte jusqu'à sa "
                                       "décision."),
    },
}

# Figures: name -> (label, meaning). English meaning None = the engine's own meaning (sim.kpis).
KPIS: dict[str, dict[str, tuple[str, str | None]]] = {
    "en": {
        "buyers_arrived": ("Buyers in the market", None),
        "buyers_in_progress": ("Buyers still deciding", None),
        "inquiries": ("Inquiries", None),
        "mqls": ("MQLs", None),
        "sals": ("SALs (talked to a rep)", None),
        "sqls": ("SQLs (qualified)", None),
        "opportunities": ("Opportunities", None),
        "wins": ("Wins", None),
        "revenue": ("Revenue", None),
        "win_rate": ("Win rate", None),
        "loss_rate": ("Loss rate to competitors", None),
        "no_decision_rate": ("No-decision rate", None),
        "conversion_rate": ("Conversion to wins", None),
        "lost_not_shortlisted": ("Lost: not shortlisted", None),
        "lost_slow_response": ("Lost: slow response", None),
        "lost_premature": ("Lost: premature contact", None),
        "lost_competitor": ("Lost: competitor", None),
        "lost_no_decision": ("Lost: no decision", None),
        "lost_disqualified": ("Lost: disqualified", None),
        "rep_utilization": ("Rep utilization", None),
        "selling_time_share": ("Rep time spent selling", None),
        "rep_hours_prospecting": ("Rep hours: prospecting", None),
        "rep_hours_premature": ("Rep hours: premature contacts", None),
        "rep_hours_qualification": ("Rep hours: qualification", None),
        "rep_hours_opportunity": ("Rep hours: opportunities", None),
        "rep_hours_idle": ("Rep hours: idle", None),
        "rep_hours_admin": ("Rep hours: administration", None),
        "rep_hours_per_win": ("Rep hours per win", None),
        "response_time_hours": ("Response time", None),
        "queue_length_mean": ("Buyers waiting for a rep", None),
        "journey_share_at_first_contact": ("Journey done at first rep contact", None),
        "premature_contact_share": ("Premature first contacts", None),
        "touchpoints_per_buyer": ("Touchpoints per buyer", None),
        "days_to_zmot": ("Days to the ZMOT", None),
        "purchase_rate": ("Buyers who bought from anyone", None),
        "marketing_sourced_revenue_share": ("Marketing-sourced revenue", None),
        "inbound_revenue_share": ("Revenue from hand-raisers", None),
        "outbound_revenue_share": ("Revenue from prospecting", None),
        "cost_total": ("Go-to-market cost", None),
        "cost_per_win": ("Cost per win", None),
    },
    "fr": {
        "buyers_arrived": ("Acheteurs sur le marché",
                           "Groupes d'achat entrés sur le marché pendant la fenêtre mesurée."),
        "buyers_in_progress": ("Acheteurs encore en décision",
                               "Parmi eux, ceux qui cherchaient ou évaluaient encore à la fin."),
        "inquiries": ("Demandes entrantes", "Acheteurs qui se sont révélés via nos contenus (formulaire)."),
        "mqls": ("MQL", "Contacts connus que le marketing a transmis aux ventes."),
        "sals": ("SAL (en contact avec un commercial)", "Acheteurs avec qui un commercial a réellement parlé."),
        "sqls": ("SQL (qualifiés)", "Acheteurs qualifiés par un commercial après leur ZMOT, avec assez d'adéquation."),
        "opportunities": ("Opportunités",
                          "Acheteurs qualifiés dont l'évaluation avec nous a commencé (premier rendez-vous)."),
        "wins": ("Ventes gagnées", "Acheteurs qui ont acheté chez nous."),
        "revenue": ("Chiffre d'affaires", "Valeur des affaires gagnées."),
        "win_rate": ("Taux de succès", "Ventes par opportunité close (gagnée, perdue ou sans décision)."),
        "loss_rate": ("Taux de perte face aux concurrents",
                      "Opportunités perdues face à un concurrent, par opportunité close."),
        "no_decision_rate": ("Taux d'absence de décision", "Opportunités closes sans décision, par opportunité close."),
        "conversion_rate": ("Conversion en ventes",
                            "Ventes par acheteur entré sur le marché : la conversion qui compte."),
        "lost_not_shortlisted": ("Perdu : pas retenu",
                                 "ZMOT atteint sans nous sur la liste restreinte ; nous ne l'avons jamais su."),
        "lost_slow_response": ("Perdu : réponse trop lente",
                               "Lassés d'attendre un commercial (ou leur premier rendez-vous)."),
        "lost_premature": ("Perdu : contact prématuré", "Nous ont écartés après un contact précoce qui les a agacés."),
        "lost_competitor": ("Perdu : concurrent", "Opportunités gagnées par un concurrent."),
        "lost_no_decision": ("Perdu : pas de décision",
                             "Ont renoncé à acheter : pendant la recherche ou après l'évaluation."),
        "lost_disqualified": ("Perdu : disqualifié", "Écartés par un commercial pour adéquation insuffisante."),
        "rep_utilization": ("Occupation des commerciaux",
                            "Part du temps disponible passée sur des acheteurs (hors administration, prospection et "
                            "inactivité)."),
        "selling_time_share": ("Temps de vente des commerciaux",
                               "Heures de qualification et d'opportunité par heure payée (CSO : environ 41 %)."),
        "rep_hours_prospecting": ("Heures : prospection", "Heures de prospection à froid pendant la fenêtre."),
        "rep_hours_premature": ("Heures : contacts prématurés",
                                "Heures passées sur des acheteurs qui n'avaient pas atteint leur ZMOT."),
        "rep_hours_qualification": ("Heures : qualification", "Heures à qualifier des acheteurs après leur ZMOT."),
        "rep_hours_opportunity": ("Heures : opportunités",
                                  "Heures de travail d'opportunité (démos, propositions, négociation)."),
        "rep_hours_idle": ("Heures : inactivité", "Heures sans rien à faire."),
        "rep_hours_admin": ("Heures : administration", "Heures d'administration."),
        "rep_hours_per_win": ("Heures de commercial par vente",
                              "Heures de prospection et de travail avec des acheteurs, par vente."),
        "response_time_hours": ("Délai de réponse",
                                "Attente moyenne entre la transmission et la prise en charge par un commercial."),
        "queue_length_mean": ("Acheteurs en attente d'un commercial",
                              "Nombre moyen (dans le temps) d'acheteurs attendant un commercial."),
        "journey_share_at_first_contact": ("Parcours fait au premier contact",
                                           "Part du parcours d'achat (du besoin à la décision) faite quand un "
                                           "commercial parle pour la première fois à l'acheteur."),
        "premature_contact_share": ("Premiers contacts prématurés",
                                    "Part des premiers contacts commerciaux survenus avant le ZMOT de l'acheteur."),
        "touchpoints_per_buyer": ("Points de contact par acheteur",
                                  "Points de contact de recherche utilisés avant une décision d'achat."),
        "days_to_zmot": ("Jours jusqu'au ZMOT", "Jours calendaires entre l'entrée sur le marché et le ZMOT."),
        "purchase_rate": ("Acheteurs ayant acheté (chez quiconque)",
                          "Acheteurs qui ont acheté chez nous ou chez un concurrent."),
        "marketing_sourced_revenue_share": ("CA issu du marketing",
                                            "Chiffre d'affaires des acheteurs connus d'abord par une demande "
                                            "marketing."),
        "inbound_revenue_share": ("CA des acheteurs qui lèvent la main",
                                  "Chiffre d'affaires des acheteurs connus d'abord par leur propre demande de "
                                  "contact."),
        "outbound_revenue_share": ("CA issu de la prospection",
                                   "Chiffre d'affaires des acheteurs trouvés d'abord par prospection."),
        "cost_total": ("Coût commercial et marketing", "Coût sur la fenêtre : commerciaux entiers et marketing."),
        "cost_per_win": ("Coût par vente", "Coût sur la fenêtre par vente gagnée."),
    },
}

# Values of categorical outputs: outcomes, stages, activities, response-time buckets.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "outcome.won": "won",
        "outcome.in_progress": "still deciding",
        "outcome.lost_not_shortlisted": "not shortlisted",
        "outcome.lost_slow_response": "slow response",
        "outcome.lost_premature": "premature contact",
        "outcome.lost_competitor": "competitor",
        "outcome.lost_no_decision": "no decision",
        "outcome.lost_disqualified": "disqualified",
        "activity.prospecting": "prospecting",
        "activity.premature": "premature contacts",
        "activity.qualification": "qualification",
        "activity.opportunity": "opportunity work",
        "activity.idle": "idle",
        "activity.admin": "administration",
        "resp.lt5m": "under 5 min",
        "resp.5to30m": "5–30 min",
        "resp.30to60m": "30–60 min",
        "resp.1to8h": "1–8 h (same day)",
        "resp.8to24h": "1–3 working days",
        "resp.gt24h": "over 3 working days",
        "resp.never": "never",
        "unit.EUR": "EUR",
        "unit.share": "%",
        "unit.buyers": "buyers",
        "unit.hours": "hours",
        "unit.working hours": "working hours",
        "unit.days": "days",
        "unit.touchpoints": "touchpoints",
        "short.wins": "Wins",
        "short.revenue": "Revenue",
        "short.conversion_rate": "Conversion",
        "short.rep_utilization": "Rep utilization",
        "short.cost_per_win": "Cost per win",
        "short.marketing_sourced_revenue_share": "From marketing",
        "stage.buyers_arrived": "Market",
        "stage.inquiries": "Inquiries",
        "stage.mqls": "MQLs",
        "stage.sals": "SALs",
        "stage.sqls": "SQLs",
        "stage.opportunities": "Opportunities",
        "stage.wins": "Wins",
        "short.response_time_hours": "Response time",
    },
    "fr": {
        "outcome.won": "gagné",
        "outcome.in_progress": "décision en cours",
        "outcome.lost_not_shortlisted": "pas retenu",
        "outcome.lost_slow_response": "réponse trop lente",
        "outcome.lost_premature": "contact prématuré",
        "outcome.lost_competitor": "concurrent",
        "outcome.lost_no_decision": "pas de décision",
        "outcome.lost_disqualified": "disqualifié",
        "activity.prospecting": "prospection",
        "activity.premature": "contacts prématurés",
        "activity.qualification": "qualification",
        "activity.opportunity": "opportunités",
        "activity.idle": "inactivité",
        "activity.admin": "administration",
        "resp.lt5m": "moins de 5 min",
        "resp.5to30m": "5 à 30 min",
        "resp.30to60m": "30 à 60 min",
        "resp.1to8h": "1 à 8 h (le jour même)",
        "resp.8to24h": "1 à 3 jours ouvrés",
        "resp.gt24h": "plus de 3 jours ouvrés",
        "resp.never": "jamais",
        "unit.EUR": "EUR",
        "unit.share": "%",
        "unit.buyers": "acheteurs",
        "unit.hours": "heures",
        "unit.working hours": "heures ouvrées",
        "unit.days": "jours",
        "unit.touchpoints": "points de contact",
        "stage.buyers_arrived": "Marché",
        "stage.inquiries": "Demandes",
        "stage.mqls": "MQL",
        "stage.sals": "SAL",
        "stage.sqls": "SQL",
        "stage.opportunities": "Opportunités",
        "stage.wins": "Ventes",
        "short.wins": "Ventes",
        "short.revenue": "Chiffre d'affaires",
        "short.conversion_rate": "Conversion",
        "short.rep_utilization": "Occupation",
        "short.response_time_hours": "Délai de réponse",
        "short.cost_per_win": "Coût par vente",
        "short.marketing_sourced_revenue_share": "CA du marketing",
    },
}

ABOUT: dict[str, str] = {
    "en": """
### What the model says, in plain words

**The argument it tests.** A French B2B marketing blog post of December 2011 argued that buyers now
define their need on the web before any salesperson is involved — the *Zero Moment of Truth* (ZMOT) —
and call a rep only to learn the terms of purchase. So, it said, companies should move budget from
reps to marketing, guide buyers through their research, and judge marketing on sales, not on lead
counts. ZMOT Lab turns that argument into an experiment. No policy wins by construction: the model can
show where the argument holds and where it does not.

**Buyers.** Buying groups enter the market at random, about forty a week in the default market. Each has
a deal value, a fit to our offer, a number of people in the group, an amount of research to do before
it knows what it wants, a research pace, a dislike of early sales calls and a patience for replies.

**Research.** A buyer reads, searches, asks peers: each *touchpoint* brings it closer to its ZMOT, when it
holds a shortlist of two to five vendors. Our content budget buys a share of those touchpoints, with
diminishing returns against competitors. Each of our touchpoints builds affinity for us, and affinity
decides whether we make the shortlist. Some touchpoints reveal the buyer to us (a form fill). Large
buying groups often give up altogether.

**Policies.** *Sales-led* passes every inquiry to a rep at once and lets idle reps prospect cold.
*MQL hand-off* scores engagement and passes leads above a threshold. *ZMOT nurture* feeds known leads
with content and lets a rep in only when the buyer asks. *Hybrid* nurtures, and has reps check in on
engaged, well-fitting accounts.

**Reps.** Reps have a working week with a fixed share of administration. Every hour is booked: cold
prospecting, premature contacts (the buyer is not ready: it may learn something, or be annoyed), qualifying,
opportunity work (demos, proposals, negotiation) or idle. Buyers handed to sales wait in a queue, and
the chance to engage them falls fast with the wait (speed to lead).

**Winning.** A ready buyer with us on its shortlist becomes an opportunity. Our chance to win depends on
fit, affinity, the number of rivals and the size of the buying group; "no decision" is a real outcome.
Buyers that reach their ZMOT without us are lost without our ever knowing.

**Budget.** One go-to-market budget pays for whole reps and for marketing (content and nurture). Moving
money between them is the central experiment.

### How to read the figures

Each scenario is simulated for a year of buyers (after a warm-up, and followed until they decide), many
times over (*replications*). Every figure is the mean over replications with its 95% confidence interval.
All scenarios use the same random buyers (*common random numbers*), so a difference between two scenarios
comes from the policy, not from luck: a difference whose interval includes zero is "within noise".
A figure that cannot be defined — cost per win when nothing is won, rep utilization with no reps — shows
as n/a.

### Where the numbers come from

Defaults follow published figures where there are some, and say so in the preset files: the share of the
decision made before talking to a supplier (CEB, HBR 2012), sources used before buying (Google ZMOT
study 2011), forecast opportunities won, lost and undecided (CSO Insights), rep time spent selling (CSO
Insights), revenue from marketing (Macfarlane 2007), speed to lead (HBR 2011), purchase likelihood by
buying-group size (CEB), lead readiness (Johnny Grow). The *Model vs published* tab shows how close the
model comes, and says where it misses and why.

### Limits

It is one seller in one market; competitors are a backdrop, not players. Buyers do not talk to each
other. Marketing quality is a budget, not a creative idea. Rep skill is the same for every rep. Many
parameters are assumptions, marked as such in the presets: treat the results as a way to reason about
trade-offs in a workshop, not as a forecast.
""",
    "fr": """
### Ce que dit le modèle, en clair

**L'argument testé.** Un billet de blog français de marketing B2B, en décembre 2011, soutenait que les
acheteurs définissent désormais leur besoin sur le web avant qu'un commercial n'intervienne — le *moment
zéro de vérité* (ZMOT) — et n'appellent un commercial que pour connaître les conditions d'achat. Il
fallait donc, disait-il, déplacer le budget des commerciaux vers le marketing, guider les acheteurs dans
leur recherche, et juger le marketing sur les ventes plutôt que sur le nombre de leads. ZMOT Lab fait de
cet argument une expérience. Aucune politique ne gagne par construction : le modèle peut montrer où
l'argument tient, et où il ne tient pas.

**Les acheteurs.** Des groupes d'achat entrent sur le marché au hasard, une quarantaine par semaine sur
le marché par défaut. Chacun a une valeur d'affaire, une adéquation à notre offre, un nombre de
personnes, une quantité de recherche à faire avant de savoir ce qu'il veut, un rythme de recherche, une
réticence aux appels commerciaux précoces et une patience pour les réponses.

**La recherche.** Un acheteur lit, cherche, interroge ses pairs : chaque *point de contact* le rapproche
de son ZMOT, où il tient une liste restreinte de deux à cinq fournisseurs. Notre budget de contenus
achète une part de ces points de contact, avec des rendements décroissants face aux concurrents. Chacun
de nos points de contact crée de l'affinité, et l'affinité décide si nous sommes retenus. Certains
points de contact révèlent l'acheteur (un formulaire). Les grands groupes d'achat renoncent souvent.

**Les politiques.** *Piloté par les ventes* transmet chaque demande aussitôt à un commercial et laisse
les commerciaux libres prospecter à froid. *Transmission des MQL* note l'engagement et transmet les leads
au-dessus d'un seuil. *Nurturing ZMOT* nourrit les contacts connus de contenus et ne fait intervenir un
commercial que quand l'acheteur le demande. *Hybride* nourrit, et fait appeler par un commercial les
comptes engagés et bien adaptés.

**Les commerciaux.** Ils ont une semaine de travail avec une part fixe d'administration. Chaque heure
est affectée : prospection à froid, contacts prématurés (l'acheteur n'est pas prêt : il peut apprendre
quelque chose, ou être agacé), qualification, travail d'opportunité (démos, propositions, négociation)
ou inactivité. Les acheteurs transmis aux ventes attendent dans une file, et la chance de les engager
chute vite avec l'attente (vitesse de réponse).

**Gagner.** Un acheteur prêt qui nous a retenus devient une opportunité. Notre chance de gagner dépend
de l'adéquation, de l'affinité, du nombre de concurrents et de la taille du groupe ; « pas de décision »
est une vraie issue. Les acheteurs qui atteignent leur ZMOT sans nous sont perdus sans que nous le
sachions.

**Le budget.** Un seul budget paie des commerciaux entiers et le marketing (contenus et nurturing).
Déplacer l'argent entre les deux est l'expérience centrale.

### Comment lire les chiffres

Chaque scénario simule une année d'acheteurs (après une mise en route, et suivis jusqu'à leur décision),
de nombreuses fois (*réplications*). Chaque chiffre est la moyenne sur les réplications avec son
intervalle de confiance à 95 %. Tous les scénarios utilisent les mêmes acheteurs tirés au hasard
(*nombres aléatoires communs*) : un écart entre deux scénarios vient donc de la politique, pas de la
chance ; un écart dont l'intervalle contient zéro est « dans le bruit ». Un chiffre qui ne peut pas être
défini — coût par vente sans aucune vente, occupation sans commerciaux — s'affiche n.d.

### D'où viennent les nombres

Les valeurs par défaut suivent des chiffres publiés quand il y en a, et le disent dans les fichiers de
préréglages : la part de la décision prise avant de parler à un fournisseur (CEB, HBR 2012), les sources
consultées avant d'acheter (étude ZMOT de Google, 2011), les opportunités gagnées, perdues et sans
décision (CSO Insights), le temps de vente des commerciaux (CSO Insights), le chiffre d'affaires issu du
marketing (Macfarlane 2007), la vitesse de réponse (HBR 2011), la probabilité d'achat selon la taille du
groupe (CEB), la maturité des leads (Johnny Grow). L'onglet *Modèle et chiffres publiés* montre à quel
point le modèle s'en approche, et dit où il s'en écarte et pourquoi.

### Limites

Un seul vendeur sur un seul marché ; les concurrents sont un décor, pas des acteurs. Les acheteurs ne se
parlent pas entre eux. La qualité du marketing est un budget, pas une idée créative. Tous les
commerciaux ont le même talent. Beaucoup de paramètres sont des hypothèses, signalées comme telles dans
les préréglages : prenez les résultats comme un moyen de raisonner sur des arbitrages en atelier, pas
comme une prévision.
""",
}


# French typography: a narrow no-break space before ; : ! ? % » and after «, so that a wrapped line never
# starts with one of them (seen in the sidebar: "connus" / "; un commercial").
_FR_SPACE = re.compile(r" (?=[;:!?%»])|(?<=«) ")


def _fr(x: Any) -> Any:
    if isinstance(x, str):
        return _FR_SPACE.sub("\u202f", x)
    if isinstance(x, tuple):
        return tuple(_fr(v) for v in x)
    return x


for _table in (TEXT["fr"], POLICIES["fr"], PRESET_DESCRIPTIONS_FR, FIELDS["fr"], KPIS["fr"], LABELS["fr"]):
    for _key, _value in _table.items():
        _table[_key] = _fr(_value)
ABOUT["fr"] = _fr(ABOUT["fr"])


def register(strings: dict[str, dict[str, str]]) -> None:
    """Add a feature's strings (kept in a module of its own, `ui/text_*.py`) to the app's table; French
    ones get the same typography as the rest. A key already taken is a programming error."""
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


def preset_description(lang: str, name: str, english: str) -> str:
    return PRESET_DESCRIPTIONS_FR.get(name, english) if lang == "fr" else english


# --- Numbers ---------------------------------------------------------------------------------------


def _finite(x: Any) -> bool:
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def number(x: float, lang: str, decimals: int | None = None) -> str:
    """A plain number with the language's separators; decimals chosen by magnitude when not given."""
    if not _finite(x):
        return NA[lang]
    x = float(x)
    if decimals is None:
        ax = abs(x)
        decimals = 0 if ax >= 100 or ax == 0 else 1 if ax >= 10 else 2 if ax >= 0.1 else 3
    s = f"{x:,.{decimals}f}"
    if s.startswith("-") and not s.strip("-0.,"):
        s = s[1:]  # no "-0.0"
    if lang == "fr":
        s = s.replace(",", "\u202f").replace(".", ",")
    return s


def money(x: float, lang: str) -> str:
    """EUR, abbreviated: €3.4M / 3,4 M€."""
    if not _finite(x):
        return NA[lang]
    x = float(x)
    ax = abs(x)
    if ax >= 1e6:
        body, suffix = number(x / 1e6, lang, 2 if ax < 1e7 else 1), ("M", "M€")
    elif ax >= 1e3:
        body, suffix = number(x / 1e3, lang, 1 if ax < 1e5 else 0), ("k", "k€")
    else:
        body, suffix = number(x, lang, 0), ("", "€")
    if lang == "fr":
        return f"{body}\u202f{suffix[1]}"
    sign = "-" if body.startswith("-") else ""
    return f"{sign}€{body.lstrip('-')}{suffix[0]}"


def money_full(x: float, lang: str) -> str:
    """EUR in full, thousands grouped: €2,000,000 / 2 000 000 €."""
    if not _finite(x):
        return NA[lang]
    body = number(x, lang, 0 if float(x) == int(x) else 2)
    if lang == "fr":
        return f"{body}\u00a0€"
    return f"-€{body[1:]}" if body.startswith("-") else f"€{body}"


def percent(x: float, lang: str, decimals: int = 1) -> str:
    if not _finite(x):
        return NA[lang]
    body = number(float(x) * 100, lang, decimals)
    return f"{body}\u202f%" if lang == "fr" else f"{body}%"


def duration(hours: float, lang: str) -> str:
    """Working hours in the unit a person uses: 0.061 -> '4 min', 3.2 -> '3.2 h', 40 -> '5.0 working days'."""
    if not _finite(hours):
        return NA[lang]
    h = float(hours)
    ah = abs(h)
    if ah < 1:
        return f"{number(h * 60, lang, 0)}\u00a0min"
    if ah < 24:
        return f"{number(h, lang, 1)}\u202fh" if lang == "fr" else f"{number(h, lang, 1)} h"
    days = number(h / WORKING_HOURS_PER_DAY, lang, 1)
    return f"{days}\u00a0jours ouvrés" if lang == "fr" else f"{days} working days"


def value(x: float, unit: str, lang: str) -> str:
    """A KPI value in its unit: counts whole, durations in minutes, hours or days."""
    if not _finite(x):
        return NA[lang]
    if unit == "EUR":
        return money(x, lang)
    if unit == "share":
        return percent(x, lang)
    if unit == "working hours":
        return duration(x, lang)
    if unit == "hours":
        return f"{number(x, lang)}\u202fh" if lang == "fr" else f"{number(x, lang)} h"
    if unit == "days":
        return f"{number(x, lang, 0 if abs(x) >= 10 else 1)} {'j' if lang == 'fr' else 'd'}"
    if unit == "buyers":  # buyers are counted whole
        return number(x, lang, 0 if abs(x) >= 1 or x == 0 else 1)
    return number(x, lang)


def signed(text: str, x: float) -> str:
    return text if text.startswith(("-", "−")) or not _finite(x) or x <= 0 else f"+{text}"


def diff(x: float, unit: str, lang: str) -> str:
    """A signed difference in the KPI's unit; shares in percentage points."""
    if not _finite(x):
        return NA[lang]
    if unit == "share":
        body = number(float(x) * 100, lang, 1)
        return signed(f"{body}\u202fpts" if lang == "fr" else f"{body} pts", x)
    return signed(value(x, unit, lang), x)


def relative(x: float, lang: str) -> str:
    """A signed relative change: +21%."""
    if not _finite(x):
        return NA[lang]
    return signed(percent(x, lang, 0 if abs(x) >= 0.1 else 1), x)


def allowed_range_text(lang: str, lo: tuple[str, float] | None, hi: tuple[str, float] | None,
                       fmt=None) -> str:
    """'from 0 up to 1000' from schema bounds, in the language."""
    fmt = fmt or (lambda v: number(v, lang, None if v != int(v) else 0))
    parts = []
    if lo:
        parts.append(t(lang, "range_from" if lo[0] == "ge" else "range_above", lo=fmt(lo[1])))
    if hi:
        parts.append(t(lang, "range_to" if hi[0] == "le" else "range_below", hi=fmt(hi[1])))
    return " ".join(parts)
