"""The real site, built once: strict and warning-free, complete, cross-linked and stable."""
from __future__ import annotations

import gzip
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import build as core
from macros import checks
from macros.config import load_config
from macros.urls import page_url
from tests.conftest import ROOT, SITE_URL, built_pages

CONFIG = load_config(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def content() -> core.Build:
    site, problems = core.load(ROOT / "docs", CONFIG["extra"])
    assert not problems.errors, "\n".join(map(str, problems.errors))
    return site


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class Links(HTMLParser):
    """Collects <a> elements (attributes) inside the article."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append({k: v or "" for k, v in attrs})


def article_links(html: str) -> list[dict[str, str]]:
    start, end = html.index('<article class="md-content__inner'), html.index("</article>")
    parser = Links()
    parser.feed(html[start:end])
    return parser.links


def test_build_is_strict_and_quiet(build: tuple[Path, str]) -> None:
    _, log = build
    assert not [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_real_content_passes_every_check() -> None:
    problems = checks.run(ROOT)
    assert [str(p) for p in problems.errors] == []


def test_nav_lists_every_page_and_every_nav_page_builds(content: core.Build, site: Path) -> None:
    nav = core.nav_sources(CONFIG["nav"])
    assert sorted(src for src, p in content.pages.items() if not p.term_slug) == sorted(nav)
    for src in nav:
        assert (site / page_url(src) / "index.html").exists(), src


def test_every_page_has_front_matter_and_review_dates(content: core.Build, site: Path) -> None:
    for src, page in content.pages.items():
        assert {"title", "reviewed", "review_due", "references"} <= page.meta.keys(), src
        html = html_of(site, page_url(page.src))
        assert "Page last reviewed" in html and "Next review due" in html, src


def test_every_citation_resolves_and_every_reference_is_cited(content: core.Build, site: Path) -> None:
    cited = {key for p in content.pages.values() for key in p.meta.get("references") or []}
    assert cited == set(content.refs)
    refs_html = html_of(site, "references/")
    for key in content.refs:
        assert f'<li id="{key}">' in refs_html
    for url in built_pages(site):
        for link in article_links(html_of(site, url)):
            if "citation" in link.get("class", ""):
                assert link["href"].split("#")[1] in content.refs


def test_glossary_has_40_terms_each_with_a_page_and_in_the_index(content: core.Build, site: Path) -> None:
    assert len(content.terms) >= 40
    index = html_of(site, "glossary/")
    for slug in content.terms:
        assert (site / "glossary" / slug / "index.html").exists()
        assert f'href="{slug}/"' in index, slug
    letters = re.findall(r'<h2 id="letter-(\w)">', index)
    assert letters == sorted(letters) and all(f'href="#letter-{c}"' in index for c in letters)


def test_related_terms_are_linked_both_ways(content: core.Build, site: Path) -> None:
    def related(slug: str) -> set[str]:
        html = html_of(site, f"glossary/{slug}/")
        block = re.search(r'<ul class="term-related">(.*?)</ul>', html)
        return set(re.findall(r'href="\.\./([\w-]+)/"', block.group(1))) if block else set()

    for slug, term in content.terms.items():
        mine = related(slug)
        assert set(term.related) <= mine, slug
        for other in mine:
            assert slug in related(other), (slug, other)


@pytest.mark.parametrize("edition", ["", "es/"])
def test_backlinks_are_exact(content: core.Build, site: Path, edition: str) -> None:
    """A term page lists exactly the pages of its edition whose text links to it."""
    linked: dict[str, set[str]] = {slug: set() for slug in content.terms}
    for url in built_pages(site):
        if url.startswith("es/") != bool(edition):
            continue
        for link in article_links(html_of(site, url)):
            if "term-link" in link.get("class", ""):
                linked[link["data-term"]].add(url.removeprefix(edition))
    for slug in content.terms:
        html = html_of(site, f"{edition}glossary/{slug}/")
        block = re.search(r'<ul class="term-uses">(.*?)</ul>', html)
        listed = set()
        for href in re.findall(r'\shref="([^"#]*)', block.group(1) if block else ""):
            target = posixpath.normpath(f"glossary/{slug}/{href}")
            listed.add("" if target == "." else target + "/")
        assert listed == linked[slug], slug


def test_every_listed_url_resolves_and_every_page_is_listed(site: Path) -> None:
    listed = [line.strip() for line in (ROOT / "urls.txt").read_text().splitlines() if line.strip()]
    missing = [u for u in listed if not (site / u.strip("/") / "index.html").exists()]
    assert missing == [], "these public URLs no longer resolve: add a redirect in mkdocs.yml"
    unlisted = ["/" + u for u in built_pages(site) if "/" + u not in listed]
    assert unlisted == [], "add these new pages to urls.txt"


def test_link_preview_tags_on_every_page(site: Path) -> None:
    for url in built_pages(site):
        html = html_of(site, url)
        for prop in ("og:title", "og:description", "og:image", "og:url", "twitter:card"):
            assert re.search(rf'<meta (?:property|name)="{prop}" content="[^"]+"', html), (url, prop)
        assert f'<meta property="og:url" content="{SITE_URL}{url}">' in html
        edition = "es/" if url.startswith("es/") else ""
        assert f'content="{SITE_URL}{edition}assets/images/social.png"' in html
    assert (site / "assets/images/social.png").stat().st_size > 1000


def test_privacy_by_construction_in_the_html(site: Path) -> None:
    """No tag loads anything from another origin; every page has the CSP and no-referrer policy."""
    remote = re.compile(r'<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc="(?:https?:)?//'
                        r'|<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*href="(?:https?:)?//', re.I)
    for url in built_pages(site):
        html = html_of(site, url)
        assert not remote.search(html), url
        assert "Content-Security-Policy" in html and "default-src 'self'" in html, url
        assert '<meta name="referrer" content="no-referrer">' in html, url
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, url


# --- byte budgets (exact; timings live in `make bench`) ---------------------------------------------

OWN_SCRIPTS = ["assets/js/site.js", "assets/js/checklists.js", "assets/js/boot.js", "assets/js/palette.js"]


def test_own_scripts_are_small(site: Path) -> None:
    assert (site / "assets/js/checklists.js").stat().st_size < 5 * 1024
    assert sum((site / s).stat().st_size for s in OWN_SCRIPTS) < 10 * 1024


def _first_visit(site: Path, url: str) -> int:
    """gzip bytes of the HTML and every stylesheet and script the page links."""
    html = html_of(site, url)
    total = len(gzip.compress(html.encode()))
    for ref in re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', html):
        path = (site / url / ref.split("?")[0]).resolve()
        total += len(gzip.compress(path.read_bytes()))
    return total


@pytest.mark.parametrize("url", ["", "checklists/readiness/"])
def test_first_visit_weight_budget(site: Path, url: str) -> None:
    assert _first_visit(site, url) <= 90 * 1024


def test_content_notes_render_at_the_top(content: core.Build, site: Path) -> None:
    noted = [p for p in content.pages.values() if p.meta.get("content_note")]
    assert len(noted) >= 3  # the guide's pages about abuse and manipulation carry one
    for page in noted:
        html = html_of(site, page_url(page.src))
        after_title = html[html.index("</h1>") + len("</h1>"):].lstrip()
        assert after_title.startswith('<aside class="content-note"') and page.meta["content_note"] in html
    for src in [src for src, p in content.pages.items() if not p.meta.get("content_note")][:5]:
        assert 'class="content-note"' not in html_of(site, page_url(src))


def test_checklists_index_lists_every_checklist(content: core.Build, site: Path) -> None:
    html = html_of(site, "checklists/")
    assert len(content.checklists) >= 6
    for cid, checklist in content.checklists.items():
        assert checklist.title in html
        assert f'href="{cid}/"' in html


def test_search_finds_each_term_where_it_is_explained_not_in_lists_of_links(content: core.Build, site: Path) -> None:
    entries = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {e["title"] for e in entries}
    generated = {CONFIG["extra"]["text"][k] for k in ("related_terms", "where_used", "sources")}
    assert not titles & generated  # term pages' lists of related terms, uses and sources
    assert not [e for e in entries if e["location"].startswith(("clinicians/#dir-", "glossary/#letter-"))]
    for term in content.terms.values():  # each term page is still found, with its text
        assert any(e["location"] == page_url(term.src) and term.title == e["title"] for e in entries), term.slug
    for page in ("clinicians/", "glossary/"):  # and the pages that hold the lists, by their own words
        assert any(e["location"] == page for e in entries), page
    for html in (html_of(site, "glossary/grounding/"), html_of(site, "clinicians/")):
        assert "data-search-exclude" not in html  # the search plugin's marker leaves no trace


def test_every_help_line_has_its_source_and_date(content: core.Build) -> None:
    lines = [line for region in content.help_lines for line in region.lines]
    assert len(lines) >= 15
    for line in lines:
        assert line.source.startswith("https://") and line.verified.year >= 2026, line.name
    kinds = {line.kind for line in lines}
    assert kinds == {"emergency", "crisis", "abuse", "young-people"}
    names = {line.name for line in lines}
    assert {"National Domestic Violence Hotline", "National Domestic Abuse Helpline", "1800RESPECT"} <= names


def test_the_clinical_guidelines_are_cited_where_therapies_are_described(content: core.Build) -> None:
    for key in ("nice2018", "vadod2023", "apa2017"):
        assert key in content.refs, key
        assert key in content.pages["therapy.md"].meta["references"], key
        assert f"cite('{key}')" in content.pages["therapy.md"].doc.body, key
