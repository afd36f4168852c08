"""The workshop's strings (library, facilitator board, guided story, take-away report), English and French.

Registered into `ui.text` on import (`register`), so `t(lang, "ws....")` finds them; French gets the same
typography as the rest of the app. Both languages hold the same keys (a test checks it).
"""

from __future__ import annotations

from .text import register

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "tab.library": "Library",
        "tab.board": "Facilitator board",
        "ws.na": "n/a",
        # saving
        "ws.save_title": "Save a scenario",
        "ws.save_which": "Scenario to save",
        "ws.save_name": "Name",
        "ws.save_team": "Team",
        "ws.save_team_help": "Your team's name, as the facilitator will see it on the board.",
        "ws.save_note": "Note",
        "ws.save_note_help": "Why this scenario: what you changed and what you expect.",
        "ws.save_button": "Save to the library",
        "ws.saved": "Saved **{name}** for team **{team}** (version {version}), with its figures ({r} replications, "
                    "seed {seed}).",
        # browsing
        "ws.browse_title": "Saved scenarios",
        "ws.filter_team": "Team",
        "ws.all_teams": "All teams",
        "ws.search": "Search names and notes",
        "ws.show_trash": "Show the trash",
        "ws.empty": "Nothing saved yet: save the live scenario or a pin above.",
        "ws.no_match": "No saved scenario matches.",
        "ws.entry": "Saved scenario",
        "ws.entry_option": "{team} · {name} (v{version})",
        "ws.entry_trash": "{team} · {name} (v{version}, in the trash)",
        "ws.version": "Version",
        "ws.version_option": "v{version} · {when}",
        "ws.load_button": "Load into controls",
        "ws.load_help": "Put this version's inputs into the sidebar (the live scenario).",
        "ws.pin_button": "Pin",
        "ws.pin_help": "Pin this version beside the others, for comparison.",
        "ws.delete_button": "Delete",
        "ws.delete_help": "Move every version to the trash; it can be restored.",
        "ws.restore_button": "Restore",
        "ws.delete_denied": "Only the facilitator may delete a scenario this browser did not save.",
        "ws.loaded": "Loaded **{name}** (team {team}, v{version}) into the controls.",
        "ws.pinned": "Pinned **{name}** (team {team}, v{version}).",
        "ws.pins_full": "{n} scenarios are pinned: remove one to pin another.",
        "ws.deleted": "Moved **{name}** (team {team}, {n} version(s)) to the trash. Show the trash to restore it.",
        "ws.restored": "Restored **{name}** (team {team}, {n} version(s)).",
        "ws.entry_caption": "Saved {when} · {r} replications · seed {seed}",
        "ws.entry_no_run": "Saved {when}, without figures.",
        "ws.entry_figures": "Figures when saved",
        "ws.col_team": "Team",
        "ws.col_name": "Name",
        "ws.col_version": "Version",
        "ws.col_versions": "Versions",
        "ws.col_note": "Note",
        "ws.col_saved": "Saved (UTC)",
        "ws.col_seed": "Seed",
        "ws.col_reps": "Replications",
        "ws.col_deleted": "In the trash",
        "ws.col_input": "Input",
        # library errors, by the engine's code
        "ws.err.not_found": "No scenario named '{name}' in team '{team}'.",
        "ws.err.version_not_found": "'{name}' (team {team}) has no version {version}.",
        "ws.err.already_in_trash": "'{name}' (team {team}) is already in the trash.",
        "ws.err.not_in_trash": "'{name}' (team {team}) is not in the trash.",
        "ws.err.name_invalid": "The name cannot be used: it must be 1 to 80 characters, without control characters.",
        "ws.err.team_invalid": "The team cannot be used: it must be 1 to 40 characters, without control characters.",
        "ws.err.note_invalid": "The note is too long (at most 2,000 characters).",
        "ws.err.library_open": "The scenario library cannot be opened ({path}).",
        "ws.err.library_corrupt": "The scenario library's file is damaged ({path}).",
        "ws.err.library_io": "The scenario library cannot be read or written just now; try again.",
        "ws.err.scenario_invalid": "This saved scenario is no longer valid: {reason}",
        "ws.err.generic": "The library could not do this: {message}",
        "ws.nothing_lost": "Nothing was changed or lost.",
        # the board
        "ws.board_title": "Every team's latest scenarios",
        "ws.board_intro": (
            "Each team's latest saved scenario, rerun together on seed {seed} with {r} replications: common "
            "random numbers, so every difference is paired. Seed and replications are set in the sidebar "
            "(Experiment)."
        ),
        "ws.board_teams": "Teams shown",
        "ws.board_reference": "Compare with the 2011 baseline",
        "ws.board_reference_label": "2011 baseline",
        "ws.board_refresh": "Refresh",
        "ws.board_refresh_help": "The board also refreshes by itself a few seconds after a team saves.",
        "ws.board_empty": "No team has saved a scenario yet. Teams save from the Library tab.",
        "ws.board_too_many": "Showing the {n} most recent of {total} scenarios: filter by team to see the others.",
        "ws.board_running": "Running {n} scenario(s) × {r} replications…",
        "ws.board_failed": "{name} could not be run: {error}",
        "ws.board_skipped": "{name} was left out: {error}",
        "ws.board_stamp": "Library read at {time} · refreshes by itself when a team saves.",
        "ws.board_table_title": "Headline figures, with 95% intervals",
        "ws.board_chart": "Difference to the baseline, in % of the baseline (95% interval)",
        "ws.shift_title": "Budget shift: the same budget, split differently",
        "ws.shift_intro": (
            "Each scenario's total budget kept and its marketing share moved from 0% to 100% ({n} points, its "
            "own policy), rerun on seed {seed} with {r} replications per point: every point sees the same "
            "buyers. The ring marks the team's own split."
        ),
        "ws.shift_toggle": "Show the budget shift",
        "ws.shift_kpi": "Figure",
        "ws.shift_axis": "Share of the budget for marketing",
        "ws.shift_chart": "{kpi} as the budget moves to marketing (mean, 95% band)",
        "ws.shift_best": "{kpi}, best share:",
        "ws.shift_best_one": "{name} {share} ({value})",
        # the report
        "ws.report_button": "Take-away report",
        "ws.report_help": (
            "One self-contained HTML file: the scenarios compared, their inputs side by side, the headline "
            "figures with intervals, the charts and the summary. Open it in a browser; print it to PDF."
        ),
        "ws.report_title": "ZMOT Lab · workshop take-away",
        "ws.report_board_title": "ZMOT Lab · every team's scenarios",
        "ws.report_meta": "{date} · seed {seed} · {r} replications · ZMOT Lab {version}",
        "ws.report_scenarios": "Scenarios compared",
        "ws.report_headline": "Headline figures",
        "ws.report_headline_note": (
            "Means over {r} replications, with their 95% intervals in brackets. Under each figure, the "
            "difference to “{base}”, paired replication by replication (common random numbers), "
            "with its 95% interval: green when clearly better, red when clearly worse, grey within noise."
        ),
        "ws.report_inputs": "Inputs side by side",
        "ws.report_inputs_note": "The decision inputs first, then every other input that differs (shaded rows "
                                 "differ).",
        "ws.report_charts": "Charts",
        "ws.report_failed": "The report could not be built: {error}",
        "ws.report_cap_diff": "Each figure on its own scale. Filled dot: clearly different from the baseline; open "
                              "dot: within noise.",
        "ws.report_cap_funnel": "Buyers reaching each stage, mean per replication with its 95% interval (black "
                                "whisker). Hand-raisers and prospected buyers reach sales without being MQLs.",
        "ws.input_policy": "Marketing-nurture policy",
        "ws.input_reps": "Sales reps the budget buys",
        "ws.input_marketing": "Marketing spend per year",
        # the story
        "ws.story_title": "Guided story",
        "ws.story_pick": "Story",
        "ws.story_start": "Start the story",
        "ws.story_start_help": "Sets the scenarios on screen step by step, each with one figure and one question.",
        "ws.story_step": "Step {i} of {n}",
        "ws.story_next": "Next →",
        "ws.story_back": "← Back",
        "ws.story_end": "End the story",
        "ws.story_question": "Debrief question",
        "ws.story_look": "Look at: **{kpi}**",
        "ws.story_link": "Link to this step: `{link}`",
        "ws.story_none": "No story file found in {folder}.",
        "ws.story_bad_file": "The story {file} cannot be used. Nothing on screen was changed. {error}",
        "ws.story_unknown": "No story named '{name}' (stories: {names}).",
        "ws.story_bad_step": "This story has no step {step}: it has {n}. Its first step is shown.",
        "ws.story_err.too_large": "the file is too large (at most {limit} KB).",
        "ws.story_err.toml": "it is not valid TOML: {reason}",
        "ws.story_err.encoding": "it is not a UTF-8 text file.",
        "ws.story_err.unknown": "no such story (stories: {names}).",
        "ws.story_err.missing": "is missing.",
        "ws.story_err.unknown_key": "is not a key a story knows (check its spelling).",
        "ws.story_err.length": "is empty or too long.",
        "ws.story_err.count": "has too few or too many items (a story has 1 to 12 steps; a step 1 to 5 scenarios).",
        "ws.story_err.unknown_preset": "'{value}' is not a preset (presets: {allowed}).",
        "ws.story_err.bad_set": "these settings cannot be simulated: {reason}",
        "ws.story_err.unknown_view": "'{value}' is not a view (views: {allowed}).",
        "ws.story_err.unknown_kpi": "'{value}' is not a figure of the model.",
        "ws.story_err.bad_baseline": "baseline {value} does not exist: the step has {n} scenario(s).",
        "ws.story_err.other": "{reason}",
    },
    "fr": {
        "tab.library": "Bibliothèque",
        "tab.board": "Tableau",
        "ws.na": "n.d.",
        "ws.save_title": "Enregistrer un scénario",
        "ws.save_which": "Scénario à enregistrer",
        "ws.save_name": "Nom",
        "ws.save_team": "Équipe",
        "ws.save_team_help": "Le nom de votre équipe, tel que l'animateur le verra au tableau.",
        "ws.save_note": "Note",
        "ws.save_note_help": "Pourquoi ce scénario : ce que vous avez changé et ce que vous en attendez.",
        "ws.save_button": "Enregistrer dans la bibliothèque",
        "ws.saved": "**{name}** enregistré pour l'équipe **{team}** (version {version}), avec ses chiffres "
                    "({r} réplications, graine {seed}).",
        "ws.browse_title": "Scénarios enregistrés",
        "ws.filter_team": "Équipe",
        "ws.all_teams": "Toutes les équipes",
        "ws.search": "Chercher dans les noms et les notes",
        "ws.show_trash": "Afficher la corbeille",
        "ws.empty": "Rien d'enregistré pour l'instant : enregistrez le scénario en cours ou un scénario épinglé "
                    "ci-dessus.",
        "ws.no_match": "Aucun scénario enregistré ne correspond.",
        "ws.entry": "Scénario enregistré",
        "ws.entry_option": "{team} · {name} (v{version})",
        "ws.entry_trash": "{team} · {name} (v{version}, dans la corbeille)",
        "ws.version": "Version",
        "ws.version_option": "v{version} · {when}",
        "ws.load_button": "Charger dans les réglages",
        "ws.load_help": "Mettre les valeurs de cette version dans la barre latérale (le scénario en cours).",
        "ws.pin_button": "Épingler",
        "ws.pin_help": "Épingler cette version à côté des autres, pour comparer.",
        "ws.delete_button": "Supprimer",
        "ws.delete_help": "Mettre toutes les versions à la corbeille ; on peut les restaurer.",
        "ws.restore_button": "Restaurer",
        "ws.delete_denied": "Seul l'animateur peut supprimer un scénario que ce navigateur n'a pas enregistré.",
        "ws.loaded": "**{name}** (équipe {team}, v{version}) chargé dans les réglages.",
        "ws.pinned": "**{name}** (équipe {team}, v{version}) épinglé.",
        "ws.pins_full": "{n} scénarios sont épinglés : retirez-en un pour en épingler un autre.",
        "ws.deleted": "**{name}** (équipe {team}, {n} version(s)) mis à la corbeille. Affichez la corbeille pour "
                      "le restaurer.",
        "ws.restored": "**{name}** (équipe {team}, {n} version(s)) restauré.",
        "ws.entry_caption": "Enregistré le {when} · {r} réplications · graine {seed}",
        "ws.entry_no_run": "Enregistré le {when}, sans chiffres.",
        "ws.entry_figures": "Chiffres à l'enregistrement",
        "ws.col_team": "Équipe",
        "ws.col_name": "Nom",
        "ws.col_version": "Version",
        "ws.col_versions": "Versions",
        "ws.col_note": "Note",
        "ws.col_saved": "Enregistré (UTC)",
        "ws.col_seed": "Graine",
        "ws.col_reps": "Réplications",
        "ws.col_deleted": "À la corbeille",
        "ws.col_input": "Réglage",
        "ws.err.not_found": "Aucun scénario nommé « {name} » dans l'équipe « {team} ».",
        "ws.err.version_not_found": "« {name} » (équipe {team}) n'a pas de version {version}.",
        "ws.err.already_in_trash": "« {name} » (équipe {team}) est déjà à la corbeille.",
        "ws.err.not_in_trash": "« {name} » (équipe {team}) n'est pas à la corbeille.",
        "ws.err.name_invalid": "Ce nom ne convient pas : de 1 à 80 caractères, sans caractère de contrôle.",
        "ws.err.team_invalid": "Ce nom d'équipe ne convient pas : de 1 à 40 caractères, sans caractère de "
                               "contrôle.",
        "ws.err.note_invalid": "La note est trop longue (2 000 caractères au plus).",
        "ws.err.library_open": "La bibliothèque de scénarios ne peut pas être ouverte ({path}).",
        "ws.err.library_corrupt": "Le fichier de la bibliothèque de scénarios est endommagé ({path}).",
        "ws.err.library_io": "La bibliothèque de scénarios ne peut pas être lue ou écrite pour l'instant ; "
                             "réessayez.",
        "ws.err.scenario_invalid": "Ce scénario enregistré n'est plus valide : {reason}",
        "ws.err.generic": "La bibliothèque n'a pas pu le faire : {message}",
        "ws.nothing_lost": "Rien n'a été modifié ni perdu.",
        "ws.board_title": "Les derniers scénarios de chaque équipe",
        "ws.board_intro": (
            "Le dernier scénario enregistré de chaque équipe, relancé avec les autres sur la graine {seed} et "
            "{r} réplications : mêmes nombres aléatoires, donc chaque écart est apparié. Graine et "
            "réplications se règlent dans la barre latérale (Expérience)."
        ),
        "ws.board_teams": "Équipes affichées",
        "ws.board_reference": "Comparer à la référence 2011",
        "ws.board_reference_label": "Référence 2011",
        "ws.board_refresh": "Actualiser",
        "ws.board_refresh_help": "Le tableau s'actualise aussi de lui-même quelques secondes après "
                                 "l'enregistrement d'une équipe.",
        "ws.board_empty": "Aucune équipe n'a encore enregistré de scénario. Les équipes enregistrent depuis "
                          "l'onglet Bibliothèque.",
        "ws.board_too_many": "Les {n} plus récents des {total} scénarios sont affichés : filtrez par équipe pour "
                             "voir les autres.",
        "ws.board_running": "Simulation de {n} scénario(s) × {r} réplications…",
        "ws.board_failed": "{name} n'a pas pu être simulé : {error}",
        "ws.board_skipped": "{name} est laissé de côté : {error}",
        "ws.board_stamp": "Bibliothèque lue à {time} · s'actualise d'elle-même quand une équipe enregistre.",
        "ws.board_table_title": "Chiffres clés, avec intervalles à 95 %",
        "ws.board_chart": "Écart à la référence, en % de la référence (intervalle à 95 %)",
        "ws.shift_title": "Déplacement du budget : le même budget, réparti autrement",
        "ws.shift_intro": (
            "Le budget total de chaque scénario est conservé et sa part marketing va de 0 % à 100 % ({n} points, "
            "sa propre politique), relancé sur la graine {seed} avec {r} réplications par point : chaque point "
            "voit les mêmes acheteurs. L'anneau marque la répartition choisie par l'équipe."
        ),
        "ws.shift_toggle": "Afficher le déplacement du budget",
        "ws.shift_kpi": "Chiffre",
        "ws.shift_axis": "Part du budget pour le marketing",
        "ws.shift_chart": "{kpi} quand le budget passe au marketing (moyenne, bande à 95 %)",
        "ws.shift_best": "{kpi}, meilleure part :",
        "ws.shift_best_one": "{name} {share} ({value})",
        "ws.report_button": "Compte rendu à emporter",
        "ws.report_help": (
            "Un fichier HTML autonome : les scénarios comparés, leurs réglages côte à côte, les chiffres clés "
            "avec intervalles, les graphiques et le résumé. Ouvrez-le dans un navigateur ; imprimez-le en PDF."
        ),
        "ws.report_title": "ZMOT Lab · compte rendu d'atelier",
        "ws.report_board_title": "ZMOT Lab · les scénarios de chaque équipe",
        "ws.report_meta": "{date} · graine {seed} · {r} réplications · ZMOT Lab {version}",
        "ws.report_scenarios": "Scénarios comparés",
        "ws.report_headline": "Chiffres clés",
        "ws.report_headline_note": (
            "Moyennes sur {r} réplications, avec leur intervalle à 95 % entre crochets. Sous chaque chiffre, "
            "l'écart à « {base} », apparié réplication par réplication (mêmes nombres aléatoires), "
            "avec son intervalle à 95 % : en vert s'il est nettement meilleur, en rouge s'il est nettement "
            "moins bon, en gris s'il reste dans le bruit."
        ),
        "ws.report_inputs": "Réglages côte à côte",
        "ws.report_inputs_note": "Les réglages de décision d'abord, puis tout autre réglage qui diffère (lignes "
                                 "ombrées).",
        "ws.report_charts": "Graphiques",
        "ws.report_failed": "Le compte rendu n'a pas pu être produit : {error}",
        "ws.report_cap_diff": "Chaque chiffre à sa propre échelle. Point plein : nettement différent de la "
                              "référence ; point creux : dans le bruit.",
        "ws.report_cap_funnel": "Acheteurs atteignant chaque étape, moyenne par réplication avec son intervalle à "
                                "95 % (moustache noire). Ceux qui lèvent la main et ceux que l'on prospecte "
                                "arrivent aux commerciaux sans être des MQL.",
        "ws.input_policy": "Politique de nurturing",
        "ws.input_reps": "Commerciaux financés",
        "ws.input_marketing": "Dépenses marketing par an",
        "ws.story_title": "Récit guidé",
        "ws.story_pick": "Récit",
        "ws.story_start": "Lancer le récit",
        "ws.story_start_help": "Place les scénarios à l'écran étape par étape, chacune avec un chiffre et une "
                               "question.",
        "ws.story_step": "Étape {i} sur {n}",
        "ws.story_next": "Suivante →",
        "ws.story_back": "← Précédente",
        "ws.story_end": "Terminer le récit",
        "ws.story_question": "Question de débriefing",
        "ws.story_look": "Regardez : **{kpi}**",
        "ws.story_link": "Lien vers cette étape : `{link}`",
        "ws.story_none": "Aucun fichier de récit dans {folder}.",
        "ws.story_bad_file": "Le récit {file} ne peut pas être utilisé. Rien n'a changé à l'écran. {error}",
        "ws.story_unknown": "Aucun récit nommé « {name} » (récits : {names}).",
        "ws.story_bad_step": "Ce récit n'a pas d'étape {step} : il en a {n}. Sa première étape est affichée.",
        "ws.story_err.too_large": "le fichier est trop gros ({limit} Ko au plus).",
        "ws.story_err.toml": "ce n'est pas du TOML valide : {reason}",
        "ws.story_err.encoding": "ce n'est pas un fichier texte UTF-8.",
        "ws.story_err.unknown": "ce récit n'existe pas (récits : {names}).",
        "ws.story_err.missing": "manque.",
        "ws.story_err.unknown_key": "n'est pas une clé connue d'un récit (vérifiez l'orthographe).",
        "ws.story_err.length": "est vide ou trop long.",
        "ws.story_err.count": "a trop peu ou trop d'éléments (un récit a de 1 à 12 étapes ; une étape de 1 à 5 "
                              "scénarios).",
        "ws.story_err.unknown_preset": "« {value} » n'est pas un préréglage (préréglages : {allowed}).",
        "ws.story_err.bad_set": "ces réglages ne peuvent pas être simulés : {reason}",
        "ws.story_err.unknown_view": "« {value} » n'est pas une vue (vues : {allowed}).",
        "ws.story_err.unknown_kpi": "« {value} » n'est pas un chiffre du modèle.",
        "ws.story_err.bad_baseline": "la référence {value} n'existe pas : l'étape a {n} scénario(s).",
        "ws.story_err.other": "{reason}",
    },
}

register(STRINGS)
