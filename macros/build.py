"""One build's content: every page, term, reference and checklist, loaded and cross-checked once.

`load` makes a `Build`; the adapter hands it to the macros and to the Markdown extension.
`remember` and `recall` keep the one memo: for engines that load the content for every page (Zensical).
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checklists as cl
from . import diagrams, glossary, helplines, references, translations
from .errors import Problems
from .linker import Matcher, Mention, scan_source
from .pages import Page, load_pages
from .readability import prose
from .schema import STARTER
from .syntax import HTML_LINK, JINJA, LINK, MACRO_CALL, NEW_WINDOW, RAW_BLOCK, SCHEME
from .urls import page_url, public_url, relative_url

REFERENCES_PAGE = "references.md"  # where citations link to
# What editors may call; the adapter registers exactly these.
MACROS = ("cite", "term", "checklist", "checklist_index", "glossary_index", "reference_list", "crisis_lines",
          "clinician_directory", "clinical_reviews", "diagram")
KEYED = ("cite", "term", "checklist", "diagram")  # the macros whose first argument names content
TEXT_KEYS = {
    "urgent_help", "quick_exit", "quick_exit_hint", "print", "reviewed", "review_due", "content_note", "disclaimer",
    "in_short", "related_terms", "where_used", "not_used", "sources", "used_in", "glossary_letters",
    "tally", "group_tally", "key_title", "band_one", "band_range", "read_next", "remember", "clear", "cleared",
    "printed_from", "qr_for", "copy_link", "link_copied", "dir_pages", "dir_steps", "dir_checklists", "dir_terms",
    "months", "checklist_disclaimer", "privacy", "privacy_sensitive", "support_always", "support_title",
    "support_note", "route_now", "urgent_danger_title", "urgent_danger", "urgent_self_harm_title", "urgent_self_harm",
    "urgent_more", "call", "text", "chat", "no_clinical_review", "clinical_review_item", "date_format",
    "translation_outdated", "read_in_source", "also_called", "other_words", "search_crisis", "search_none",
    "search_glossary",
}


@dataclass
class Build:
    docs: Path
    extra: dict[str, Any] = field(repr=False)
    text: dict[str, str] = field(default_factory=dict, repr=False)  # interface words (labels, buttons)
    pages: dict[str, Page] = field(default_factory=dict, repr=False)
    terms: dict[str, glossary.Term] = field(default_factory=dict, repr=False)
    refs: dict[str, references.Reference] = field(default_factory=dict, repr=False)
    checklists: dict[str, cl.Checklist] = field(default_factory=dict, repr=False)
    help_lines: tuple[helplines.Region, ...] = field(default=(), repr=False)
    matcher: Matcher = field(default_factory=lambda: Matcher({}), repr=False)
    mentions: dict[str, list[Mention]] = field(default_factory=dict, repr=False)  # page src -> first mentions
    checklist_pages: dict[str, str] = field(default_factory=dict, repr=False)  # checklist id -> page src
    related: dict[str, list[str]] = field(default_factory=dict, repr=False)
    backlinks: dict[str, list[tuple[Page, Mention]]] = field(default_factory=dict, repr=False)
    site_url: str = ""
    directory_urls: bool = True  # False in the offline copy, whose links end in .html
    language: str = "en"
    source: Path | None = None  # for a translation: the docs folder of the pages it translates
    outdated: set[str] = field(default_factory=set, repr=False)  # translated files whose source has changed since
    links_from_source: bool = False  # True on Zensical: see `page_href`
    current_src: Callable[[], str | None] = field(default=lambda: None, repr=False)  # the page being rendered
    stamp: int = 0  # `inputs_stamp` of what it was loaded from, when it is remembered

    def address(self, src: str) -> str:
        """A page's web address (`src` may carry #anchor), as printed pages, QR codes and the directory show it."""
        return public_url(self.site_url, src)

    def twin_addresses(self, src: str) -> list[tuple[str, str, str]]:
        """This page in the other editions that have it: (language code, language name, web address)."""
        editions = self.extra.get("languages", [])
        top = self.source or self.docs  # the first edition's pages; each other edition's are in a folder there
        out = []
        for i, edition in enumerate(editions):
            code = edition["code"]
            folder = top if i == 0 else top / code
            if code != self.language and (folder / src).exists():
                base = self.extra.get("site_root", "") + ("" if i == 0 else f"{code}/")
                out.append((code, edition["name"], public_url(base, src)))
        return out

    def page_href(self, from_src: str, target_src: str) -> str:
        """The link between two pages in finished HTML (block macros, term-page sections).

        MkDocs and ProperDocs leave such HTML as it is, so the link starts from the page's address.
        Zensical reads every relative link in a page as starting from its Markdown file's folder, raw
        HTML too (`links_from_source`), and adds the `../` that the page's own folder needs.
        """
        path, _, anchor = target_src.partition("#")
        start = posixpath.dirname(from_src) + "/" if self.links_from_source else page_url(from_src, self.directory_urls)
        rel = relative_url(start.lstrip("/"), page_url(path, self.directory_urls))
        return rel + (f"#{anchor}" if anchor else "")

    def reference_entries(self) -> list[tuple[references.Reference, list[Page]]]:
        """Every reference, by label, with the pages that list it in their `references:`."""
        return [(ref, [p for p in self.pages.values() if key in p.meta.get("references", [])])
                for key, ref in sorted(self.refs.items(), key=lambda kv: kv[1].label.lower())]

    def directory(self, nav: Any) -> list[tuple[str, str, list[Page]]]:
        """The clinicians' directory: guide pages, steps and checklists in menu order, then terms A-Z.

        Each section is (anchor, heading, pages); the anchors are the same in every language.
        """
        pages = [self.pages[src] for src in nav_sources(nav) if src in self.pages]
        text = self.text
        return [
            ("dir-guide-pages", text["dir_pages"],
             [p for p in pages if not p.src.startswith(("steps/", "checklists/"))]),
            ("dir-steps", text["dir_steps"], [p for p in pages if p.src.startswith("steps/")]),
            ("dir-checklists", text["dir_checklists"], [p for p in pages if p.src.startswith("checklists/")]),
            ("dir-glossary-terms", text["dir_terms"],
             [t.page for t in sorted(self.terms.values(), key=lambda t: t.title.lower())]),
        ]


# The one memo of the core, by docs folder. MkDocs and ProperDocs call `adapter.define_env` once per
# build and hand the Build to the Markdown extension through its options; they never use the memo.
# Zensical calls `define_env` inside each page's conversion and hashes extension options, so there
# `define_env` loads the content once, remembers it here, and the extension recalls it.
_REMEMBERED: dict[str, Build] = {}


def remember(docs: Path, build: Build) -> Build:
    """Keep `build` as the content of `docs` until the next `remember` for the same folder."""
    _REMEMBERED[str(docs)] = build
    return build


def recall(docs: Path, stamp: int | None = None) -> Build | None:
    """The Build remembered for `docs`; with `stamp`, only if it was loaded from exactly those inputs."""
    build = _REMEMBERED.get(str(docs))
    return build if build is not None and (stamp is None or build.stamp == stamp) else None


def inputs_stamp(docs: Path, *settings: Any) -> int:
    """A number that changes when any file under `docs` (name, size, time) or any of `settings` changes.

    Zensical's `serve` converts an edited page again in the same process: the stamp tells a stale Build.
    """
    files = sorted((str(p), st.st_size, st.st_mtime_ns) for p in docs.rglob("*") for st in [p.stat()])
    return hash((tuple(files), repr(settings)))


def nav_sources(nav: Any) -> list[str]:
    """The `nav:` of mkdocs.yml flattened to docs paths, in reading order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    if isinstance(nav, list):
        return [src for item in nav for src in nav_sources(item)]
    return []


def load(docs: Path, extra: dict[str, Any], today: dt.date | None = None, site_url: str = "",
         directory_urls: bool = True, language: str = "en", source: Path | None = None,
         root: Path | None = None, config_name: str = "mkdocs.yml") -> tuple[Build, Problems]:
    """Read everything under `docs`, report every problem; the caller decides what fails.

    A translation (`source`: the folder of the pages it translates) shares their references and records,
    in each file, which version of its source it was translated from.
    """
    root = root or docs.parent
    problems = Problems(root)
    build = Build(docs, extra, extra.get("text", {}), site_url=site_url, directory_urls=directory_urls,
                  language=language, source=source)
    missing = sorted(TEXT_KEYS - build.text.keys())
    if missing:
        problems.error(root / config_name, 1, f"extra.text has no {', '.join(missing)}",
                       f"add the missing words under `extra: text:` in {config_name}")
    editions = [lang["code"] for lang in extra.get("languages", [])[1:]]
    build.pages = load_pages(docs, problems, exclude=("_data", *([] if source else editions)))
    build.terms = glossary.load_terms(build.pages, problems)
    build.refs = references.load_references((source or docs) / "_data" / "references", problems)
    build.checklists = cl.load_checklists(docs / "_data" / "checklists", problems)
    build.help_lines = helplines.load_help_lines(docs / "_data" / "help-lines" / f"{language}.yml", problems,
                                                 today or dt.date.today())
    build.matcher = glossary.build_matcher(build.terms)
    build.related = glossary.related_both_ways(build.terms)
    _check_pages(build, problems, today or dt.date.today())
    _check_data(build, problems)
    if source:
        translations.check(build, source, problems)
    build.backlinks = glossary.backlinks(build.mentions, build.pages)
    return build, problems


def _check_pages(build: Build, problems: Problems, today: dt.date) -> None:
    cited: set[str] = set()
    words = build.extra.get("content_note_words") or []
    for src, page in build.pages.items():
        doc = page.doc
        listed = page.meta.get("references", [])
        for i, key in enumerate(listed):
            if key not in build.refs:
                problems.error(doc.path, doc.line(f"references.{i}", doc.line("references")),
                               f"unknown reference {key!r} in `references`",
                               "use the name of a file in docs/_data/references/ (without .yml)")
        cited.update(listed)
        _check_template_marks(page, problems)
        for call in MACRO_CALL.finditer(doc.body):
            lineno = doc.body_line + doc.body.count("\n", 0, call.start())
            name, key = call.group(1), call.group(3)
            if name not in MACROS:
                problems.error(doc.path, lineno, f"unknown macro {name!r}",
                               f"check the spelling; the macros are: {', '.join(MACROS)}")
            elif name in KEYED and key is not None:
                _check_call(build, page, name, key, lineno, listed, problems)
                if name == "checklist":
                    build.checklist_pages.setdefault(key, src)
        own = {page.term_slug} if page.term_slug else set()
        build.mentions[src] = scan_source(doc.body, build.matcher, doc.body_line, own)
        _check_content_note(page, words, problems)
        _check_links_are_safe(page, problems)
        if STARTER in doc.body:
            line = doc.body_line + doc.body.count("\n", 0, doc.body.index(STARTER))
            problems.error(doc.path, line, "the page still has starter text (TODO: ...)",
                           "replace every TODO: line with your own words")
        due = page.meta.get("review_due")
        if due and due < today:
            problems.warn(doc.path, doc.line("review_due"), f"the review was due on {due.isoformat()}",
                          "review the page, then update `reviewed` and `review_due`")
    if build.refs and REFERENCES_PAGE not in build.pages:
        problems.error(build.docs / REFERENCES_PAGE, 1, "the references page is missing",
                       "create it with front matter and the line {{ reference_list() }}")
    for key, ref in sorted(build.refs.items()):
        if key not in cited:
            problems.error(ref.doc.path, 1, f"reference {key!r} is not used by any page",
                           "list it in the `references:` of the pages that draw on it, or delete the file")


def _check_call(build: Build, page: Page, kind: str, key: str, line: int, listed: list[str],
                problems: Problems) -> None:
    path = page.doc.path
    if kind == "cite":
        if key not in build.refs:
            problems.error(path, line, f"unknown citation {key!r}",
                           "use the name of a file in docs/_data/references/ (without .yml)")
        elif key not in listed:
            problems.error(path, line, f"cites {key!r} but does not list it in `references:`",
                           f"add {key} to the page's `references:` list")
    elif kind == "term" and key not in build.terms:
        problems.error(path, line, f"unknown glossary term {key!r}",
                       "use the file name of a term in docs/glossary/ (without .md), "
                       "or add the term with `make new-term`")
    elif kind == "diagram":
        diagrams.check_use(build.docs, key, path, line, page.doc.body, problems)
    elif kind == "checklist" and key not in build.checklists:
        problems.error(path, line, f"unknown checklist {key!r}",
                       "use the name of a file in docs/_data/checklists/ (without .yml)")


def _check_data(build: Build, problems: Problems) -> None:
    for cid, checklist in sorted(build.checklists.items()):
        doc = checklist.doc
        for target, line in checklist.links:
            if target.partition("#")[0] not in build.pages:
                problems.error(doc.path, line, f"link to {target!r}, which is not a page",
                               "use a path under docs/ ending in .md, like `readiness.md` or `glossary/grounding.md`")
        if cid not in build.checklist_pages:
            problems.error(doc.path, 1, f"checklist {cid!r} is not shown on any page",
                           f"add {{{{ checklist('{cid}') }}}} to a page, e.g. docs/checklists/{cid}.md")


def _check_content_note(page: Page, words: list[str], problems: Problems) -> None:
    """A page that names abuse, violence, self-harm or suicide (`extra.content_note_words`) warns readers first."""
    note, doc = page.meta.get("content_note"), page.doc
    if note == "none":
        if not page.meta.get("content_note_reason"):
            problems.error(doc.path, doc.line("content_note"), "`content_note: none` has no reason",
                           "add `content_note_reason:` saying why this page needs no note")
        return
    if note or not words:
        return
    found = re.search(r"\b(" + "|".join(map(re.escape, words)) + r")s?\b", prose(doc.body), re.I)
    if found:
        problems.error(doc.path, 1, f"the page mentions {found.group(1).lower()!r} but has no `content_note`",
                       "add `content_note:` with one calm sentence on what the page mentions, "
                       "or `content_note: none` and a `content_note_reason:`")


UNSAFE_SCHEMES = {"javascript", "data", "vbscript"}


def _check_links_are_safe(page: Page, problems: Problems) -> None:
    """No link runs code or opens another window (the quick exit can only clear the tab it is in)."""
    doc = page.doc
    for offset, line in enumerate(doc.body.splitlines()):
        targets = [m.group(3) for m in LINK.finditer(line)] + HTML_LINK.findall(line)
        for target in targets:
            scheme = SCHEME.match(target)
            if scheme and scheme.group(1).lower() in UNSAFE_SCHEMES:
                problems.error(doc.path, doc.body_line + offset,
                               f"a link uses `{scheme.group(1)}:`, which can run code",
                               "link to a page of the guide (a .md file) or to a web address starting with https://")
        if NEW_WINDOW.search(line):
            problems.error(doc.path, doc.body_line + offset, "a link opens another window or tab (`target=`)",
                           "remove `target=...`: the quick exit can only clear the tab the reader is in")


def _check_template_marks(page: Page, problems: Problems) -> None:
    """In a page body, `{{ }}` is only a macro call and `{% %}` only `raw`: Jinja would fail on anything else."""
    doc = page.doc
    body = RAW_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), doc.body)  # shown as written
    for mark in JINJA.finditer(body):
        text = mark.group()
        if text.startswith("{{") and MACRO_CALL.match(text):
            continue
        line = doc.body_line + body.count("\n", 0, mark.start())
        problems.error(doc.path, line, f"{text[:30]!r} is not a macro call",
                       "use a macro from CONTRIBUTING.md, or to show braces as text write "
                       "{% raw %}...{% endraw %} around them")
