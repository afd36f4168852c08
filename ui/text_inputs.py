"""The names of the scenario's inputs, in English and French: the policies (label, one-line description),
the presets' titles and French descriptions, and every input field (label, unit, help).

Split out of `ui/text.py` by concept (one file per kind of thing named, to keep each file short). Plain
dicts, importing nothing of the app: `ui.text` gives the French ones their typography and looks them up
(`policy_label`, `policy_help`, `preset_name`, `preset_description`, `field_text`). English help may be None: the
scenario schema's description is then used, so that the text and the model cannot drift apart.
"""

from __future__ import annotations

# Policies: (short label, one-line description). The label names scenarios ("Hybrid · 8 reps") in
# legends and the policy picker of a 1280-px screen: short; the description says the rest.
POLICIES: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "sales_led": ("Sales-led",
                      "The 2011 habit: every inquiry goes to a rep at once; reps also prospect cold."),
        "mql_handoff": ("MQL hand-off",
                        "Lead scoring: marketing scores engagement and passes leads that cross the MQL threshold."),
        "zmot_nurture": ("ZMOT nurture",
                         "The seed's advice: marketing nurtures known leads; a rep only when the buyer raises its "
                         "hand."),
        "hybrid": ("Hybrid",
                   "Nurture, plus a rep checks in on engaged, high-fit accounts."),
    },
    "fr": {
        "sales_led": ("Piloté par les ventes",
                      "L'habitude de 2011 : chaque demande va aussitôt à un commercial ; les commerciaux "
                      "prospectent aussi à froid."),
        "mql_handoff": ("Transmission des MQL",
                        "Scoring : le marketing note l'engagement et transmet les leads qui passent le seuil MQL."),
        "zmot_nurture": ("Nurturing ZMOT",
                         "Le conseil du texte : le marketing nourrit les contacts connus ; un commercial seulement "
                         "quand l'acheteur le demande."),
        "hybrid": ("Hybride",
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

# Preset titles: the preset picker's options and the name shown for a scenario still named after its preset
# (its id stays its name in files, links and the library); a preset without one shows its id.
PRESET_TITLES: dict[str, dict[str, str]] = {
    "en": {
        "baseline_2011": "The 2011 baseline",
        "mql_handoff": "Lead scoring (MQL hand-off)",
        "zmot_nurture": "ZMOT nurture",
        "hybrid": "Hybrid: nurture and rep check-ins",
        "seed_advice": "The seed's advice",
        "later_market": "A later market",
        "stretched_reps": "A growing market, same reps",
    },
    "fr": {
        "baseline_2011": "La référence 2011",
        "mql_handoff": "Scoring (transmission des MQL)",
        "zmot_nurture": "Nurturing ZMOT",
        "hybrid": "Hybride : nurturing et appels ciblés",
        "seed_advice": "Le conseil du texte",
        "later_market": "Un marché plus tardif",
        "stretched_reps": "Un marché en croissance, mêmes commerciaux",
    },
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
