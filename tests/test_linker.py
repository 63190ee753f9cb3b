"""The term matcher and the page-tree linker: word boundaries, case, plurals, aliases, skipped places."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
import pytest

from macros.linker import Matcher, link_tree, scan_source

PHRASES = {
    "window of tolerance": "window-of-tolerance",
    "tolerance": "tolerance",
    "boundary": "boundaries",
    "self-doubt": "self-doubt",
    "fight-or-flight": "sympathetic",
    "IFS": "internal-family-systems",
    "safe person": "safe-person",
    "trust": "trust",
    "self-trust": "self-trust",
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(PHRASES)


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.slug) for m in matcher.find(text)]


def test_whole_words_only(matcher: Matcher) -> None:
    assert found(matcher, "Intolerance and trustworthy people") == []
    assert found(matcher, "We trust.") == [("trust", "trust")]


def test_case_insensitive_but_acronyms_exact(matcher: Matcher) -> None:
    assert found(matcher, "Your Window Of Tolerance") == [("Window Of Tolerance", "window-of-tolerance")]
    assert found(matcher, "IFS can help") == [("IFS", "internal-family-systems")]
    assert found(matcher, "no ifs or buts") == []


def test_plurals_and_possessives(matcher: Matcher) -> None:
    assert found(matcher, "healthy boundaries") == [("boundaries", "boundaries")]
    assert found(matcher, "safe persons and windows of tolerance") == [
        ("safe persons", "safe-person"), ("windows of tolerance", "window-of-tolerance")]
    assert found(matcher, "your window of tolerance's edge") == [("window of tolerance's", "window-of-tolerance")]


def test_longest_alias_wins_over_overlapping_shorter(matcher: Matcher) -> None:
    assert found(matcher, "a wider window of tolerance") == [("window of tolerance", "window-of-tolerance")]
    assert found(matcher, "tolerance alone") == [("tolerance", "tolerance")]


def test_hyphenated_words(matcher: Matcher) -> None:
    assert found(matcher, "Self-doubt is common") == [("Self-doubt", "self-doubt")]
    assert found(matcher, "fight-or-flight mode") == [("fight-or-flight", "sympathetic")]
    assert found(matcher, "fight or flight mode") == [("fight or flight", "sympathetic")]
    # A term inside a longer hyphenated word is not a mention of it.
    assert found(matcher, "rebuilding self-trust") == [("self-trust", "self-trust")]
    assert found(matcher, "a trust-based approach") == []


@pytest.mark.parametrize("text", [
    "**Trust** and _a_ boundary", "![trust](i.png) then [a boundary](p.md) and self-doubt",
    "`trust` in code, then a safe person", "Then <b>trust</b> inside HTML", "{: .x } trust {{ term('self-doubt') }}",
    "| trust | boundary |", "IFS and ifs", "Don’t trust a window of tolerance’s edge",
    "A footnote[^1] about trust", "self-trust versus trust-based"])
def test_the_source_scan_finds_what_the_page_links(matcher: Matcher, text: str) -> None:
    """Backlinks come from the source scan; the page's links from its tree: the two must agree."""
    _, linked = render(text, matcher)
    assert [m.slug for m in scan_source(text, matcher)] == linked


def test_cost_per_word_does_not_depend_on_term_count() -> None:
    small = Matcher({f"term{i} word": f"t{i}" for i in range(10)})
    large = Matcher({f"term{i} word": f"t{i}" for i in range(5000)})
    # A word tries one lookup per length of the phrases it starts, however many terms there are.
    assert small.first["term1"] == large.first["term1"] == [2] and "word" not in large.first


def render(text: str, matcher: Matcher, done: set[str] | None = None) -> tuple[str, list[str]]:
    md = markdown.Markdown(extensions=["admonition", "attr_list", "toc"])
    linked: list[str] = []

    class Linker(markdown.treeprocessors.Treeprocessor):
        def run(self, root: ET.Element) -> None:
            def make(slug: str, label: str) -> ET.Element:
                el = ET.Element("a", {"href": f"{slug}.md", "data-term": slug})
                el.text = label
                return el
            linked.extend(link_tree(root, matcher, make, done))

    md.treeprocessors.register(Linker(md), "linker", 6)
    return md.convert(text), linked


def test_links_first_mention_only(matcher: Matcher) -> None:
    html, linked = render("Trust grows. Trust again.\n\nMore trust.", matcher)
    assert html.count('data-term="trust"') == 1
    assert html.startswith('<p><a data-term="trust" href="trust.md">Trust</a> grows.')
    assert linked == ["trust"]


def test_never_inside_headings_links_code_or_admonition_titles(matcher: Matcher) -> None:
    text = ("## Trust {#t}\n\n[trust me](x.md) and `trust` and\n\n"
            '!!! note "Trust"\n    Body about boundary.\n\n```\ntrust\n```\n')
    html, linked = render(text, matcher)
    assert linked == ["boundaries"]
    assert '<h2 id="t">Trust</h2>' in html


def test_existing_term_link_counts_as_first_mention(matcher: Matcher) -> None:
    html, linked = render('[Trust](trust.md){: data-term="trust" } then trust.', matcher)
    assert linked == [] and html.count("data-term") == 1


def test_own_term_is_never_linked(matcher: Matcher) -> None:
    _, linked = render("Trust and boundaries.", matcher, done={"trust"})
    assert linked == ["boundaries"]


def test_text_in_tails_and_inline_elements(matcher: Matcher) -> None:
    html, linked = render("Some *emphasis* then trust, then **boundary** work.", matcher)
    assert linked == ["trust", "boundaries"]
    assert "<strong><a" in html


def test_scan_source_mirrors_the_tree(matcher: Matcher) -> None:
    body = ("Intro about trust.\n\n## Limits {#limits}\n\nA boundary here and `IFS` in code.\n\n"
            "## More {#more}\n\n{{ term('self-doubt') }} and self-doubt and [IFS](x.md). IFS.\n")
    mentions = scan_source(body, matcher, first_line=10)
    assert [(m.slug, m.anchor, m.line) for m in mentions] == [
        ("trust", None, 10), ("boundaries", "limits", 14), ("self-doubt", "more", 18),
        ("internal-family-systems", "more", 18)]


def test_the_walk_stops_once_the_scanned_mentions_are_linked(matcher: Matcher) -> None:
    text = "Trust first.\n\n[Boundary](glossary/boundaries.md) by hand.\n\nThen self-doubt and a boundary."
    body_mentions = [m.slug for m in scan_source(text, matcher)]
    assert body_mentions == ["trust", "boundaries", "self-doubt"]
    root = ET.fromstring(markdown.markdown(text).join(["<div>", "</div>"]))

    def make(slug: str, label: str) -> ET.Element:
        el = ET.Element("a", {"data-term": slug})
        el.text = label
        return el

    assert link_tree(root, matcher, make, expected=["trust", "boundaries"]) == ["trust"]  # self-doubt not sought
    assert link_tree(ET.fromstring("<p>trust</p>"), matcher, make, expected=[]) == []
    assert link_tree(ET.fromstring("<p>trust</p>"), matcher, make, {"trust"}, expected=["trust"]) == []
