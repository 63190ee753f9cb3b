"""Golden files for the renderers: input in, expected HTML out, a small options.yml per case.

Each folder under tests/golden/<renderer>/<case>/ is one case a reviewer can read. After an intended
change, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff of expected.html.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from macros import build as core
from macros import checklists, references
from macros.config import load_config
from macros.errors import Problems
from macros.source import Doc
from macros.urls import public_url
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
EXTRA = load_config(ROOT / "mkdocs.yml")["extra"]
FM = "---\n{}---\n\n"


def cases(kind: str) -> list[Path]:
    return sorted(p for p in (GOLDEN / kind).iterdir() if p.is_dir())


def compare(case: Path, html: str) -> None:
    expected = case / "expected.html"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def options(case: Path) -> dict[str, Any]:
    return yaml.safe_load((case / "options.yml").read_text(encoding="utf-8"))


def page_front_matter(title: str) -> str:
    return FM.format(yaml.safe_dump({"title": title, "description": "x", "reviewed": "2026-01-01",
                                     "review_due": "2027-01-01", "references": []}, sort_keys=False))


@pytest.mark.parametrize("case", cases("term-links"), ids=lambda p: p.name)
def test_term_links(case: Path, tmp_path: Path) -> None:
    """Markdown in, HTML out, through the real Markdown extension with the case's terms."""
    opts = options(case)
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    src = opts["page"]
    body = (case / "input.md").read_text(encoding="utf-8")
    for term in opts["terms"]:
        meta = {"title": term["title"], "definition": term["definition"], "aliases": term.get("aliases", []),
                "related": term.get("related", []), "references": [], "reviewed": "2026-01-01",
                "review_due": "2027-01-01"}
        own = f"glossary/{term['slug']}.md"
        (docs / own).write_text(FM.format(yaml.safe_dump(meta)) + (body if own == src else term.get("body", "Text.\n")))
    if not (docs / src).exists():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(page_front_matter("Page") + body, encoding="utf-8")
    build, _ = core.load(docs, EXTRA, site_url="https://guide.test/")
    build.current_src = lambda: src
    md = markdown.Markdown(extensions=["admonition", "attr_list", "toc", "macros.extension"],
                           extension_configs={"macros.extension": {"build": build}})
    compare(case, md.convert(body) + "\n")


@pytest.mark.parametrize("case", cases("checklists"), ids=lambda p: p.name)
def test_checklists(case: Path) -> None:
    opts = options(case)
    problems = Problems()
    (path,) = [p for p in case.glob("*.yml") if p.name != "options.yml"]  # named after its id
    checklist = checklists.load_checklist(path, problems)
    assert checklist is not None and not problems.items, [str(p) for p in problems.items]
    html = checklists.render(checklist, lambda target: "../../" + target.replace(".md", "/"), opts.get("titles", {}),
                             EXTRA["text"], lambda target: public_url("https://guide.test/", target),
                             lambda route: f"<ul><li>{route} lines</li></ul>")
    compare(case, html + "\n")


@pytest.mark.parametrize("case", cases("citations"), ids=lambda p: p.name)
def test_citations(case: Path) -> None:
    opts = options(case)
    data = yaml.safe_load((case / "reference.yml").read_text(encoding="utf-8"))
    ref = references.Reference(opts["key"], Doc(case / "reference.yml", data), {k: str(v) for k, v in data.items()})
    html = "\n".join([references.render_citation(ref, opts["references_url"]),
                      references.render_entry(ref, [tuple(u) for u in opts.get("used_in", [])], "Used in:")])
    compare(case, html + "\n")
