"""A scenario's name inside a sentence is set off as a name, in English and in French.

A name is a title: a preset's ("La référence 2011", "The 2011 baseline") or whatever a team typed. Put
bare after a preposition it read "l'écart à **La référence 2011**", a capital mid-sentence and an "à" that
French would contract ("à la", "au"). Sentences now quote it: « La référence 2011 » in French (no-break
spaces inside), “The 2011 baseline” in English; the name itself is never changed, so a name someone typed
keeps its capitals.
"""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest
from test_app import open_app

from ui import calib_text, errors, text_decisions, text_room, text_workshop, widget_text  # noqa: F401 (register)
from ui import state as S
from ui import text as T
from ui.text import preset_name

# A scenario's name ({base}, {name}) right after a word that leads into it, bold or not, unquoted.
_BARE = {
    "en": re.compile(r"\b(?:to|of|for|in|from|against|with|than|as|on|at|by)\s+(?:\*\*)?\{(?:base|name)\}",
                     re.IGNORECASE),
    "fr": re.compile(r"(?:\b(?:à|de|pour|dans|par|au|aux|du|des|sur|avec|contre|entre|que|comme)|\bd'|\bqu')"
                     r"\s*(?:\*\*)?\{(?:base|name)\}", re.IGNORECASE),
}


def test_no_sentence_puts_a_scenarios_name_bare_after_a_preposition():
    bare = {lang: sorted(k for k, v in T.TEXT[lang].items() if _BARE[lang].search(v)) for lang in T.LANGS}
    assert bare == {"en": [], "fr": []}


def test_the_quoting_rule_would_catch_the_old_sentences():
    assert _BARE["fr"].search("Sous chaque chiffre : l'écart à **{base}** et son intervalle")
    assert _BARE["fr"].search("Le même budget total de **{name}** ({budget} par an)")
    assert _BARE["en"].search("Under each figure: the difference to **{base}** and its interval")
    assert not _BARE["fr"].search("l'écart à **«\u202f{base}\u202f»**")


def _text(at: AppTest) -> str:
    return "\n".join(str(x.value) for x in [*at.markdown, *at.caption])


def test_a_french_page_quotes_the_baseline_and_keeps_a_typed_name_as_typed():
    at = open_app(groups=False, lang="fr")
    base = preset_name("fr", "baseline_2011")
    text = _text(at)
    assert base.startswith("La ")  # the case the fix is for: a title that starts with an article
    quoted = f"**«\u202f{base}\u202f»**"
    # the caption under the headline cards, the comparison's caption and the plain-words summary
    assert f"Sous chaque chiffre\u202f: l'écart à {quoted} et son intervalle" in text
    assert f"entre parenthèses, l'écart à {quoted}." in text
    assert f"Par rapport à {quoted}, **«\u202f" in text
    assert f"à **{base}" not in text and f"à {base}" not in text

    # a name a team typed is quoted as it is, its capitals kept
    pin = at.session_state[S._PINS][0].id
    at.text_input(key=S.pin_key(pin, "name")).input("Le plan de Léa")
    at.run()
    assert not at.exception, at.exception
    assert "l'écart à **«\u202fLe plan de Léa\u202f»** et son intervalle" in _text(at)
