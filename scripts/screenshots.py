"""Screenshots of every tab, at 1280x800 and 1920x1080, in English and French, for a person to look at.

    .venv/bin/python scripts/screenshots.py [--out screenshots/room] [--sizes 1280,1920] [--langs en,fr]
                                            [--query "p1=..."] [--views headline,funnel]

Starts its own Streamlit server and Debian's headless Chromium (`tests/browser/harness.py`). Each
screenshot holds the whole page: Streamlit scrolls inside its own container, so the viewport is grown
to the height of the main area before the picture is taken.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import harness as H  # noqa: E402

from ui import text as T  # noqa: E402
from ui.views import VIEWS  # noqa: E402

SIZES = {"1280": (1280, 800), "1920": (1920, 1080)}


def full_height(page) -> int:
    return int(page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]',
                               '[data-testid="stSidebarContent"]']
             .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""))


def shoot(page, path: Path, size: tuple[int, int]) -> None:
    w, h = size
    page.set_viewport_size({"width": w, "height": max(h, min(full_height(page) + 40, 9000))})
    page.wait_for_timeout(500)  # charts that fill their column redraw at the new size
    H.wait_drawn(page)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": w, "height": h})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "screenshots" / "room"))
    ap.add_argument("--sizes", default="1280,1920")
    ap.add_argument("--langs", default="en,fr")
    ap.add_argument("--views", default=",".join(VIEWS))
    ap.add_argument("--query", default="")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with H.Server(log=out / "server.log") as server, H.chromium() as browser:
        for size in args.sizes.split(","):
            for lang in args.langs.split(","):
                w, h = SIZES[size]
                ctx = browser.new_context(viewport={"width": w, "height": h})
                page = ctx.new_page()
                page.set_default_timeout(90_000)
                query = "&".join(q for q in (f"lang={lang}", args.query) if q)
                page.goto(f"{server.url}/?{query}")
                H.wait_marker(page)
                H.wait_drawn(page)
                page.screenshot(path=str(out / f"{size}_{lang}_0first.png"))
                for i, view in enumerate(VIEWS):
                    if view not in args.views.split(","):
                        continue
                    if view != "headline":
                        page.get_by_role("tab", name=T.t(lang, f"tab.{view}"), exact=True).click()
                    H.wait_view(page, view, lang)
                    H.wait_drawn(page)
                    path = out / f"{size}_{lang}_{i + 1}{view}.png"
                    shoot(page, path, (w, h))
                    print(path, flush=True)
                ctx.close()


if __name__ == "__main__":
    main()
