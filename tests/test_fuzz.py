"""Fuzzing the core's load and render with random and hostile content (Hypothesis).

The property: either the content check reports problems, each naming a file and a line with what is
wrong and how to fix it, or every plain-text field comes out only as text: a sentinel placed in any
field never reaches the HTML as markup. Cases worth keeping live in tests/fixtures/fuzz-corpus/, which
a full build checks (test_site.py).
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from macros import build as core
from macros import checklists, glossary, helplines, references, render
from macros.cli import ENGINES, build_site
from macros.config import load_config
from tests.conftest import ROOT
from tests.test_content_errors import make_project
from tests.test_engines import need_zensical

EXTRA = load_config(ROOT / "mkdocs.yml")["extra"]
SENTINEL = "\"'><x-fuzz>"
ADVERSARIAL = [SENTINEL, "{{ page.title }}", "{% include 'x' %}", "{#! note !#}", "no", "null", "1e3", "2026-02-30",
               "~", "&amp; &lt;", "\u202eevil", "\x00", "a\x0bb", "日本語 ünïcødé 🙂", "x" * 5000, "TODO: fill me",
               "javascript:alert(1)", "https://example.org/\"><x-fuzz>", "' OR 1=1", "\\", "---", ": colon"]

sound = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='<>"{}'), min_size=1,
               max_size=60).filter(lambda t: t.strip() and "TODO:" not in t)
hostile = st.one_of(st.text(max_size=80), st.sampled_from(ADVERSARIAL),
                    st.builds(lambda a, b: f"{a} {SENTINEL} {b}", st.text(max_size=20), st.text(max_size=20)),
                    st.integers(), st.booleans(), st.none(), st.lists(st.sampled_from(ADVERSARIAL), max_size=3),
                    st.dates().map(str), st.just({"nested": "mapping"}))


@st.composite
def checklist(draw: st.DrawFn) -> dict[str, Any]:
    """A sound checklist (grouped or not, with routes), its bands covering every count."""
    n = draw(st.integers(1, 4))
    items = [{"id": f"item-{i}", "text": draw(sound)} for i in range(n)]
    for it in items:
        route = draw(st.sampled_from([None, "danger", "self-harm", "support"]))
        if route:
            it["route"] = route
    cut = draw(st.integers(0, n - 1))
    bands = [{"min": 0, "max": cut, "reflection": draw(sound), "next": ["index.md"]},
             {"min": cut + 1, "max": n, "reflection": draw(sound)}]
    data: dict[str, Any] = {"id": "c", "title": draw(sound), "intro": draw(sound), "instructions": draw(sound),
                            "sensitive": draw(st.booleans())}
    if draw(st.booleans()):
        data["groups"] = [{"id": "g", "title": draw(sound), "items": items, "bands": bands}]
    else:
        data.update(items=items, bands=bands)
    return data


@st.composite
def content(draw: st.DrawFn) -> dict[str, Any]:
    """Every kind of content file with sound fields; then one field, or one structure, made hostile."""
    page = {"title": draw(sound), "description": draw(sound), "reviewed": "2026-01-10", "review_due": "2027-01-10",
            "references": ["r"], "content_note": draw(sound)}
    term = {"title": "Grounding", "definition": draw(sound), "aliases": draw(st.lists(sound, max_size=2)),
            "related": [], "references": [], "reviewed": "2026-01-10", "review_due": "2027-01-10"}
    ref = {"cite": draw(sound), "authors": draw(sound), "year": draw(st.integers(1900, 2030)), "title": draw(sound),
           "url": "https://example.org/"}
    line = {"name": draw(sound), "kind": "crisis", "phone": "116 123", "sms": "85258", "detail": draw(sound),
            "source": "https://example.org/", "verified": "2026-11-01"}
    c = {"page": page, "term": term, "checklist": draw(checklist()), "ref": ref,
         "help": {"regions": [{"region": draw(sound), "lines": [line]}]}, "garbage": None}
    targets = [(page, k) for k in page] + [(term, k) for k in term] + [(ref, k) for k in ref] + [
        (line, k) for k in line] + [(c["help"]["regions"][0], "region"), (c["checklist"], "title"),
        (c["checklist"], "intro"), (c["checklist"], "sensitive")]
    groups = c["checklist"].get("groups") or [c["checklist"]]
    targets += [(it, k) for it in groups[0]["items"] for k in ("id", "text", "route")]
    targets += [(b, k) for b in groups[0]["bands"] for k in ("min", "max", "reflection")]
    choice = draw(st.integers(-2, len(targets) - 1))
    if choice >= 0:  # one field becomes anything at all
        where, key = targets[choice]
        where[key] = draw(hostile)
    elif choice == -2:  # or a whole file is broken
        c["garbage"] = draw(st.sampled_from(["checklist", "term"]))
    return c


def write(docs: Path, c: dict[str, Any]) -> None:
    def front(meta: dict[str, Any], body: str) -> str:
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body
    files = {
        "index.md": front(c["page"], "Some text about grounding {{ cite('r') }}.\n\n{{ checklist('c') }}\n"),
        "references.md": front(c["page"], "{{ reference_list() }}\n"),
        "glossary/grounding.md": front(c["term"], "Grounding is a skill.\n"),
        "_data/checklists/c.yml": yaml.safe_dump(c["checklist"], allow_unicode=True),
        "_data/references/r.yml": yaml.safe_dump(c["ref"], allow_unicode=True),
        "_data/help-lines/en.yml": yaml.safe_dump(c["help"], allow_unicode=True),
    }
    if c["garbage"] == "checklist":
        files["_data/checklists/c.yml"] = "id: c\ntitle: [unclosed\n  - {"
    elif c["garbage"] == "term":
        files["glossary/grounding.md"] = "---\n" + files["glossary/grounding.md"][4:].replace(":", "", 1)
    for name, body in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")


def rendered(build: core.Build) -> str:
    """Everything the core writes for these files: what the macros and the Markdown extension output."""
    term = build.terms["grounding"]
    text = build.text
    build.current_src = lambda: "glossary/grounding.md"
    md = markdown.Markdown(extensions=["attr_list", "toc", "macros.extension"],
                           extension_configs={"macros.extension": {"build": build}})
    parts = [
        md.convert(term.page.doc.body),
        glossary.render_index(build.terms, str, text),
        checklists.render(build.checklists["c"], str, {}, text, str,
                          lambda route: helplines.render(build.help_lines, text)),
        render.directory(build.directory(["index.md"]), str, str, lambda page: "<svg></svg>", text),
        references.render_list([references.render_entry(ref, [(p.src, p.title) for p in used], "Used in:")
                                for ref, used in build.reference_entries()]),
        helplines.render(build.help_lines, text),
    ]
    build.current_src = lambda: "index.md"
    parts.append(md.reset().convert(build.pages["index.md"].doc.body))
    return "\n".join(parts)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content())
def test_content_is_reported_or_comes_out_as_text(c: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        write(docs, c)
        build, problems = core.load(docs, EXTRA, dt.date(2026, 12, 1), site_url="https://guide.test/")
        event("reported" if problems.errors else "rendered")
        if problems.errors:
            for p in problems.errors:
                assert p.path.startswith("docs/") and (Path(tmp) / p.path).exists(), str(p)
                assert p.line >= 1 and p.what and p.fix and "\n" not in str(p), str(p)
            return
        html = rendered(build)
        assert "<x-fuzz>" not in html, html[:2000]
        assert not re.search(r"<script|\son\w+=|(?:href|src)=\"\s*javascript:", html), html[:2000]


CORPUS = Path(__file__).parent / "fuzz-corpus"


class Page(HTMLParser):
    """Meta tags, link titles and the text of the elements a check looks for, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.titles: dict[str, str] = {}  # data-term -> title attribute
        self.svg_titles: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        if tag == "a" and "data-term" in a:
            self.titles[a["data-term"]] = a.get("title", "")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "title" and "svg" in self._in:
            self.svg_titles.append(data)
        self.text.append(data)


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("engine", ENGINES)
def test_the_corpus_builds_and_every_field_reads_back_as_the_same_text(tmp_path: Path, engine: str) -> None:
    """Tricky but valid text (quotes, &, unicode, YAML look-alikes) reaches every place as itself, on
    every engine."""
    if engine == "zensical":
        need_zensical()
    root = make_project(tmp_path, None)
    shutil.copytree(CORPUS / "docs", root / "docs", dirs_exist_ok=True)
    result = build_site(engine, tmp_path / "site", root=root, SITE_URL="https://guide.test/")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    index_meta = yaml.safe_load((CORPUS / "docs/index.md").read_text(encoding="utf-8").split("---")[1])
    term_meta = yaml.safe_load((CORPUS / "docs/glossary/grounding.md").read_text(encoding="utf-8").split("---")[1])
    home, term = parsed(site / "index.html"), parsed(site / "glossary/grounding/index.html")
    for key in ("description", "og:description", "twitter:description"):
        assert home.meta[key] == index_meta["description"]
        assert term.meta[key] == term_meta["definition"]
    assert home.meta["og:title"] == index_meta["title"] and term.meta["og:title"] == term_meta["title"]
    assert home.titles["grounding"] == term_meta["definition"]  # the term link's tooltip
    assert f"QR code for {term_meta['title']}" in term.svg_titles  # the print footer's QR caption
    assert term_meta["definition"] in "".join(parsed(site / "glossary/index.html").text)
    index, key = ("search.json", "items") if engine == "zensical" else ("search/search_index.json", "docs")
    entries = json.loads((site / index).read_text(encoding="utf-8"))[key]
    found = next(e for e in entries if e["location"] == "glossary/grounding/")
    assert html.unescape(found["title"]) == term_meta["title"]
    for built in site.rglob("*.html"):
        assert "<x-fuzz" not in built.read_text(encoding="utf-8")
