"""Small renderers for site-wide pieces: block marks, review dates, the clinicians' directory."""
from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from .pages import Page

# Material's search leaves out a section whose heading has this attribute: sections that only list
# links, which would match every term they name. Its parser ends an excluded element at the next end
# tag of the same name, so only elements that hold no element of their own kind carry it.
NOT_SEARCHED = ' data-search-exclude="true"'

# The lines around a block macro's finished HTML; the Markdown extension stashes what is between them.
# Where the extension does not run, they are plain HTML comments.
RAW_OPEN, RAW_CLOSE = "<!-- macro html -->", "<!-- /macro html -->"


def raw_block(html: str) -> str:
    return f"{RAW_OPEN}\n{html}\n{RAW_CLOSE}"


def day(date: dt.date, text: dict[str, Any]) -> str:
    """`2026-11-22` as "22 November 2026", in the words and order of the site's language."""
    return text["date_format"].format(day=date.day, month=text["months"][date.month - 1], year=date.year)


def page_dates(meta: dict[str, Any], text: dict[str, Any]) -> str:
    """When the page was last reviewed and when it is next due, for readers and printed handouts."""
    reviewed, due = meta.get("reviewed"), meta.get("review_due")
    if not reviewed or not due:
        return ""
    return (f'<p class="page-dates"{NOT_SEARCHED}>'
            f'{escape(text["reviewed"])}: <time datetime="{reviewed}">{escape(day(reviewed, text))}</time><br>'
            f'{escape(text["review_due"])}: <time datetime="{due}">{escape(day(due, text))}</time></p>')


QR_PIXELS = 120  # the directory's QR codes, all drawn at one size (they are vector images)
SVG_NS = "http://www.w3.org/2000/svg"  # an SVG file needs it; SVG inside HTML does not


def svg_image_src(svg: str) -> str:
    """An SVG as a `data:` address for an <img> (the CSP allows data: images), which a reader can save."""
    standalone = svg.replace("<svg ", f'<svg xmlns="{SVG_NS}" ', 1)
    return "data:image/svg+xml;base64," + base64.b64encode(standalone.encode("utf-8")).decode("ascii")


def directory(sections: list[tuple[str, str, list[Page]]], href: Callable[[str], str], address: Callable[[str], str],
              qr: Callable[[Page], str], text: dict[str, str],
              twins: Callable[[str], list[tuple[str, str, str]]] = lambda src: []) -> str:
    """Every page, step, checklist and term: short URL, QR code and (made by site.js) a copy-link button.

    `qr` gives a page's QR code as SVG; `twins` the same page's addresses in the other editions.
    """
    def other_editions(src: str) -> str:
        return "".join(f'<span class="directory__twin" lang="{code}">{escape(name)}: <code>{escape(url)}</code></span>'
                       for code, name, url in twins(src))

    out = []
    for anchor, heading, pages in sections:
        out.append(f'<h3 id="{anchor}"{NOT_SEARCHED}>{escape(heading)}</h3><ul class="directory"'
                   f' data-copy-label="{escape(text["copy_link"])}" data-copied="{escape(text["link_copied"])}">')
        for page in pages:
            out.append(
                f'<li class="directory__item"><div class="directory__text">'
                f'<a href="{escape(href(page.src))}">{escape(page.title)}</a>'
                f'<code class="directory__url">{escape(address(page.src))}</code>{other_editions(page.src)}</div>'
                f'<img class="qr" src="{svg_image_src(qr(page))}"'
                f' alt="{escape(text["qr_for"].format(title=page.title))}"'
                f' width="{QR_PIXELS}" height="{QR_PIXELS}" loading="lazy"></li>')
        out.append("</ul>")
    return "\n".join(out)


def clinical_reviews(pages: Iterable[Page], href: Callable[[str], str], text: dict[str, Any]) -> str:
    """The pages with a `clinical_review`, newest first; a plain statement when there are none."""
    reviewed = sorted((p for p in pages if p.meta.get("clinical_review")),
                      key=lambda p: p.meta["clinical_review"]["date"], reverse=True)
    if not reviewed:
        return f'<p class="clinical-reviews">{escape(text["no_clinical_review"])}</p>'
    items = []
    for page in reviewed:
        review = page.meta["clinical_review"]
        line = text["clinical_review_item"].format(date=day(review["date"], text), role=review["role"])
        items.append(f'<li><a href="{escape(href(page.src))}">{escape(page.title)}</a>: {escape(line)}</li>')
    return f'<ul class="clinical-reviews">{"".join(items)}</ul>'
