"""What search leaves out: sections that only list links, which would match every term they name."""
from __future__ import annotations

import re

# Material's search skips a section whose heading has this attribute, then removes the attribute.
NOT_SEARCHED = ' data-search-exclude="true"'


_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_ID = re.compile(r"\sid=")


def searchable(html: str) -> str:
    """`html` without the sections that search drops (see NOT_SEARCHED), so that it need not parse them.

    Material's search starts a section at each heading with an id; the section ends at the next
    one, or where the heading's parent element closes. A section that holds anything but plain
    elements (a comment, a script) stays, for search to parse as usual.
    """
    kept, pos = [], 0
    at = html.find(NOT_SEARCHED)
    while at != -1:
        tag = _TAG.match(html, html.rfind("<", 0, at))
        if tag and tag.start() >= pos and tag.group(2) in _HEADINGS and not tag.group(1):
            end = _section_end(html, tag.end())
            if end is not None:
                kept.append(html[pos:tag.start()])
                pos = end
        at = html.find(NOT_SEARCHED, max(at + 1, pos))
    kept.append(html[pos:])
    return "".join(kept)


def _section_end(html: str, start: int) -> int | None:
    """Where the section whose heading's opening tag ends at `start` ends; None if unsure."""
    comment = html.find("<!--", start)
    depth = 1  # inside the heading
    for m in _TAG.finditer(html, start):
        if comment != -1 and m.start() > comment:
            return None
        closing, tag, attrs = m.groups()
        if tag in ("script", "style"):
            return None
        if closing:
            depth -= 1
            if depth < 0:  # the heading's parent closes, and the section with it
                return m.start()
        elif tag in _HEADINGS and _ID.search(attrs):
            return m.start() if depth == 0 else None
        elif tag not in _VOID and not attrs.endswith("/"):
            depth += 1
    return len(html) if depth == 0 and comment == -1 else None
