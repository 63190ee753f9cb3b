"""Site search as readers use it, typed into the search box in Chromium.

- Readers' own words (tests/search-queries.yml) find a page that answers them in the first three results.
- A search that finds nothing, or that sounds like a crisis, shows a calm way to help and to the glossary.
- A search leaves no trace: the highlighted words never stay in the page's address or the history.

`make search-report` runs the query set on a fresh build and lists the queries that miss.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import ROOT, built_pages

QUERIES_FILE = ROOT / "tests" / "search-queries.yml"
QUERIES: list[dict] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
TARGET = 0.95  # share of queries with an expected page in the first three results
TOP = 3

BOX = "[data-md-component=search-query]"
RESULT_ITEM, RESULT_LINK = ".md-search-result__item", ".md-search-result__link"  # one item per page


# --- the query set itself ------------------------------------------------------------------------------

def test_the_query_set_is_big_enough_and_well_formed() -> None:
    assert len(QUERIES) >= 40
    seen = set()
    for entry in QUERIES:
        assert set(entry) <= {"query", "expect", "kind", "crisis"}, entry
        assert entry["query"].strip() and entry["expect"], entry
        assert entry["query"].lower() not in seen, f"{entry['query']!r} is in the set twice"
        seen.add(entry["query"].lower())


def test_every_expected_page_exists(site: Path) -> None:
    pages = set(built_pages(site))
    missing = {a for entry in QUERIES for a in entry["expect"] if a not in pages}
    assert not missing, f"tests/search-queries.yml expects pages that are not built: {sorted(missing)}"


# --- typing a query as a reader does ---------------------------------------------------------------------

def open_search(page) -> None:
    page.keyboard.press("/")  # the theme's search shortcut; a tap on the search icon does the same
    page.locator(BOX).wait_for(state="visible")


def _results(page) -> tuple[str, list[str]]:
    return page.evaluate(
        """([meta, item, link]) => [
             (document.querySelector(meta) || {}).textContent || "",
             Array.from(document.querySelectorAll(item), li => (li.querySelector(link) || {}).href || "")]""",
        [".md-search-result__meta", RESULT_ITEM, RESULT_LINK])


def search(page, query: str, settle: float = 0.35, timeout: float = 10.0) -> list[str]:
    """Type `query` into the open search box; return the result pages, best first, as site addresses."""
    box = page.locator(BOX)
    box.fill("")  # a reader would select the old words and delete them
    box.press_sequentially(query, delay=15)
    start = last_change = time.monotonic()
    last = None
    while True:
        now = _results(page)
        if now != last:
            last, last_change = now, time.monotonic()
        ready = "Initializing" not in now[0] and now[0].strip()
        if ready and time.monotonic() - last_change >= settle:
            break
        if time.monotonic() - start > timeout:
            raise AssertionError(f"search for {query!r} did not settle: {now[0]!r}")
        time.sleep(0.05)
    return [urlsplit(href).path.lstrip("/") for href in last[1]]  # the site is served from the root


def run_queries(page, queries: list[dict]) -> list[dict]:
    """Each query's top results and whether an expected page is among the first three."""
    open_search(page)
    report = []
    for entry in queries:
        top = search(page, entry["query"])[:TOP]
        report.append({**entry, "top": top, "hit": any(a in top for a in entry["expect"])})
    return report


def describe(report: list[dict]) -> str:
    hits = sum(r["hit"] for r in report)
    lines = [f"{hits} of {len(report)} queries ({hits / len(report):.0%}) have an expected page in the top {TOP}."]
    for r in report:
        if not r["hit"]:
            found = ", ".join(r["top"]) or "nothing"
            lines.append(f"  MISS {r['query']!r}: expected {', '.join(r['expect'])}; top {TOP}: {found}")
    return "\n".join(lines)


@pytest.mark.browser
def test_readers_words_find_an_answer_in_the_top_three(page) -> None:
    page.goto("")
    report = run_queries(page, QUERIES)
    rate = sum(r["hit"] for r in report) / len(report)
    assert rate >= TARGET, describe(report)


# --- search-report: `make search-report` ------------------------------------------------------------------

def main() -> int:
    """Build the site, serve it, type every query in Chromium and print the misses."""
    import functools
    import http.server
    import tempfile
    import threading

    from playwright.sync_api import sync_playwright

    from tests.browser_path import chromium_path
    from tests.conftest import _Handler, mkdocs_build

    path = chromium_path()
    if path is None:
        print("Chromium is needed: run `make browser`, or set CHROMIUM=/path/to/chrome", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        result = mkdocs_build(Path(tmp))
        if result.returncode:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 2
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=tmp))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as pw:
                chromium = pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
                page = chromium.new_page(base_url=f"http://127.0.0.1:{httpd.server_address[1]}/")
                page.goto("")
                report = run_queries(page, QUERIES)
                chromium.close()
        finally:
            httpd.shutdown()
    print(describe(report))
    if any(not r["hit"] for r in report):
        print("\nTo fix a miss, add the reader's words to the `search_terms:` of the page or glossary term "
              "that answers it (see CONTRIBUTING.md), then run `make search-report` again.")
    rate = sum(r["hit"] for r in report) / len(report)
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
