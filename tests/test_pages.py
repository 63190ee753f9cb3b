"""Front matter schema and headings, on pages written to a temporary docs folder."""
from pathlib import Path

from macros.errors import Problems
from macros.pages import load_pages

GOOD = "---\ntitle: T\ndescription: D.\nreviewed: 2026-01-01\nreview_due: 2027-01-01\nreferences: []\n---\n\n"


def load(tmp_path: Path, files: dict[str, str]) -> tuple[dict, list[str]]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    problems = Problems(tmp_path)
    pages = load_pages(tmp_path, problems)
    return pages, [f"{p.path}:{p.line}: {p.what}" for p in problems.items]


def test_valid_page_and_headings(tmp_path: Path) -> None:
    pages, problems = load(tmp_path, {"a.md": GOOD + "## Why? {#why}\n\n### How {: #how }\n"})
    assert problems == []
    assert [(h.level, h.text, h.anchor, h.line) for h in pages["a.md"].headings] == [
        (2, "Why?", "why", 9), (3, "How", "how", 11)]


def test_page_without_front_matter_is_an_error_not_dropped(tmp_path: Path) -> None:
    _, problems = load(tmp_path, {"a.md": "Just text.\n"})
    assert problems == ["a.md:1: the page has no front matter"]


def test_types_dates_and_order(tmp_path: Path) -> None:
    text = GOOD.replace("references: []", "references: porges2011").replace("2027-01-01", "2025-01-01") + "Text.\n"
    _, problems = load(tmp_path, {"a.md": text})
    assert problems == ["a.md:6: `references` should be a list like [a, b]",
                        "a.md:5: `review_due` is not after `reviewed`"]


def test_h1_and_code_fences(tmp_path: Path) -> None:
    _, problems = load(tmp_path, {"a.md": GOOD + "# Title\n\n```\n## not a heading\n```\n"})
    assert problems == ["a.md:9: the page has a `#` heading"]


def test_term_pages_need_a_definition_not_a_description(tmp_path: Path) -> None:
    term = GOOD.replace("description: D.", "definition: A meaning.\naliases: []\nrelated: []")
    pages, problems = load(tmp_path, {"glossary/x.md": term + "Text.\n"})
    assert problems == [] and pages["glossary/x.md"].term_slug == "x"
