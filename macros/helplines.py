"""Help lines: one YAML file per language in docs/_data/help-lines/, each line with its source and date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import schema
from .errors import Problems
from .source import Doc, read_data

KINDS = schema.HELP_LINE.fields["kind"].choices
STALE_AFTER = dt.timedelta(days=365)  # `make check` warns when a line was last verified longer ago


@dataclass(frozen=True)
class HelpLine:
    name: str
    kind: str
    detail: str
    source: str
    verified: dt.date
    phone: str = ""
    sms: str = ""
    chat: str = ""


@dataclass(frozen=True)
class Region:
    name: str
    lines: tuple[HelpLine, ...] = field(default=())


def load_help_lines(path: Path, problems: Problems, today: dt.date) -> tuple[Region, ...]:
    """The regions and lines in `path`; every line needs a source and a verification date."""
    doc = read_data(path, problems)
    if doc is None:
        return ()
    data = schema.validate(schema.HELP_LINES, doc.data, doc, problems)
    regions = []
    for i, raw in enumerate(data.get("regions", [])):
        at = f"regions.{i}."
        region = schema.validate(schema.HELP_REGION, raw, doc, problems, at)
        lines = [_line(doc, raw_line, f"{at}lines.{j}.", problems, today)
                 for j, raw_line in enumerate(region.get("lines", []))]
        regions.append(Region(region.get("region", ""), tuple(line for line in lines if line is not None)))
    return tuple(regions)


def _line(doc: Doc, raw: dict, at: str, problems: Problems, today: dt.date) -> HelpLine | None:
    values = schema.validate(schema.HELP_LINE, raw, doc, problems, at)
    if not all(key in values for key in ("name", "kind", "detail", "source", "verified")):
        return None  # reported by the schema
    verified = values["verified"]
    if today - verified > STALE_AFTER:
        problems.warn(doc.path, doc.line(f"{at}verified"),
                      f"{values['name']} was last verified on {verified.isoformat()}, over a year ago",
                      "check the number on the service's own page, then update `verified` (and `source`)")
    return HelpLine(**values)


def tel(number: str) -> str:
    """A phone number as a `tel:` address: digits and a leading +."""
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def render_line(line: HelpLine, words: dict[str, str]) -> str:
    """One help line: its name, how to call, text or chat, and what it offers."""
    ways = []
    if line.phone:
        ways.append(f'{escape(words["call"])} <a class="help-line__phone" href="tel:{tel(line.phone)}">'
                    f"{escape(line.phone)}</a>")
    if line.sms:
        ways.append(f'{escape(words["text"])} <a class="help-line__phone" href="sms:{tel(line.sms)}">'
                    f"{escape(line.sms)}</a>")
    if line.chat:
        ways.append(f'<a href="{escape(line.chat)}" rel="noopener noreferrer">{escape(words["chat"])}</a>')
    how = f'<br><span class="help-line__ways">{" · ".join(ways)}</span>' if ways else ""
    return (f'<li class="help-line help-line--{line.kind}"><strong>{escape(line.name)}</strong>{how}'
            f"<br><span>{escape(line.detail)}</span></li>")


def render(regions: tuple[Region, ...], words: dict[str, str], kinds: tuple[str, ...] = KINDS,
           heading: str = "h3") -> str:
    """The help lines of the given kinds, grouped by region, phone numbers as tel: links."""
    out = ['<div class="crisis-lines">']
    for region in regions:
        lines = [line for line in region.lines if line.kind in kinds]
        if not lines:
            continue
        out.append(f'<section class="crisis-lines__region"><{heading}>{escape(region.name)}</{heading}><ul>')
        out += [render_line(line, words) for line in lines]
        out.append("</ul></section>")
    out.append("</div>")
    return "\n".join(out)
