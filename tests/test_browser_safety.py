"""In a real Chromium: nothing sent anywhere, safety controls on every page, quick exit that works."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from macros.config import load_config
from tests.conftest import ROOT, built_pages

pytestmark = pytest.mark.browser
EXIT_URL = load_config(ROOT / "mkdocs.yml")["extra"]["quick_exit_url"]
DISCLAIMER = {code: load_config(ROOT / name)["extra"]["text"]["disclaimer"]
              for code, name in (("en", "mkdocs.yml"), ("es", "mkdocs.es.yml"))}
NEUTRAL = "<html><head><title>Weather</title></head><body>Neutral page</body></html>"


def test_every_page_loads_privately_with_its_safety_controls(browser, server: str, site: Path) -> None:
    """Zero requests to other origins, no script errors, CSP honoured, controls present on every page."""
    context = browser.new_context(base_url=server)
    page = context.new_page()
    own = urlparse(server).netloc
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in (own, "") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for url in built_pages(site):
        page.goto(url, wait_until="networkidle")
        assert page.locator("[data-urgent-help]").count() == 1, url
        assert page.locator("[data-quick-exit]").count() == 1, url
        words = DISCLAIMER["es"] if url.startswith("es/") else DISCLAIMER["en"]
        assert " ".join(words.split()) in " ".join(page.locator(".site-disclaimer").inner_text().split()), url
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
    context.close()
    assert foreign == []
    assert errors == []  # a CSP violation would be reported here


def test_search_works_under_the_csp(page) -> None:
    page.goto("")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("window of tolerance")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0


def _route_exit(context) -> None:
    context.route(EXIT_URL, lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL))


def test_quick_exit_button_leaves_without_a_history_entry(browser, server: str) -> None:
    context = browser.new_context(base_url=server)
    _route_exit(context)
    page = context.new_page()
    page.goto("")
    page.goto("steps/setbacks/")
    length = page.evaluate("history.length")
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == length  # replaced, not added
    page.go_back()  # Back skips the page the reader was on
    assert page.url == server
    context.close()


def test_pressing_shift_three_times_leaves(browser, server: str) -> None:
    context = browser.new_context(base_url=server)
    _route_exit(context)
    page = context.new_page()
    page.goto("understanding/")
    length = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == length
    context.close()


def test_two_shift_presses_do_nothing(page) -> None:
    page.goto("understanding/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("/understanding/")


def test_quick_exit_is_a_working_link_without_javascript(browser, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    _route_exit(context)
    page = context.new_page()
    page.goto("barriers/")
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(EXIT_URL)
    assert "Neutral page" in page.content()
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 375, "height": 667}, {"width": 1280, "height": 800}])
def test_quick_exit_stays_in_view_and_uncovered(browser, server: str, viewport: dict[str, int]) -> None:
    context = browser.new_context(base_url=server, viewport=viewport)
    page = context.new_page()
    page.goto("understanding/body-and-brain/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    exit_link = page.locator("[data-quick-exit]")
    box = exit_link.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('[data-quick-exit]') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top
    assert exit_link.evaluate("el => el.textContent.trim()").startswith("Exit this page")
    context.close()


def test_help_lines_come_from_the_language_s_data_file(page) -> None:
    page.goto("get-help/")
    lines = page.locator(".crisis-lines .help-line")
    assert lines.count() >= 15
    text = page.locator(".crisis-lines").inner_text()
    assert "988 Suicide & Crisis Lifeline" in text and "9-8-8 Suicide Crisis Helpline" in text
    assert page.locator('.crisis-lines a[href="tel:988"]').count() >= 1
    assert page.locator('.crisis-lines a[href^="sms:"]').count() >= 3  # for readers who cannot talk out loud
    for card in ("care-immediate", "care-urgent", "care-non-urgent"):  # when to get help, by urgency
        expect(page.locator(f"#urgent ~ .admonition.{card}").first).to_be_visible()
