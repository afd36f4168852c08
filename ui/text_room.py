"""Strings of the shared room: the access codes (`access`) and the limits on runs and uploads (`jobs`)."""

from __future__ import annotations

from .text import register

register({
    "en": {
        "access.prompt": "This workshop is private. Type the code the facilitator gave you.",
        "access.label": "Workshop code",
        "access.submit": "Enter",
        "access.wrong": "That code is not right. You can try again in {sec} s.",
        "access.wait": "Not checked: after a wrong code, wait {sec} s before trying again.",
        "access.facilitator": "Facilitator",
        "access.facilitator_label": "Facilitator code",
        "access.facilitator_on": "Facilitator actions are unlocked in this browser tab.",
        "limits.confirm": (
            "This run is large: {error} It would keep the server busy for a while and slow the other teams "
            "down. Run it anyway?"
        ),
        "limits.confirm_button": "Run it anyway",
        "limits.refused": "This run is too large for a shared server: {error}",
        "limits.timeout": (
            "The run was stopped after the time limit of {limit} s. Figures from the {done} of {total} "
            "replications that finished are shown; use fewer replications or a smaller market for the rest."
        ),
        "limits.timeout_none": (
            "The run was stopped after the time limit of {limit} s before any replication finished. Use fewer "
            "replications, a shorter horizon or a smaller market."
        ),
        "limits.refining": "First figures from {done} of {total} replications; refining…",
        "limits.keep_button": "Stop here",
        "limits.keep_help": "Keep the figures from the replications finished so far and free the server.",
        "limits.kept": "Figures from {done} of {total} replications: refinement stopped.",
        "limits.refine_button": "Refine to {total} replications",
        "limits.upload_too_large": "{file} is too large ({size} KB; at most {limit} KB): nothing was changed.",
    },
    "fr": {
        "access.prompt": "Cet atelier est privé. Saisissez le code donné par l'animateur.",
        "access.label": "Code de l'atelier",
        "access.submit": "Entrer",
        "access.wrong": "Ce code n'est pas le bon. Vous pourrez réessayer dans {sec} s.",
        "access.wait": "Code non vérifié : après un code erroné, attendez {sec} s avant de réessayer.",
        "access.facilitator": "Animateur",
        "access.facilitator_label": "Code animateur",
        "access.facilitator_on": "Les actions de l'animateur sont déverrouillées dans cet onglet.",
        "limits.confirm": (
            "Ce calcul est volumineux : {error} Il occuperait le serveur un moment et ralentirait les autres "
            "équipes. Le lancer quand même ?"
        ),
        "limits.confirm_button": "Lancer quand même",
        "limits.refused": "Ce calcul est trop volumineux pour un serveur partagé : {error}",
        "limits.timeout": (
            "Le calcul a été arrêté après la limite de {limit} s. Les chiffres des {done} réplications sur "
            "{total} terminées sont affichés ; réduisez les réplications ou le marché pour le reste."
        ),
        "limits.timeout_none": (
            "Le calcul a été arrêté après la limite de {limit} s avant la fin de la moindre réplication. "
            "Réduisez les réplications, l'horizon ou la taille du marché."
        ),
        "limits.refining": "Premiers chiffres sur {done} réplications sur {total} ; affinage en cours…",
        "limits.keep_button": "Arrêter ici",
        "limits.keep_help": "Garder les chiffres des réplications déjà terminées et libérer le serveur.",
        "limits.kept": "Chiffres sur {done} réplications sur {total} : affinage arrêté.",
        "limits.refine_button": "Affiner jusqu'à {total} réplications",
        "limits.upload_too_large": "{file} est trop volumineux ({size} Ko ; au plus {limit} Ko) : rien n'a changé.",
    },
})
