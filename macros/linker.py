"""Find glossary terms in text: one phrase index over every alias, used on the page tree and on source."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .syntax import ADMONITION, FENCE, HEADING, LIST_MARK, MACRO_CALL, NOT_PROSE, TERM_HREF, WHOLE_PIECES

TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")  # words in any alphabet, with an inner apostrophe
SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}
SKIP_CLASSES = {"admonition-title", "headerlink"}


def normalise(words: list[str]) -> list[str]:
    """Words as the index keys them: lowercased, with ’ as ' and without a possessive 's."""
    return [word.lower().replace("\u2019", "'").removesuffix("'s") for word in words]


def _plurals(word: str) -> list[str]:
    forms = [word + "s", word + "es"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ies")
    return forms


def _variants(words: list[str]) -> Iterable[list[str]]:
    """The phrase, and the phrase with any one word in plural form ("windows of tolerance")."""
    yield words
    for i, word in enumerate(words):
        for plural in _plurals(word):
            yield words[:i] + [plural] + words[i + 1:]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    slug: str


class Matcher:
    """Longest-match phrase lookup. Cost per word is bounded by the longest alias, not by the term count."""

    def __init__(self, phrases: dict[str, str]):
        """`phrases` maps each alias (as written) to its term slug."""
        self.index: dict[tuple[str, ...], tuple[str, tuple[str, ...] | None]] = {}
        # The first word of every phrase (most words start none), with the phrases' lengths, longest first.
        self.first: dict[str, list[int]] = {}
        for phrase, slug in phrases.items():
            words = TOKEN.findall(phrase)
            if not words:
                continue
            exact = tuple(words) if phrase.isupper() else None  # acronyms match case-sensitively
            norm = normalise(words)
            forms = [norm] if exact else _variants(norm)
            for form in forms:
                self.index.setdefault(tuple(form), (slug, exact))
                lengths = self.first.setdefault(form[0], [])
                if len(form) not in lengths:
                    lengths.append(len(form))
                    lengths.sort(reverse=True)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, longest first at each position, whole words only."""
        tokens = list(TOKEN.finditer(text))
        words = [t.group() for t in tokens]
        norm = normalise(words)
        out: list[Match] = []
        after = 0  # the first token not yet inside a match
        for i in [k for k, word in enumerate(norm) if word in self.first]:
            if i < after:
                continue
            for n in self.first[norm[i]]:
                hit = self.index.get(tuple(norm[i:i + n])) if i + n <= len(norm) else None
                if hit is None:
                    continue
                slug, exact = hit
                if exact is not None and tuple(words[i:i + n]) != exact:
                    continue
                start, end = tokens[i].start(), tokens[i + n - 1].end()
                if _joined(text, start, end):
                    continue
                out.append(Match(start, end, slug))
                after = i + n
                break
        return out


def _joined(text: str, start: int, end: int) -> bool:
    """True when the match is part of a longer hyphenated word, like `self` in `self-doubt`."""
    before = text[start - 2:start] if start >= 2 else ""
    after = text[end:end + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalnum()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalnum())


# --- linking the rendered page tree -------------------------------------------------------------

MakeLink = Callable[[str, str], ET.Element]


def link_tree(root: ET.Element, matcher: Matcher, make_link: MakeLink,
              done: set[str] | None = None, expected: Iterable[str] | None = None) -> list[str]:
    """Link the first mention of each term in document order; return the slugs linked, in order.

    Skips headings, links, code and admonition titles. Slugs in `done` (and terms already linked by
    hand, `a[data-term]`) are not linked again. `expected` is what `scan_source` found on the page:
    once those are linked, the rest of the page is not searched.
    """
    done = set() if done is None else done
    linked: list[str] = []
    wanted = None if expected is None else set(expected) - done

    def finished() -> bool:
        return wanted is not None and not wanted

    def mark(slug: str) -> None:
        done.add(slug)
        if wanted is not None:
            wanted.discard(slug)

    def link_text(text: str) -> tuple[str, list[ET.Element]]:
        """Split text into leading text and new link elements (each carrying its tail)."""
        new: list[ET.Element] = []
        head, pos = text, 0
        for m in matcher.find(text):
            if m.slug in done:
                continue
            mark(m.slug)
            linked.append(m.slug)
            link = make_link(m.slug, text[m.start:m.end])
            if new:
                new[-1].tail = text[pos:m.start]
            else:
                head = text[:m.start]
            new.append(link)
            pos = m.end
        if new:
            new[-1].tail = text[pos:]
        return head, new

    def walk(el: ET.Element) -> None:
        if el.tag == "a":
            slug = el.get("data-term") or next(iter(TERM_HREF.findall(el.get("href", ""))), None)
            if slug:
                mark(slug)
        classes = el.get("class")
        if el.tag in SKIP_TAGS or (classes and not SKIP_CLASSES.isdisjoint(classes.split())):
            return
        i = 0  # the next child to walk; new links are not walked
        if el.text:
            el.text, new = link_text(el.text)
            el[0:0] = new
            i = len(new)
        while i < len(el) and not finished():
            child = el[i]
            walk(child)
            i += 1
            if child.tail and not finished():
                child.tail, new = link_text(child.tail)
                el[i:i] = new
                i += len(new)

    if not finished():
        walk(root)
    return linked


# --- the same rules on Markdown source, for backlinks ---------------------------------------------

def _explicit_term(piece: str) -> str | None:
    """The term that a `{{ term('x') }}` call or a link to `glossary/x.md` names, as the tree sees it."""
    if piece.startswith("{{"):
        call = MACRO_CALL.match(piece)
        return call.group(3) if call and call.group(1) == "term" else None
    if piece.startswith("[") and "](" in piece:
        found = TERM_HREF.search(piece.split("](", 1)[1][:-1].split(" ")[0])  # the target, without a title
        return found.group(1) if found else None
    return None


@dataclass(frozen=True)
class Mention:
    """Where a page first mentions a term."""

    slug: str
    heading: str | None  # text of the section heading, None before the first one
    anchor: str | None
    line: int


def scan_source(body: str, matcher: Matcher, first_line: int = 1,
                done: set[str] | None = None) -> list[Mention]:
    """First mention of each term in Markdown source, with its section: mirrors `link_tree`."""
    done = set() if done is None else set(done)
    found: list[Mention] = []
    heading: tuple[str | None, str | None] = (None, None)
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if not line:
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or ADMONITION.match(line) or line.lstrip().startswith("<"):
            continue
        h = HEADING.match(line)
        if h:
            heading = (NOT_PROSE.sub("", h.group(2)).strip(), h.group(3))
            continue
        text = LIST_MARK.sub("", line)
        lineno = first_line + offset
        slugs = []
        for piece in WHOLE_PIECES.split(text):
            explicit = _explicit_term(piece)
            if explicit:
                slugs.append(explicit)
            else:
                slugs += [m.slug for seg in NOT_PROSE.split(piece) if seg for m in matcher.find(seg)]
        for slug in slugs:
            if slug not in done:
                done.add(slug)
                found.append(Mention(slug, heading[0], heading[1], lineno))
    return found
