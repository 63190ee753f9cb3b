"""Checklists in Chromium: live tally, clear, privacy of answers, keyboard use and print."""
from __future__ import annotations

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
    page.locator('form[data-checklist="stability-first"] input[data-support]').first.check()
    expect(note).to_be_visible()
    assert note.locator('a[href$="get-help/"]').count() == 1
    assert note.inner_text() in page.locator("[data-status]").inner_text()


def test_relationship_checklist_has_two_groups(page) -> None:
    page.goto("checklists/relationship-safety/")
    groups = page.locator('form[data-checklist="relationship-safety"] fieldset[data-group]')
    assert groups.count() == 2


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
