"""Editors' commands: scaffolding writes valid files; check prints one line per problem and fails."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from macros import checks, cli
from macros.config import load_config
from tests.conftest import ROOT
from tests.test_content_errors import make_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path, None)
    monkeypatch.setattr(cli, "ROOT", root)
    monkeypatch.setattr(cli, "TEMPLATES", ROOT / "docs" / "_data" / "templates")
    return root


@pytest.mark.parametrize(("kind", "files", "url"), [
    ("new-page", ["docs/trust-at-work.md"], "/trust-at-work/"),
    ("new-term", ["docs/glossary/trust-at-work.md"], "/glossary/trust-at-work/"),
    ("new-checklist", ["docs/_data/checklists/trust-at-work.yml", "docs/checklists/trust-at-work.md"],
     "/checklists/trust-at-work/"),
])
def test_scaffolding_writes_files_that_fail_until_the_starter_text_is_replaced(
        project: Path, kind: str, files: list[str], url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([kind, "Trust at work"]) == 0
    assert all((project / f).exists() for f in files) and url in capsys.readouterr().out
    assert url in (project / "urls.txt").read_text().split()  # the new address is listed, once
    errors = [str(p) for p in checks.run(project, today=dt.date.today(), tools=False).errors]
    assert errors and all("starter text" in e for e in errors), errors
    assert any(e.startswith(f"{files[0]}:") for e in errors)
    for f in files:  # an editor writes their own words
        path = project / f
        path.write_text(re.sub(r"TODO: [^\"\n{]*", "Some plain words of my own.", path.read_text()))
    assert [str(p) for p in checks.run(project, today=dt.date.today(), tools=False).errors] == []


def test_scaffolding_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new-term", "Grounding"]) == 1
    assert "docs/glossary/grounding.md:1: already exists" in capsys.readouterr().err


def test_check_command_reports_and_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "index.md").write_text("---\ntitle: [broken\n---\n\nText.\n")
    assert cli.main(["check", "--fast"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("docs/index.md:") and "the YAML does not parse" in out.splitlines()[0]


def test_new_language_scaffolds_an_edition_that_inherits_the_site(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(ROOT / "mkdocs.es.yml", project / "mkdocs.es.yml")
    assert cli.main(["new-language", "fr"]) == 0
    config = load_config(project / "mkdocs.fr.yml")
    assert config["docs_dir"] == "docs/fr" and config["site_dir"] == "site/fr"
    assert config["theme"]["language"] == "fr" and config["extra"]["translation_of"] == "docs"
    assert set(config["extra"]["text"]) == set(load_config(project / "mkdocs.yml")["extra"]["text"])
    assert "exclude_docs" in capsys.readouterr().out
    assert cli.main(["new-language", "fr"]) == 1  # never overwrites
