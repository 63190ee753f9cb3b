"""Designed for a reader in distress, checked as a reader meets it: on a phone (390x844) and a desktop
(1366x900), light and dark. The front door's choices in the first screen(s), safety text at full size,
care cards that say their level, a compact A-Z, and diagrams that are named, described, follow the
palette, print and scale. Screenshots for reviewers go to tests/.output/design/ (not compared)."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_browser_accessibility import AXE, TAGS, summary

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = ("light", "dark")
OUTPUT = ROOT / "tests" / ".output" / "design"
DIAGRAM_PAGES = {"glossary/window-of-tolerance/": "window-of-tolerance",
                 "understanding/body-and-brain/": "three-states", "steps/": "steps-path"}
CARE = {  # the HTML that `!!! care-...` writes and that checklist results emit
    "care-non-urgent": "Non-urgent advice: talk to someone you trust",
    "care-urgent": "Urgent advice: get help today",
    "care-immediate": "Immediate action required: call your emergency number now",
}
CARE_HTML = "".join(f'<div class="admonition {kind}"><p class="admonition-title">{title}</p>'
                    f'<p>Some words in the card, with <a href="#">a link</a>.</p></div>'
                    for kind, title in CARE.items())

# Relative luminance and contrast (WCAG), for colours the browser has computed as rgb()/rgba().
CONTRAST_JS = """(() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  window.__lum = lum;
  window.__contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
})()"""


@pytest.fixture
def open_page(browser, server: str):
    """A page in a fresh context of the given size and colour scheme."""
    contexts = []

    def make(url: str, viewport: dict[str, int] = PHONE, scheme: str = "light", **kwargs):
        context = browser.new_context(base_url=server, viewport=viewport, color_scheme=scheme, **kwargs)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.evaluate(CONTRAST_JS)
        return page

    yield make
    for context in contexts:
        context.close()


def axe(page, context: object = None, tags: list[str] | None = None) -> list[dict]:
    page.evaluate(AXE)
    result = page.evaluate("([ctx, tags]) => axe.run(ctx || document, {runOnly: {type: 'tag', values: tags}})",
                           [context, (tags or TAGS) + ["best-practice"]])
    return result["violations"]


def body_size(page) -> float:
    """The size of ordinary text in the article (the reader's body text)."""
    return page.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)")


def box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left,"
        " right: r.right, width: r.width, height: r.height}; }")


# --- the front door ------------------------------------------------------------------------------

def choices(page):
    return page.locator(".home-choices > ul > li")


def test_home_is_a_landing_page_built_from_markdown(open_page) -> None:
    page = open_page("")
    assert page.locator(".home").count() == 1  # overrides/home.html
    assert 3 <= choices(page).count() <= 4
    texts = [choices(page).nth(i).inner_text() for i in range(choices(page).count())]
    assert any(t.startswith("Get help now") for t in texts)
    for i in range(choices(page).count()):  # one link per card, and one line of text under it
        card = choices(page).nth(i)
        assert card.locator("a").count() == 1 and card.locator("p").count() == 2
    for anchor in ("who", "how-to-use"):  # clinicians link to these
        assert page.locator(f"h2#{anchor}").count() == 1
    assert page.locator("[data-quick-exit]").count() == 1 and page.locator("[data-urgent-help]").count() == 1
    assert "not medical advice" in page.locator(".site-disclaimer").inner_text()
    assert page.locator(".md-sidebar--secondary[hidden]").count() == 1  # no table of contents on the front door


def test_on_a_phone_the_welcome_and_get_help_are_in_the_first_screen(open_page) -> None:
    page = open_page("", PHONE)
    height = PHONE["height"]
    welcome = box(page, ".home-welcome")
    assert welcome["top"] >= 0 and welcome["bottom"] <= height
    help_card = box(page, ".home-choices > ul > li:has(a[href$='get-help/'])")
    assert help_card["top"] >= 0 and help_card["bottom"] <= height, help_card
    for i in range(choices(page).count()):  # every choice ends within the first two screens
        assert choices(page).nth(i).bounding_box()["y"] + choices(page).nth(i).bounding_box()["height"] <= 2 * height


def test_on_a_desktop_every_choice_is_in_the_first_screen(open_page) -> None:
    page = open_page("", DESKTOP)
    for i in range(choices(page).count()):
        card = choices(page).nth(i).bounding_box()
        assert card["y"] >= 0 and card["y"] + card["height"] <= DESKTOP["height"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_whole_card_is_the_link_and_shows_focus(open_page, viewport: str) -> None:
    page = open_page("", VIEWPORTS[viewport])
    for i in range(choices(page).count()):
        card = choices(page).nth(i)
        href = card.locator("a").get_attribute("href")
        b = card.bounding_box()
        for x, y in ((b["x"] + b["width"] - 6, b["y"] + b["height"] - 6), (b["x"] + 6, b["y"] + b["height"] - 6)):
            hit = page.evaluate("([x, y]) => { const a = document.elementFromPoint(x, y).closest('a');"
                                " return a && a.getAttribute('href'); }", [x, y])
            assert hit == href, (href, x, y)
    link = choices(page).first.locator("a")
    page.keyboard.press("Tab")  # keyboard use, so that focus is shown
    link.focus()
    ring = link.evaluate("a => { const s = getComputedStyle(a, '::after'); return [s.outlineStyle, s.outlineWidth,"
                         " a.closest('li').getBoundingClientRect().width - parseFloat(s.width)]; }")
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2 and abs(ring[2]) <= 4  # around the whole card
    link.click()
    page.wait_for_url("**/understanding/")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_home_passes_axe_with_best_practice_rules(open_page, scheme: str) -> None:
    for viewport in VIEWPORTS.values():
        page = open_page("", viewport, scheme)
        violations = axe(page)
        assert violations == [], summary(violations)


# --- text at full size ---------------------------------------------------------------------------

FULL_SIZE = [".admonition", ".admonition-title", ".admonition p", ".site-disclaimer p", ".content-note p",
             ".home-choices a", ".home-choices p"]


@pytest.mark.parametrize("url", ["", "steps/setbacks/", "checklists/stability-first/", "get-help/"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_safety_text_and_card_text_are_never_smaller_than_body_text(open_page, url: str, viewport: str) -> None:
    page = open_page(url, VIEWPORTS[viewport])
    body = body_size(page)
    found = 0
    for selector in FULL_SIZE:
        sizes = page.locator(selector).evaluate_all("es => es.map(e => parseFloat(getComputedStyle(e).fontSize))")
        found += len(sizes)
        assert all(size >= body - 0.01 for size in sizes), (selector, sizes, body)
    assert found >= 1  # at least the disclaimer


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_admonition_title_bars_span_their_box(open_page, scheme: str, viewport: str) -> None:
    page = open_page("steps/setbacks/", VIEWPORTS[viewport], scheme)
    bars = page.locator(".admonition > .admonition-title").evaluate_all(
        "ts => ts.map(t => [t.getBoundingClientRect().width, t.parentElement.clientWidth])")
    assert bars
    for title, inner in bars:
        assert title >= inner - 1, (title, inner)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_care_cards_say_their_level_at_full_size_in_distinct_high_contrast_styles(open_page, scheme: str,
                                                                                  viewport: str) -> None:
    page = open_page("get-help/", VIEWPORTS[viewport], scheme)
    page.evaluate("html => document.querySelector('article').insertAdjacentHTML('afterbegin', html)", CARE_HTML)
    body = body_size(page)
    seen = set()
    for kind, title in CARE.items():
        card = page.locator(f".admonition.{kind}").first
        heading = card.locator(".admonition-title")
        assert heading.inner_text().strip() == title  # the words say the level, not only the colour
        style = heading.evaluate("t => { const s = getComputedStyle(t), c = getComputedStyle(t.parentElement);"
                                 " return {size: parseFloat(s.fontSize), text: s.color, bg: s.backgroundColor,"
                                 " border: c.borderLeftColor, cardBg: c.backgroundColor, width: t.offsetWidth,"
                                 " inner: t.parentElement.clientWidth, icon: getComputedStyle(t, '::before').display,"
                                 " bodySize: parseFloat(getComputedStyle(t.nextElementSibling).fontSize)}; }")
        assert style["size"] >= body and style["bodySize"] >= body - 0.01, style
        assert page.evaluate("([a, b]) => __contrast(a, b)", [style["text"], style["bg"]]) >= 4.5, style
        assert style["width"] >= style["inner"] - 1 and style["icon"] == "none"
        seen.add((style["bg"], style["border"], style["cardBg"]))
    assert len(seen) == 3  # three distinct looks
    violations = axe(page, {"include": [[".admonition.care-non-urgent"], [".admonition.care-urgent"],
                                        [".admonition.care-immediate"]]})
    assert violations == [], summary(violations)


def test_care_cards_in_the_content_are_styled_too(open_page) -> None:
    """Wherever the guide already uses care cards (Get help now, checklist results), they get the style."""
    for url in ("get-help/", "checklists/stability-first/"):
        page = open_page(url)
        for card in page.locator(".admonition[class*='care-']").all():
            title = card.locator(".admonition-title")
            levels = {"Non-urgent advice", "Urgent advice", "Immediate action required"}
            assert title.inner_text().split(":")[0] in levels
            assert title.evaluate("t => getComputedStyle(t).color") == "rgb(255, 255, 255)"


# --- the A-Z -------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_glossary_a_to_z_is_compact_with_targets_of_at_least_24px(open_page, viewport: str) -> None:
    page = open_page("glossary/", VIEWPORTS[viewport])
    az = page.locator("nav.glossary-az")
    assert az.bounding_box()["height"] <= 120
    letters = az.locator("li > *")
    assert "".join(letters.all_inner_texts()).replace("#", "")[:26] == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for size in letters.evaluate_all("es => es.map(e => [e.getBoundingClientRect().width, "
                                     "e.getBoundingClientRect().height])"):
        assert size[0] >= 24 and size[1] >= 24, size
    links = az.locator("a")
    headings = page.locator("h2[id^='letter-']")
    assert links.count() == headings.count() > 0  # a link for each letter that has terms, and only those
    for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1
    assert az.locator("span").evaluate_all("ss => ss.every(s => !s.closest('a'))")


# --- diagrams ------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url", DIAGRAM_PAGES)
def test_each_diagram_is_a_named_described_image_that_passes_axe(open_page, url: str, scheme: str) -> None:
    page = open_page(url, PHONE, scheme)
    svg = page.locator(".diagram > svg")
    assert svg.count() == 1
    facts = svg.evaluate("s => ({role: s.getAttribute('role'),"
                         " name: document.getElementById(s.getAttribute('aria-labelledby')).textContent,"
                         " desc: document.getElementById(s.getAttribute('aria-describedby')).textContent})")
    assert facts["role"] == "img" and facts["name"].strip() and len(facts["desc"].split()) >= 20
    assert page.get_by_role("img", name=facts["name"].strip()).count() == 1  # the browser's accessible name
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert page.locator(f"#diagram-{DIAGRAM_PAGES[url]}-title").count() == 1
    violations = axe(page, {"include": [[".diagram"]]})
    assert violations == [], summary(violations)


@pytest.mark.parametrize("url", DIAGRAM_PAGES)
def test_diagrams_follow_the_palette_with_readable_text(open_page, url: str) -> None:
    colours = {}
    for scheme in SCHEMES:
        page = open_page(url, PHONE, scheme)
        colours[scheme] = page.evaluate("""() => {
          const f = s => [...document.querySelectorAll('.diagram ' + s)].map(e => getComputedStyle(e).fill);
          const bg = getComputedStyle(document.body).backgroundColor;
          const fills = [...f('.d-settled'), ...f('.d-alarm'), ...f('.d-shutdown'), ...f('.d-card'), ...f('.d-step'),
                         bg];
          const texts = [...f('.d-text')];
          const worst = Math.min(...texts.flatMap(t => fills.map(b => __contrast(t, b))));
          return {text: texts[0], page: getComputedStyle(document.querySelector('article')).color, zones: fills, worst};
        }""")
        assert colours[scheme]["text"] == colours[scheme]["page"]  # words in the picture take the text colour
        assert colours[scheme]["worst"] >= 4.5, colours[scheme]
    assert colours["light"]["zones"] != colours["dark"]["zones"]


def test_diagrams_print_dark_on_light_even_from_the_dark_palette(open_page) -> None:
    page = open_page("understanding/body-and-brain/", DESKTOP, "dark")
    page.emulate_media(media="print")
    text, zone, display = page.evaluate("""() => [getComputedStyle(document.querySelector('.diagram .d-text')).fill,
        getComputedStyle(document.querySelector('.diagram .d-alarm')).fill,
        getComputedStyle(document.querySelector('.diagram')).display]""")
    assert display != "none"
    assert page.evaluate("([t, z]) => __lum(t) < 0.05 && __lum(z) > 0.6 && __contrast(t, z) >= 7", [text, zone])


@pytest.mark.parametrize("url", DIAGRAM_PAGES)
def test_diagrams_scale_to_200_percent_without_loss(open_page, url: str) -> None:
    """Zoom at 200% (a 1366 px screen is then 683 px wide) and text at 200%: the whole picture stays in
    view, keeps its shape and never makes the page scroll sideways."""
    for viewport, text_zoom in (({"width": 683, "height": 450}, False), (PHONE, True), (DESKTOP, True)):
        page = open_page(url, viewport)
        if text_zoom:
            page.evaluate("document.documentElement.style.fontSize = '200%'")
        fit = page.evaluate("""() => { const s = document.querySelector('.diagram svg'), r = s.getBoundingClientRect();
            const v = s.viewBox.baseVal, box = s.parentElement.getBoundingClientRect();
            return {ratio: Math.abs(r.width / r.height - v.width / v.height), inside: r.left >= box.left - 0.5
              && r.right <= box.right + 0.5, width: r.width,
              overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth}; }""")
        assert fit["ratio"] < 0.01 and fit["inside"] and fit["width"] >= 250 and fit["overflow"] <= 1, (viewport, fit)


# --- screenshots for reviewers -------------------------------------------------------------------

SHOTS = {"home": "", "step": "steps/nervous-system-safety/", "checklist-result": "checklists/stability-first/",
         "get-help": "get-help/"}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_for_reviewers(open_page, viewport: str, scheme: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    written = []
    for name, url in SHOTS.items():
        page = open_page(url, VIEWPORTS[viewport], scheme, reduced_motion="reduce")
        if name == "checklist-result":  # tick an item that points to support, then show the result
            page.locator("form[data-checklist] input[data-route=\"support\"]").first.check()
            page.locator("form[data-checklist] input[type=checkbox][name]").nth(1).check()
            page.locator("[data-status]").scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -120)")
        path = OUTPUT / f"{name}-{viewport}-{scheme}.png"
        page.screenshot(path=str(path), full_page=name in ("step", "get-help"))  # the home: its first screen
        written.append(path)
    assert all(p.stat().st_size > 10_000 for p in written)
    (OUTPUT / "README.txt").write_text("Screenshots from tests/test_browser_design.py, for reviewers. "
                                       "They are not compared pixel by pixel.\n", encoding="utf-8")

