"""Translations: each records the version of its English source; a changed source is listed and shown."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown

from macros import build as core
from macros.config import load_config
from macros.translations import source_hash
from tests.conftest import ROOT

EXTRA_ES = load_config(ROOT / "mkdocs.es.yml")["extra"]
PAGE = ("---\ntitle: {t}\ndescription: D.\nreviewed: 2026-01-10\nreview_due: 2027-01-10\nreferences: []\n"
        "{extra}---\n\n{body}\n")


def project(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "es" / "_data" / "help-lines").mkdir(parents=True)
    (docs / "_data" / "references").mkdir(parents=True)
    (docs / "es" / "_data" / "help-lines" / "es.yml").write_text(
        (ROOT / "docs/es/_data/help-lines/es.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "steps.md").write_text(PAGE.format(t="Steps", extra="", body="Take one small step."))
    (docs / "other.md").write_text(PAGE.format(t="Other", extra="", body="Not translated yet."))
    source = source_hash(docs / "steps.md")
    (docs / "es" / "steps.md").write_text(
        PAGE.format(t="Pasos", extra=f"translated_from: {source}\ntranslation_review:\n", body="Da un paso pequeño."))
    return docs


def load(docs: Path) -> tuple[core.Build, list[str]]:
    build, problems = core.load(docs / "es", EXTRA_ES, dt.date(2026, 6, 1), language="es", source=docs,
                                root=docs.parent, config_name="mkdocs.es.yml")
    return build, [str(p) for p in problems.items if "steps.md" in p.path or "other.md" in p.path]


def test_an_up_to_date_translation_is_quiet_and_a_missing_one_is_listed(tmp_path: Path) -> None:
    _, problems = load(project(tmp_path))
    assert problems == ["docs/other.md:1: warning: there is no translation of this page in docs/es - translate it "
                        "to docs/es/other.md (see CONTRIBUTING.md, languages)"]


def test_a_changed_source_is_listed_and_the_page_says_so_in_its_language(tmp_path: Path) -> None:
    docs = project(tmp_path)
    (docs / "steps.md").write_text(PAGE.format(t="Steps", extra="", body="Take one small, safe step."))
    build, problems = load(docs)
    new = source_hash(docs / "steps.md")
    assert (f"docs/es/steps.md:7: warning: its source has changed since it was translated - update it from "
            f"docs/steps.md, then set `translated_from: {new}`") in problems
    assert build.outdated == {"steps.md"}
    build.current_src = lambda: "steps.md"
    html = markdown.Markdown(extensions=["macros.extension"],
                             extension_configs={"macros.extension": {"build": build}}).convert("Da un paso pequeño.")
    assert html.startswith('<aside class="translation-note"')
    assert EXTRA_ES["text"]["translation_outdated"] in html and 'href="../../steps/" hreflang="en"' in html


def test_a_translation_must_record_its_source(tmp_path: Path) -> None:
    docs = project(tmp_path)
    text = (docs / "es" / "steps.md").read_text().replace("translated_from:", "old:")
    (docs / "es" / "steps.md").write_text(text.replace("old: ", "# was "))
    _, problems = load(docs)
    expected = "docs/es/steps.md:1: the translation does not record its source's version"
    assert any(p.startswith(expected) for p in problems)
