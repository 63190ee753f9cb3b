"""Diagrams: the SVG files in docs/assets/diagrams/ are safe, accessible and follow the palette, and a bad
file or a wrong name is reported as `path:line: what - fix`, by `make check` and by the build."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from macros import build as core
from macros import checks, diagrams
from macros.errors import ContentError, Problems
from tests.conftest import ROOT, mkdocs_build
from tests.test_content_errors import make_project

DOCS = ROOT / "docs"
REAL = sorted((DOCS / diagrams.FOLDER).glob("*.svg"))
CSS = (ROOT / "overrides" / "assets" / "css" / "site.css").read_text(encoding="utf-8")
TODAY = dt.date(2026, 6, 1)
GOOD = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
  <title>A box</title>
  <desc>One box with the word hello in it.</desc>
  <defs><marker id="arrow"><path d="M0 0 L5 5"/></marker></defs>
  <rect class="d-settled" x="0" y="0" width="100" height="50" fill="#d8efe9"/>
  <line class="d-line" x1="0" y1="0" x2="9" y2="9" stroke="#000" marker-end="url(#arrow)"/>
  <text class="d-text" x="10" y="30">hello</text>
</svg>
"""


def svg_file(tmp_path: Path, text: str, name: str = "box") -> Path:
    path = tmp_path / f"{name}.svg"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        diagrams.render_diagram(svg_file(tmp_path, text), root=tmp_path)
    return [str(p) for p in caught.value.problems]


# --- the real diagrams ---------------------------------------------------------------------------

def test_the_guide_has_its_three_diagrams() -> None:
    assert {p.stem for p in REAL} >= {"window-of-tolerance", "three-states", "steps-path"}


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_each_real_diagram_renders_as_one_named_described_image(path: Path) -> None:
    html = diagrams.render_diagram(path)
    prefix = f"diagram-{path.stem}"
    assert html.startswith('<div class="diagram"><svg ') and html.endswith("</svg></div>")
    assert f'role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc"' in html
    title = re.search(rf'<title id="{prefix}-title">([^<]+)</title>', html)
    desc = re.search(rf'<desc id="{prefix}-desc">([^<]+)</desc>', html)
    assert title and desc and len(desc[1].split()) >= 20  # the description says what the picture shows
    assert all(i.startswith(prefix + "-") for i in re.findall(r'\sid="([^"]+)"', html))
    for banned in ("<script", "style=", "<style", "<image", "<foreignObject", "http://", "https://"):
        assert banned not in html, banned
    assert not re.search(r"\son\w+=", html)
    assert 'width="' not in html.split(">", 2)[1]  # the page's stylesheet sizes it, so it scales


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_each_real_diagram_says_in_words_what_its_labels_say(path: Path) -> None:
    """Everything written in the picture is in its description too (screen readers hear only that)."""
    html = diagrams.render_diagram(path)
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", html)[1].lower()
    words = lambda s: set(re.findall(r"[a-z]+", s.lower()))  # noqa: E731
    labels = set().union(*(words(t) for t in re.findall(r"<text[^>]*>([^<]+)</text>", html)))
    assert labels - words(desc) - {"the"} == set()


def test_every_diagram_class_is_styled_for_both_palettes_and_the_real_files_use_only_those() -> None:
    for cls in diagrams.CLASSES:
        assert f".diagram .{cls}" in CSS, cls
    for var in ("--diagram-settled", "--diagram-alarm", "--diagram-shutdown", "--diagram-path"):
        assert CSS.count(f"{var}:") >= 3, var  # light, dark and print
    used = set()
    for path in REAL:
        used |= {c for value in re.findall(r'class="([^"]+)"', path.read_text()) for c in value.split()}
    assert used <= set(diagrams.CLASSES)


def test_the_pages_show_each_diagram() -> None:
    shown = {name for p in DOCS.rglob("*.md") for name in diagrams.USE.findall(p.read_text(encoding="utf-8"))}
    assert shown >= {"window-of-tolerance", "three-states", "steps-path"}


# --- what the checks catch -----------------------------------------------------------------------

def test_a_good_file_renders_with_ids_unique_to_the_page(tmp_path: Path) -> None:
    html = diagrams.render_diagram(svg_file(tmp_path, GOOD), prefix="diagram-box")
    assert '<marker id="diagram-box-arrow">' in html and 'marker-end="url(#diagram-box-arrow)"' in html
    assert 'aria-labelledby="diagram-box-title"' in html and '<desc id="diagram-box-desc">' in html
    assert "xmlns" not in html  # inline SVG in HTML needs no namespace


@pytest.mark.parametrize(("change", "line", "message"), [
    (("<text", '<script>alert(1)</script><text'), 7, "the diagram has a script"),
    (("<defs>", "<style>rect{fill:red}</style><defs>"), 4, "the diagram has a <style> element"),
    (("<rect ", '<rect onclick="go()" '), 5, "the attribute onclick= runs a script"),
    (("<text ", '<image href="https://example.org/a.png"/><text '), 7, "the diagram has an image loaded from a file"),
    (('url(#arrow)', "url(https://example.org/x.svg#a)"), 6, "marker-end= points to 'https://example.org/x.svg#a'"),
    (("<path ", '<use href="other.svg#a"/><path '), 4, 'href="other.svg#a" points outside the diagram'),
    (("<title>A box</title>", ""), 1, "the diagram has no <title> as its first element"),
    (("<desc>One box with the word hello in it.</desc>", "<desc> </desc>"), 1, "the diagram has no <desc>"),
    ((' viewBox="0 0 100 50"', ' width="100" height="50"'), 1, "the <svg> element has no viewBox"),
    (('class="d-settled" ', ""), 5, "<rect> has its own colour (fill='#d8efe9')"),
    (('class="d-settled" ', 'class="red" '), 5, "<rect> has its own colour"),
    (("<text ", '<text style="fill:#000;position:fixed" '), 7, "style=\"...\" sets position"),
    (("<text", "<blink>hi</blink><text"), 7, "<blink> is not allowed in a diagram"),
    (("<rect ", '<rect id="arrow" '), 5, "the id 'arrow' is used twice"),
    (("</text>", "</txt>"), 7, "the diagram is not valid SVG (mismatched tag)"),
])
def test_each_mistake_is_reported_at_its_line(tmp_path: Path, change: tuple[str, str], line: int,
                                              message: str) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    found = problems_of(tmp_path, text)
    assert any(p.startswith(f"box.svg:{line}: {message}") and " - " in p for p in found), found


def test_a_doctype_is_refused(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "y">]>\n' + GOOD
    assert any(p.startswith("box.svg:2: the diagram has a <!DOCTYPE>") for p in problems_of(tmp_path, text))


def test_drawing_programs_notes_are_dropped_and_plain_styles_become_attributes(tmp_path: Path) -> None:
    text = GOOD.replace('xmlns="http://www.w3.org/2000/svg"',
                        'xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="x" xmlns:sodipodi="y" width="100mm"')
    text = text.replace("<defs>", '<metadata><rdf:RDF/></metadata><sodipodi:namedview id="nv"/><defs>')
    text = text.replace('<text class="d-text"',
                        '<text class="d-text" inkscape:label="hi" style="font-size:12px;fill:#000"')
    html = diagrams.render_diagram(svg_file(tmp_path, text))
    assert "inkscape" not in html and "sodipodi" not in html and "metadata" not in html and "style=" not in html
    assert 'font-size="12px"' in html and 'fill="#000"' in html and "100mm" not in html


def test_a_page_names_a_diagram_that_exists_once(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / diagrams.FOLDER).mkdir(parents=True)
    (docs / diagrams.FOLDER / "box.svg").write_text(GOOD, encoding="utf-8")
    page = docs / "page.md"

    def check(name: str, body: str = "") -> list[str]:
        problems = Problems(tmp_path)
        diagrams.check_use(docs, name, page, 9, body, problems)
        return [str(p) for p in problems.items]

    assert check("box", "{{ diagram('box') }}") == []
    assert check("nope") == ["docs/page.md:9: unknown diagram 'nope' - use the name of an SVG file in "
                             "docs/assets/diagrams/ (without .svg); there are: box"]
    assert check("../box")[0].startswith("docs/page.md:9: diagram name '../box' is not a file name")
    assert check("box", "{{ diagram('box') }}\n\n{{ diagram(\"box\") }}")[0].startswith(
        "docs/page.md:9: diagram 'box' is shown more than once on this page - ")
    (docs / diagrams.FOLDER / "box.svg").write_text(GOOD.replace("<text", "<script/><text"), encoding="utf-8")
    assert check("box")[0].startswith("docs/assets/diagrams/box.svg:7: the diagram has a script, which the site")


# --- in `make check` and the build ---------------------------------------------------------------

def _project_with_diagram(tmp_path: Path, svg: str, call: str = "{{ diagram('box') }}") -> Path:
    root = make_project(tmp_path, None)
    (root / "docs" / diagrams.FOLDER).mkdir(parents=True)
    (root / "docs" / diagrams.FOLDER / "box.svg").write_text(svg, encoding="utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n{call}\n", encoding="utf-8")
    return root


def test_make_check_knows_the_macro_and_reports_a_wrong_name(tmp_path: Path) -> None:
    assert "diagram" in core.MACROS
    root = _project_with_diagram(tmp_path, GOOD, "{{ diagram('boxes') }}")
    lines = [str(p) for p in checks.run(root, today=TODAY, tools=False).items]
    assert len(lines) == 1 and re.match(r"docs/index\.md:\d+: unknown diagram 'boxes' - ", lines[0]), lines


def test_the_build_puts_the_diagram_inline_and_fails_on_a_bad_one(tmp_path: Path) -> None:
    root = _project_with_diagram(tmp_path / "good", GOOD)
    result = mkdocs_build(root / "site", root / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<div class="diagram"><svg viewBox="0 0 100 50" role="img" aria-labelledby="diagram-box-title"' in html
    root = _project_with_diagram(tmp_path / "bad", GOOD.replace("<text", '<text onload="x()"'))
    result = mkdocs_build(root / "site", root / "mkdocs.yml")
    assert result.returncode != 0
    assert "docs/assets/diagrams/box.svg:7: the attribute onload= runs a script - remove onload=" in result.stderr
