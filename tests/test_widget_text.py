"""Streamlit's own texts drawn in the page's language (`ui.widget_text`): a number input's range error names
its field and bounds in French, as Streamlit's English names its bounds. No Streamlit runtime needed; the
browser test (tests/browser/test_room.py) hovers the real tooltip."""

from __future__ import annotations

from ui import inputs  # noqa: F401 (the sidebar's number inputs)
from ui import widget_text as W
from ui.text import t


def test_a_number_inputs_range_error_names_its_field_and_bounds_in_french():
    sheet = W.range_css("fr", "in.market.arrivals_per_week", "Groupes d'achat (par semaine)", "0", "1\u202f000")
    assert ".st-key-in-market-arrivals_per_week [data-testid=\"stTooltipErrorHoverTarget\"]" in sheet
    assert ('content: "Erreur\u202f: «\u202fGroupes d\'achat (par semaine)\u202f» est hors de la plage permise. '
            'Saisissez une valeur entre 0 et 1\u202f000."') in sheet
    assert sheet.count("::after") == 2  # the input in error; the one under the pointer when several are
    assert W.range_css("en", "in.market.arrivals_per_week", "Buying groups", "0", "1000") == ""  # Streamlit's own


def test_one_bound_only_and_quotes_in_a_label():
    assert W.range_message("fr", "X", "1", None) == t("fr", "st.range_below", field="X", lo="1")
    assert "inférieure ou égale à 9" in W.range_message("fr", "X", None, "9")
    assert W.range_message("fr", "X", None, None) == ""
    sheet = W.range_css("fr", "k", 'Le "bon" \\ champ', "0", "1")
    assert 'Le \\"bon\\" \\\\ champ' in sheet  # a CSS string stays one string


def test_the_key_class_is_streamlits():
    assert W.key_class("in.sales.hours_per_week") == "st-key-in-sales-hours_per_week"
    assert W.key_class(" in.seed ") == "st-key-in-seed"
