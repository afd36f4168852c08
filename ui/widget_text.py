"""Streamlit's own widget texts in the language on screen, drawn over its English with CSS.

Streamlit 1.67 has no parameter for the uploader's button ("Upload") and size line ("1MB per file"),
the inputs' "Press Enter to apply" (in a form, "… to submit form"; in a text area "Press Ctrl+Enter…",
⌘ on a Mac) or the number input's range error (streamlit/streamlit#13500 asks for the uploader's). Their
English stays in the page, at a font size of 0, and the page's language is drawn in its place
(`::after`): if a later Streamlit renames these elements, its English simply shows again.

A text field's instructions are one span for the key to press (while it is focused or edited) and one
for its character count ("3/80", when it has a limit). Every text field of the app has a limit but the
access codes' password fields, so there the key is the first of two spans, never the count alone; in a
password field it is the only span. Left in English: the labels that only screen readers read
("Increment", "Help for …").
"""

from __future__ import annotations

import streamlit as st

from .text import register, t

register({
    "en": {"st.upload": "Upload", "st.per_file": "{mb} MB per file", "st.enter_apply": "Press Enter to apply",
           "st.enter_submit": "Press Enter to submit", "st.ctrl_enter_apply": "Press Ctrl/⌘+Enter to apply",
           "st.ctrl_enter_submit": "Press Ctrl/⌘+Enter to submit", "st.out_of_range":
               "Error: this number is outside the allowed range (see the field's help)."},
    "fr": {"st.upload": "Charger", "st.per_file": "{mb} Mo par fichier", "st.enter_apply": "Entrée pour valider",
           "st.enter_submit": "Entrée pour envoyer", "st.ctrl_enter_apply": "Ctrl/⌘+Entrée pour valider",
           "st.ctrl_enter_submit": "Ctrl/⌘+Entrée pour envoyer", "st.out_of_range":
               "Erreur : ce nombre est hors de la plage permise (voir l'aide du champ)."},
})

_INSTRUCTIONS = '[data-testid="InputInstructions"] > span'
_KEY = f'{_INSTRUCTIONS}:first-child:not(:last-child)'  # the key to press, before a text field's count
_TEXT = '[data-testid="stTextInput"]'
_PASSWORD = f'{_TEXT}:has(input[type="password"])'
_AREA = '[data-testid="stTextArea"]'
_FORM = '[data-testid="stForm"]'
# (selectors, text key, font size of the text drawn over): the English's own sizes in Streamlit 1.67
_OVER = (
    ((f'[data-testid="stNumberInput"] {_INSTRUCTIONS}',), "st.enter_apply", "12px"),
    ((f'{_TEXT} {_KEY}', f'{_PASSWORD} {_INSTRUCTIONS}'), "st.enter_apply", "12px"),
    ((f'{_FORM} {_TEXT} {_KEY}', f'{_FORM} {_PASSWORD} {_INSTRUCTIONS}'), "st.enter_submit", "12px"),
    ((f'{_AREA} {_KEY}',), "st.ctrl_enter_apply", "12px"),
    ((f'{_FORM} {_AREA} {_KEY}',), "st.ctrl_enter_submit", "12px"),
    (('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p',), "st.upload", "14px"),
    (('[data-testid="stFileUploaderDropzoneInstructions"] span',), "st.per_file", "14px"),
    (('[data-testid="stTooltipErrorContent"] p',), "st.out_of_range", "14px"),
)


def css(lang: str) -> str:
    """The style sheet that draws Streamlit's own texts in `lang` ("" in English, Streamlit's own)."""
    if lang == "en":
        return ""
    mb = st.get_option("server.maxUploadSize")
    rules = []
    for selectors, key, size in _OVER:
        text = t(lang, key, mb=mb).replace("\\", "\\\\").replace('"', '\\"')
        hidden = ", ".join(f"{x}, {x} *" for x in selectors)
        drawn = ", ".join(f"{x}::after" for x in selectors)
        rules.append(f'{hidden} {{font-size: 0 !important}}\n{drawn} {{content: "{text}"; font-size: {size}}}')
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def show(lang: str) -> None:
    """Draw Streamlit's texts in `lang` on this page; takes no room (a style-only `st.html`)."""
    sheet = css(lang)
    if sheet:
        st.html(sheet)
