"""Works the guide cites: one YAML file each, inline citations and the reference list."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import schema
from .errors import Problems
from .source import Doc, read_data


@dataclass(frozen=True)
class Reference:
    key: str
    doc: Doc = field(repr=False)
    fields: dict[str, str] = field(repr=False)  # the fields that passed the schema

    def value(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def label(self) -> str:
        return self.value("cite")


def load_references(folder: Path, problems: Problems) -> dict[str, Reference]:
    refs: dict[str, Reference] = {}
    for path in sorted(folder.glob("*.yml")):
        doc = read_data(path, problems)
        if doc is not None:
            refs[path.stem] = Reference(path.stem, doc, schema.validate(schema.REFERENCE, doc.data, doc, problems))
    return refs


def render_citation(ref: Reference, href: str, address: str = "") -> str:
    """Inline citation, e.g. `(Porges, 2011)`, linking to its entry; `address` is the page's, for print."""
    printed = f' data-print-href="{escape(address)}#{ref.key}"' if address else ""
    return f'<a class="citation"{printed} href="{escape(href)}#{ref.key}">({escape(ref.label)})</a>'


def render_entry(ref: Reference, cited_on: list[tuple[str, str]], used_in: str) -> str:
    """One entry of the reference list; `cited_on` is (href, page title) of pages that draw on it."""
    f = ref.value
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
        parts.append(f'<a href="{escape(link)}" rel="noopener noreferrer">{escape(link)}</a>')
    used = ""
    if cited_on:
        items = ", ".join(f'<a href="{escape(h)}">{escape(t)}</a>' for h, t in cited_on)
        used = f'<br><span class="references__used">{escape(used_in)} {items}</span>'
    return f'<li id="{ref.key}">{" ".join(parts)}{used}</li>'


def render_list(entries: list[str]) -> str:
    return '<ol class="references">\n' + "\n".join(entries) + "\n</ol>"
