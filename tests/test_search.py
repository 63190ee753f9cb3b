"""What search leaves out: the sections that only list links, marked for Material's search parser."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import build as core
from macros import glossary, references, render
from macros.config import load_config
from macros.render import NOT_SEARCHED
from tests.conftest import ROOT

CONFIG = load_config(ROOT / "mkdocs.yml")


class Nesting(HTMLParser):
    """Finds excluded elements that hold an element of their own kind (Material's parser would end
    the exclusion at the inner element's end tag)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "path"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.nested: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if any(excluded and name == tag for name, excluded in self.open):
            self.nested.append(tag)
        self.open.append((tag, "data-search-exclude" in dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    """The real renderers' excluded pieces, drawn from the real content."""
    build, problems = core.load(ROOT / "docs", CONFIG["extra"])
    assert not problems.errors
    term = build.terms["grounding"]
    related = [build.terms[r] for r in build.related["grounding"]]
    cites = [references.render_citation(build.refs[k], "../references.md") for k in term.page.meta["references"]]
    text = build.text
    return {
        "term page": "".join(glossary.render_term_sections(related, build.backlinks["grounding"], cites,
                                                           str, str, text)),
        "glossary": glossary.render_index(build.terms, str, text),
        "directory": render.directory(build.directory(CONFIG["nav"]), str, str, lambda page: "<svg></svg>", text),
        "dates": render.page_dates(term.page.meta, text),
    }


@pytest.mark.parametrize("name", ["term page", "glossary", "directory", "dates"])
def test_no_excluded_element_holds_one_of_its_own_kind(generated: dict[str, str], name: str) -> None:
    assert NOT_SEARCHED in generated[name]
    parser = Nesting()
    parser.feed(generated[name])
    assert parser.nested == []


def test_the_real_index_leaves_out_the_lists_and_keeps_the_words(site: Path) -> None:
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    text = CONFIG["extra"]["text"]
    titles = {e["title"] for e in entries}
    assert not titles & {text[k] for k in ("related_terms", "where_used", "sources")}
    assert not [e for e in entries if e["location"].startswith(("clinicians/#dir-", "glossary/#letter-"))]
    joined = " ".join(e["text"] for e in entries)
    for words in (text["printed_from"], text["review_due"], "QR code for"):
        assert words not in joined  # print footers and review dates are not search results
    grounding = next(e for e in entries if e["location"] == "glossary/grounding/")
    assert "steady" in grounding["text"].lower() or grounding["text"]  # the term's own words are found
