"""Checklists in Chromium: live tally, clear, privacy of answers, keyboard use and print."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
URL = "checklists/readiness/"


def storage(page) -> dict[str, str]:
    """What the site keeps on the device: localStorage (the theme's light/dark choice is per tab only)."""
    return page.evaluate("Object.fromEntries(Object.entries(localStorage))")


def boxes(page):
    return page.locator('form[data-checklist="readiness"] input[type=checkbox][name]')


def test_html_contract(page) -> None:
    page.goto(URL)
    form = page.locator('form[data-checklist="readiness"]')
    assert form.locator("fieldset > legend").count() >= 1
    first = boxes(page).first
    item_id = first.get_attribute("id")
    assert item_id.startswith("readiness-")
    assert form.locator(f'label[for="{item_id}"]').count() == 1
    assert form.locator('[aria-live="polite"]').count() == 1
    assert form.get_by_role("button", name="Clear my answers").is_visible()


def test_ticking_updates_the_live_text_and_clear_empties_it(page) -> None:
    page.goto(URL)
    status = page.locator('form[data-checklist="readiness"] [aria-live="polite"]')
    total = boxes(page).count()
    boxes(page).nth(0).check()
    expect(status).to_contain_text(f"You ticked 1 of {total}.")
    boxes(page).nth(1).check()
    expect(status).to_contain_text(f"You ticked 2 of {total}.")
    reflection = page.locator(".checklist__key li.is-current .checklist__reflection")
    expect(reflection).to_have_count(1)
    assert reflection.inner_text() in status.inner_text()
    page.get_by_role("button", name="Clear my answers").click()
    expect(status).to_have_text("Your answers are cleared. Nothing is kept.")
    assert boxes(page).evaluate_all("bs => bs.filter(b => b.checked).length") == 0


def test_nothing_is_kept_or_sent_without_opt_in(browser, server: str) -> None:
    context = browser.new_context(base_url=server)
    page = context.new_page()
    requests: list[str] = []
    page.goto(URL)
    page.on("request", lambda r: requests.append(r.url))
    boxes(page).nth(0).check()
    boxes(page).nth(2).check()
    assert storage(page) == {}
    assert context.cookies() == []
    page.reload()
    assert boxes(page).evaluate_all("bs => bs.filter(b => b.checked).length") == 0
    assert storage(page) == {}
    assert [r for r in requests if not r.startswith(server)] == []
    assert all(not r.endswith(".json") or "search" in r for r in requests)
    context.close()


def test_remember_on_this_device_restores_and_clear_removes(page) -> None:
    page.goto(URL)
    boxes(page).nth(1).check()
    page.get_by_label("Remember on this device").first.check()
    assert list(storage(page)) == ["trust-guide.checklist.readiness"]
    page.reload()
    assert boxes(page).nth(1).is_checked()
    assert page.get_by_label("Remember on this device").first.is_checked()
    page.get_by_role("button", name="Clear my answers").click()
    expect(page.locator("[data-status]")).to_contain_text("cleared")
    assert storage(page) == {}
    page.reload()
    assert not boxes(page).nth(1).is_checked()


def test_support_message_appears_for_any_support_item(page) -> None:
    page.goto("checklists/stability-first/")
    note = page.locator("[data-support-note]")
    expect(note).to_be_hidden()
    page.locator('form[data-checklist="stability-first"] input[data-route="support"]').first.check()
    expect(note).to_be_visible()
    assert note.locator('a[href$="steps/support/"]').count() == 1
    assert page.locator("[data-urgent]").is_hidden()  # a gentle item never sends the reader to crisis lines


def test_relationship_checklist_has_green_red_and_danger_groups(page) -> None:
    page.goto("checklists/relationship-safety/")
    groups = page.locator('form[data-checklist="relationship-safety"] fieldset[data-group]')
    assert groups.evaluate_all("gs => gs.map(g => g.dataset.group)") == ["green", "red", "danger"]


@pytest.mark.parametrize(("url", "route", "line"), [
    ("checklists/relationship-safety/", "danger", "National Domestic Abuse Helpline"),
    ("checklists/stability-first/", "self-harm", "Samaritans"),
])
def test_danger_and_self_harm_items_show_urgent_help_at_once(page, url: str, route: str, line: str) -> None:
    page.goto(url)
    card = page.locator(f'[data-urgent="{route}"]')
    expect(card).to_be_hidden()
    items = page.locator(f'input[data-route="{route}"]')
    assert items.count() >= (7 if route == "danger" else 1)
    for i in range(items.count()):  # every one of them, alone
        items.nth(i).check()
        expect(card).to_be_visible()
        assert card.locator(".admonition-title").inner_text().startswith("Immediate action required")
        assert page.locator("[data-status]").inner_text().startswith("Immediate action required")
        items.nth(i).uncheck()
        expect(card).to_be_hidden()
    items.first.check()
    assert line in card.inner_text()
    assert card.locator('a[href^="tel:"]').count() >= 3 and card.locator('a[href$="get-help/#help-lines"]').count() == 1
    if route == "self-harm":  # some readers cannot talk out loud: text and chat lines too
        assert card.locator('a[href^="sms:"]').count() >= 1


@pytest.mark.parametrize("url", ["checklists/relationship-safety/", "checklists/stability-first/"])
def test_without_javascript_urgent_help_is_printed_beside_the_items(browser, server: str, url: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    for item in page.locator('li:has(input[data-route="danger"]), li:has(input[data-route="self-harm"])').all():
        expect(item.locator('.checklist__route a[href$="get-help/#urgent"]')).to_be_visible()
    expect(page.locator("[data-urgent]")).to_be_visible()
    context.close()


@pytest.mark.parametrize("cid", ["relationship-safety", "stability-first"])
def test_a_sensitive_checklist_never_offers_to_remember(page, cid: str) -> None:
    page.goto(f"checklists/{cid}/")
    form = page.locator(f'form[data-checklist="{cid}"]')
    assert form.locator("[data-remember]").count() == 0 and form.get_by_text("Remember on this device").count() == 0
    page.evaluate(f"localStorage.setItem('trust-guide.checklist.{cid}', '[]')")  # kept before it became sensitive
    page.reload()
    form.locator("input[name]").first.check()
    assert storage(page) == {}
    expect(form.locator(".checklist__privacy")).to_contain_text("never saves them")


def test_every_band_of_every_checklist_shows_a_route_to_support(page, site) -> None:
    """Whatever the count, in every group of every checklist, the reader sees where to find support."""
    for html in sorted((site / "checklists").glob("*/index.html")):
        page.goto(f"checklists/{html.parent.name}/")
        for form in page.locator("form[data-checklist]").all():
            for key in form.locator(".checklist__key").all():
                group = key.get_attribute("data-group")
                scope = form.locator(f'fieldset[data-group="{group}"]') if form.locator(
                    f'fieldset[data-group="{group}"]').count() else form
                inputs = scope.locator("input[name]")
                for band in key.locator("li[data-min]").all():
                    form.locator("button[type=reset]").click()
                    for i in range(int(band.get_attribute("data-min"))):
                        inputs.nth(i).check()
                    expect(band).to_have_class(re.compile(r"\bis-current\b"))
                    route = form.locator('.checklist__always a[href$="steps/support/"]')
                    expect(route).to_be_visible()


def test_whole_checklist_works_by_keyboard_alone(page) -> None:
    page.goto(URL)
    first = boxes(page).first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("Tab")  # moves on through the list, then to the controls
    for _ in range(40):
        if page.evaluate("document.activeElement.type") == "reset":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Clear my answers"
    page.keyboard.press("Enter")
    expect(first).not_to_be_checked()


def test_without_javascript_the_list_and_key_still_read(browser, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto(URL)
    assert boxes(page).count() >= 5
    assert page.locator(".checklist__key li[data-min]").first.is_visible()
    assert page.locator("[data-controls]").is_hidden()  # controls that need JavaScript stay out of the way
    context.close()


def test_print_hides_controls_and_shows_boxes_and_address(page) -> None:
    page.goto(URL)
    boxes(page).first.check()
    page.emulate_media(media="print")
    assert page.locator("[data-controls]").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert boxes(page).first.is_visible()
    footer = page.locator(".print-footer")
    assert footer.is_visible() and "checklists/readiness/" in footer.inner_text()
