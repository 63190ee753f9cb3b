"""Python-Markdown extension: what every page of the guide gets without an editor writing it.

- the first mention of each glossary term becomes a link with the definition as its tooltip;
- a term page gets its definition at the top and related terms, backlinks and sources at the end;
- a page with a `content_note` starts with it; every page ends with its review dates and, for print,
  its web address and QR code;
- every link gets the full address that a printed page shows after it;
- the block macros' finished HTML (see `adapter.raw_block`) goes to the output whole.

The extension's one option, `build`, is the `Build` that `adapter.define_env` loaded (MkDocs, ProperDocs).
Zensical gives it no Build: there it recalls the one `define_env` remembered (`build.recall`) for the
docs folder that Zensical's rendering context names. MkDocs also loads the extension once without a
Build, to check the configuration; with none, the extension does nothing.
"""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html import escape
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import glossary, references
from .adapter import docs_path
from .build import REFERENCES_PAGE, Build, recall
from .linker import link_tree
from .qr import qr_svg
from .render import NOT_SEARCHED, RAW_CLOSE, RAW_OPEN, page_dates
from .urls import edition_href, source_link


class BlockStashPreprocessor(Preprocessor):
    """Put each block macro's finished HTML in Markdown's stash, so that Markdown leaves it whole.

    A block stands between a `RAW_OPEN` line and a `RAW_CLOSE` line. Lines indented inside a list
    are not blocks; their marks stay plain HTML comments.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None and line == RAW_OPEN:
                block = []
            elif block is not None and line == RAW_CLOSE:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            elif block is not None:
                block.append(line)
            else:
                out.append(line)
        if block is not None:  # an opening mark with no closing one: leave the text as it was
            out += [RAW_OPEN, *block]
        return out


class PageTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, build: Callable[[], Build | None]):
        super().__init__(md)
        self.find_build = build

    def run(self, root: ET.Element) -> None:
        build = self.build = self.find_build()
        src = build.current_src() if build else None
        page = build.pages.get(src) if src else None
        if page is None:
            return
        own = page.term_slug

        def make_link(slug: str, text: str) -> ET.Element:
            term = build.terms[slug]
            el = ET.Element("a", {"href": source_link(src, term.src), "class": "term-link",
                                  "title": term.definition, "data-term": slug})
            el.text = text
            return el

        link_tree(root, build.matcher, make_link, {own} if own else set(), [m.slug for m in build.mentions[src]])
        if own:
            self._term_page(root, build.terms[own], src)
        else:
            self._other_words(root, page.title, page.meta.get("search_terms", []))
        self._print_addresses(root, src)
        if src in build.outdated:
            source_language = build.extra["languages"][0]["code"]
            href = edition_href(src, build.directory_urls, 1, "", build.links_from_source)
            self._stash(root, f'<aside class="translation-note"{NOT_SEARCHED}>'
                              f'<p>{escape(build.text["translation_outdated"])} <a href="{escape(href)}"'
                              f' hreflang="{source_language}">{escape(build.text["read_in_source"])}</a></p></aside>',
                        at=0)
        note = page.meta.get("content_note")
        if note and note != "none":
            label = build.text["content_note"]
            self._stash(root, f'<aside class="content-note" aria-label="{escape(label)}"{NOT_SEARCHED}>'
                              f"<p><strong>{escape(label)}:</strong> {escape(note)}</p></aside>", at=0)
        self._stash(root, page_dates(page.meta, build.text))
        address = build.address(src)
        qr = qr_svg(address, build.text["qr_for"].format(title=page.title))
        self._stash(root, f'<div class="print-footer"{NOT_SEARCHED}><p>{escape(build.text["printed_from"])} '
                          f"<span>{escape(address)}</span></p>{qr}</div>")

    def _stash(self, root: ET.Element, html: str, at: int | None = None) -> None:
        """Add finished HTML as a block of its own, at the end or at position `at`."""
        if not html:
            return
        paragraph = ET.Element("p")
        paragraph.text = self.md.htmlStash.store(html)
        root.insert(len(root) if at is None else at, paragraph)

    def _print_addresses(self, root: ET.Element, src: str) -> None:
        """Give each link its full address, which a printed handout shows after the link text."""
        for a in root.iter("a"):
            href = a.get("href", "")
            if "term-link" in (a.get("class") or "") or href.startswith(("#", "mailto:", "tel:")):
                continue
            if href.startswith(("http://", "https://")):  # another site: it learns nothing of this one
                a.set("data-print-href", href)
                a.set("rel", "noopener noreferrer")
                continue
            path = href.partition("#")[0]
            if path.endswith(".md"):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
                a.set("data-print-href", self.build.address(target + href[len(path):]))  # with any #anchor

    def _other_words(self, root: ET.Element, title: str, words: list[str]) -> None:
        """A page's `search_terms`, visible at the end of its opening (before the first heading), where search
        ranks a page's own words first. Added after the linker has run, so the line holds no term links."""
        at = next((i for i, el in enumerate(root) if el.tag in ("h2", "h3")), len(root))
        root[at:at] = also_called(self.build.text["other_words"], title, words)

    def _term_page(self, root: ET.Element, term: glossary.Term, src: str) -> None:
        build, text = self.build, self.build.text

        def href(target: str) -> str:
            return build.page_href(src, target)

        related = [build.terms[r] for r in build.related.get(term.slug, [])]
        cites = [references.render_citation(build.refs[k], href(REFERENCES_PAGE), build.address(REFERENCES_PAGE))
                 for k in term.page.meta.get("references", []) if k in build.refs]
        blocks = glossary.render_term_sections(related, build.backlinks.get(term.slug, []), cites,
                                               href, build.address, text)
        # The definition and the headings are real elements, so the table of contents lists the
        # headings, with a ¶ link; the lists under them are finished HTML.
        definition = ET.Element("p", {"class": "term-definition"})
        ET.SubElement(definition, "strong").text = text["in_short"]
        definition[0].tail = " " + term.definition
        root.insert(0, definition)
        # After the linker has run, so the line holds no term links; its words reach search as page text.
        root[1:1] = also_called(text["also_called"], term.title, term.aliases + term.page.meta.get("search_terms", []))
        for block in blocks:
            if block.startswith("<h2"):
                root.append(ET.fromstring(block))
            else:
                self._stash(root, block)


def also_called(label: str, title: str, words: list[str]) -> list[ET.Element]:
    """The visible line that lists readers' other words for a page (`label`, then each word once), or none."""
    seen, shown = {title.casefold()}, []
    for word in words:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            shown.append(word)
    if not shown:
        return []
    line = ET.Element("p", {"class": "also-called"})
    ET.SubElement(line, "strong").text = label
    line[0].tail = " " + ", ".join(shown) + "."  # plain text: Markdown escapes it when it writes the page
    return [line]


class PageExtension(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {"build": [{}, "the Build that adapter.define_env loaded for this build"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        """Register the extension's processors.

        - `BlockStashPreprocessor`, priority 20.5: after MkDocs reads raw HTML for the ids that links may
          point to (21), so its anchor checks see the blocks' ids; before Markdown's raw HTML pass (20).
        - `PageTreeprocessor`, priority 6: after attr_list (8) and abbr (7); before toc (5) and MkDocs'
          link rewriting (0), which then checks and rewrites the term links like editors' links.
        """
        md.preprocessors.register(BlockStashPreprocessor(md), "trust_guide_blocks", 20.5)
        build = self.getConfig("build")
        find_build = (lambda: build) if isinstance(build, Build) else _remembered(md)
        if find_build:
            md.treeprocessors.register(PageTreeprocessor(md, find_build), "trust_guide_page", 6)


def _remembered(md: Markdown) -> Callable[[], Build | None] | None:
    """On Zensical: a way to the Build that `define_env` remembers during each page's conversion.

    Zensical's rendering context (`ContextPreprocessor.from_markdown`, the extension point its own
    extensions use) holds the project's configuration, which names the docs folder. Elsewhere: None.
    """
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    context = ContextPreprocessor.from_markdown(md)
    if context is None:
        return None
    docs = docs_path(context.config)
    return lambda: recall(docs)


def makeExtension(**kwargs: Any) -> PageExtension:  # noqa: N802 - Python-Markdown's API
    return PageExtension(**kwargs)
