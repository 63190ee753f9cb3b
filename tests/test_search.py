"""The search hook: Material's search index comes out the same, without parsing what it drops."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml
from material.plugins.search.plugin import Parser, SearchIndex
from mkdocs.config import load_config

from macros import glossary, references, render
from macros import site as core
from macros.checks import _ConfigLoader
from macros.search import NOT_SEARCHED, searchable
from tests.conftest import ROOT

EXTRA = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)["extra"]
INTRO = '<h1 id="t">Title</h1>\n<p>Words to <strong>find</strong>.</p>\n'
AFTER = '<h2 id="more">More</h2>\n<p>Found <em>too</em>.</p>\n'


def entries(html: str) -> list[dict]:
    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(content=html, meta={}, toc=[], url="p/", title="P"))
    return index.entries


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    """The real renderers' sections that search skips, drawn from the real content."""
    site, problems = core.load(ROOT / "docs", EXTRA)
    assert not problems.errors
    term = site.terms["grounding"]
    related = [site.terms[r] for r in site.related["grounding"]]
    cites = [references.render_citation(site.refs[k], "../references.md") for k in term.page.meta["references"]]
    text = site.text
    return {
        "term page": "".join(glossary.render_term_sections(related, site.backlinks["grounding"], cites,
                                                           str, str, text)),
        "glossary": glossary.render_index(site.terms, str, text),
        "directory": render.directory([("Pages", [("Home", "index.md", "https://x/")]),
                                       ("Terms", [(t.title, t.src, "https://x/") for t in site.terms.values()])],
                                      str, str, "Copy", "Copied", "QR code for {title}"),
    }


@pytest.mark.parametrize("name", ["term page", "glossary", "directory"])
def test_generated_link_lists_are_not_parsed_and_the_index_is_unchanged(generated: dict[str, str], name: str) -> None:
    html = INTRO + generated[name] + AFTER
    assert NOT_SEARCHED in generated[name]
    cut = searchable(html)
    assert NOT_SEARCHED not in cut and len(cut) < len(INTRO + AFTER) + len(generated[name]) / 2
    assert entries(cut) == entries(html)
    assert entries(html)[-1]["title"] == "More"


X = f'<h2 id="x"{NOT_SEARCHED}>X</h2>'


@pytest.mark.parametrize(("html", "cut"), [
    # a skipped section inside another element ends with it: what follows belongs to the section before
    (f'{INTRO}<div>{X}<p>skipped</p></div><p>kept</p>{AFTER}', f'{INTRO}<div></div><p>kept</p>{AFTER}'),
    (f'{INTRO}{X}<p title="a/> b">skipped<br/><img src="i"><svg><path d=""/></svg></p>', INTRO),
    # where a plain scan of tags could misjudge the section's end, search parses it as usual
    (f'{INTRO}{X}<div><h3 id="y">Y</h3><p>kept</p></div><p>skipped</p>{AFTER}', None),
    (f'{INTRO}<div>{X}<!-- </div> --><p>skipped</p></div><p>kept</p>{AFTER}', None),
    (f'{INTRO}<div>{X}<script>"</div>"</script><p>skipped</p></div><p>kept</p>{AFTER}', None),
])
def test_sections_that_nest_or_hold_more_than_elements_index_the_same(html: str, cut: str | None) -> None:
    assert searchable(html) == (cut or html)
    assert entries(searchable(html)) == entries(html)


def test_the_site_config_hands_search_the_pages_without_what_it_skips(generated: dict[str, str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    fed: list[str] = []
    monkeypatch.setattr(Parser, "feed", lambda self, data: fed.append(data))
    page = SimpleNamespace(content=INTRO + generated["term page"] + AFTER, meta={}, toc=[], url="p/", title="P")
    config.plugins["material/search"].search_index.add_entry_from_context(page)
    assert fed == [INTRO + AFTER]
    assert page.content == INTRO + generated["term page"] + AFTER  # the page itself keeps everything
