"""Small renderers for site-wide pieces: help lines, content notes, the clinicians' directory."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from .search import NOT_SEARCHED


def crisis_lines(groups: list[dict[str, Any]]) -> str:
    """Help lines from mkdocs.yml `extra.help_lines`, grouped by region, phone numbers as tel: links."""
    out = ['<div class="crisis-lines">']
    for group in groups:
        out.append(f'<section class="crisis-lines__region"><h2>{escape(str(group["region"]))}</h2><ul>')
        for line in group.get("lines", []):
            name = escape(str(line["name"]))
            phone = str(line.get("phone", "")).strip()
            call = ""
            if phone:
                tel = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
                call = f' <a class="crisis-lines__phone" href="tel:{tel}">{escape(phone)}</a>'
            detail = f'<br><span>{escape(str(line["detail"]))}</span>' if line.get("detail") else ""
            out.append(f"<li><strong>{name}</strong>{call}{detail}</li>")
        out.append("</ul></section>")
    out.append("</div>")
    return "\n".join(out)


Entry = tuple[str, str, str]  # (title, source path, full url)
QR_PIXELS = 120  # the directory's QR codes, all drawn at one size (they are vector images)


def directory(sections: list[tuple[str, list[Entry]]], href: Callable[[str], str],
              qr: Callable[[str], str], copy_label: str, copied_label: str, qr_label: str) -> str:
    """Every page, step, checklist and term: short URL, QR code and (made by site.js) a copy-link button.

    `qr` gives the address of a page's QR code image from its source path.
    """
    out = []
    for heading, entries in sections:
        anchor = heading.lower().replace(" ", "-")
        out.append(f'<h3 id="dir-{escape(anchor)}"{NOT_SEARCHED}>{escape(heading)}</h3><ul class="directory"'
                   f' data-copy-label="{escape(copy_label)}" data-copied="{escape(copied_label)}">')
        for title, url, full in entries:
            out.append(
                f'<li class="directory__item"><div class="directory__text">'
                f'<a href="{escape(href(url))}">{escape(title)}</a>'
                f'<code class="directory__url">{escape(full)}</code></div>'
                f'<img class="qr" src="{escape(qr(url))}" alt="{escape(qr_label.format(title=title))}"'
                f' width="{QR_PIXELS}" height="{QR_PIXELS}" loading="lazy"></li>')
        out.append("</ul>")
    return "\n".join(out)
