"""For clinicians: QR codes that decode to the right address, printable handouts, an offline copy."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import SITE_URL, built_pages, offline_copy

pytestmark = pytest.mark.browser


def decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_directory_lists_every_page_with_a_qr_code_that_decodes_to_it(page, site: Path) -> None:
    page.goto("clinicians/")
    items = page.locator(".directory__item")
    urls = set(items.locator(".directory__url").all_inner_texts())
    assert urls == {SITE_URL + u for u in built_pages(site) if not u.startswith("es/")}
    twins = set(items.locator(".directory__twin code").all_inner_texts())
    assert twins == {SITE_URL + u for u in built_pages(site) if u.startswith("es/")}  # every Spanish address too
    images = items.locator("img.qr").evaluate_all("imgs => imgs.map(i => i.src)")
    assert len(images) == items.count() and all(src.startswith("data:image/svg+xml;base64,") for src in images)
    for i in range(0, items.count(), 7):  # a sample across the directory: pages, steps, checklists, terms
        item = items.nth(i)
        expected = item.locator(".directory__url").inner_text()
        image = item.locator("img.qr")
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert decode(image.screenshot()) == [expected]


def test_copy_link_button(browser, server: str) -> None:
    context = browser.new_context(base_url=server, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("clinicians/")
    assert page.locator(".directory__copy").count() == page.locator(".directory__item").count()
    button = page.locator(".directory__copy").first
    expect(button).to_have_accessible_name(re.compile(r"^Copy link\W+Rebuilding trust after trauma$"))
    button.click()
    expect(button).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL
    context.close()


def test_no_copy_buttons_that_cannot_work_without_javascript(browser, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto("clinicians/")
    assert page.locator(".directory__item").count() > 80
    assert page.locator(".directory button").count() == 0  # the addresses are still there to copy by hand
    context.close()


@pytest.mark.parametrize("url", ["steps/start-small/", "glossary/grounding/", "checklists/broken-trust/"])
def test_print_is_a_clean_handout_with_address_and_qr(page, url: str) -> None:
    page.goto(url)
    assert page.locator("[data-print]").is_visible()
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", ".safety-bar", "[data-print]"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    footer = page.locator(".print-footer")
    assert footer.is_visible() and SITE_URL + url in footer.inner_text()
    links = page.locator("article a[data-print-href]")
    if links.count():  # links print with their full address
        after = links.first.evaluate("a => getComputedStyle(a, '::after').content")
        assert SITE_URL in after or "http" in after
    assert decode(footer.locator("svg.qr").screenshot()) == [SITE_URL + url]
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(("url", "followed", "explained"), [
    ("glossary/red-flags/", ".term-related a, .term-uses a", "a.term-link"),
    ("checklists/broken-trust/", ".checklist__next a, .checklist__support a", ".checklist__more a"),
])
def test_printed_handouts_show_the_address_of_each_page_to_read_next(page, url: str, followed: str,
                                                                      explained: str) -> None:
    """Lists of pages to go on to print their addresses; links that explain a word do not, to keep text readable."""
    page.goto(url)
    page.emulate_media(media="print")
    after = "els => els.map(a => getComputedStyle(a, '::after').content)"
    printed = page.locator(f"article :is({followed})").evaluate_all(after)
    assert printed and all(SITE_URL in content for content in printed), printed
    assert set(page.locator(f"article {explained}").evaluate_all(after)) == {"none"}


def test_headings_and_items_have_stable_anchors(page) -> None:
    page.goto("steps/setbacks/")
    ids = page.locator("article h2[id], article h3[id]").evaluate_all("hs => hs.map(h => h.id)")
    assert ids and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    page.goto("checklists/readiness/")
    first = page.locator("form[data-checklist] input[name]").first.get_attribute("id")
    page.goto(f"checklists/readiness/#{first}")
    assert page.evaluate("location.hash") == f"#{first}"


def test_offline_copy_opens_from_disk_and_search_works(browser, tmp_path: Path) -> None:
    index = offline_copy("test-guide", tmp_path) / "index.html"
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(index.as_uri())
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("grounding")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert page.locator(".md-search-result__item").count() > 0
    page.locator(".md-search-result__item a").first.click()  # results open pages from disk
    page.wait_for_load_state()
    assert page.url.startswith("file://") and ".html" in page.url
    assert errors == []
    context.close()


def test_directory_prints_with_every_qr_code(page) -> None:
    page.goto("clinicians/")
    loaded = "[...document.querySelectorAll('img.qr')].filter(i => i.complete && i.naturalWidth > 0).length"
    total = page.locator("img.qr").count()
    assert page.evaluate(loaded) < total  # the codes load as they scroll into view...
    assert page.pdf().startswith(b"%PDF")
    assert page.evaluate(loaded) == total  # ...and all of them for printing
