"""Load and cross-check all content once per build: pages, terms, references, checklists."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import checklists as cl
from . import diagrams, glossary, references
from .errors import Problems
from .linker import Matcher, Mention, scan_source
from .pages import Page, load_pages, parse_date

REFERENCES_PAGE = "references.md"  # where citations link to
MACROS = ("cite", "term", "checklist", "checklist_index", "glossary_index", "reference_list", "crisis_lines",
          "clinician_directory", "diagram")  # what editors may call; the adapter registers exactly these
ANY_CALL = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\(")
CALL = re.compile(r"""\{\{\s*(cite|term|checklist|diagram)\(\s*['"]([^'"]*)['"]""")
TEXT_KEYS = {
    "urgent_help", "quick_exit", "quick_exit_hint", "print", "reviewed", "review_due", "content_note", "disclaimer",
    "in_short", "related_terms", "where_used", "not_used", "sources", "used_in", "glossary_letters",
    "tally", "group_tally", "key_title", "band_one", "band_range", "read_next", "remember", "clear", "cleared",
    "printed_from", "qr_for", "copy_link", "link_copied", "dir_pages", "dir_steps", "dir_checklists", "dir_terms",
}


@dataclass(eq=False, repr=False)  # compared by identity: no __eq__ or __repr__ to compile at start-up
class Site:
    docs: Path
    extra: dict[str, Any]
    pages: dict[str, Page] = field(default_factory=dict)
    terms: dict[str, glossary.Term] = field(default_factory=dict)
    refs: dict[str, references.Reference] = field(default_factory=dict)
    checklists: dict[str, cl.Checklist] = field(default_factory=dict)
    matcher: Matcher = field(default_factory=lambda: Matcher({}))
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # page src -> first mentions
    checklist_pages: dict[str, str] = field(default_factory=dict)  # checklist id -> page src
    related: dict[str, list[str]] = field(default_factory=dict)
    backlinks: dict[str, list[tuple[Page, Mention]]] = field(default_factory=dict)

    @cached_property
    def text(self) -> dict[str, str]:
        """Interface words (labels, buttons), from mkdocs.yml `extra.text` and `extra.checklists`."""
        return {**self.extra.get("checklists", {}), **self.extra.get("text", {})}


def load(docs: Path, extra: dict[str, Any], today: dt.date | None = None) -> tuple[Site, Problems]:
    """Read everything under `docs`, report every problem; the caller decides what fails."""
    problems = Problems(docs.parent)
    site = Site(docs, extra)
    missing = sorted(TEXT_KEYS - site.text.keys())
    if missing:
        problems.error("mkdocs.yml", 1, f"extra.text has no {', '.join(missing)}",
                       "add the missing words under `extra: text:` in mkdocs.yml")
    site.pages = load_pages(docs, problems)
    site.terms = glossary.load_terms(site.pages, problems)
    site.refs = references.load_references(docs / "_data" / "references", problems)
    site.checklists = cl.load_checklists(docs / "_data" / "checklists", problems)
    site.matcher = glossary.build_matcher(site.terms)
    site.related = glossary.related_both_ways(site.terms)
    _check_pages(site, problems, today or dt.date.today())
    _check_data(site, problems)
    site.backlinks = glossary.backlinks(site.mentions, site.pages)
    return site, problems


def _check_pages(site: Site, problems: Problems, today: dt.date) -> None:
    cited: set[str] = set()
    for src, page in site.pages.items():
        doc = page.doc
        listed = [str(k) for k in doc.data.get("references") or []]
        for i, key in enumerate(listed):
            if key not in site.refs:
                problems.error(doc.path, doc.line(f"references.{i}", doc.line("references")),
                               f"unknown reference {key!r} in `references`",
                               "use the name of a file in docs/_data/references/ (without .yml)")
        cited.update(listed)
        lineno, pos = doc.body_line, 0
        for call in ANY_CALL.finditer(doc.body):
            lineno, pos = lineno + doc.body.count("\n", pos, call.start()), call.start()
            if call[1] not in MACROS:
                problems.error(doc.path, lineno, f"unknown macro {call[1]!r}",
                               f"check the spelling; the macros are: {', '.join(MACROS)}")
            known = CALL.match(doc.body, pos)
            if known:
                kind, key = known.groups()
                _check_call(site, page, kind, key, lineno, listed, problems)
                if kind == "checklist":
                    site.checklist_pages.setdefault(key, src)
        own = {page.term_slug} if page.term_slug else set()
        site.mentions[src] = scan_source(doc.body, site.matcher, doc.body_line, own)
        due = parse_date(doc.data.get("review_due"))
        if due and due < today:
            problems.warn(doc.path, doc.line("review_due"), f"the review was due on {due.isoformat()}",
                          "review the page, then update `reviewed` and `review_due`")
    if site.refs and REFERENCES_PAGE not in site.pages:
        problems.error(site.docs / REFERENCES_PAGE, 1, "the references page is missing",
                       "create it with front matter and the line {{ reference_list() }}")
    for key, ref in sorted(site.refs.items()):
        if key not in cited:
            problems.error(ref.doc.path, 1, f"reference {key!r} is not used by any page",
                           "list it in the `references:` of the pages that draw on it, or delete the file")


def _check_call(site: Site, page: Page, kind: str, key: str, line: int, listed: list[str],
                problems: Problems) -> None:
    path = page.doc.path
    if kind == "cite":
        if key not in site.refs:
            problems.error(path, line, f"unknown citation {key!r}",
                           "use the name of a file in docs/_data/references/ (without .yml)")
        elif key not in listed:
            problems.error(path, line, f"cites {key!r} but does not list it in `references:`",
                           f"add {key} to the page's `references:` list")
    elif kind == "term" and key not in site.terms:
        problems.error(path, line, f"unknown glossary term {key!r}",
                       "use the file name of a term in docs/glossary/ (without .md), "
                       "or add the term with `make new-term`")
    elif kind == "diagram":
        diagrams.check_use(site.docs, key, path, line, page.doc.body, problems)
    elif kind == "checklist" and key not in site.checklists:
        problems.error(path, line, f"unknown checklist {key!r}",
                       "use the name of a file in docs/_data/checklists/ (without .yml)")


def _check_data(site: Site, problems: Problems) -> None:
    for cid, checklist in sorted(site.checklists.items()):
        doc = checklist.doc
        for target, line in checklist.links:
            if target.partition("#")[0] not in site.pages:
                problems.error(doc.path, line, f"link to {target!r}, which is not a page",
                               "use a path under docs/ ending in .md, like `readiness.md` or `glossary/grounding.md`")
        if cid not in site.checklist_pages:
            problems.error(doc.path, 1, f"checklist {cid!r} is not shown on any page",
                           f"add {{{{ checklist('{cid}') }}}} to a page, e.g. docs/checklists/{cid}.md")
