"""The number formats of each language: plain numbers, money, percents, durations, KPI values and their
differences, with English or French separators and units.

Split out of `ui/text.py` by concept: these turn numbers into text, while `ui.text` holds the words. They
take the missing-value mark `NA` and the range words from `ui.text`, which does not import this module.
"""

from __future__ import annotations

import math
from typing import Any

from .text import NA, t

WORKING_HOURS_PER_DAY = 8  # the engine's response times are in working hours (see sim.figures.RESPONSE_BUCKETS)


def _finite(x: Any) -> bool:
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def number(x: float, lang: str, decimals: int | None = None) -> str:
    """A plain number with the language's separators; decimals chosen by magnitude when not given."""
    if not _finite(x):
        return NA[lang]
    x = float(x)
    if decimals is None:
        ax = abs(x)
        decimals = 0 if ax >= 100 or ax == 0 else 1 if ax >= 10 else 2 if ax >= 0.1 else 3
    s = f"{x:,.{decimals}f}"
    if s.startswith("-") and not s.strip("-0.,"):
        s = s[1:]  # no "-0.0"
    if lang == "fr":
        s = s.replace(",", "\u202f").replace(".", ",")
    return s


def money(x: float, lang: str) -> str:
    """EUR, abbreviated: €3.4M / 3,4 M€."""
    if not _finite(x):
        return NA[lang]
    x = float(x)
    ax = abs(x)
    if ax >= 1e6:
        body, suffix = number(x / 1e6, lang, 2 if ax < 1e7 else 1), ("M", "M€")
    elif ax >= 1e3:
        body, suffix = number(x / 1e3, lang, 1 if ax < 1e5 else 0), ("k", "k€")
    else:
        body, suffix = number(x, lang, 0), ("", "€")
    if lang == "fr":
        return f"{body}\u202f{suffix[1]}"
    sign = "-" if body.startswith("-") else ""
    return f"{sign}€{body.lstrip('-')}{suffix[0]}"


def money_full(x: float, lang: str) -> str:
    """EUR in full, thousands grouped: €2,000,000 / 2 000 000 €."""
    if not _finite(x):
        return NA[lang]
    body = number(x, lang, 0 if float(x) == int(x) else 2)
    if lang == "fr":
        return f"{body}\u00a0€"
    return f"-€{body[1:]}" if body.startswith("-") else f"€{body}"


def percent(x: float, lang: str, decimals: int = 1) -> str:
    if not _finite(x):
        return NA[lang]
    body = number(float(x) * 100, lang, decimals)
    return f"{body}\u202f%" if lang == "fr" else f"{body}%"


def duration(hours: float, lang: str) -> str:
    """Working hours in the unit a person uses: 0.061 -> '4 min', 3.2 -> '3.2 h', 40 -> '5.0 working days'."""
    if not _finite(hours):
        return NA[lang]
    h = float(hours)
    ah = abs(h)
    if ah < 1:
        return f"{number(h * 60, lang, 0)}\u00a0min"
    if ah < 24:
        return f"{number(h, lang, 1)}\u202fh" if lang == "fr" else f"{number(h, lang, 1)} h"
    days = number(h / WORKING_HOURS_PER_DAY, lang, 1)
    return f"{days}\u00a0jours ouvrés" if lang == "fr" else f"{days} working days"


def value(x: float, unit: str, lang: str) -> str:
    """A KPI value in its unit: counts whole, durations in minutes, hours or days."""
    if not _finite(x):
        return NA[lang]
    if unit == "EUR":
        return money(x, lang)
    if unit == "share":
        return percent(x, lang)
    if unit == "working hours":
        return duration(x, lang)
    if unit == "hours":
        return f"{number(x, lang)}\u202fh" if lang == "fr" else f"{number(x, lang)} h"
    if unit == "days":
        return f"{number(x, lang, 0 if abs(x) >= 10 else 1)} {'j' if lang == 'fr' else 'd'}"
    if unit == "buyers":  # buyers are counted whole
        return number(x, lang, 0 if abs(x) >= 1 or x == 0 else 1)
    return number(x, lang)


def unbroken(text: str) -> str:
    """A figure that never wraps inside itself: '+€747k', not '+' at a line's end and '€747k' below (a
    browser may break after a sign): spaces made non-breaking, a word joiner after a leading sign."""
    text = text.replace(" ", "\u00a0")
    return text[0] + "\u2060" + text[1:] if text[:1] in ("+", "-", "−") and len(text) > 1 else text


def signed(text: str, x: float) -> str:
    return text if text.startswith(("-", "−")) or not _finite(x) or x <= 0 else f"+{text}"


def diff(x: float, unit: str, lang: str) -> str:
    """A signed difference in the KPI's unit; shares in percentage points."""
    if not _finite(x):
        return NA[lang]
    if unit == "share":
        body = number(float(x) * 100, lang, 1)
        return signed(f"{body}\u202fpts" if lang == "fr" else f"{body} pts", x)
    return signed(value(x, unit, lang), x)


def relative(x: float, lang: str) -> str:
    """A signed relative change: +21%."""
    if not _finite(x):
        return NA[lang]
    return signed(percent(x, lang, 0 if abs(x) >= 0.1 else 1), x)


def allowed_range_text(lang: str, lo: tuple[str, float] | None, hi: tuple[str, float] | None,
                       fmt=None) -> str:
    """'from 0 up to 1000' from schema bounds, in the language."""
    fmt = fmt or (lambda v: number(v, lang, None if v != int(v) else 0))
    parts = []
    if lo:
        parts.append(t(lang, "range_from" if lo[0] == "ge" else "range_above", lo=fmt(lo[1])))
    if hi:
        parts.append(t(lang, "range_to" if hi[0] == "le" else "range_below", hi=fmt(hi[1])))
    return " ".join(parts)
