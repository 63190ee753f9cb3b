"""Site search as readers use it, typed into the search box in Chromium.

- Readers' own words (tests/search-queries.yml) find a page that answers them in the first three results;
  in the Spanish edition too (tests/search-queries-es.yml, typed at /es/), where crisis searches show the help.
- A search that finds nothing, or that sounds like a crisis, shows a calm way to help and to the glossary.
- A search leaves no trace: the highlighted words never stay in the page's address or the history.

`make search-report` runs both query sets on a fresh build and lists the queries that miss
(`python -m tests.test_browser_search es` runs one edition's set).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from macros.config import load_config
from tests.browser_path import chromium_path
from tests.conftest import ROOT, built_pages, offline_copy

QUERIES_FILE = ROOT / "tests" / "search-queries.yml"
QUERIES: list[dict] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
TEXT = load_config(ROOT / "mkdocs.yml")["extra"]["text"]
TARGET = 0.95  # share of queries with an expected page in the first three results
TOP = 3

# The Spanish edition (/es/): its own query set, words and crisis words (mkdocs.es.yml).
QUERIES_ES: list[dict] = yaml.safe_load(
    (ROOT / "tests" / "search-queries-es.yml").read_text(encoding="utf-8"))["queries"]
EXTRA_ES = load_config(ROOT / "mkdocs.es.yml")["extra"]
TEXT_ES = EXTRA_ES["text"]
TARGET_ES = 0.95

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


def test_the_spanish_query_set_is_big_enough_and_well_formed(site: Path) -> None:
    assert len(QUERIES_ES) >= 30 and sum(bool(e.get("crisis")) for e in QUERIES_ES) >= 10
    pages, seen = set(built_pages(site)), set()
    for entry in QUERIES_ES:
        assert set(entry) <= {"query", "expect", "kind", "crisis"}, entry
        assert isinstance(entry["query"], str) and entry["query"].strip() and entry["expect"], entry
        assert entry["query"].lower() not in seen, f"{entry['query']!r} is in the set twice"
        seen.add(entry["query"].lower())
        missing = [a for a in entry["expect"] if not a.startswith("es/") or a not in pages]
        assert not missing, f"tests/search-queries-es.yml: {entry['query']!r} expects pages not built: {missing}"


# --- readers' words on the pages ----------------------------------------------------------------------------

def convert_term(tmp_path: Path, search_terms: list[str]) -> str:
    """A term page with these `search_terms`, through the real Markdown extension."""
    import markdown

    from macros import build as core

    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    common = {"references": [], "reviewed": "2026-01-01", "review_due": "2027-01-01"}
    terms = {"grounding": {"title": "Grounding", "definition": "Coming back to the present.",
                           "aliases": ["ground yourself"], "search_terms": search_terms},
             "dissociation": {"title": "Dissociation", "definition": "Feeling cut off."}}
    for slug, meta in terms.items():
        text = "---\n" + yaml.safe_dump({**meta, **common}) + "---\n\nGrounding can help with dissociation.\n"
        (docs / "glossary" / f"{slug}.md").write_text(text, encoding="utf-8")
    build, problems = core.load(docs, load_config(ROOT / "mkdocs.yml")["extra"], site_url="https://guide.test/")
    assert not [p for p in problems.errors if "glossary" in str(p.path)]  # `search_terms` is a known field
    build.current_src = lambda: "glossary/grounding.md"
    md = markdown.Markdown(extensions=["attr_list", "toc", "macros.extension"],
                           extension_configs={"macros.extension": {"build": build}})
    return md.convert("Grounding can help with dissociation.\n")


def test_a_term_page_shows_its_aliases_and_search_terms_once_escaped_and_unlinked(tmp_path: Path) -> None:
    html = convert_term(tmp_path, ["5 4 3 2 1", "Ground yourself", "'calm' & dissociation", "grounding"])
    line = html.split('<p class="also-called">', 1)[1].split("</p>", 1)[0]
    label = TEXT["also_called"]
    assert line == (f"<strong>{label}</strong> ground yourself, 5 4 3 2 1, "
                    "'calm' &amp; dissociation.")  # each once; never the title; never a link
    assert html.index("term-definition") < html.index("also-called")
    assert html.count('class="term-link"') == 1  # the body still links the other term, once


def test_term_and_page_words_reach_the_search_index(site: Path) -> None:
    import json

    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    numbing = next(e for e in entries if e["location"] == "glossary/emotional-numbing/")
    assert TEXT["also_called"] in numbing["text"] and "numbness" in numbing["text"]
    get_help = next(e for e in entries if e["location"] == "get-help/")  # a page's words, in its first part
    assert TEXT["other_words"] in get_help["text"] and "hotline" in get_help["text"]
    html = (site / "glossary/emotional-numbing/index.html").read_text(encoding="utf-8")
    line = html.split('<p class="also-called">', 1)[1].split("</p>", 1)[0]
    assert "<a " not in line


# --- typing a query as a reader does ---------------------------------------------------------------------

# Counts the searches sent to the theme's search worker and the answers back, so that a test reads the
# results of the last typed word, not of an earlier one, without waiting a fixed time.
COUNT_SEARCHES = """(() => {
  const Native = window.Worker;
  window.__searchesPending = 0;
  window.Worker = function (url, options) {
    const worker = new Native(url, options), post = worker.postMessage.bind(worker);
    worker.postMessage = (message, transfer) => {
      if (message && message.type === 2) window.__searchesPending++;
      return post(message, transfer);
    };
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 3) window.__searchesPending--;
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();"""


def browser_executable() -> str:
    path = chromium_path()
    assert path is not None
    return path


def open_search(page) -> None:
    page.keyboard.press("/")  # the theme's search shortcut; a tap on the search icon does the same
    page.locator(BOX).wait_for(state="visible")


def _results(page) -> tuple[str, list[str]]:
    return page.evaluate(
        """([meta, item, link]) => [
             (document.querySelector(meta) || {}).textContent || "",
             Array.from(document.querySelectorAll(item), li => (li.querySelector(link) || {}).href || "")]""",
        [".md-search-result__meta", RESULT_ITEM, RESULT_LINK])


def search(page, query: str, timeout: float = 10.0) -> list[str]:
    """Type `query` into the open search box; return the result pages, best first, as site addresses.

    Waits until the search worker has answered every search the typing sent (see COUNT_SEARCHES) and the
    answer is drawn; on a page without that count, until the results have not changed for a moment."""
    box = page.locator(BOX)
    box.fill("")  # a reader would select the old words and delete them
    box.press_sequentially(query)  # key by key, as a reader types
    counted = page.evaluate("typeof window.__searchesPending === 'number'")
    start = last_change = time.monotonic()
    last = None
    while True:
        if counted:  # (the site's CSP forbids wait_for_function's string evaluation, so a promise instead)
            page.evaluate("""() => new Promise(done => {
              const check = () => window.__searchesPending === 0
                ? requestAnimationFrame(() => requestAnimationFrame(done)) : setTimeout(check, 10);
              check();
            })""")
        now = _results(page)
        if now != last:
            last, last_change = now, time.monotonic()
        ready = "Initializing" not in now[0] and now[0].strip()
        if ready and (counted or time.monotonic() - last_change >= 0.3):
            break
        if time.monotonic() - start > timeout:
            raise AssertionError(f"search for {query!r} did not settle: {now[0]!r}")
        time.sleep(0.05)
    return [urlsplit(href).path.lstrip("/") for href in last[1]]  # the site is served from the root


def run_queries(page, queries: list[dict]) -> list[dict]:
    """Each query's top results, whether an expected page is among the first three, and whether the search
    panel shows the crisis help."""
    open_search(page)
    report = []
    for entry in queries:
        top = search(page, entry["query"])[:TOP]
        report.append({**entry, "top": top, "hit": any(a in top for a in entry["expect"]),
                       "help": page.locator(".search-help__crisis").is_visible()})
    return report


def describe(report: list[dict]) -> str:
    hits = sum(r["hit"] for r in report)
    lines = [f"{hits} of {len(report)} queries ({hits / len(report):.0%}) have an expected page in the top {TOP}."]
    for r in report:
        if not r["hit"]:
            found = ", ".join(r["top"]) or "nothing"
            lines.append(f"  MISS {r['query']!r}: expected {', '.join(r['expect'])}; top {TOP}: {found}")
    for r in report:
        if r.get("crisis") and not r["help"]:
            lines.append(f"  NO HELP {r['query']!r}: add its words to `extra.search.crisis`")
    return "\n".join(lines)


@pytest.mark.browser
def test_readers_words_find_an_answer_in_the_top_three(page) -> None:
    page.add_init_script(COUNT_SEARCHES)
    page.goto("")
    report = run_queries(page, QUERIES)
    rate = sum(r["hit"] for r in report) / len(report)
    assert rate >= TARGET, describe(report)


@pytest.mark.browser
def test_spanish_readers_words_find_an_answer_in_the_top_three_and_crises_show_help(page) -> None:
    page.add_init_script(COUNT_SEARCHES)
    page.goto("es/")
    report = run_queries(page, QUERIES_ES)
    assert all(r["top"] == [] or all(a.startswith("es/") for a in r["top"]) for r in report)  # its own index
    rate = sum(r["hit"] for r in report) / len(report)
    assert rate >= TARGET_ES and all(r["help"] for r in report if r.get("crisis")), describe(report)


# --- no dead end, no trace ---------------------------------------------------------------------------------

HELP = ".search-help"


def help_links(page) -> list[str]:
    return page.eval_on_selector_all(f"{HELP}:not([hidden]) a", "links => links.map(a => a.href)")


@pytest.mark.browser
def test_a_crisis_search_shows_get_help_now_at_once(page, server: str) -> None:
    page.goto("steps/start-small/")
    open_search(page)
    search(page, "I want to die")
    panel = page.locator(HELP)
    assert panel.is_visible() and page.locator(".search-help__crisis").is_visible()
    assert not page.locator(".search-help__none").is_visible()
    assert help_links(page) == [server + "get-help/", server + "glossary/"]
    assert panel.evaluate("el => el.getBoundingClientRect().top") < page.locator(
        ".md-search-result__list").evaluate("el => el.getBoundingClientRect().top")  # above the results
    assert page.url == server + "steps/start-small/"  # nothing moved the reader
    search(page, "grounding")
    assert not panel.is_visible()  # an everyday search shows the results alone


@pytest.mark.browser
def test_a_spanish_crisis_search_shows_the_spanish_help_link(page, server: str) -> None:
    page.goto("es/steps/start-small/")
    open_search(page)
    search(page, "me quiero morir")
    page.locator(".search-help__crisis").wait_for()
    assert page.locator(".search-help__crisis").inner_text().strip() == TEXT_ES["search_crisis"]
    assert page.locator(".search-help__urgent").inner_text().strip() == TEXT_ES["urgent_help"]
    assert help_links(page) == [server + "es/get-help/", server + "es/glossary/"]
    assert not page.locator(".search-help__none").is_visible()
    search(page, "autolesion")  # typed without its accent
    assert page.locator(".search-help__crisis").is_visible()
    search(page, "anclaje")
    assert not page.locator(HELP).is_visible()  # an everyday search shows the results alone
    assert page.url == server + "es/steps/start-small/"


@pytest.mark.browser
def test_a_search_that_finds_nothing_offers_help_and_the_glossary(page, server: str) -> None:
    page.goto("understanding/")
    open_search(page)
    assert search(page, "zqxwv blorf") == []
    page.locator(".search-help__none").wait_for(timeout=3000)  # once the results have settled
    assert not page.locator(".search-help__crisis").is_visible()
    assert help_links(page) == [server + "get-help/", server + "glossary/"]
    page.locator(BOX).fill("")
    page.wait_for_timeout(600)
    assert not page.locator(HELP).is_visible()  # an empty box shows nothing


WORDS = "shaken"  # a word on some pages, and in none of the site's addresses


def follow_first_result(page, words: str) -> None:
    open_search(page)
    assert search(page, words)
    link = page.locator(f"{RESULT_ITEM} {RESULT_LINK}").first
    assert words not in link.get_attribute("href")  # the theme's `?h=` is gone before anyone can follow it
    link.click()
    page.wait_for_load_state("load")
    page.locator("mark[data-md-highlight]").first.wait_for()  # the words are still highlighted on the page


@pytest.mark.browser
def test_following_a_result_highlights_without_the_words_in_the_address_or_history(page, server: str) -> None:
    page.goto("")
    start = page.evaluate("history.length")
    follow_first_result(page, WORDS)
    assert WORDS not in page.url and "?" not in page.url
    assert page.evaluate("history.length") == start + 1
    kept = page.evaluate("Object.keys(sessionStorage).map(k => k + '=' + sessionStorage.getItem(k)).join(' ')")
    assert WORDS not in kept  # the hand-over is read once and deleted
    visited = page.url
    page.go_back()
    assert page.url == server
    page.go_forward()
    assert page.url == visited
    page.reload()
    assert page.locator("mark[data-md-highlight]").count() == 0  # nothing kept for a second visit


@pytest.mark.browser
def test_the_browsers_own_history_list_never_holds_the_searched_words(browser, server: str, tmp_path: Path) -> None:
    """Chromium's history database (what its History page lists), read after the browser closes."""
    import sqlite3

    profile = tmp_path / "profile"
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=browser_executable(), headless=True, base_url=server, args=["--no-sandbox"])
    page = context.new_page()
    page.goto("")
    follow_first_result(page, WORDS)
    page.goto("understanding/ptsd/?h=" + WORDS)  # an old link that still carries words: the theme's highlight
    page.locator("mark[data-md-highlight]").first.wait_for()
    context.close()
    history = sqlite3.connect(profile / "Default" / "History")
    urls = [url for (url,) in history.execute("SELECT url FROM urls")]
    history.close()
    assert any(u.startswith(server) for u in urls)  # the database is the one this visit wrote
    assert not [u for u in urls if WORDS in u and "understanding/ptsd/" not in u], urls
    # A page opened from an address that already holds the words keeps it in this list: only the
    # address bar and Back and Forward lose it (see overrides/assets/js/search.js).


@pytest.mark.browser
def test_the_offline_copy_keeps_help_and_leaves_no_trace(browser, tmp_path: Path) -> None:
    root = offline_copy("search-test", tmp_path)
    context = browser.new_context()
    page = context.new_page()
    page.goto((root / "steps" / "start-small.html").as_uri())
    open_search(page)
    page.locator(BOX).press_sequentially("suicidal")
    urgent = page.locator(".search-help__urgent")
    urgent.wait_for()
    urgent.click()  # a page on disk, not a folder
    page.wait_for_load_state()
    assert page.url == (root / "get-help.html").as_uri()
    page.goto((root / "understanding" / "ptsd.html").as_uri() + "?h=shaken")
    page.locator("mark[data-md-highlight]").first.wait_for()
    assert page.url == (root / "understanding" / "ptsd.html").as_uri()
    # From disk, search starts on the top-level pages only (the CSP blocks the search shim on deeper
    # pages, before and after this change): start from the home page.
    page.goto((root / "index.html").as_uri())
    open_search(page)
    page.locator(BOX).press_sequentially(WORDS)
    link = page.locator(f"{RESULT_ITEM} {RESULT_LINK}").first
    link.wait_for(timeout=20_000)
    assert WORDS not in link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    page.locator("mark[data-md-highlight]").first.wait_for()
    assert WORDS not in page.url and page.url.endswith(".html")
    context.close()


# --- search-report: `make search-report` ------------------------------------------------------------------

# Each edition's query set: (its file, its queries, where its search starts, its pass mark).
EDITIONS = {"en": ("tests/search-queries.yml", QUERIES, "", TARGET),
            "es": ("tests/search-queries-es.yml", QUERIES_ES, "es/", TARGET_ES)}


def main(argv: list[str] | None = None) -> int:
    """Build the site, serve it, type every query of each edition (default: all) in Chromium, print the misses."""
    import functools
    import http.server
    import tempfile
    import threading

    from playwright.sync_api import sync_playwright

    from macros.cli import build_editions
    from tests.browser_path import chromium_path
    from tests.conftest import _Handler

    codes = list(argv if argv is not None else sys.argv[1:]) or list(EDITIONS)
    if set(codes) - set(EDITIONS):
        print(f"usage: python -m tests.test_browser_search [{' | '.join(EDITIONS)}]", file=sys.stderr)
        return 2
    path = chromium_path()
    if path is None:
        print("Chromium is needed: run `make browser`, or set CHROMIUM=/path/to/chrome", file=sys.stderr)
        return 2
    reports = {}
    with tempfile.TemporaryDirectory() as tmp:
        result = build_editions("mkdocs", Path(tmp))
        if result.returncode:
            print(result.stdout + result.stderr, file=sys.stderr)
            return 2
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=tmp))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as pw:
                chromium = pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
                for code in codes:
                    page = chromium.new_page(base_url=f"http://127.0.0.1:{httpd.server_address[1]}/")
                    page.add_init_script(COUNT_SEARCHES)
                    page.goto(EDITIONS[code][2])
                    reports[code] = run_queries(page, EDITIONS[code][1])
                    page.close()
                chromium.close()
        finally:
            httpd.shutdown()
    failed = False
    for code, report in reports.items():
        print(f"{EDITIONS[code][0]}: " + describe(report))
        rate = sum(r["hit"] for r in report) / len(report)
        failed |= rate < EDITIONS[code][3] or any(r.get("crisis") and not r["help"] for r in report)
    if any(not r["hit"] for report in reports.values() for r in report):
        print("\nTo fix a miss, add the reader's words to the `search_terms:` of the page or glossary term "
              "that answers it (see CONTRIBUTING.md), then run `make search-report` again.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
