"""axe-core (WCAG 2.2 AA and best practice) on every built page in light and dark, keyboard order,
reduced motion and zoom."""
from __future__ import annotations

import json
import re
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from tests.conftest import built_pages

pytestmark = pytest.mark.browser
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}


def run_axe(page, tags: list[str]) -> dict:
    # evaluate() runs outside the page's Content-Security-Policy, unlike an injected <script>.
    page.evaluate(AXE)
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)


def summary(violations: list[dict]) -> str:
    return json.dumps([{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in violations], indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_on_any_page(browser, server: str, site: Path, scheme: str) -> None:
    context = browser.new_context(base_url=server, color_scheme="dark" if scheme == "dark" else "light")
    page = context.new_page()
    failures = {}
    for url in built_pages(site):
        page.goto(url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        result = run_axe(page, TAGS)
        if result["violations"]:
            failures[url] = summary(result["violations"])
    context.close()
    assert failures == {}


def test_keyboard_order_starts_with_skip_link_then_quick_exit(page) -> None:
    page.goto("steps/setbacks/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to content"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-quick-exit')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-urgent-help')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # follow the skip link
    assert page.evaluate("document.activeElement.id") == "content-start"


def test_every_focusable_control_shows_focus(page) -> None:
    page.goto("checklists/readiness/")
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                              " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
        if page.evaluate("document.activeElement === document.body"):
            break
        assert style[0] != "none" or style[2] != "none", page.evaluate("document.activeElement.outerHTML")
        seen += 1
    assert seen > 10


def test_reduced_motion_is_honoured(browser, server: str) -> None:
    context = browser.new_context(base_url=server, reduced_motion="reduce")
    page = context.new_page()
    page.goto("")
    durations = page.evaluate("[...document.querySelectorAll('*')].map(e => getComputedStyle(e)"
                              ".transitionDuration).filter(d => d !== '0s').length")
    assert durations == 0
    context.close()


def test_text_at_200_percent_does_not_scroll_sideways(browser, server: str) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 640, "height": 800})
    page = context.new_page()
    for url in ["", "checklists/relationship-safety/", "glossary/window-of-tolerance/"]:
        page.goto(url)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, url
    context.close()


def test_term_tooltips_show_on_keyboard_focus(page) -> None:
    """The definition of a linked term appears when the link gets keyboard focus, and is announced."""
    page.goto("understanding/")
    link = page.locator("a.term-link").first
    slug = link.get_attribute("data-term")
    link.focus()
    expect(link).to_have_attribute("aria-describedby", re.compile(r"\S"))  # set by Material on focus
    tooltip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    definition = (page.context.request.get(f"glossary/{slug}/").text())
    assert tooltip.inner_text().strip()[:40] in definition
