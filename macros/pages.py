"""Content pages: front matter schema, headings and stable anchors."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from .errors import Problems
from .source import Doc, read_page
from .urls import page_url

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*(?:\{[^}]*#([\w-]+)[^}]*\})?[ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
MARKS = ("#", "`", "~", " ", "\t")  # the first characters that a heading or a fence can have
THEME_KEYS = {"hide", "search", "template", "status", "icon"}

PAGE_FIELDS = {
    "title": str, "description": str, "reviewed": "date", "review_due": "date",
    "references": list, "content_note": str,
}
TERM_FIELDS = {
    "title": str, "definition": str, "aliases": list, "related": list,
    "references": list, "reviewed": "date", "review_due": "date", "content_note": str,
}
REQUIRED = {"title", "reviewed", "review_due", "references"}


class Heading(NamedTuple):
    level: int
    text: str
    anchor: str
    line: int


@dataclass(eq=False, repr=False)  # compared by identity: no __eq__ or __repr__ to compile at start-up
class Page:
    """A Markdown page of the guide."""

    src: str  # path relative to docs/, posix
    doc: Doc
    headings: list[Heading] = field(default_factory=list)

    @property
    def url(self) -> str:
        return page_url(self.src)

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def is_term(self) -> bool:
        return self.src.startswith("glossary/") and self.src != "glossary/index.md"

    @property
    def term_slug(self) -> str | None:
        """`glossary/grounding.md` -> `grounding`; None for other pages."""
        return PurePosixPath(self.src).stem if self.is_term else None


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def check_front_matter(page: Page, problems: Problems) -> None:
    """Required fields, their types, real dates, and no unknown (misspelt) fields."""
    if not page.doc.valid:
        return
    schema = TERM_FIELDS if page.is_term else PAGE_FIELDS
    required = REQUIRED | ({"definition"} if page.is_term else {"description"})
    doc, path = page.doc, page.doc.path
    for key in sorted(required - doc.data.keys()):
        problems.error(path, 1, f"front matter has no `{key}`",
                       f"add a `{key}:` line between the `---` lines (see CONTRIBUTING.md)")
    for key, value in doc.data.items():
        line = doc.line(key)
        kind = schema.get(key)
        if kind is None:
            if key not in THEME_KEYS:
                allowed = ", ".join(schema)
                problems.error(path, line, f"unknown front matter field `{key}`",
                               f"check the spelling; the fields are: {allowed}")
        elif kind == "date":
            if parse_date(value) is None:
                problems.error(path, line, f"`{key}` is not a real date ({value!r})",
                               "write it as YYYY-MM-DD, for example 2027-01-31")
        elif not isinstance(value, kind) or (kind is str and not value.strip()):
            shape = "a list like [a, b]" if kind is list else "some text"
            problems.error(path, line, f"`{key}` should be {shape}", f"write `{key}:` followed by {shape}")
    reviewed, due = parse_date(doc.data.get("reviewed")), parse_date(doc.data.get("review_due"))
    if reviewed and due and due <= reviewed:
        problems.error(path, doc.line("review_due"), "`review_due` is not after `reviewed`",
                       "set the next review to a later date, usually a year after `reviewed`")


def scan_headings(page: Page, problems: Problems) -> None:
    """Collect ##/### headings; each needs a stable `{#anchor}` so that shared links keep working."""
    in_fence = False
    for offset, line in enumerate(page.doc.body.splitlines()):
        if line[:1] not in MARKS:  # most lines: prose, lists, blank lines
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        level, text, anchor = len(match.group(1)), match.group(2), match.group(3)
        lineno = page.doc.body_line + offset
        if level == 1:
            problems.error(page.doc.path, lineno, "the page has a `#` heading",
                           "remove it: the `title:` is the page heading; start sections with `##`")
        elif not anchor:
            problems.error(page.doc.path, lineno, f"heading {text!r} has no stable anchor",
                           "add a short id at the end of the line, like `## Why it helps {#why}`")
        else:
            page.headings.append(Heading(level, text, anchor, lineno))


def load_pages(docs: Path, problems: Problems, exclude: str = "_data") -> dict[str, Page]:
    """Every Markdown page under docs/, keyed by its docs-relative path."""
    pages: dict[str, Page] = {}
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if src.startswith(exclude + "/"):
            continue
        doc = read_page(path, problems)
        if doc is None:
            continue
        page = Page(src, doc)
        check_front_matter(page, problems)
        scan_headings(page, problems)
        pages[src] = page
    return pages
