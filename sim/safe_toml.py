"""Reading TOML text that may be hostile: every scenario text, a file's or a --set value's, goes through here.

`read_toml` refuses a text over MAX_TOML_BYTES and nesting deeper than MAX_TOML_DEPTH with one
`ScenarioError` line, never a RecursionError nor a parser left to exhaust the memory. Kept apart from
the presets (`sim.presets`), which layer and validate what it returns.
"""

from __future__ import annotations

import tomllib
from typing import Any

from .scenario_errors import scenario_error

MAX_TOML_BYTES = 1_000_000  # a scenario is a few kilobytes; a megabyte is a mistake, not a scenario
MAX_TOML_DEPTH = 8  # a scenario nests two levels (section.field); far deeper is never a scenario


def _depth(data: Any) -> int:
    """Deepest nesting of tables and arrays (stops counting past the limit), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack and deepest <= MAX_TOML_DEPTH:
        node, d = stack.pop()
        deepest = max(deepest, d)
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((c, d + 1) for c in children if isinstance(c, dict | list))
    return deepest


def _nesting_before_parsing(text: str) -> int:
    """A conservative look at the text before the parser sees it: the deepest nesting of arrays and
    inline tables, and the most parts of one dotted key. tomllib recurses on the first and takes
    time and memory quadratic in the second (a 1 MB key `a.a.a...` would exhaust the memory)."""
    deepest, stack, key, dots, i, n = 0, [], True, 0, 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j:j + len(quote)] != quote:
                j += 2 if c == '"' and text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == "\n" and (not stack or stack[-1] == "h"):
            stack, key, dots = [], True, 0
        elif c == "[":
            stack.append("h" if key and (not stack or stack[-1] == "h") else "[")
        elif c == "{":
            stack.append("{")
            key, dots = True, 0
        elif c in "]}":
            if stack:
                stack.pop()
            key = key and bool(stack) and stack[-1] == "h"
        elif c == "," and stack and stack[-1] == "{":
            key, dots = True, 0
        elif c == "=":
            key = False
        elif c == "." and key:
            dots += 1
        deepest = max(deepest, len(stack), dots)
        if deepest > MAX_TOML_DEPTH:
            break
        i += 1
    return deepest


def read_toml(text: str, origin: str) -> dict[str, Any]:
    """Parse TOML text into a mapping, or raise one clear ScenarioError (syntax, size, nesting)."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TOML_BYTES:
        raise scenario_error(origin, "too_large", f"too large ({size:,} bytes; the limit is {MAX_TOML_BYTES:,})",
                             size=size, limit=MAX_TOML_BYTES)
    too_deep = scenario_error(origin, "too_deep", f"nested too deeply (more than {MAX_TOML_DEPTH} levels of arrays "
                              "or tables); a scenario is sections of fields", limit=MAX_TOML_DEPTH)
    if _nesting_before_parsing(text) > MAX_TOML_DEPTH:
        raise too_deep
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise scenario_error(origin, "bad_toml", f"not valid TOML: {e}", detail=str(e)) from None
    except RecursionError:
        raise too_deep from None
    if _depth(data) > MAX_TOML_DEPTH:
        raise too_deep
    return data
