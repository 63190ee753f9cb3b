"""The mkdocs-macros adapter, driven the way mkdocs-macros drives it, on the small `base` fixture."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest

from macros import adapter
from macros import build as core
from macros.config import load_config
from tests.conftest import ROOT

EXTRA = load_config(ROOT / "mkdocs.yml")["extra"]


class FakeEnv:
    """What the adapter uses of mkdocs-macros' env: `conf`, `page` and `macro`."""

    def __init__(self, docs: Path, directory_urls: bool = True):
        self.conf: dict[str, Any] = {"docs_dir": str(docs), "extra": EXTRA, "use_directory_urls": directory_urls,
                                     "site_url": "https://guide.test/", "nav": ["index.md", "checklists/ready.md"],
                                     "mdx_configs": {}, "theme": {"language": "en"},
                                     "config_file_path": str(docs.parent / "mkdocs.yml")}
        self.macros: dict[str, Any] = {}
        self.page: Any = None

    def macro(self, fn: Any) -> Any:
        self.macros[fn.__name__] = fn
        return fn

    def at(self, src: str) -> FakeEnv:
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src))
        return self


BASE = ROOT / "tests" / "fixtures" / "base" / "docs"


@pytest.fixture
def env() -> FakeEnv:
    env = FakeEnv(BASE)
    adapter.define_env(env)
    return env


def test_registers_exactly_the_macros_that_content_checks_know(env: FakeEnv) -> None:
    assert set(env.macros) == set(core.MACROS)


def test_cite_links_to_the_reference_entry_from_any_depth(env: FakeEnv) -> None:
    assert env.at("index.md").macros["cite"]("sample2020") == (
        '<a class="citation" href="references/#sample2020">(Sample, 2020)</a>')
    assert 'href="../../references/#sample2020"' in env.at("glossary/grounding.md").macros["cite"]("sample2020")


def test_term_macro_is_a_markdown_link_that_markdown_and_the_linker_understand(env: FakeEnv) -> None:
    source = env.at("checklists/ready.md").macros["term"]("window-of-tolerance", "your window")
    html = markdown.Markdown(extensions=["attr_list"]).convert(source)
    assert html == ('<p><a class="term-link" data-term="window-of-tolerance" href="../glossary/window-of-tolerance.md"'
                    ' title="The range of stress in which you can think, feel and respond without shutting down.">'
                    "your window</a></p>")


def test_pages_without_a_file_are_found_by_their_path(env: FakeEnv) -> None:
    env.page = SimpleNamespace(path="glossary/grounding.md", url="glossary/grounding/")  # as Zensical has them
    assert adapter.page_src(env.page) == "glossary/grounding.md"
    assert 'href="../../references/#sample2020"' in env.macros["cite"]("sample2020")


def test_checklist_links_follow_the_url_style(env: FakeEnv) -> None:
    html = env.at("checklists/ready.md").macros["checklist"]("ready")
    assert 'href="../../glossary/grounding/"' in html and 'id="ready-calm"' in html
    offline = FakeEnv(BASE, directory_urls=False)
    adapter.define_env(offline)
    assert 'href="../glossary/grounding.html"' in offline.at("checklists/ready.md").macros["checklist"]("ready")


def test_unknown_keys_cannot_reach_a_macro(env: FakeEnv) -> None:
    with pytest.raises(ValueError, match="unknown term 'nope'"):
        env.at("index.md").macros["term"]("nope")


def test_help_lines_come_from_the_language_s_data_file(env: FakeEnv) -> None:
    html = env.at("get-help.md").macros["crisis_lines"]()
    assert '<a class="help-line__phone" href="tel:116123">116 123</a>' in html and "<h3>United Kingdom</h3>" in html


def test_content_errors_stop_the_build_with_every_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: x\n---\n\n{{ term('missing') }}\n")
    with pytest.raises(Exception) as info:
        adapter.define_env(FakeEnv(docs))
    message = str(info.value)
    assert "docs/index.md:1: front matter has no `description`" in message
    assert "docs/index.md:5: unknown glossary term 'missing'" in message


def test_the_markdown_extension_gets_the_build_through_its_options(env: FakeEnv) -> None:
    build = env.conf["mdx_configs"][adapter.EXTENSION]["build"]
    assert isinstance(build, core.Build)
    env.at("index.md")
    md = markdown.Markdown(extensions=[adapter.EXTENSION], extension_configs=env.conf["mdx_configs"])
    assert 'class="term-link" data-term="grounding"' in md.convert("Try grounding.")


def test_without_a_build_the_extension_leaves_pages_alone() -> None:
    """MkDocs loads the extension once without options, to check the configuration."""
    assert markdown.Markdown(extensions=[adapter.EXTENSION]).convert("Try grounding.") == "<p>Try grounding.</p>"
