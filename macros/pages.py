"""Content pages: front matter checked against its schema, headings and their stable anchors."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from . import schema
from .errors import Problems
from .source import Doc, read_page
from .syntax import BLOCK_MARKS, FENCE, HEADING


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Page:
    """A Markdown page of the guide."""

    src: str  # path relative to docs/, posix
    doc: Doc = field(repr=False)
    meta: dict[str, Any] = field(repr=False)  # the front matter fields that passed the schema, typed
    headings: tuple[Heading, ...] = field(default=(), repr=False)

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    @property
    def term_slug(self) -> str | None:
        """`glossary/grounding.md` -> `grounding`; None for other pages."""
        if self.src.startswith("glossary/") and self.src != "glossary/index.md":
            return PurePosixPath(self.src).stem
        return None


def is_term_page(src: str) -> bool:
    return src.startswith("glossary/") and src != "glossary/index.md"


def check_front_matter(src: str, doc: Doc, problems: Problems) -> dict[str, Any]:
    """Required fields, their types, real dates, and no unknown (misspelt) fields."""
    if not doc.valid:
        return {}
    meta = schema.validate(schema.TERM if is_term_page(src) else schema.PAGE, doc.data, doc, problems)
    reviewed, due = meta.get("reviewed"), meta.get("review_due")
    if reviewed and due and due <= reviewed:
        problems.error(doc.path, doc.line("review_due"), "`review_due` is not after `reviewed`",
                       "set the next review to a later date, usually a year after `reviewed`")
    return meta


def scan_headings(doc: Doc, problems: Problems) -> tuple[Heading, ...]:
    """The ##/### headings; each needs a stable `{#anchor}` so that shared links keep working."""
    headings: list[Heading] = []
    in_fence = False
    for offset, line in enumerate(doc.body.splitlines()):
        if line[:1] not in BLOCK_MARKS:  # most lines: prose, lists, blank lines
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        level, text, anchor = len(match.group(1)), match.group(2), match.group(3)
        lineno = doc.body_line + offset
        if level == 1:
            problems.error(doc.path, lineno, "the page has a `#` heading",
                           "remove it: the `title:` is the page heading; start sections with `##`")
        elif not anchor:
            problems.error(doc.path, lineno, f"heading {text!r} has no stable anchor",
                           "add a short id at the end of the line, like `## Why it helps {#why}`")
        else:
            headings.append(Heading(level, text, anchor, lineno))
    return tuple(headings)


def load_pages(docs: Path, problems: Problems, exclude: tuple[str, ...] = ("_data",)) -> dict[str, Page]:
    """Every Markdown page under docs/, keyed by its docs-relative path, but for the folders in `exclude`."""
    pages: dict[str, Page] = {}
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if src.split("/")[0] in exclude:
            continue
        doc = read_page(path, problems)
        if doc is None:
            continue
        pages[src] = Page(src, doc, check_front_matter(src, doc, problems), scan_headings(doc, problems))
    return pages
