"""The Spanish edition: a twin for every page, a switch that keeps the page, its own search, words,
help lines and quick exit; hreflang pairs in the sitemap."""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import expect

from macros.config import load_config
from tests.conftest import ROOT, SITE_URL, built_pages

pytestmark = pytest.mark.browser
ES = load_config(ROOT / "mkdocs.es.yml")["extra"]
SWITCH = re.compile(r'<a class="language-switch" href="([^"]+)" hreflang="(\w+)" lang="\w+">')
ANCHOR = re.compile(r'<h[2-6] id="([^"]+)"')


def english_pages(site: Path) -> list[str]:
    return [url for url in built_pages(site) if not url.startswith("es/")]


def test_every_page_has_a_spanish_twin_and_a_switch_both_ways(site: Path) -> None:
    for url in english_pages(site):
        en = (site / url / "index.html").read_text(encoding="utf-8")
        twin = site / "es" / url / "index.html"
        assert twin.exists(), url
        es = twin.read_text(encoding="utf-8")
        assert '<html lang="es"' in es and '<html lang="en"' in en, url
        for html, here, there, code in ((en, url, "es/" + url, "es"), (es, "es/" + url, url, "en")):
            (href, hreflang), = SWITCH.findall(html)
            assert hreflang == code and posixpath.normpath(posixpath.join(here, href)) == posixpath.normpath(there)
        # /es/...#id links work too (the glossary's letters follow each language's words)
        anchors = {a for a in ANCHOR.findall(en) if not a.startswith("letter-")}
        assert anchors <= set(ANCHOR.findall(es)), url


def test_the_sitemaps_pair_every_page_with_its_twin(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap, prefix in ((site / "sitemap.xml", ""), (site / "es" / "sitemap.xml", "es/")):
        urls = ET.parse(sitemap).getroot().findall("s:url", ns)
        assert len(urls) == len(english_pages(site))
        for url in urls:
            loc = url.find("s:loc", ns).text
            path = loc.removeprefix(SITE_URL).removeprefix(prefix)
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert links == {"en": SITE_URL + path, "es": SITE_URL + "es/" + path, "x-default": SITE_URL + path}


def test_the_switch_keeps_the_reader_on_the_same_page(page) -> None:
    page.goto("steps/start-small/")
    page.locator(".language-switch").click()
    expect(page).to_have_url(re.compile(r"/es/steps/start-small/$"))
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator(".language-switch").click()
    expect(page).to_have_url(re.compile(r"/steps/start-small/$"))
    assert "/es/" not in page.url


def test_spanish_search_finds_spanish_pages_only(page) -> None:
    page.goto("es/")
    page.keyboard.press("/")
    page.keyboard.type("ventana de tolerancia")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all("/es/" in href for href in hrefs), hrefs


def test_spanish_words_help_lines_and_quick_exit(page) -> None:
    page.goto("es/get-help/")
    assert page.locator("[data-quick-exit]").get_attribute("href") == ES["quick_exit_url"]
    assert page.locator("[data-urgent-help]").inner_text().strip() == ES["text"]["urgent_help"]
    lines = page.locator(".crisis-lines").inner_text()
    for number in ("024", "016", "988"):
        assert number in lines, number
    assert "9-8-8" not in lines  # Canada's line answers in English and French only


def test_a_spanish_danger_item_shows_urgent_help_in_spanish(page) -> None:
    page.goto("es/checklists/relationship-safety/")
    page.locator('input[data-route="danger"]').first.check()
    card = page.locator('[data-urgent="danger"]')
    expect(card).to_be_visible()
    assert card.locator(".admonition-title").inner_text() == ES["text"]["urgent_danger_title"]
    assert "016" in card.inner_text()
