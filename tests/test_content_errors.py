"""Broken content: each fixture in tests/fixtures/ changes the small valid `base` site in one way,
and `make check` (and, for build errors, the strict build) must say exactly what and where."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from macros import checks
from tests.conftest import ROOT, mkdocs_build

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")
TODAY = dt.date(2026, 6, 1)  # fixed, so review dates in fixtures never expire


def make_project(tmp: Path, case: str | None) -> Path:
    """The base fixture with one case laid over it, plus the project's config files."""
    root = tmp / (case or "base")
    shutil.copytree(FIXTURES / "base", root)
    if case:
        for src in (FIXTURES / case).rglob("*"):
            if src.is_file() and src.name != "expected.txt":
                dest = root / src.relative_to(FIXTURES / case)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dest)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n", encoding="utf-8")
    for name in (".codespell-words.txt", ".pymarkdown.json"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "macros").symlink_to(ROOT / "macros")  # mkdocs-macros looks for the module beside mkdocs.yml
    return root


def test_base_fixture_is_clean(tmp_path: Path) -> None:
    problems = checks.run(make_project(tmp_path, None), today=TODAY)
    assert [str(p) for p in problems.items] == []


def test_every_case_has_an_expected_message() -> None:
    assert CASES and all((FIXTURES / c / "expected.txt").exists() for c in CASES)


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_mistake(tmp_path: Path, case: str) -> None:
    problems = checks.run(make_project(tmp_path, case), today=TODAY)
    lines = [str(p) for p in problems.items]
    for expected in (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in {lines}"
    # One mistake, one message: nothing else in the small site is reported because of it.
    changed = {p.relative_to(FIXTURES / case).as_posix() for p in (FIXTURES / case).rglob("*.*")}
    assert {p.path for p in problems.items} <= changed | {"docs", "docs/glossary/grounding.md",
                                                         "docs/glossary/window-of-tolerance.md"}


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path, "review-overdue")
    assert not checks.run(root, today=TODAY).errors
    strict = checks.run(root, strict=True, today=TODAY).errors
    assert [str(p) for p in strict] == [
        "docs/checklists/ready.md:5: the review was due on 2025-01-10 - review the page, then update "
        "`reviewed` and `review_due`"]


@pytest.mark.parametrize("case", [
    "unknown-term", "front-matter-does-not-parse", "overlapping-bands", "latin1-page", "binary-data", "empty-page",
    "yaml-list", "markup-in-definition", "unsafe-link", "template-variable", "help-line-without-source"])
def test_strict_build_fails_with_the_same_line(tmp_path: Path, case: str) -> None:
    root = make_project(tmp_path, case)
    result = mkdocs_build(tmp_path / "out", root / "mkdocs.yml")
    assert result.returncode != 0
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").strip()
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_base_fixture_builds(tmp_path: Path) -> None:
    root = make_project(tmp_path, None)
    result = mkdocs_build(tmp_path / "out", root / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_renamed_page_keeps_its_old_address_through_a_redirect(tmp_path: Path) -> None:
    """urls.txt is a promise: an old address keeps working when a redirect is declared in mkdocs.yml."""
    root = make_project(tmp_path, None)
    (root / "urls.txt").write_text((root / "urls.txt").read_text() + "/getting-ready/\n")
    config = root / "mkdocs.yml"
    redirect = "redirect_maps:\n        getting-ready.md: checklists/ready.md"
    config.write_text(config.read_text().replace("redirect_maps: {}", redirect))
    assert mkdocs_build(tmp_path / "out", config).returncode == 0
    for url in (root / "urls.txt").read_text().split():
        assert (tmp_path / "out" / url.strip("/") / "index.html").exists(), url
    assert "checklists/ready/" in (tmp_path / "out" / "getting-ready" / "index.html").read_text()
