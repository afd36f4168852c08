"""The texts of the views: charts' axes, legends and marks, tables' columns, the tabs.

Part of the interface's table, `ui.text.TEXT`, which merges it in (read them with `ui.text.t`).
"""

from __future__ import annotations

VIEWS: dict[str, dict[str, str]] = {
    "en": {
        "col.scenario": "Scenario",
        "tab.headline": "Headline",
        "tab.funnel": "Demand funnel",
        "tab.reps": "Sales reps",
        "tab.journey": "Buyer journey",
        "tab.calibration": "Model vs published",
        "tab.about": "About the model",
        "axis.rel_diff": "Difference to baseline (%)",
        "col.kpi": "Figure",
        "col.unit": "Unit",
        "col.diff": "{name}: difference",
        "funnel_intro": (
            "Buyers reaching each stage (MQL: passed to sales by marketing; SAL: talked to a rep; SQL: qualified "
            "by a rep), mean per replication with its 95% interval. Stages are not a strict funnel: hand-raisers "
            "and prospected buyers reach sales without ever being MQLs. Below, the conversion that "
            "matters: wins, not lead volume."
        ),
        "funnel_chart_title": "Buyers at each stage",
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
        "journey_intro": "The buyer's side: how long research takes, when reps meet buyers, and how buyers end.",
        "journey_share_title": "Share of the buying journey done at first rep contact",
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
        "col.field": "Input",
        "col.value": "Value",
        "col.help": "What it means",
        "app_title": "ZMOT Lab",
        "compare_title": "The comparison at a glance",
        "compare_caption": (
            "Wins and revenue for {period} of buyers entering the market; in brackets, the difference to "
            "**“{base}”**."
        ),
        "range_from": "from {lo}",
        "range_above": "above {lo}",
        "range_to": "up to {hi}",
        "range_below": "below {hi}",
        "headline_intro": (
            "Means over {r} replications. Under each figure: the difference to **“{base}”** "
            "and its 95% interval, paired replication by replication on common random numbers."
        ),
        "delta_ci": "95% CI {lo} to {hi}",
        "delta_noise": "within noise · 95% CI {lo} to {hi}",
        "delta_na": "difference not defined",
        "delta_same": "= baseline",
        "baseline_delta": "baseline",
        "summary_title": "In plain words",
        "sum_intro": "Against **“{base}”**, **“{name}”**",
        "sum_rose": "{kpi} rose by {diff} ({rel})",
        "sum_fell": "{kpi} fell by {diff} ({rel})",
        "sum_rose_abs": "{kpi} rose by {diff}",
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
        "forest_title": "Difference to the baseline, in % of the baseline (95% interval; each figure on its own scale)",
        "kpi_table_title": "All figures, with 95% intervals",
        "rates_title": "Stage-to-stage rates",
        "conversion_title": "Wins per buyer in the market",
        "mql_vs_wins_title": "MQLs are not wins",
        "rate_label": "{a} → {b}",
        "reps_intro": "Where rep time goes: hours per rep per week, averaged over the measured year.",
        "hours_title": "Rep hours by activity",
        "util_title": "Rep utilization over time (mean, 95% band)",
        "queue_title": "Buyers waiting for a rep (mean, 95% band)",
        "response_title": "Time from hand-off to a rep's first reply",
        "window_note": "Shaded: warm-up before and follow-up after the measured year. Time in working hours.",
        "zmot_title": "Time to the ZMOT",
        "timeline_title": "A sample of buyers, journey by journey",
        "timeline_only_contacted": "Only buyers a rep talked to",
        "timeline_caption": (
            "Replication 1. Without the filter, the same buyers appear in every scenario (common random "
            "numbers); with it, each scenario shows the first buyers its reps talked to."
        ),
        "loss_title": "How each buyer ended",
        "tip_buyer": "{outcome} · deal {value} · group of {size} · fit {fit}",
        "about_params_title": "Every input of the live scenario",
    },
    "fr": {
        "col.scenario": "Scénario",
        "tab.headline": "L'essentiel",
        "tab.funnel": "Entonnoir de la demande",
        "tab.reps": "Commerciaux",
        "tab.journey": "Parcours d'achat",
        "tab.calibration": "Modèle et chiffres publiés",
        "tab.about": "À propos du modèle",
        "axis.rel_diff": "Écart à la référence (%)",
        "col.kpi": "Indicateur",
        "col.unit": "Unité",
        "col.diff": "{name} : écart",
        "funnel_intro": (
            "Acheteurs atteignant chaque étape (MQL : transmis aux ventes par le marketing ; SAL : en contact "
            "avec un commercial ; SQL : qualifié par un commercial), moyenne par réplication avec intervalle à "
            "95 %. Ce n'est pas un entonnoir strict : les acheteurs qui lèvent la main et ceux trouvés par "
            "prospection arrivent aux ventes sans jamais être MQL. En dessous, la conversion qui compte : les "
            "ventes, pas le volume de leads."
        ),
        "funnel_chart_title": "Acheteurs à chaque étape",
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
        "journey_intro": (
            "Du côté de l'acheteur : combien de temps dure la recherche, quand les commerciaux le rencontrent, "
            "et comment il finit."
        ),
        "journey_share_title": "Part du parcours d'achat faite au premier contact commercial",
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
        "col.field": "Réglage",
        "col.value": "Valeur",
        "col.help": "Signification",
        "app_title": "ZMOT Lab",
        "compare_title": "La comparaison en un coup d'œil",
        "compare_caption": (
            "Ventes et chiffre d'affaires pour {period} d'acheteurs entrant sur le marché ; entre parenthèses, "
            "l'écart à **« {base} »**."
        ),
        "range_from": "à partir de {lo}",
        "range_above": "au-dessus de {lo}",
        "range_to": "jusqu'à {hi}",
        "range_below": "en dessous de {hi}",
        "headline_intro": (
            "Moyennes sur {r} réplications. Sous chaque chiffre : l'écart à **« {base} »** et son "
            "intervalle à 95 %, apparié réplication par réplication (nombres aléatoires communs)."
        ),
        "delta_ci": "IC 95 % de {lo} à {hi}",
        "delta_noise": "dans le bruit · IC 95 % de {lo} à {hi}",
        "delta_na": "écart non défini",
        "delta_same": "= référence",
        "baseline_delta": "référence",
        "summary_title": "En clair",
        "sum_intro": "Par rapport à **« {base} »**, **« {name} »**",
        "sum_rose": "{kpi} en hausse de {diff} ({rel})",
        "sum_fell": "{kpi} en baisse de {diff} ({rel})",
        "sum_rose_abs": "{kpi} en hausse de {diff}",
        "sum_fell_abs": "{kpi} en baisse de {diff}",
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
        "forest_title": (
            "Écart à la référence, en % de la référence (intervalle à 95 % ; chaque indicateur à son échelle)"
        ),
        "kpi_table_title": "Tous les indicateurs, avec intervalles à 95 %",
        "rates_title": "Taux d'une étape à la suivante",
        "conversion_title": "Ventes par acheteur sur le marché",
        "mql_vs_wins_title": "Des MQL ne sont pas des ventes",
        "rate_label": "{a} → {b}",
        "reps_intro": (
            "Où va le temps des commerciaux : heures par commercial et par semaine, en moyenne sur l'année mesurée."
        ),
        "hours_title": "Heures des commerciaux par activité",
        "util_title": "Occupation des commerciaux dans le temps (moyenne, bande à 95 %)",
        "queue_title": "Acheteurs en attente d'un commercial (moyenne, bande à 95 %)",
        "response_title": "Délai entre la transmission et la première réponse d'un commercial",
        "window_note": "En grisé : la mise en route avant et le suivi après l'année mesurée. Temps en heures ouvrées.",
        "zmot_title": "Délai jusqu'au ZMOT",
        "timeline_title": "Un échantillon d'acheteurs, parcours par parcours",
        "timeline_only_contacted": "Seulement les acheteurs qu'un commercial a contactés",
        "timeline_caption": (
            "Réplication 1. Sans le filtre, les mêmes acheteurs apparaissent dans chaque scénario (nombres "
            "aléatoires communs) ; avec le filtre, chaque scénario montre les premiers acheteurs contactés."
        ),
        "loss_title": "Comment chaque acheteur a fini",
        "tip_buyer": "{outcome} · affaire {value} · groupe de {size} · adéquation {fit}",
        "about_params_title": "Tous les réglages du scénario en direct",
    },
}
