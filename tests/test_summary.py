"""The pull request summary (`python -m macros.cli changes`): which pages a change touches, and the table."""
from __future__ import annotations

import pytest

from macros import build as core
from macros import cli
from macros.config import load_config
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def site() -> core.Build:
    build, problems = core.load(ROOT / "docs", load_config(ROOT / "mkdocs.yml")["extra"])
    assert not problems.errors
    return build


def test_a_change_names_the_pages_whose_text_it_alters(site: core.Build) -> None:
    checklist, page = next(iter(site.checklist_pages.items()))
    ref = next(iter(site.refs))
    citing = {src for src, p in site.pages.items() if ref in p.meta.get("references", [])}
    files = ["docs/barriers.md", f"docs/_data/checklists/{checklist}.yml", f"docs/_data/references/{ref}.yml",
             "README.md", "docs/assets/css/site.css", "docs/es/barriers.md"]
    srcs = [p.src for p in cli.changed_pages(site, files, "docs")]
    assert srcs == sorted({"barriers.md", page} | citing)  # the Spanish page is the Spanish edition's


def test_the_summary_says_so_when_no_page_changed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["changes", "--base", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Pages whose text changed") and "No page's text changed." in out


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: from it, every page is new


def test_the_summary_lists_pages_with_grade_and_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["changes", "--base", EMPTY_TREE]) == 0
    out = capsys.readouterr().out
    assert "| Page | File | Readability | Content check |" in out
    assert "| Get help now | `docs/get-help.md` | reading grade" in out
    assert "`docs/es/get-help.md` | Fernández-Huerta ease" in out
