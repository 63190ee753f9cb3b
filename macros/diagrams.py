"""Diagrams: SVG files in docs/assets/diagrams/, checked and put into a page inline.

Inline, a diagram follows the light and dark palettes (its colours are classes styled in site.css)
and carries its own title and description for screen readers. An `<img>` could do neither.

`{{ diagram('window-of-tolerance') }}` shows `docs/assets/diagrams/window-of-tolerance.svg`. The file
must be plain, static SVG: the site's security policy blocks scripts and inline styles, and a
diagram may not load anything (no images, fonts or links to other files). It needs a `<title>` (its
first element) and a `<desc>` that says in words what the picture shows.

Pure: this module imports nothing from MkDocs. Every problem is reported as `path:line: what - fix`.
"""
from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .errors import ContentError, Problems

FOLDER = "assets/diagrams"  # under docs/
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
USE = re.compile(r"""\{\{\s*diagram\(\s*['"]([^'"]*)['"]""")

# The colours a diagram may use: each class is styled in site.css for the light and dark palettes
# and for print. A shape that has a colour of its own (`fill="#..."`, for viewing the file by itself)
# must carry one of these classes, which the site's colours then replace.
CLASSES = ("d-text", "d-muted", "d-line", "d-settled", "d-alarm", "d-shutdown", "d-path", "d-trail", "d-step",
           "d-card")

ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "marker", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "pattern",
}
BLOCKED = {  # element -> why it cannot be in a diagram, and what to do instead
    "script": "a script, which the site's security policy blocks - remove the <script> element",
    "style": "a <style> element, which the site's security policy blocks - remove it and use the "
             f"classes {', '.join(CLASSES)} or fill= and stroke= attributes",
    "image": "an image loaded from a file - draw the picture in SVG shapes instead",
    "foreignObject": "HTML inside the SVG - use <text> for words",
    "a": "a link - put links in the page text, next to the diagram",
    "animate": "motion, which can upset readers - remove the <animate> element",
    "animateMotion": "motion, which can upset readers - remove the element",
    "animateTransform": "motion, which can upset readers - remove the element",
    "set": "an animation - remove the <set> element",
    "iframe": "an embedded page - remove it",
}
EDITOR_PREFIXES = ("sodipodi:", "inkscape:", "rdf:", "cc:", "dc:", "sketch:", "serif:")  # drawing programs' notes
DROPPED_ELEMENTS = {"metadata"}
DROPPED_ROOT = {"width", "height", "role", "aria-label", "aria-labelledby", "aria-describedby", "version",
                "x", "y", "xml:space", "enable-background", "baseProfile"}
ID_REFS = ("aria-labelledby", "aria-describedby")
URL_REF = re.compile(r"url\(\s*['\"]?([^)'\"]*)['\"]?\s*\)")
PRESENTATION = {  # style properties that are also SVG attributes: a `style=` holding only these is converted
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
    "font-size", "font-weight", "font-style", "font-family", "text-anchor", "dominant-baseline",
    "letter-spacing", "visibility", "display", "marker-start", "marker-mid", "marker-end", "stop-color",
    "stop-opacity", "paint-order", "vector-effect", "clip-rule",
}
PLAIN_PAINT = {"none", "currentcolor", "transparent", "inherit", "context-fill", "context-stroke"}
TEXT_ELEMENTS = {"text", "tspan", "title", "desc"}  # whitespace inside these is part of the words


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.elements():
            out += child.walk()
        return out


def diagram_path(docs: Path, name: str) -> Path:
    return docs / FOLDER / f"{name}.svg"


def render_diagram(path: Path, prefix: str | None = None, root: Path | None = None) -> str:
    """The diagram at `path` as inline HTML, or ContentError listing every problem in the file.

    Ids are made unique on the page by `prefix` (default `diagram-<file name>`); the SVG becomes one
    image (`role="img"`) named by its title and described by its description.
    """
    problems = Problems(root)
    svg = _parse(path, problems)
    if svg is not None:
        _check(svg, path, problems)
    if problems.errors or svg is None:
        raise ContentError(problems.errors)
    return _render(svg, prefix or f"diagram-{path.stem}")


def check_use(docs: Path, name: str, page_path: Path, line: int, body: str, problems: Problems) -> None:
    """Check one `{{ diagram('name') }}` call on a page: the name, the file, and one use per page."""
    if not NAME.fullmatch(name):
        problems.error(page_path, line, f"diagram name {name!r} is not a file name",
                       "use the name of an SVG file in docs/assets/diagrams/ without .svg, like 'window-of-tolerance'")
        return
    path = diagram_path(docs, name)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in (docs / FOLDER).glob("*.svg"))) or "none yet"
        problems.error(page_path, line, f"unknown diagram {name!r}",
                       f"use the name of an SVG file in docs/assets/diagrams/ (without .svg); there are: {known}")
        return
    if sum(1 for used in USE.findall(body) if used == name) > 1:
        problems.error(page_path, line, f"diagram {name!r} is shown more than once on this page",
                       "show each diagram once per page: remove the other call")
    try:
        render_diagram(path, root=problems.root)
    except ContentError as error:
        problems.items.extend(error.problems)


# --- reading -------------------------------------------------------------------------------------

def _parse(path: Path, problems: Problems) -> Node | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.error(path, 1, f"the diagram cannot be read ({error.strerror})", "check the file")
        return None
    parser = xml.parsers.expat.ParserCreate()
    stack: list[Node] = []
    top: list[Node] = []
    skipping = [0]  # depth inside an element that is dropped whole (a drawing program's notes)

    def start(tag: str, attrs: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        if skipping[0] or tag in DROPPED_ELEMENTS or tag.startswith(EDITOR_PREFIXES):
            skipping[0] += 1
            return
        node = Node(tag, attrs, line)
        (stack[-1].children if stack else top).append(node)
        stack.append(node)

    def end(tag: str) -> None:
        if skipping[0]:
            skipping[0] -= 1
        else:
            stack.pop()

    def text(data: str) -> None:
        if stack and not skipping[0]:
            stack[-1].children.append(data)

    def doctype(*_: object) -> None:
        problems.error(path, parser.CurrentLineNumber, "the diagram has a <!DOCTYPE> declaration",
                       "remove the <!DOCTYPE ...> line: inline SVG does not need it")

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        reason = xml.parsers.expat.ErrorString(error.code)
        problems.error(path, error.lineno, f"the diagram is not valid SVG ({reason})",
                       "open it in a drawing program and save it again as plain SVG, or fix the tag on that line")
        return None
    if not top or top[0].tag != "svg":
        problems.error(path, 1, "the file is not an SVG drawing", "the file must start with an <svg> element")
        return None
    return top[0]


# --- checking ------------------------------------------------------------------------------------

def _check(svg: Node, path: Path, problems: Problems) -> None:
    kids = svg.elements()
    if "viewBox" not in svg.attrs:
        problems.error(path, svg.line, "the <svg> element has no viewBox, so the diagram cannot scale",
                       'add viewBox="0 0 WIDTH HEIGHT" with the drawing\'s size, like viewBox="0 0 360 400"')
    if not kids or kids[0].tag != "title" or not kids[0].text().strip():
        problems.error(path, svg.line, "the diagram has no <title> as its first element",
                       "add <title>A short name for the picture</title> straight after the <svg ...> line")
    descs = [k for k in kids if k.tag == "desc"]
    if not descs or not descs[0].text().strip():
        problems.error(path, svg.line, "the diagram has no <desc> description",
                       "add <desc>...</desc> after the <title>: say in words everything the picture shows")
    for node in (k for k in kids if k.tag in ("title", "desc")):
        if node.elements():
            problems.error(path, node.line, f"the <{node.tag}> holds other elements", "write plain text only")
    ids = {n.attrs["id"] for n in svg.walk() if "id" in n.attrs}
    seen: set[str] = set()
    for node in svg.walk():
        _check_node(node, path, ids, problems)
        if "id" in node.attrs:
            if node.attrs["id"] in seen:
                problems.error(path, node.line, f"the id {node.attrs['id']!r} is used twice",
                               "give each id= in the diagram a different name")
            seen.add(node.attrs["id"])


def _check_node(node: Node, path: Path, ids: set[str], problems: Problems) -> None:
    line = node.line
    if node.tag in BLOCKED:
        what, _, fix = BLOCKED[node.tag].partition(" - ")
        problems.error(path, line, f"the diagram has {what}", fix)
        return
    if node.tag not in ELEMENTS:
        problems.error(path, line, f"<{node.tag}> is not allowed in a diagram",
                       f"use only plain shapes and text: {', '.join(sorted(ELEMENTS))}")
        return
    if "style" in node.attrs:
        _, bad = _style_attrs(node.attrs["style"])
        if bad:
            problems.error(path, line, f"style=\"...\" sets {', '.join(bad)}, which the site's security policy blocks",
                           "use attributes such as fill= and stroke= instead, or one of the classes "
                           + ", ".join(CLASSES))
    for name, value in node.attrs.items():
        low = name.lower()
        if low.startswith("on"):
            problems.error(path, line, f"the attribute {name}= runs a script", f"remove {name}=\"...\"")
        elif low in ("href", "xlink:href") and not (value.startswith("#") and value[1:] in ids):
            problems.error(path, line, f"{name}=\"{value}\" points outside the diagram",
                           "a diagram may only point to an id= inside the same file, like href=\"#arrow\"")
        elif low in ("xml:base", "src"):
            problems.error(path, line, f"the attribute {name}= loads something from elsewhere", f"remove {name}=")
        elif "javascript:" in value.lower():
            problems.error(path, line, f"{name}= holds a script", f"remove {name}=")
        for target in URL_REF.findall(value):
            if not (target.startswith("#") and target[1:] in ids):
                problems.error(path, line, f"{name}= points to {target!r}, outside the diagram",
                               "use url(#id) with an id= inside the same file, or a plain colour")
        if low in ID_REFS:
            for ref in value.split():
                if ref not in ids:
                    problems.error(path, line, f"{name}= names the id {ref!r}, which the diagram does not have",
                                   "use an id= from the same file, or remove the attribute")
    paints = {k: v for k, v in _attributes(node).items() if k in ("fill", "stroke", "stop-color")}
    coloured = [f"{k}={v!r}" for k, v in paints.items() if v.strip().lower() not in PLAIN_PAINT
                and not v.strip().startswith("url(")]
    classes = set(node.attrs.get("class", "").split())
    if coloured and node.tag not in ("svg", "stop") and not classes & set(CLASSES):
        problems.error(path, line, f"<{node.tag}> has its own colour ({', '.join(coloured)}), "
                                   "which will not change for the dark palette",
                       f"add class=\"...\" with one of {', '.join(CLASSES)}, or use fill=\"currentColor\"")


def _attributes(node: Node) -> dict[str, str]:
    """The element's attributes with its `style=` turned into attributes (a style wins, as in a browser)."""
    style, _ = _style_attrs(node.attrs.get("style", ""))
    return {**{k: v for k, v in node.attrs.items() if k != "style"}, **style}


def _style_attrs(style: str) -> tuple[dict[str, str], list[str]]:
    """A `style=` value as SVG attributes, and the properties that have no attribute form."""
    attrs: dict[str, str] = {}
    bad: list[str] = []
    for decl in style.split(";"):
        prop, sep, value = decl.partition(":")
        prop, value = prop.strip().lower(), value.strip()
        if not prop:
            continue
        if sep and prop in PRESENTATION and "!" not in value and "url(" not in value.replace("url(#", ""):
            attrs[prop] = value
        else:
            bad.append(prop)
    return attrs, bad


# --- writing -------------------------------------------------------------------------------------

def _render(svg: Node, prefix: str) -> str:
    def new_id(old: str) -> str:
        return f"{prefix}-{old}"

    kids = svg.elements()
    title, desc = kids[0], next(k for k in kids if k.tag == "desc")
    title.attrs["id"] = title.attrs.get("id") or "title"
    desc.attrs["id"] = desc.attrs.get("id") or "desc"
    root = {k: v for k, v in svg.attrs.items() if k not in DROPPED_ROOT}
    root.update({"role": "img", "aria-labelledby": title.attrs["id"], "aria-describedby": desc.attrs["id"]})
    svg.attrs = root
    return '<div class="diagram">' + _write(svg, new_id) + "</div>"


def _write(node: Node, rename: Callable[[str], str]) -> str:
    attrs: dict[str, str] = {}
    for name, value in _attributes(node).items():
        if name == "xmlns" or name.startswith(("xmlns:",) + EDITOR_PREFIXES):
            continue
        if name == "id":
            value = rename(value)
        elif name in ID_REFS:
            value = " ".join(rename(v) for v in value.split())
        elif name in ("href", "xlink:href"):
            name, value = "href", "#" + rename(value[1:])
        elif "url(" in value:
            value = URL_REF.sub(lambda m: f"url(#{rename(m.group(1)[1:])})", value)
        attrs[name] = value
    open_tag = node.tag + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    if not node.children:
        return f"<{open_tag}/>"
    parts = []
    for child in node.children:
        if isinstance(child, Node):
            parts.append(_write(child, rename))
        elif node.tag in TEXT_ELEMENTS:
            parts.append(escape(child, quote=False))
        elif child.strip():
            parts.append(escape(child.strip(), quote=False))
        else:
            parts.append("\n")  # words in separate <text> elements stay separate words for search
    return f"<{open_tag}>{''.join(parts)}</{node.tag}>"
