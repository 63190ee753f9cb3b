"""The Markdown extension's hand-off of the block macros' HTML (term links are in the golden files)."""
from __future__ import annotations

import markdown
import pytest

from macros.adapter import RAW_CLOSE, RAW_OPEN, raw_block

# Markdown would rewrite this HTML if it parsed it (the attribute, the bare `<`, the blank line).
HTML = ('<form class="checklist" markdown="1">\n<p>*stays* &amp; 1 < 2</p>\n\n'
        '<ul><li><input id="a"> <label for="a">A</label></li></ul>\n</form>')


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["md_in_html", "macros.extension"]).convert(text)


def test_block_macro_html_comes_out_exactly_as_made_without_being_parsed() -> None:
    html = convert(f"Before.\n\n{raw_block(HTML)}\n\nAfter *this*.\n")
    assert html == f"<p>Before.</p>\n{HTML}\n<p>After <em>this</em>.</p>"
    assert HTML not in convert(HTML)  # the same HTML, parsed


def test_marks_that_do_not_stand_on_their_own_lines_stay_plain_comments() -> None:
    html = convert(f"- item\n\n    {raw_block('<div>x</div>')}\n")
    assert RAW_OPEN in html and RAW_CLOSE in html and "<div>x</div>" in html


def test_mkdocs_gets_the_block_ids_for_its_anchor_checks_without_parsing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure import pages  # MkDocs reads raw HTML for ids that links may point to

    fed: list[str] = []
    feed = pages._HTMLHandler.feed
    monkeypatch.setattr(pages._HTMLHandler, "feed", lambda self, data: fed.append(data) or feed(self, data))
    md = markdown.Markdown(extensions=["md_in_html", "macros.extension"])
    seen = pages._RawHTMLPreprocessor()
    seen._register(md)
    html = md.convert(f"Before.\n\n{raw_block(HTML)}\n\n<span id='own'>x</span>\n")
    assert seen.present_anchor_ids == {"a", "own"}
    assert "<label" not in fed[0]  # MkDocs read only the block's ids
    assert HTML in html and "<a id=" not in html  # the block whole; the ids' line is gone


def test_blocks_inside_markdown_html_and_next_to_inline_html_each_come_back_once() -> None:
    md = markdown.Markdown(extensions=["md_in_html", "macros.extension"])
    text = (f"A <b>x</b> &amp; y.\n\n<div markdown=\"1\">\n\n{raw_block('<form>1 &lt; 2</form>')}\n\n</div>\n\n"
            f"{raw_block('<p>two</p>')}\n")
    assert md.convert(text) == "<p>A <b>x</b> &amp; y.</p>\n<div>\n<form>1 &lt; 2</form>\n</div>\n<p>two</p>"
    assert md.convert(raw_block("<i>next page</i>")) == "<i>next page</i>"  # the same converter, a fresh page
