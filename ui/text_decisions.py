"""Strings of the decision views: the budget shift, what matters and why (the attribution)."""

from __future__ import annotations

from .text import register

register({
    "en": {
        "tab.shift": "Budget shift",
        "tab.matters": "What matters",
        "dec.kpi": "Figure to judge by",
        "dec.scenario": "Scenario",
        "dec.computing": "Computing: {done} of {total} runs",
        "dec.timeout": "Stopped at the time limit: figures from the replications that finished.",
        "dec.failed": "This study could not run: {error}",
        "dec.too_large": "This study is too large for the server: {error}",
        "dec.group.budget_split": "Budget split",
        "dec.group.marketing_mix": "Marketing mix",
        "dec.group.policy": "Policy",
        "dec.group.market": "Market and buyers",
        "dec.group.sales": "Sales team",
        "dec.group.experiment": "Experiment",
        # Budget shift
        "shift.intro": (
            "The same total budget of **“{name}”** ({budget} a year), moved from reps to marketing. One line per "
            "policy with its 95% band; the dashed line marks the live scenario's split. Every point runs on the "
            "same seed, so the *chance of being best* is the share of replications in which that split wins."
        ),
        "shift.step": "Grid",
        "shift.step_option": "every {step}",
        "shift.policies": "Policies",
        "shift.policies_help": "The live scenario's policy is always shown; the others take their preset's policy "
        "and marketing mix, everything else as in the live scenario.",
        "shift.axis": "Marketing share of the budget",
        "shift.title": "{kpi} as the budget moves to marketing",
        "shift.util_title": "Rep utilization along the same shift",
        "shift.response_title": "Response time to a new lead along the same shift",
        "shift.coarse": "⏳ First curve ({n} replication(s) per point); refining to {total}…",
        "shift.done": "{reps} replications per point, {points} points, seed {seed}.",
        "shift.best": "{swatch}: best at **{share} marketing** ({value}, 95% CI {ci}); best in **{p}** of "
        "replications.",
        "shift.best_none": "{swatch}: no split gives a defined value.",
        "shift.live": "live scenario",
        "shift.hours": "working hours",
        "shift.col.policy": "Policy",
        "shift.col.reps": "Reps bought",
        "shift.col.marketing": "Marketing spend",
        "shift.col.p_best": "Chance of being best",
        # What matters
        "matters.intro": (
            "Each uncertain assumption of the ranges file at its low and at its high value, one at a time, "
            "everything else as in **“{name}”**: how far the figure swings, longest bar first. Rows marked ⚑ "
            "would change our decision (the best policy, or the best split)."
        ),
        "matters.ranges": "Ranges file (optional, TOML)",
        "matters.ranges_help": "Leave empty to use the shipped ranges (presets/ranges/uncertain_inputs.toml), "
        "each with its reason; or upload your own copy of that file.",
        "matters.ranges_shipped": "Ranges: the shipped file, {n} assumptions.",
        "matters.ranges_own": "Ranges: {file}, {n} assumption(s).",
        "matters.bad_ranges": "This ranges file cannot be used: {error}",
        "matters.run": "Run what matters",
        "matters.run_help": "Costly: {runs} runs at most. The result is kept for these inputs.",
        "matters.stop": "Stop",
        "matters.stopped": "Stopped. Press the button to run it again.",
        "matters.waiting": "Press the button to run the study ({inputs} assumptions x 2 ends, {reps} replications "
        "each, and the decision check). It is not rerun on every change.",
        "matters.note": (
            "The decision check uses a coarse grid: the best policy among {policies} at the scenario's split, "
            "and the best marketing share among {shares} for its policy; {dr} replications each (the figure at "
            "each end: {r} replications)."
        ),
        "matters.title": "What moves {kpi} most",
        "matters.axis": "{kpi} (base {base})",
        "matters.low": "at the low value",
        "matters.high": "at the high value",
        "matters.changes": "⚑ would change the decision",
        "matters.none_changes": "No assumption, at either end of its range, changes the decision.",
        "matters.col.input": "Assumption",
        "matters.col.low": "Low",
        "matters.col.high": "High",
        "matters.col.kpi_low": "At low",
        "matters.col.kpi_high": "At high",
        "matters.col.swing": "Swing [95% CI]",
        "matters.col.change": "What would change",
        "matters.change_policy": "at {end}: best policy {policy} (now {base})",
        "matters.change_share": "at {end}: best share {share} (now {base})",
        "matters.end.low": "low",
        "matters.end.high": "high",
        # Why
        "why.title": "Why: where each difference comes from",
        "why.toggle": "Show where each difference to the baseline comes from",
        "why.toggle_help": "Each group of inputs that differs is switched from the baseline to the scenario "
        "in every order (Shapley): 2^k runs for k groups. Computed on demand and kept.",
        "why.same": "{name} has the same inputs as the baseline: there is no difference to explain.",
        "why.intro": "From **“{base}”** to **“{name}”**: {kpi} {total} (95% CI {ci}), through {n} group(s) of inputs; "
        "the parts add up to the total.",
        "why.title_chart": "{kpi}: from “{base}” to “{name}”",
        "why.step": "Step",
        "why.part": "Part",
        "why.impossible": "{name}: this difference cannot be split group by group: {error}",
    },
    "fr": {
        "tab.shift": "Déplacer le budget",
        "tab.matters": "Ce qui compte",
        "dec.kpi": "Indicateur retenu",
        "dec.scenario": "Scénario",
        "dec.computing": "Calcul : {done} exécutions sur {total}",
        "dec.timeout": "Arrêté à la limite de temps : chiffres des réplications terminées.",
        "dec.failed": "Cette étude n'a pas pu tourner : {error}",
        "dec.too_large": "Cette étude est trop lourde pour le serveur : {error}",
        "dec.group.budget_split": "Répartition du budget",
        "dec.group.marketing_mix": "Mix marketing",
        "dec.group.policy": "Politique",
        "dec.group.market": "Marché et acheteurs",
        "dec.group.sales": "Équipe commerciale",
        "dec.group.experiment": "Expérience",
        "shift.intro": (
            "Le même budget total de **« {name} »** ({budget} par an), déplacé des commerciaux vers le marketing. "
            "Une ligne par politique avec sa bande à 95 % ; le trait pointillé marque la répartition du "
            "scénario courant. Tous les points tournent sur la même graine : la *chance d'être le meilleur* "
            "est la part des réplications où cette répartition l'emporte."
        ),
        "shift.step": "Grille",
        "shift.step_option": "tous les {step}",
        "shift.policies": "Politiques",
        "shift.policies_help": "La politique du scénario courant est toujours montrée ; les autres prennent la "
        "politique et le mix marketing de leur préréglage, le reste comme dans le scénario courant.",
        "shift.axis": "Part du budget au marketing",
        "shift.title": "{kpi} quand le budget passe au marketing",
        "shift.util_title": "Taux d'occupation des commerciaux sur le même déplacement",
        "shift.response_title": "Délai de réponse à un nouveau prospect sur le même déplacement",
        "shift.coarse": "⏳ Première courbe ({n} réplication(s) par point) ; affinage jusqu'à {total}…",
        "shift.done": "{reps} réplications par point, {points} points, graine {seed}.",
        "shift.best": "{swatch} : meilleur à **{share} de marketing** ({value}, IC 95 % {ci}) ; meilleur dans "
        "**{p}** des réplications.",
        "shift.best_none": "{swatch} : aucune répartition ne donne de valeur définie.",
        "shift.live": "scénario courant",
        "shift.hours": "heures ouvrées",
        "shift.col.policy": "Politique",
        "shift.col.reps": "Commerciaux achetés",
        "shift.col.marketing": "Dépense marketing",
        "shift.col.p_best": "Chance d'être le meilleur",
        "matters.intro": (
            "Chaque hypothèse incertaine du fichier de plages à sa valeur basse puis haute, une à la fois, le "
            "reste comme dans **« {name} »** : l'ampleur de l'écart, la plus longue barre en premier. Les lignes "
            "marquées ⚑ changeraient notre décision (la meilleure politique ou la meilleure répartition)."
        ),
        "matters.ranges": "Fichier de plages (facultatif, TOML)",
        "matters.ranges_help": "Laissez vide pour les plages fournies (presets/ranges/uncertain_inputs.toml), "
        "chacune avec sa justification ; ou chargez votre copie de ce fichier.",
        "matters.ranges_shipped": "Plages : le fichier fourni, {n} hypothèses.",
        "matters.ranges_own": "Plages : {file}, {n} hypothèse(s).",
        "matters.bad_ranges": "Ce fichier de plages est inutilisable : {error}",
        "matters.run": "Lancer « ce qui compte »",
        "matters.run_help": "Coûteux : {runs} exécutions au plus. Le résultat est gardé pour ces réglages.",
        "matters.stop": "Arrêter",
        "matters.stopped": "Arrêté. Appuyez sur le bouton pour relancer.",
        "matters.waiting": "Appuyez sur le bouton pour lancer l'étude ({inputs} hypothèses x 2 bornes, {reps} "
        "réplications chacune, et le contrôle de la décision). Elle n'est pas relancée à chaque changement.",
        "matters.note": (
            "Le contrôle de la décision utilise une grille grossière : la meilleure politique parmi {policies} "
            "à la répartition du scénario, et la meilleure part marketing parmi {shares} pour sa politique ; "
            "{dr} réplications chacune (l'indicateur à chaque borne : {r} réplications)."
        ),
        "matters.title": "Ce qui fait le plus bouger : {kpi}",
        "matters.axis": "{kpi} (base {base})",
        "matters.low": "à la valeur basse",
        "matters.high": "à la valeur haute",
        "matters.changes": "⚑ changerait la décision",
        "matters.none_changes": "Aucune hypothèse, à aucune borne de sa plage, ne change la décision.",
        "matters.col.input": "Hypothèse",
        "matters.col.low": "Basse",
        "matters.col.high": "Haute",
        "matters.col.kpi_low": "À la borne basse",
        "matters.col.kpi_high": "À la borne haute",
        "matters.col.swing": "Écart [IC 95 %]",
        "matters.col.change": "Ce qui changerait",
        "matters.change_policy": "borne {end} : meilleure politique {policy} (aujourd'hui {base})",
        "matters.change_share": "borne {end} : meilleure part {share} (aujourd'hui {base})",
        "matters.end.low": "basse",
        "matters.end.high": "haute",
        "why.title": "Pourquoi : d'où vient chaque écart",
        "why.toggle": "Montrer d'où vient chaque écart à la référence",
        "why.toggle_help": "Chaque groupe de paramètres qui diffère passe de la référence au scénario dans "
        "tous les ordres (Shapley) : 2^k exécutions pour k groupes. Calculé à la demande et gardé.",
        "why.same": "{name} a les mêmes paramètres que la référence : il n'y a pas d'écart à expliquer.",
        "why.intro": "De **« {base} »** à **« {name} »** : {kpi} {total} (IC 95 % {ci}), à travers {n} groupe(s) de "
        "paramètres ; les parts s'additionnent au total.",
        "why.title_chart": "{kpi} : de « {base} » à « {name} »",
        "why.step": "Étape",
        "why.part": "Part",
        "why.impossible": "{name} : cet écart ne peut pas être réparti groupe par groupe : {error}",
    },
})

# The shipped ranges' assumptions in French (a user's own file keeps its own labels).
INPUT_LABELS_FR = {
    "nurture_effect": "Effet du nurturing",
    "content_effectiveness": "Efficacité des contenus",
    "memory_half_life": "Demi-vie de la mémoire (semaines)",
    "dormant_share": "Part d'acheteurs en sommeil",
    "speed_to_lead_decay": "Décroissance de la réactivité (phase rapide, heures ouvrées)",
    "premature_annoyance": "Agacement d'un contact prématuré",
    "research_need": "Besoin de recherche (points de contact)",
    "deal_value": "Valeur d'une affaire (médiane, EUR)",
    "rep_cost": "Coût d'un commercial (EUR par an)",
}
