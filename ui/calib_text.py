"""The calibration table (model vs published) in French: figure names, published values, sources and notes.

Keyed on the engine's English text (`sim.calibrate`, which has no figure ids): a figure the engine adds
later shows in English until it is given a line here. Notes with a value from the scenario are matched
by pattern.
"""

from __future__ import annotations

import re

from .text import field_text, kpi_label, policy_label, register, t
from .text_inputs import FIELDS

FIGURES_FR = {
    "Share of the purchase decision done before talking to a supplier":
        "Part de la décision d'achat prise avant de parler à un fournisseur",
    "Information sources used before a purchase": "Sources d'information consultées avant un achat",
    "Forecast opportunities won": "Opportunités prévues gagnées",
    "Forecast opportunities lost to a competitor": "Opportunités prévues perdues face à un concurrent",
    "Forecast opportunities ended in no decision": "Opportunités prévues terminées sans décision",
    "Rep time spent selling": "Temps des commerciaux passé à vendre",
    "Revenue from marketing demand generation": "Chiffre d'affaires issu de la génération de demande marketing",
    "Speed to lead: within 1 h vs an hour later": "Vitesse de réponse : dans l'heure contre une heure plus tard",
    "Speed to lead: within 1 h vs after 24 h (one working day)":
        "Vitesse de réponse : dans l'heure contre après 24 h (un jour ouvré)",
    "Purchase likelihood, buying group of 1": "Probabilité d'achat, groupe d'achat d'une personne",
    "Purchase likelihood, buying group of 6": "Probabilité d'achat, groupe d'achat de six personnes",
    "Leads sales-ready when first known": "Leads prêts pour les ventes quand on les découvre",
    "Leads not yet ready when first known": "Leads pas encore prêts quand on les découvre",
    "Leads unqualified when first known": "Leads non qualifiés quand on les découvre",
    "Not-yet-ready leads that become ready within 6 to 11 months, where nurture runs":
        "Leads pas encore prêts qui le deviennent en 6 à 11 mois, avec nurturing",
    "More sales opportunities from nurtured leads": "Plus d'opportunités grâce aux leads nourris",
    "More sales-ready leads for the same spend": "Plus de leads prêts pour les ventes à dépense égale",
    "Fewer 'no decision' outcomes among nurtured opportunities":
        "Moins d'issues « sans décision » parmi les opportunités nourries",
    "Firms responding to web leads within 1 h": "Entreprises répondant aux leads web dans l'heure",
    "Firms responding to web leads 1 to 24 h": "Entreprises répondant aux leads web entre 1 et 24 h",
    "Firms responding to web leads over 24 h": "Entreprises répondant aux leads web après 24 h",
    "Firms responding to web leads never": "Entreprises ne répondant jamais aux leads web",
    "Mean response time to web leads": "Délai moyen de réponse aux leads web",
    "Odds of qualifying: 5 minutes against 30 minutes": "Chances de qualifier : 5 minutes contre 30 minutes",
    "Firms sending all leads straight to sales / with no nurture":
        "Entreprises transmettant tous les leads aux ventes / sans nurturing",
    "Buyers' time meeting suppliers / researching online":
        "Temps des acheteurs passé avec les fournisseurs / à chercher en ligne",
}

PUBLISHED_FR = {
    "nearly 60% (57%)": "près de 60 % (57 %)",
    "10.4 (2011; 5.2 in 2010)": "10,4 (2011 ; 5,2 en 2010)",
    "about 41% (2011)": "environ 41 % (2011)",
    "about 7x": "environ 7 fois",
    "more than 60x": "plus de 60 fois",
    "21x": "21 fois",
    "42 h": "42 h",
    "about +20%": "environ +20 %",
    "about +50% (a third lower cost per lead)": "environ +50 % (un coût par lead inférieur d'un tiers)",
    "about -6 points": "environ -6 points",
}

SOURCES_FR = {
    "CEB, 1,400 B2B customers; Adamson, Dixon and Toman, HBR 2012":
        "CEB, 1 400 clients B2B ; Adamson, Dixon et Toman, HBR 2012",
    "Google / Shopper Sciences, ZMOT Macro Study 2011": "Google / Shopper Sciences, étude ZMOT 2011",
    "CSO Insights via Selling Power": "CSO Insights, cité par Selling Power",
    "Hugh Macfarlane 2007, cited by the seed": "Hugh Macfarlane 2007, cité par l'article de départ",
    "Oldroyd, McElheran and Elkington, HBR 2011": "Oldroyd, McElheran et Elkington, HBR 2011",
    "Johnny Grow nurture survey": "Enquête de Johnny Grow sur le nurturing",
    "HBR 2011, 2,241 firms": "HBR 2011, 2 241 entreprises",
    "MIT / InsideSales (secondary)": "MIT / InsideSales (source secondaire)",
    "Gartner (secondary)": "Gartner (source secondaire)",
    "Forrester / DemandGen Report 2012 (secondary)": "Forrester / DemandGen Report 2012 (source secondaire)",
    "Forrester via Marketo (secondary)": "Forrester, cité par Marketo (source secondaire)",
    "CSO Insights via Forrester (secondary)": "CSO Insights, cité par Forrester (source secondaire)",
}
PROPER_NAMES = ("CSO Insights 2018-19", "CEB / Challenger", "MarketingSherpa 2012")  # the same in French

NOTES_FR = {
    "24 calendar hours taken as 8 working hours": "24 heures calendaires comptées comme 8 heures ouvrées",
    "checked on all buyers of that size, whatever happened to them":
        "vérifié sur tous les acheteurs de cette taille, quel que soit leur sort",
    "sales-ready = past its ZMOT with enough fit": "prêt pour les ventes = ZMOT passé avec assez d'adéquation",
    "miss: research here lasts weeks to a few months (MODEL.md), so most not-yet-ready leads reach their ZMOT "
    "well before 6 months":
        "écart : ici la recherche dure de quelques semaines à quelques mois (MODEL.md), donc la plupart des "
        "leads pas encore prêts atteignent leur ZMOT bien avant 6 mois",
    "model: share of leads handed to sales, this scenario (24 h = 8 working hours)":
        "modèle : part des leads transmis aux ventes, ce scénario (24 h = 8 heures ouvrées)",
    "model: working hours, leads picked up": "modèle : heures ouvrées, leads pris en charge",
    "model: ratio of the speed-to-lead curve": "modèle : rapport de la courbe de vitesse de réponse",
    "not modelled: the model counts touchpoints, not the buyer's hours":
        "non modélisé : le modèle compte des points de contact, pas les heures de l'acheteur",
    "leads that give up (group-size attrition) never become ready":
        "les leads qui abandonnent (attrition liée à la taille du groupe) ne deviennent jamais prêts",
    "nurture's effects on memory, dormancy and consensus set it":
        "ce sont les effets du nurturing sur la mémoire, la dormance et le consensus qui le fixent",
    "early rep contacts (inquiries passed at once, cold calls) pull the average down":
        "les contacts commerciaux précoces (demandes transmises aussitôt, appels à froid) font baisser la moyenne",
    "research need and rep education set how many touchpoints buyers use":
        "le besoin de recherche et l'éducation par les commerciaux fixent le nombre de points de contact",
    "our strength against rivals on the shortlist sets the win share":
        "notre force face aux concurrents de la liste restreinte fixe la part des affaires gagnées",
    "the group-size attrition left after the ZMOT sets no decision":
        "l'attrition liée à la taille du groupe, restante après le ZMOT, fixe l'absence de décision",
    "opportunity hours and the number of opportunities set it":
        "les heures par opportunité et le nombre d'opportunités le fixent",
    "reveal rate and share of voice set it": "le taux de révélation et la part de voix le fixent",
    "here a sales-ready lead becomes an opportunity at much the same rate nurtured or not, so +50% ready leads "
    "would mean about +50% opportunities; the two secondary figures come from different surveys and cannot both "
    "hold in one mechanism: the nurture parameters are set on the opportunities":
        "ici un lead prêt pour les ventes devient une opportunité à peu près au même taux, nourri ou non : +50 % "
        "de leads prêts voudraient dire environ +50 % d'opportunités ; les deux chiffres secondaires viennent "
        "d'enquêtes différentes et ne peuvent tenir ensemble dans un même mécanisme : les paramètres du "
        "nurturing sont calés sur les opportunités",
    "the consensus effect of nurture (marketing.nurture_consensus) sets it":
        "c'est l'effet du nurturing sur le consensus (marketing.nurture_consensus) qui le fixe",
}
_PAIRED = ("; nurture on against off (same budget and spend, same seed), buyers first known by an inquiry",
           " ; nurturing actif contre inactif (même budget et mêmes dépenses, même graine), acheteurs connus "
           "par une demande")

# Notes that carry a value of the scenario: (English pattern, French template).
_NOTE_PATTERNS = (
    (re.compile(r"^model: this scenario's policy is (.+) \(nurture: (yes|no)\)$"),
     "modèle : la politique de ce scénario est {0} (nurturing : {1})"),
    (re.compile(r"^Kaplan-Meier share that reached its ZMOT within 11 months of being first known \(dormant or "
                r"still researching at the end: censored\); within 6 months (\S+); without nurture (\S+) within "
                r"11 months$"),
     "part (Kaplan-Meier) ayant atteint son ZMOT dans les 11 mois suivant sa découverte (en dormance ou encore "
     "en recherche à la fin : censurés) ; en 6 mois {0} ; sans nurturing {1} en 11 mois"),
    (re.compile(r"^opportunities among the same leads, nurtured vs not$"),
     "opportunités parmi les mêmes leads, nourris ou non"),
    (re.compile(r"^hand-raises and MQLs passed to sales; cost per lead changes by (\S+)$"),
     "demandes spontanées et MQL transmis aux ventes ; le coût par lead change de {0}"),
    (re.compile(r"^no-decision share of closed opportunities, nurtured vs not$"),
     "part « sans décision » des opportunités closes, nourries ou non"),
)
_YES_NO_FR = {"yes": "oui", "no": "non"}

# The engine's ids in a note, named as the app names them: a KPI, an input (a curve of inputs: `_*`), a policy.
_KPI_NOTE = re.compile(r"^model KPI (\w+)$")
_INPUT_ID = re.compile(r"\b(?:market|research|marketing|sales|budget|experiment)\.[a-z_]+\*?")
_POLICY_ID = re.compile(r"(?:(?<=policy is )|(?<=scénario est ))(\w+)")
register({
    "en": {"calib_sources": "Sources and notes",
           "calib.note.kpi": "the model's {kpi}", "calib.note.curve": "input curve: {field}",
           "calib.note.family": "{label} (group {group})", "calib.note.miss": "; miss: "},
    "fr": {"calib_sources": "Sources et notes",
           "calib.note.kpi": "indicateur du modèle : {kpi}", "calib.note.curve": "courbe d'entrée : {field}",
           "calib.note.family": "{label} (groupe {group})", "calib.note.miss": " ; écart : "},
})


def _input_name(lang: str, match: re.Match) -> str:
    path = match.group(0)
    if path.endswith("_*"):  # a family of inputs: what their labels share ("Lead decay, fast phase")
        first = next((f for f in FIELDS["en"] if f.startswith(path[:-1])), None)
        if first is None:
            return path
        return t(lang, "calib.note.family", label=field_text(lang, first, None)[0].split(",")[0],
                 group=t(lang, f"group.{first.split('.')[0]}"))
    return field_text(lang, path, None)[0]


def _named(lang: str, text: str) -> str:
    """A note's ids replaced by what the app calls them on screen."""
    m = _KPI_NOTE.match(text)
    if m:
        return t(lang, "calib.note.kpi", kpi=kpi_label(lang, m.group(1)))
    if text.startswith("input curve "):
        return t(lang, "calib.note.curve", field=_INPUT_ID.sub(lambda g: _input_name(lang, g),
                                                                             text.removeprefix("input curve ")))
    text = _POLICY_ID.sub(lambda g: policy_label(lang, g.group(1)), text)
    return _INPUT_ID.sub(lambda g: _input_name(lang, g), text)


def note(lang: str, text: str) -> str:
    """A note in `lang`, its ids named, its '; miss: reason' tail and the nurture rows' shared tail
    translated part by part."""
    head, sep, miss = text.partition("; miss: ")
    paired = head.endswith(_PAIRED[0])
    head = head.removesuffix(_PAIRED[0])
    tail = _PAIRED[1] if lang == "fr" else _PAIRED[0]
    out = _note_part(lang, head) + (tail if paired else "")
    return out + (t(lang, "calib.note.miss") + _note_part(lang, miss) if sep else "")


def _note_part(lang: str, text: str) -> str:
    if lang == "fr" and text in NOTES_FR:
        return _named(lang, NOTES_FR[text])
    if lang == "fr":
        for pattern, template in _NOTE_PATTERNS:
            m = pattern.match(text)
            if m:
                return _named(lang, template.format(*(number_text_fr(_YES_NO_FR.get(g, g)) for g in m.groups())))
    return _named(lang, text)


def _published_fr(text: str) -> str:
    if text in PUBLISHED_FR:
        return PUBLISHED_FR[text]
    return number_text_fr(text)


def number_text_fr(text: str) -> str:
    """'57%' -> '57 %', '10.4' -> '10,4', 'n/a' -> 'n.d.' (a figure the engine formatted in English)."""
    if text == "n/a":
        return "n.d."
    text = re.sub(r"(\d),(\d{3})", "\\1\u202f\\2", text)
    text = re.sub(r"(\d)\.(\d)", r"\1,\2", text)
    return re.sub(r"(\d)%", "\\1\u202f%", text)


def translate(lang: str, column: str, text: object) -> object:
    """One cell of the engine's calibration table in `lang` (unknown text unchanged; in English, only the
    notes' ids are named)."""
    if not isinstance(text, str):
        return text
    if column == "note":
        return note(lang, text)
    if lang != "fr":
        return text
    if column == "figure":
        return FIGURES_FR.get(text, text)
    if column == "published":
        return _published_fr(text)
    if column == "source":
        return SOURCES_FR.get(text, text)
    if column == "model_text":
        return number_text_fr(text)
    return text


register({"en": {"kind.nurture": "nurture"}, "fr": {"kind.nurture": "nurturing"}})
