"""Python-Markdown extension: what every page gets without an editor writing it.

- the first mention of each glossary term becomes a link with the definition as its tooltip;
- a term page gets its definition at the top and related terms, backlinks and sources at the end;
- every link gets the full address that a printed page shows after it;
- the block macros' finished HTML goes to the output whole, without a second parse or scan.

It reads the current page from the macros environment (see `adapter.current_src`). Term links are
written to the `.md` source files, so MkDocs checks and rewrites them like links that editors write.
A term page's lists link only to pages the content check has found, so they go out finished, as the
block macros' links do: MkDocs would otherwise handle some 500 links again for nothing.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from html import escape
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import adapter, glossary, references
from .deferred import defer
from .linker import link_tree
from .site import REFERENCES_PAGE
from .urls import source_link

defer("requests")  # imported by mkdocs-macros, which MkDocs loads after this extension; see deferred.py
OPEN, CLOSE = f"{adapter.RAW_OPEN}\n", f"\n{adapter.RAW_CLOSE}"  # the lines around a block macro's HTML
ANCHOR = re.compile(r"""id=("[^"]*"|'[^']*')""")  # an attribute when after a space; a literal start is fast
ANCHORS_MARK = "<!-- macro anchors -->"  # starts the line that lists a block's ids, for MkDocs
# One word that no term or abbreviation matches, like Markdown's own placeholders, but without their
# control characters, which Markdown removes from the text after `RawBlockPreprocessor` has run.
PLACEHOLDER = "qzxblock{}qzx"


class FinishedHtml(list[str]):
    """A page's finished HTML blocks, kept out of Markdown until its last step, like Markdown's stash.

    Markdown's stash would scan every block again for placeholders, which finished HTML never holds.
    """

    def store(self, html: str) -> str:
        """Keep `html`; return the placeholder to put where it goes, as a paragraph of its own."""
        self.append(html)
        return PLACEHOLDER.format(len(self) - 1)


class FinishedHtmlPostprocessor(Postprocessor):
    """Put each finished block back, in place of the paragraph that holds its placeholder."""

    def __init__(self, md: Markdown, blocks: FinishedHtml):
        super().__init__(md)
        self.blocks = blocks

    def run(self, text: str) -> str:
        for i, html in enumerate(self.blocks):
            placeholder = PLACEHOLDER.format(i)
            paragraph = f"<p>{placeholder}</p>"
            text = text.replace(paragraph if paragraph in text else placeholder, html, 1)
        return text


class RawBlockPreprocessor(Preprocessor):
    """Set the block macros' finished HTML aside whole (see `adapter.raw_block`), unparsed and unchanged.

    It runs before MkDocs parses each page's raw HTML for the ids that links may point to, which
    would parse every block again. MkDocs reads the block's ids from a line of empty elements
    instead, which `AnchorsPreprocessor` then removes.
    """

    def __init__(self, md: Markdown, blocks: FinishedHtml):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        self.blocks.clear()  # the first step of each page
        text = "\n".join(lines)
        if OPEN not in text:
            return lines
        out, pos = [], 0
        for start, end in _raw_blocks(text):
            html = text[start + len(OPEN):end]
            ids = "".join(f"<a id={m[1]}></a>" for m in ANCHOR.finditer(html)
                          if html[m.start() - 1:m.start()].isspace())
            out += [text[pos:start], f"\n\n{self.blocks.store(html)}\n\n"]
            out += [f"{ANCHORS_MARK}{ids}\n\n"] if ids else []
            pos = end + len(CLOSE)
        out.append(text[pos:])
        return "".join(out).split("\n")


def _raw_blocks(text: str) -> list[tuple[int, int]]:
    """Where each block's opening line starts and its closing line's newline is.

    Plain string search: a regex would try every position of the long block HTML. Only whole lines
    mark a block, so marks indented inside a list stay comments.
    """
    blocks, start = [], text.find(OPEN)
    while start != -1:
        if start and text[start - 1] != "\n":
            start = text.find(OPEN, start + 1)
            continue
        end = text.find(CLOSE, start + len(OPEN))
        while end != -1 and text[end + len(CLOSE):end + len(CLOSE) + 1] not in ("", "\n"):
            end = text.find(CLOSE, end + 1)
        if end == -1:
            break
        blocks.append((start, end))
        start = text.find(OPEN, end + len(CLOSE))
    return blocks


class AnchorsPreprocessor(Preprocessor):
    """Remove the lines of ids that `RawBlockPreprocessor` left for MkDocs' anchor checks."""

    def run(self, lines: list[str]) -> list[str]:
        return [line for line in lines if not line.startswith(ANCHORS_MARK)]


class PageTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, blocks: FinishedHtml):
        super().__init__(md)
        self.blocks = blocks

    def run(self, root: ET.Element) -> None:
        site, src = adapter.STATE.get("site"), adapter.current_src()
        if site is None or src is None or src not in site.pages:
            return
        own = site.pages[src].term_slug

        def make_link(slug: str, text: str) -> ET.Element:
            term = site.terms[slug]
            el = ET.Element("a", {"href": source_link(src, term.src), "class": "term-link",
                                  "title": term.definition, "data-term": slug})
            el.text = text
            return el

        link_tree(root, site.matcher, make_link, {own} if own else set(), [m.slug for m in site.mentions[src]])
        if own:
            self._term_page(root, site, site.terms[own], src)
        self._print_addresses(root, src)

    def _print_addresses(self, root: ET.Element, src: str) -> None:
        """Give each link its full address, which a printed handout shows after the link text."""
        for a in root.iter("a"):
            href = a.get("href", "")
            if "term-link" in (a.get("class") or "") or href.startswith(("#", "mailto:", "tel:")):
                continue
            if href.startswith(("http://", "https://")):
                a.set("data-print-href", href)
                continue
            path = href.partition("#")[0]
            if path.endswith(".md"):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
                a.set("data-print-href", adapter.address(target + href[len(path):]))  # with any #anchor

    def _term_page(self, root: ET.Element, site: Any, term: glossary.Term, src: str) -> None:
        text = site.text
        related = [site.terms[r] for r in site.related.get(term.slug, [])]
        cites = [references.render_citation(site.refs[k], adapter.page_href(src, REFERENCES_PAGE),
                                            adapter.address(REFERENCES_PAGE))
                 for k in term.page.meta.get("references") or [] if k in site.refs]
        blocks = glossary.render_term_sections(related, site.backlinks.get(term.slug, []), cites,
                                               lambda target: adapter.page_href(src, target), adapter.address, text)
        # The definition and the headings become real elements, so the table of contents lists the
        # headings, with a ¶ link. One parse for all of them: each parse sets up a parser.
        definition = (f'<p class="term-definition"><strong>{escape(text["in_short"])}</strong> '
                      f"{escape(term.definition)}</p>")
        elements = iter(ET.fromstring(f"<div>{definition}{''.join(b for b in blocks if b.startswith('<h2'))}</div>"))
        root.insert(0, next(elements))
        for block in blocks:
            if block.startswith("<h2"):
                root.append(next(elements))
            else:  # finished links to pages that exist: set aside whole, with nothing for MkDocs to rewrite
                ET.SubElement(root, "p").text = self.blocks.store(block)


class PageExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        blocks = FinishedHtml()
        # After attr_list (8) and abbr (7); before toc (5) and MkDocs' link rewriting (0).
        md.treeprocessors.register(PageTreeprocessor(md, blocks), "trust_guide_page", 6)
        # First of all, so that Markdown does not normalise the blocks' whitespace (30) or look for code
        # fences in them (25), and before MkDocs reads the raw HTML's ids for its anchor checks (21). The
        # ids' line goes after that, and before Markdown parses raw HTML (20).
        md.preprocessors.register(RawBlockPreprocessor(md, blocks), "trust_guide_raw_blocks", 35)
        md.preprocessors.register(AnchorsPreprocessor(md), "trust_guide_anchors", 20.5)
        # After Markdown puts its own raw HTML back (30), so it does not scan the blocks; before it
        # restores `&` (20), which the blocks already hold as they should be.
        md.postprocessors.register(FinishedHtmlPostprocessor(md, blocks), "trust_guide_blocks", 25)


def makeExtension(**kwargs: Any) -> PageExtension:  # noqa: N802 - Python-Markdown's API
    return PageExtension(**kwargs)
