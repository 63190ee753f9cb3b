"""The mkdocs-macros adapter, driven the way mkdocs-macros drives it, on the small `base` fixture."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import markdown
import pytest
import yaml

from macros import adapter
from macros import site as core
from macros.checks import _ConfigLoader
from tests.conftest import ROOT

EXTRA = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)["extra"]


class FakeEnv:
    """What the adapter uses of mkdocs-macros' env: `conf`, `page`, `markdown`, `macro` and `has_j2`."""

    markdown = ""

    def __init__(self, docs: Path, directory_urls: bool = True):
        self.conf: dict[str, Any] = {"docs_dir": str(docs), "extra": EXTRA, "use_directory_urls": directory_urls,
                                     "site_url": "https://guide.test/", "nav": ["index.md", "checklists/ready.md"]}
        self.macros: dict[str, Any] = {}
        self.page: Any = None

    def macro(self, fn: Any) -> Any:
        self.macros[fn.__name__] = fn
        return fn

    @staticmethod
    def has_j2(text: str) -> bool:
        return any(mark in text for mark in ("{{", "{%", "{#!"))  # the markers set in mkdocs.yml

    def at(self, src: str) -> FakeEnv:
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src))
        return self


@pytest.fixture
def env() -> FakeEnv:
    env = FakeEnv(ROOT / "tests" / "fixtures" / "base" / "docs")
    adapter.define_env(env)
    yield env
    adapter.STATE.clear()


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
    assert adapter.current_src() == "glossary/grounding.md"
    assert 'href="../../references/#sample2020"' in env.macros["cite"]("sample2020")


def test_checklist_links_follow_the_url_style(env: FakeEnv) -> None:
    html = env.at("checklists/ready.md").macros["checklist"]("ready")
    assert 'href="../../glossary/grounding/"' in html and 'id="ready-calm"' in html
    env.conf["use_directory_urls"] = False  # the offline build
    assert 'href="../glossary/grounding.html"' in env.macros["checklist"]("ready")


def test_unknown_keys_cannot_reach_a_macro(env: FakeEnv) -> None:
    with pytest.raises(ValueError, match="unknown term 'nope'"):
        env.at("index.md").macros["term"]("nope")


def test_help_lines_come_from_the_config(env: FakeEnv) -> None:
    html = env.at("get-help.md").macros["crisis_lines"]()
    assert '<a class="crisis-lines__phone" href="tel:988">988</a>' in html


def test_content_errors_stop_the_build_with_every_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: x\n---\n\n{{ term('missing') }}\n")
    with pytest.raises(Exception) as info:
        adapter.define_env(FakeEnv(docs))
    message = str(info.value)
    assert "docs/index.md:1: front matter has no `description`" in message
    assert "docs/index.md:5: unknown glossary term 'missing'" in message


def _jinja(env: FakeEnv) -> jinja2.Environment:
    """A Jinja environment set up as mkdocs.yml sets up mkdocs-macros'."""
    j2 = jinja2.Environment(undefined=jinja2.StrictUndefined, comment_start_string="{#!",
                            comment_end_string="!#}", keep_trailing_newline=True)
    j2.globals.update(env.macros)
    return j2


def test_simple_calls_give_what_jinja_gives(env: FakeEnv) -> None:
    env.at("glossary/grounding.md")
    page = ("# Grounding {#grounding}\n\nSee {{ cite('sample2020') }} and {{cite( \"sample2020\" )}}.\n\n"
            "{{ term(\"window-of-tolerance\", 'your window') }} {: #x }\n\n{{ crisis_lines() }}\n")
    expanded = adapter.expand_simple_calls(page, env.macros, env.has_j2)
    assert expanded == _jinja(env).from_string(page).render()
    assert "{{" not in expanded and "(Sample, 2020)" in expanded


@pytest.mark.parametrize("page", [
    "{% if true %}{{ cite('sample2020') }}{% endif %}",  # a block
    "{#! note !#}{{ cite('sample2020') }}",               # a comment
    "{{ cite(key) }}",                                    # a variable
    "{{ cite('sample2020') | upper }}",                   # a filter
    "{{ citе('sample2020') }}",                           # an unknown macro (Cyrillic e)
    "{{ cite('nope') }}",                                 # a macro that fails
    "{{ crisis_lines(,) }}",                              # a syntax error
])
def test_anything_else_is_left_to_jinja(env: FakeEnv, page: str) -> None:
    assert adapter.expand_simple_calls(page, env.macros, env.has_j2) is None


def test_page_hook_gives_the_theme_a_qr_code_and_spares_jinja(env: FakeEnv) -> None:
    env.at("index.md")
    env.page.meta, env.page.title = {}, "Home"
    env.markdown = "Read {{ cite('sample2020') }}.\n"
    adapter.on_pre_page_macros(env)
    assert env.page.meta["print_url"] == "https://guide.test/"
    assert env.page.meta["print_qr"].startswith('<svg role="img"')
    assert env.page.meta["render_macros"] is False and "(Sample, 2020)" in env.markdown
    env.page.meta, env.markdown = {}, "{% if true %}x{% endif %}\n"
    adapter.on_pre_page_macros(env)
    assert "render_macros" not in env.page.meta and env.markdown == "{% if true %}x{% endif %}\n"
