"""Works the guide cites: one YAML file each, inline citations and the reference list."""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import NamedTuple

from .errors import Problems
from .source import Doc, read_data

REQUIRED = ("cite", "authors", "year", "title")
OPTIONAL = ("publisher", "journal", "volume", "issue", "pages", "doi", "url")


class Reference(NamedTuple):
    key: str
    doc: Doc

    def field(self, name: str) -> str:
        value = self.doc.data.get(name)
        return "" if value is None else str(value).strip()

    @property
    def label(self) -> str:
        return self.field("cite")


def load_references(folder: Path, problems: Problems) -> dict[str, Reference]:
    refs: dict[str, Reference] = {}
    for path in sorted(folder.glob("*.yml")):
        doc = read_data(path, problems)
        if doc is None:
            continue
        for name in REQUIRED:
            if not str(doc.data.get(name) or "").strip():
                problems.error(path, 1, f"reference has no `{name}`", f"add `{name}:` to the file")
        for name in doc.data.keys() - set(REQUIRED) - set(OPTIONAL):
            problems.error(path, doc.line(name), f"unknown reference field `{name}`",
                           f"use only: {', '.join(REQUIRED + OPTIONAL)}")
        refs[path.stem] = Reference(path.stem, doc)
    return refs


def render_citation(ref: Reference, href: str, address: str = "") -> str:
    """Inline citation, e.g. `(Porges, 2011)`, linking to its entry; `address` is the page's, for print."""
    printed = f' data-print-href="{escape(address)}#{ref.key}"' if address else ""
    return f'<a class="citation"{printed} href="{escape(href)}#{ref.key}">({escape(ref.label)})</a>'


def render_entry(ref: Reference, cited_on: list[tuple[str, str]], used_in: str) -> str:
    """One entry of the reference list; `cited_on` is (href, page title) of pages that draw on it."""
    f = ref.field
    parts = [f"{escape(f('authors'))} ({escape(f('year'))}). <cite>{escape(f('title'))}</cite>."]
    if f("journal"):
        where = f"<i>{escape(f('journal'))}</i>"
        if f("volume"):
            where += f", <i>{escape(f('volume'))}</i>" + (f"({escape(f('issue'))})" if f("issue") else "")
        if f("pages"):
            where += f", {escape(f('pages'))}"
        parts.append(where + ".")
    if f("publisher"):
        parts.append(escape(f("publisher")) + ".")
    link = f"https://doi.org/{f('doi')}" if f("doi") else f("url")
    if link:
        parts.append(f'<a href="{escape(link)}" rel="noreferrer">{escape(link)}</a>')
    used = ""
    if cited_on:
        items = ", ".join(f'<a href="{escape(h)}">{escape(t)}</a>' for h, t in cited_on)
        used = f'<br><span class="references__used">{escape(used_in)} {items}</span>'
    return f'<li id="{ref.key}">{" ".join(parts)}{used}</li>'


def render_list(entries: list[str]) -> str:
    return '<ol class="references">\n' + "\n".join(entries) + "\n</ol>"
