"""The "About the model" page, in English and French: what the model says, in plain words.

Split out of `ui/text.py` by concept, being long prose rather than interface strings. A plain dict,
importing nothing of the app: `ui.text` gives the French page its typography.
"""

from __future__ import annotations

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
