"""Reflective checklists: one YAML file each under docs/_data/checklists/, rendered as accessible forms."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any, NamedTuple

from .errors import Problems
from .source import Doc, read_data

FIELDS = {"id", "title", "intro", "instructions", "scored", "items", "bands", "groups", "disclaimer"}
ITEM_FIELDS = {"id", "text", "link", "needs_support"}
BAND_FIELDS = {"min", "max", "reflection", "next"}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

Href = Callable[[str], str]  # docs-relative .md path -> link from the current page


class Item(NamedTuple):
    id: str
    text: str
    link: str | None = None
    needs_support: bool = False


class Band(NamedTuple):
    min: int
    max: int
    reflection: str
    next: list[str]


class Group(NamedTuple):
    id: str
    title: str | None
    items: list[Item]
    bands: list[Band]


@dataclass(eq=False, repr=False)  # compared by identity: no __eq__ or __repr__ to compile at start-up
class Checklist:
    id: str
    title: str
    intro: str
    instructions: str
    scored: bool
    groups: list[Group]
    disclaimer: str | None
    doc: Doc
    links: list[tuple[str, int]] = field(default_factory=list)  # (docs path, line) of every link

    @property
    def items(self) -> list[Item]:
        return [item for g in self.groups for item in g.items]


def _text(doc: Doc, data: dict, key: str, where: str, problems: Problems) -> str:
    """A required text field."""
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.error(doc.path, doc.line(where, doc.line(where.rsplit(".", 1)[0])),
                       f"`{key}` is missing or empty", f"add `{key}:` with some text")
        return ""
    if not isinstance(value, (str, int, float)):
        problems.error(doc.path, doc.line(where), f"`{key}` should be text", f"write `{key}:` followed by text")
        return ""
    return str(value).strip()


def _unknown(doc: Doc, data: dict, allowed: set[str], where: str, problems: Problems) -> None:
    for key in data.keys() - allowed:
        problems.error(doc.path, doc.line(f"{where}{key}"), f"unknown field `{key}`",
                       f"check the spelling; the fields are: {', '.join(sorted(allowed))}")


def _parse_group(doc: Doc, data: dict, where: str, scored: bool, seen: dict[str, int],
                 links: list[tuple[str, int]], problems: Problems) -> Group:
    items: list[Item] = []
    raw_items = data.get("items")
    items_line = doc.line(f"{where}items", doc.line(where.rstrip(".") or "id"))
    if not isinstance(raw_items, list) or not raw_items:
        problems.error(doc.path, items_line, "the checklist has no items",
                       "add an `items:` list with at least one `- id: ...` and `text: ...`")
        raw_items = []
    for i, raw in enumerate(raw_items):
        at = f"{where}items.{i}"
        line = doc.line(at, items_line)
        if not isinstance(raw, dict):
            problems.error(doc.path, line, "an item is not a `- id: ... text: ...` entry",
                           "give each item an id and a text")
            continue
        _unknown(doc, raw, ITEM_FIELDS, at + ".", problems)
        item_id = _text(doc, raw, "id", at + ".id", problems)
        if item_id and not ID.fullmatch(item_id):
            problems.error(doc.path, line, f"item id {item_id!r} is not lowercase-with-hyphens",
                           "use short lowercase words joined by hyphens, like `feel-safe`")
        elif item_id in seen:
            problems.error(doc.path, doc.line(at + ".id", line),
                           f"item id {item_id!r} is used twice (first on line {seen[item_id]})",
                           "give every item its own id; never reuse or change an id once published")
        seen.setdefault(item_id, line)
        link = raw.get("link")
        if link is not None:
            links.append((str(link), doc.line(at + ".link", line)))
        items.append(Item(item_id, _text(doc, raw, "text", at + ".text", problems),
                          str(link) if link else None, bool(raw.get("needs_support", False))))
    bands: list[Band] = []
    raw_bands = data.get("bands") or []
    if scored and not raw_bands:
        problems.error(doc.path, items_line, "a scored checklist has no `bands`",
                       "add `bands:` covering every count from 0 to the number of items, or set `scored: false`")
    if not scored and raw_bands:
        problems.error(doc.path, doc.line(f"{where}bands"), "`bands` on a checklist with `scored: false`",
                       "remove the bands, or set `scored: true`")
    for i, raw in enumerate(raw_bands if isinstance(raw_bands, list) else []):
        at = f"{where}bands.{i}"
        if not isinstance(raw, dict):
            problems.error(doc.path, doc.line(at), "a band is not a `- min: ... max: ...` entry", "see CONTRIBUTING.md")
            continue
        _unknown(doc, raw, BAND_FIELDS, at + ".", problems)
        lo, hi = raw.get("min"), raw.get("max")
        if not isinstance(lo, int) or not isinstance(hi, int) or lo > hi:
            problems.error(doc.path, doc.line(at), "a band needs whole numbers `min` <= `max`",
                           "write for example `min: 0` and `max: 2`")
            continue
        nxt = raw.get("next") or []
        for j, target in enumerate(nxt):
            links.append((str(target), doc.line(f"{at}.next.{j}", doc.line(at))))
        bands.append(Band(lo, hi, _text(doc, raw, "reflection", at + ".reflection", problems), [str(t) for t in nxt]))
    if scored and bands:
        _check_coverage(doc, where, bands, len(items), problems)
    title = data.get("title") if where else None
    return Group(str(data.get("id", "")), str(title) if title else None, items, bands)


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
    data = doc.data
    _unknown(doc, data, FIELDS, "", problems)
    cid = _text(doc, data, "id", "id", problems)
    if cid and cid != path.stem:
        problems.error(path, doc.line("id"), f"id {cid!r} does not match the file name",
                       f"set `id: {path.stem}` or rename the file to {cid}.yml")
    scored = data.get("scored", True)
    links: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    if "groups" in data:
        if "items" in data or "bands" in data:
            problems.error(path, doc.line("groups"), "a checklist has both `groups` and top-level `items`/`bands`",
                           "put every item and band inside a group")
        groups = [_parse_group(doc, g, f"groups.{i}.", scored, seen, links, problems)
                  for i, g in enumerate(data["groups"] or []) if isinstance(g, dict)]
        if not groups:
            problems.error(path, doc.line("groups"), "`groups` is empty", "add at least one group with items")
    else:
        groups = [_parse_group(doc, data, "", scored, seen, links, problems)._replace(id=cid)]
    return Checklist(cid or path.stem, _text(doc, data, "title", "title", problems),
                          _text(doc, data, "intro", "intro", problems),
                          _text(doc, data, "instructions", "instructions", problems),
                          bool(scored), groups, data.get("disclaimer"), doc, links)


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


def render(checklist: Checklist, href: Href, titles: dict[str, str], text: dict[str, str], address: Href) -> str:
    """The checklist form. `titles` maps docs-relative paths to page titles (for link text).

    `address` gives a page's web address, which a printed checklist shows after "read next" and
    help links. Links in items explain a word, like term links in text, and print without one.
    """
    c = checklist
    cid = _attr(c.id)

    def link(target: str, printed: bool = False) -> str:
        where = f' data-print-href="{_attr(address(target))}"' if printed else ""
        return f'<a href="{_attr(href(target))}"{where}>{escape(titles.get(target, target))}</a>'

    out = [f'<form class="checklist" data-checklist="{cid}" data-scored="{str(c.scored).lower()}"'
           f' data-tally="{_attr(text["tally"])}" data-group-tally="{_attr(text["group_tally"])}"'
           f' data-cleared="{_attr(text["cleared"])}"'
           f' aria-labelledby="{cid}-title">',
           f'<fieldset><legend id="{cid}-title">{escape(c.title)}</legend>',
           f'<p class="checklist__intro">{escape(c.intro)}</p>',
           f'<p class="checklist__instructions">{escape(c.instructions)}</p>']
    for g in c.groups:
        if g.title:
            out.append(f'<fieldset class="checklist__group" data-group="{_attr(g.id)}"'
                       f' data-title="{_attr(g.title)}"><legend>{escape(g.title)}</legend>')
        out.append('<ul class="checklist__items">')
        for item in g.items:
            iid = f"{c.id}-{item.id}"
            more = f' <span class="checklist__more">({link(item.link)})</span>' if item.link else ""
            support = ' data-support="true"' if item.needs_support else ""
            out.append(f'<li><input type="checkbox" id="{_attr(iid)}" name="{_attr(item.id)}"{support}>'
                       f' <label for="{_attr(iid)}">{escape(item.text)}</label>{more}</li>')
        out.append("</ul>")
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
    if any(item.needs_support for item in c.items):
        out.append(f'<p class="checklist__support" data-support-note>{escape(text["support"])} '
                   f'{link("get-help.md", printed=True)}</p>')
    out.append('<p class="checklist__status" aria-live="polite" data-status></p>')
    out.append(f'<div class="checklist__controls" data-controls hidden>'
               f'<label><input type="checkbox" data-remember> {escape(text["remember"])}</label> '
               f'<button type="reset" class="md-button">{escape(text["clear"])}</button></div>')
    out.append(f'<p class="checklist__privacy">{escape(text["privacy"])}</p>')
    out.append(f'<p class="checklist__disclaimer">{escape(c.disclaimer or text["disclaimer"])}</p>')
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
