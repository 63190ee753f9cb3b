"""Reflective checklists: one YAML file each under docs/_data/checklists/, rendered as accessible forms."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import Any

from . import schema
from .errors import Problems
from .source import Doc, read_data

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

Href = Callable[[str], str]  # docs-relative .md path -> link from the current page


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    link: str | None = None
    route: str | None = None  # danger, self-harm or support: see `render`


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    reflection: str
    next: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    id: str
    title: str | None
    items: tuple[Item, ...]
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    intro: str
    instructions: str
    scored: bool
    sensitive: bool  # never offers to remember answers: someone who shares a device may see them
    groups: tuple[Group, ...] = field(repr=False)
    disclaimer: str | None = field(repr=False)
    doc: Doc = field(repr=False)
    links: tuple[tuple[str, int], ...] = field(default=(), repr=False)  # (docs path, line) of every link

    @property
    def items(self) -> list[Item]:
        return [item for g in self.groups for item in g.items]


def _parse_group(doc: Doc, data: dict, where: str, scored: bool, seen: dict[str, int],
                 links: list[tuple[str, int]], problems: Problems) -> Group:
    values = schema.validate(schema.GROUP, data, doc, problems, where) if where else data
    items: list[Item] = []
    raw_items = values.get("items") or []
    items_line = doc.line(f"{where}items", doc.line(where.rstrip(".") or "id"))
    if not raw_items:
        problems.error(doc.path, items_line, "the checklist has no items",
                       "add an `items:` list with at least one `- id: ...` and `text: ...`")
    for i, raw in enumerate(raw_items):
        at = f"{where}items.{i}."
        line = doc.line(at.rstrip("."), items_line)
        item = schema.validate(schema.ITEM, raw, doc, problems, at)
        item_id = item.get("id", "")
        if item_id and not ID.fullmatch(item_id):
            problems.error(doc.path, line, f"item id {item_id!r} is not lowercase-with-hyphens",
                           "use short lowercase words joined by hyphens, like `feel-safe`")
        elif item_id in seen:
            problems.error(doc.path, doc.line(at + "id", line),
                           f"item id {item_id!r} is used twice (first on line {seen[item_id]})",
                           "give every item its own id; never reuse or change an id once published")
        seen.setdefault(item_id, line)
        if "link" in item:
            links.append((item["link"], doc.line(at + "link", line)))
        items.append(Item(item_id, item.get("text", ""), item.get("link"), item.get("route")))
    bands: list[Band] = []
    raw_bands = values.get("bands") or []
    if scored and not raw_bands:
        problems.error(doc.path, items_line, "a scored checklist has no `bands`",
                       "add `bands:` covering every count from 0 to the number of items, or set `scored: false`")
    if not scored and raw_bands:
        problems.error(doc.path, doc.line(f"{where}bands"), "`bands` on a checklist with `scored: false`",
                       "remove the bands, or set `scored: true`")
    for i, raw in enumerate(raw_bands):
        at = f"{where}bands.{i}."
        band = schema.validate(schema.BAND, raw, doc, problems, at)
        lo, hi = band.get("min"), band.get("max")
        if lo is None or hi is None or lo > hi:
            problems.error(doc.path, doc.line(at.rstrip(".")), "a band needs whole numbers `min` <= `max`",
                           "write for example `min: 0` and `max: 2`")
            continue
        nxt = band.get("next", [])
        links += [(target, doc.line(f"{at}next.{j}", doc.line(at.rstrip(".")))) for j, target in enumerate(nxt)]
        bands.append(Band(lo, hi, band.get("reflection", ""), tuple(nxt)))
    if scored and bands:
        _check_coverage(doc, where, bands, len(items), problems)
    return Group(values.get("id", ""), values.get("title") if where else None, tuple(items), tuple(bands))


def _check_coverage(doc: Doc, where: str, bands: list[Band], total: int, problems: Problems) -> None:
    """Bands must cover every count 0..total exactly once."""
    line = doc.line(f"{where}bands")
    owner: dict[int, Band] = {}
    for band in bands:
        for n in range(band.min, band.max + 1):
            if n in owner:
                problems.error(doc.path, line, f"bands overlap at {n} ticked",
                               "make each band start one above the previous band's `max`")
                return
            owner[n] = band
    missing = [n for n in range(total + 1) if n not in owner]
    extra = [n for n in owner if n > total]
    if missing:
        problems.error(doc.path, line, f"no band covers {missing[0]} ticked (there are {total} items)",
                       f"make the bands cover every count from 0 to {total} with no gaps")
    elif extra:
        problems.error(doc.path, line, f"a band goes up to {max(extra)}, but there are only {total} items",
                       f"end the last band at `max: {total}`")


def load_checklist(path: Path, problems: Problems) -> Checklist | None:
    doc = read_data(path, problems)
    if doc is None:
        return None
    data = schema.validate(schema.CHECKLIST, doc.data, doc, problems)
    cid = data.get("id", "")
    if cid and cid != path.stem:
        problems.error(path, doc.line("id"), f"id {cid!r} does not match the file name",
                       f"set `id: {path.stem}` or rename the file to {cid}.yml")
    scored = data.get("scored", True)
    links: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    if "groups" in doc.data:
        if "items" in doc.data or "bands" in doc.data:
            problems.error(path, doc.line("groups"), "a checklist has both `groups` and top-level `items`/`bands`",
                           "put every item and band inside a group")
        groups = [_parse_group(doc, g, f"groups.{i}.", scored, seen, links, problems)
                  for i, g in enumerate(data.get("groups", []))]
        if not groups:
            problems.error(path, doc.line("groups"), "`groups` is empty", "add at least one group with items")
    else:
        groups = [replace(_parse_group(doc, data, "", scored, seen, links, problems), id=cid)]
    return Checklist(cid or path.stem, data.get("title", ""), data.get("intro", ""), data.get("instructions", ""),
                     scored, data.get("sensitive", False), tuple(groups), data.get("disclaimer"), doc, tuple(links))


def load_checklists(folder: Path, problems: Problems) -> dict[str, Checklist]:
    out: dict[str, Checklist] = {}
    for path in sorted(folder.glob("*.yml")):
        checklist = load_checklist(path, problems)
        if checklist is not None:
            out[checklist.id] = checklist
    return out


# --- rendering -----------------------------------------------------------------------------------

def _attr(value: Any) -> str:
    return escape(str(value), quote=True)


SUPPORT_PAGE, HELP_PAGE = "steps/support.md", "get-help.md"
URGENT = ("danger", "self-harm")  # the routes that show urgent help as soon as an item is ticked


def render(checklist: Checklist, href: Href, titles: dict[str, str], text: dict[str, str], address: Href,
           help_lines: Callable[[str], str]) -> str:
    """The checklist form. `titles` maps docs-relative paths to page titles (for link text).

    `address` gives a page's web address, which a printed checklist shows after "read next" and
    help links. Links in items explain a word, like term links in text, and print without one.
    `help_lines(route)` is the HTML list of the help lines for a danger or self-harm route.
    Whatever is ticked, the form shows a route to support; urgent help shows at once for danger
    and self-harm items, and is printed beside them (and shown) where JavaScript does not run.
    """
    c = checklist
    cid = _attr(c.id)

    def link(target: str, printed: bool = False, label: str | None = None) -> str:
        where = f' data-print-href="{_attr(address(target))}"' if printed else ""
        words = label or titles.get(target.partition("#")[0], target)
        return f'<a href="{_attr(href(target))}"{where}>{escape(words)}</a>'

    def with_link(words: str) -> str:
        """Interface words with `{link}` where the link to the support page goes."""
        return escape(words).replace("{link}", link(SUPPORT_PAGE, printed=True))

    out = [f'<form class="checklist" data-checklist="{cid}" data-scored="{str(c.scored).lower()}"'
           f' data-tally="{_attr(text["tally"])}" data-group-tally="{_attr(text["group_tally"])}"'
           f' data-cleared="{_attr(text["cleared"])}"'
           f' aria-labelledby="{cid}-title">',
           f'<fieldset><legend id="{cid}-title">{escape(c.title)}</legend>',
           f'<p class="checklist__intro">{escape(c.intro)}</p>',
           f'<p class="checklist__instructions">{escape(c.instructions)}</p>']
    shown: set[str] = set()  # the urgent cards already placed
    for g in c.groups:
        if g.title:
            out.append(f'<fieldset class="checklist__group" data-group="{_attr(g.id)}"'
                       f' data-title="{_attr(g.title)}"><legend>{escape(g.title)}</legend>')
        out.append('<ul class="checklist__items">')
        for item in g.items:
            iid = f"{c.id}-{item.id}"
            more = f' <span class="checklist__more">({link(item.link)})</span>' if item.link else ""
            route = f' data-route="{item.route}"' if item.route else ""
            now = ""
            if item.route in URGENT:
                now = (f' <span class="checklist__route">{escape(text["route_now"])} '
                       f'{link(HELP_PAGE + "#urgent", printed=True, label=text["urgent_help"])}</span>')
            out.append(f'<li><input type="checkbox" id="{_attr(iid)}" name="{_attr(item.id)}"{route}>'
                       f' <label for="{_attr(iid)}">{escape(item.text)}</label>{more}{now}</li>')
        out.append("</ul>")
        for route in URGENT:  # right under the items, where the reader has just ticked one
            if route in {item.route for item in g.items} and route not in shown:
                shown.add(route)
                key = route.replace("-", "_")
                out.append(f'<div class="admonition care-immediate checklist__urgent" data-urgent="{route}">'
                           f'<p class="admonition-title">{escape(text[f"urgent_{key}_title"])}</p>'
                           f'<p>{escape(text[f"urgent_{key}"])}</p>{help_lines(route)}'
                           f'<p>{link(HELP_PAGE + "#help-lines", printed=True, label=text["urgent_more"])}</p></div>')
        if g.bands:
            out.append(f'<div class="checklist__key" data-group="{_attr(g.id)}">'
                       f'<p class="checklist__key-title">{escape(text["key_title"])}</p><ul>')
            for b in g.bands:
                span = text["band_one"] if b.min == b.max else text["band_range"]
                label = span.format(min=b.min, max=b.max)
                nxt = ""
                if b.next:
                    nxt = f' <span class="checklist__next">{escape(text["read_next"])} ' + \
                        ", ".join(link(t, printed=True) for t in b.next) + "</span>"
                out.append(f'<li data-min="{b.min}" data-max="{b.max}"><strong>{escape(label)}</strong> '
                           f'<span class="checklist__reflection">{escape(b.reflection)}</span>{nxt}</li>')
            out.append("</ul></div>")
        if g.title:
            out.append("</fieldset>")
    routes = {item.route for item in c.items}
    if "support" in routes:
        out.append(f'<div class="admonition care-non-urgent checklist__support" data-support-note>'
                   f'<p class="admonition-title">{escape(text["support_title"])}</p>'
                   f'<p>{with_link(text["support_note"])}</p></div>')
    out.append(f'<p class="checklist__always">{with_link(text["support_always"])}</p>')
    out.append('<p class="checklist__status" aria-live="polite" data-status></p>')
    remember = "" if c.sensitive else \
        f'<label><input type="checkbox" data-remember> {escape(text["remember"])}</label> '
    out.append(f'<div class="checklist__controls" data-controls hidden>{remember}'
               f'<button type="reset" class="md-button">{escape(text["clear"])}</button></div>')
    privacy = text["privacy_sensitive"] if c.sensitive else text["privacy"]
    out.append(f'<p class="checklist__privacy">{escape(privacy)}</p>')
    out.append(f'<p class="checklist__disclaimer">{escape(c.disclaimer or text["checklist_disclaimer"])}</p>')
    out.append("</fieldset></form>")
    return "\n".join(out)


def render_index(checklists: dict[str, Checklist], where: dict[str, str], href: Href) -> str:
    """All checklists, each linked to the page that shows it (`where`: id -> docs path)."""
    rows = []
    for c in sorted(checklists.values(), key=lambda c: c.title.lower()):
        target = where.get(c.id)
        title = f'<a href="{_attr(href(target))}">{escape(c.title)}</a>' if target else escape(c.title)
        rows.append(f"<dt>{title}</dt><dd>{escape(c.intro)}</dd>")
    return '<dl class="checklist-index">' + "".join(rows) + "</dl>"
