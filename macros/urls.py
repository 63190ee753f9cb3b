"""Page addresses: from a source path to its URL, and relative links between pages."""
from __future__ import annotations

import posixpath


def page_url(src: str, directory: bool = True) -> str:
    """`steps/setbacks.md` -> `steps/setbacks/` (or `steps/setbacks.html` without directory URLs)."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def public_url(base: str, src: str) -> str:
    """The web address of a page (`src` may carry #anchor), as printed handouts and QR codes show it."""
    path, _, anchor = src.partition("#")
    return base + page_url(path) + (f"#{anchor}" if anchor else "")


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative, may carry #anchor)."""
    to_path, _, anchor = to_url.partition("#")
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    rel = posixpath.relpath("/" + to_path, "/" + from_dir)
    if rel == ".":
        rel = "./"
    elif to_path.endswith("/") or not to_path:
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def source_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source file to another (`../glossary/grounding.md#x`)."""
    path, _, anchor = to_src.partition("#")
    return posixpath.relpath("/" + path, "/" + posixpath.dirname(from_src)) + (f"#{anchor}" if anchor else "")



def edition_href(src: str, directory: bool, up: int, down: str, from_source: bool = False) -> str:
    """A link from a page to its twin in another edition: `up` folders out of this edition's root (0 or 1),
    then into `down` (`es/`, or "" for the root edition). `from_source`: the link starts from the page's
    Markdown file's folder, as Zensical reads links (see `Build.page_href`)."""
    url = page_url(src, directory)
    depth = src.count("/") if from_source else url.count("/")
    return "../" * (depth + up) + down + url or "./"
