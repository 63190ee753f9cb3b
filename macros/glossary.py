"""Glossary terms: one Markdown file each under docs/glossary/, validated and indexed."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from .errors import Problems
from .linker import TOKEN, Matcher, Mention
from .pages import Page
from .render import NOT_SEARCHED


@dataclass(frozen=True)
class Term:
    """A glossary term: its page and the fields that the linker and the glossary use."""

    slug: str
    page: Page = field(repr=False)

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def definition(self) -> str:
        return self.page.meta.get("definition", "")

    @property
    def aliases(self) -> list[str]:
        return self.page.meta.get("aliases", [])

    @property
    def related(self) -> list[str]:
        return self.page.meta.get("related", [])

    @property
    def src(self) -> str:
        return self.page.src


def _key(phrase: str) -> str:
    return " ".join(w.lower() for w in TOKEN.findall(phrase))


def load_terms(pages: dict[str, Page], problems: Problems) -> dict[str, Term]:
    """Terms from the glossary pages, with their own checks (definitions, aliases, related)."""
    terms = {p.term_slug: Term(p.term_slug, p) for p in pages.values() if p.term_slug}
    claimed: dict[str, Term] = {}
    for slug, term in sorted(terms.items()):
        doc = term.page.doc
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            problems.error(doc.path, 1, f"term file name {slug!r} is not a valid slug",
                           "rename the file to lowercase words joined by hyphens, like `window-of-tolerance.md`")
        for i, phrase in enumerate([term.title] + term.aliases):
            key = _key(phrase)
            line = doc.line("title") if i == 0 else doc.line(f"aliases.{i - 1}", doc.line("aliases"))
            other = claimed.get(key)
            if not key:
                problems.error(doc.path, line, f"alias {phrase!r} has no words", "remove it")
            elif other is not None and other is not term:
                problems.error(doc.path, line, f"{phrase!r} is also claimed by {other.src}",
                               "give each name or alias to one term only: remove it from one file")
            else:
                claimed[key] = term
        for i, rel in enumerate(term.related):
            line = doc.line(f"related.{i}", doc.line("related"))
            if rel == slug:
                problems.error(doc.path, line, "the term lists itself as related", f"remove {rel!r} from `related`")
            elif rel not in terms:
                problems.error(doc.path, line, f"related term {rel!r} does not exist",
                               "use the file name of a term in docs/glossary/ (without .md), or remove it")
    return terms



def build_matcher(terms: dict[str, Term]) -> Matcher:
    phrases: dict[str, str] = {}
    for slug, term in terms.items():
        for phrase in [term.title] + term.aliases:
            phrases.setdefault(phrase, slug)
    return Matcher(phrases)


def related_both_ways(terms: dict[str, Term]) -> dict[str, list[str]]:
    """If A lists B as related, B shows A too. Sorted by title."""
    out: dict[str, set[str]] = defaultdict(set)
    for slug, term in terms.items():
        for rel in term.related:
            if rel in terms and rel != slug:
                out[slug].add(rel)
                out[rel].add(slug)
    return {s: sorted(out[s], key=lambda r: terms[r].title.lower()) for s in terms}


def backlinks(mentions: dict[str, list[Mention]], pages: dict[str, Page]) -> dict[str, list[tuple[Page, Mention]]]:
    """For each term slug, the pages that mention it and where (first mention), in page order."""
    out: dict[str, list[tuple[Page, Mention]]] = defaultdict(list)
    for src in sorted(mentions):
        for mention in mentions[src]:
            out[mention.slug].append((pages[src], mention))
    return out


# --- rendering -----------------------------------------------------------------------------------

Href = Callable[[str], str]  # docs-relative source path -> link from the current page


def render_index(terms: dict[str, Term], href: Href, text: dict[str, str]) -> str:
    """The A-Z index: the whole alphabet in one wrapped row, then each letter's terms with their definitions.

    A letter with terms links to them; a letter without any is plain text, so that no link leads nowhere.
    """
    groups: dict[str, list[Term]] = defaultdict(list)
    for term in sorted(terms.values(), key=lambda t: t.title.lower()):
        first = term.title[:1].upper()
        groups[first if first.isalpha() else "#"].append(term)
    letters = sorted(groups)
    alphabet = sorted(set("ABCDEFGHIJKLMNOPQRSTUVWXYZ") | set(groups))
    jump = "".join(f'<li><a href="#letter-{escape(c.lower())}">{escape(c)}</a></li>' if c in groups
                   else f'<li><span class="glossary-az__none">{escape(c)}</span></li>' for c in alphabet)
    out = [f'<nav class="glossary-az" aria-label="{escape(text["glossary_letters"])}"><ul>{jump}</ul></nav>']
    for c in letters:
        out.append(f'<h2 id="letter-{escape(c.lower())}"{NOT_SEARCHED}>{escape(c)}</h2>\n<dl class="glossary-list">')
        for term in groups[c]:
            out.append(f'<dt><a href="{escape(href(term.src))}">{escape(term.title)}</a></dt>'
                       f"<dd>{escape(term.definition)}</dd>")
        out.append("</dl>")
    return "\n".join(out)


def render_term_sections(related: list[Term], uses: list[tuple[Page, Mention]],
                         citations: list[str], href: Href, address: Href, text: dict[str, str]) -> list[str]:
    """The generated end of a term page: related terms, where it appears, and its sources.

    Headings and the lists under them come as separate blocks. Each link carries the address that a
    printed page shows (`address`); `citations` are finished links.
    """
    def link(target: str, label: str, title: str = "") -> str:
        tip = f' title="{escape(title)}"' if title else ""
        return (f'<li><a data-print-href="{escape(address(target))}" href="{escape(href(target))}"{tip}>'
                f"{label}</a></li>")

    out: list[str] = []
    if related:
        out.append(f'<h2 id="related"{NOT_SEARCHED}>{escape(text["related_terms"])}</h2>')
        out.append('<ul class="term-related">' + "".join(link(r.src, escape(r.title), r.definition) for r in related)
                   + "</ul>")
    out.append(f'<h2 id="where-used"{NOT_SEARCHED}>{escape(text["where_used"])}</h2>')
    if uses:
        items = ""
        for page, m in uses:
            section = f" \u203a {escape(m.heading)}" if m.heading else ""
            items += link(page.src + (f"#{m.anchor}" if m.anchor else ""), escape(page.title) + section)
        out.append(f'<ul class="term-uses">{items}</ul>')
    else:
        out.append(f"<p>{escape(text['not_used'])}</p>")
    if citations:
        out.append(f'<h2 id="sources"{NOT_SEARCHED}>{escape(text["sources"])}</h2>')
        out.append('<ul class="term-sources">' + "".join(f"<li>{c}</li>" for c in citations) + "</ul>")
    return out
