"""Streamlit's own widget texts in the language on screen, drawn over its English with CSS.

Streamlit 1.67 has no parameter for the uploader's button ("Upload") and size line ("1MB per file"),
the inputs' "Press Enter to apply" (in a form, "… to submit form"; in a text area "Press Ctrl+Enter…",
⌘ on a Mac) or the number input's range error (streamlit/streamlit#13500 asks for the uploader's). Their
English stays in the page, at a font size of 0, and the page's language is drawn in its place
(`::after`): if a later Streamlit renames these elements, its English simply shows again.

A number input's range error names its bound ("Number is outside the allowed range. Please enter a value
between 1 and 200."). A style sheet cannot read it, so `range_error` draws each input's own message, with
its field and bounds, written where the input is drawn: the error's tooltip is drawn apart from its input
(at the page's end), so a rule picks the message of the input in error, and of the one under the pointer
when several are. The generic message of `css` stays for an input without its own.

A text field's instructions are one span for the key to press (while it is focused or edited) and one
for its character count ("3/80", when it has a limit). Every text field of the app has a limit but the
access codes' password fields, so there the key is the first of two spans, never the count alone; in a
password field it is the only span. Left in English: the labels that only screen readers read
("Increment", "Help for …").
"""

from __future__ import annotations

import re

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
# A number input's own range error, as Streamlit 1.67 words it in English (NumberInput.tsx); `field` is its
# label. Only the French is drawn: the English is Streamlit's own.
register({
    "en": {"st.range_between": "Error: Number is outside the allowed range. Please enter a value between {lo} "
                               "and {hi}.",
           "st.range_below": "Error: Number is below the allowed range. Please enter a value greater than or "
                             "equal to {lo}.",
           "st.range_above": "Error: Number is above the allowed range. Please enter a value less than or equal "
                             "to {hi}."},
    "fr": {"st.range_between": "Erreur : « {field} » est hors de la plage permise. Saisissez une valeur entre "
                               "{lo} et {hi}.",
           "st.range_below": "Erreur : « {field} » est sous la plage permise. Saisissez une valeur supérieure ou "
                             "égale à {lo}.",
           "st.range_above": "Erreur : « {field} » est au-dessus de la plage permise. Saisissez une valeur "
                             "inférieure ou égale à {hi}."},
})

_ERROR = '[data-testid="stTooltipErrorContent"] p'
_ERROR_TARGET = '[data-testid="stTooltipErrorHoverTarget"]'  # a number input's error icon, there while in error
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
    ((_ERROR,), "st.out_of_range", "14px"),
)


def css(lang: str) -> str:
    """The style sheet that draws Streamlit's own texts in `lang` ("" in English, Streamlit's own)."""
    if lang == "en":
        return ""
    mb = st.get_option("server.maxUploadSize")
    rules = []
    for selectors, key, size in _OVER:
        text = _css_string(t(lang, key, mb=mb))
        hidden = ", ".join(f"{x}, {x} *" for x in selectors)
        drawn = ", ".join(f"{x}::after" for x in selectors)
        rules.append(f'{hidden} {{font-size: 0 !important}}\n{drawn} {{content: "{text}"; font-size: {size}}}')
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def key_class(key: str) -> str:
    """The class of a widget's element container, `st-key-` and its key (as Streamlit 1.67's frontend)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def range_message(lang: str, field: str, lo: str | None, hi: str | None) -> str:
    """A number input's range error: its field's label and its bounds, already formatted in `lang`."""
    if lo is not None and hi is not None:
        return t(lang, "st.range_between", field=field, lo=lo, hi=hi)
    if lo is not None:
        return t(lang, "st.range_below", field=field, lo=lo)
    if hi is not None:
        return t(lang, "st.range_above", field=field, hi=hi)
    return ""


def range_css(lang: str, key: str, field: str, lo: str | None, hi: str | None) -> str:
    """The style sheet that draws the number input keyed `key`'s range error in `lang` ("" in English)."""
    text = range_message(lang, field, lo, hi) if lang != "en" else ""
    if not text:
        return ""
    target = f".{key_class(key)} {_ERROR_TARGET}"
    content = f'{{content: "{_css_string(text)}"}}'
    # in error; under the pointer, which wins (a more specific selector) when several inputs are in error
    return (f"<style>\nbody:has({target}) {_ERROR}::after {content}\n"
            f"body:has({target}:hover) {_ERROR}::after {content}\n</style>")


def range_error(lang: str, key: str, field: str, lo: str | None, hi: str | None) -> None:
    """Draw the number input keyed `key`'s range error in `lang`; takes no room (a style-only `st.html`)."""
    sheet = range_css(lang, key, field, lo, hi)
    if sheet:
        st.html(sheet)


def show(lang: str) -> None:
    """Draw Streamlit's texts in `lang` on this page; takes no room (a style-only `st.html`)."""
    sheet = css(lang)
    if sheet:
        st.html(sheet)
