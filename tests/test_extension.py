"""The Markdown extension's hand-off of the block macros' HTML (term links are in the golden files)."""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from macros.render import RAW_CLOSE, RAW_OPEN, raw_block
from tests.conftest import mkdocs_build
from tests.test_content_errors import make_project

# Markdown would rewrite this HTML if it parsed it (the attribute, the bare `<`, the blank line).
HTML = ('<form class="checklist" markdown="1">\n<p>*stays* &amp; 1 < 2</p>\n\n'
        '<ul><li><input id="a"> <label for="a">A</label></li></ul>\n</form>')


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["md_in_html", "macros.extension"]).convert(text)


def test_block_macro_html_comes_out_exactly_as_made() -> None:
    html = convert(f"Before.\n\n{raw_block(HTML)}\n\nAfter *this*.\n")
    assert html == f"<p>Before.</p>\n{HTML}\n<p>After <em>this</em>.</p>"
    assert HTML not in convert(HTML)  # the same HTML, parsed


def test_marks_that_do_not_stand_on_their_own_lines_stay_plain_comments() -> None:
    html = convert(f"- item\n\n    {raw_block('<div>x</div>')}\n")
    assert RAW_OPEN in html and RAW_CLOSE in html and "<div>x</div>" in html


def test_blocks_inside_markdown_html_and_next_to_inline_html_each_come_back_once() -> None:
    md = markdown.Markdown(extensions=["md_in_html", "macros.extension"])
    text = (f"A <b>x</b> &amp; y.\n\n<div markdown=\"1\">\n\n{raw_block('<form>1 &lt; 2</form>')}\n\n</div>\n\n"
            f"{raw_block('<p>two</p>')}\n")
    assert md.convert(text) == "<p>A <b>x</b> &amp; y.</p>\n<div>\n<form>1 &lt; 2</form>\n</div>\n<p>two</p>"
    assert md.convert(raw_block("<div>next page</div>")) == "<div>next page</div>"  # the same converter, a new page


@pytest.mark.parametrize(("anchor", "ok"), [("ready-calm", True), ("ready-nope", False)])
def test_mkdocs_anchor_checks_see_the_ids_inside_blocks(tmp_path: Path, anchor: str, ok: bool) -> None:
    """A link to a checklist item passes the strict build; a link to an id that no block has fails it."""
    root = make_project(tmp_path, None)
    index = root / "docs" / "index.md"
    index.write_text(index.read_text().replace("checklists/ready.md)", f"checklists/ready.md#{anchor})"))
    result = mkdocs_build(tmp_path / "out", root / "mkdocs.yml")
    assert (result.returncode == 0) is ok, result.stdout + result.stderr
    if not ok:
        assert f"'#{anchor}'" in result.stdout + result.stderr
