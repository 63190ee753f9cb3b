"""One site, three engines. Fast: the core's one memo, and links in finished HTML for each engine's rule.
Slow (marked `engines`: it builds the site six times): `make engines` finds no difference, and a content
error stops the Zensical build as it stops MkDocs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin

import pytest

from macros import adapter, cli
from macros import build as core
from macros.config import load_config
from tests import engines
from tests.browser_path import chromium_path
from tests.conftest import ROOT
from tests.test_content_errors import make_project

EXTRA = load_config(ROOT / "mkdocs.yml")["extra"]
BASE = ROOT / "tests" / "fixtures" / "base" / "docs"
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


class PerPageEnv:
    """An env as Zensical hands it to `define_env`: inside a page's conversion, so `page` is already set."""

    def __init__(self, docs: Path, src: str):
        self.conf: dict[str, Any] = {"root_dir": str(docs.parent), "docs_dir": docs.name, "extra": EXTRA,
                                     "use_directory_urls": True, "site_url": "https://guide.test/",
                                     "nav": ["index.md"], "mdx_configs": {}, "theme": {"language": "en"}}
        self.page = SimpleNamespace(path=src, url=src[:-3] + "/")
        self.macros: dict[str, Any] = {}

    def macro(self, fn: Any) -> Any:
        self.macros[fn.__name__] = fn
        return fn


def test_a_per_page_engine_loads_the_content_once_and_again_after_an_edit(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(BASE, docs)
    first = PerPageEnv(docs, "index.md")
    adapter.define_env(first)
    build = core.recall(docs.resolve())
    assert build is not None and build.current_src() == "index.md"
    assert first.conf["mdx_configs"] == {}  # nothing handed through the options, which Zensical hashes
    second = PerPageEnv(docs, "glossary/grounding.md")
    adapter.define_env(second)
    assert core.recall(docs.resolve()) is build and build.current_src() == "glossary/grounding.md"
    assert 'href="../../references/#sample2020"' in second.macros["cite"]("sample2020")
    (docs / "index.md").write_text((docs / "index.md").read_text() + "\nOne more line.\n")  # an edit in `serve`
    adapter.define_env(PerPageEnv(docs, "index.md"))
    assert core.recall(docs.resolve()) is not build


def test_once_per_build_engines_hand_the_build_through_the_options_and_leave_the_memo_alone() -> None:
    env = PerPageEnv(BASE, "index.md")
    env.page = None  # MkDocs and ProperDocs call define_env before any page
    adapter.define_env(env)
    assert isinstance(env.conf["mdx_configs"][adapter.EXTENSION]["build"], core.Build)
    assert core.recall(BASE.resolve()) is None


def test_recall_with_a_stamp_refuses_a_stale_build(tmp_path: Path) -> None:
    build = core.Build(tmp_path, {}, stamp=1)
    core.remember(tmp_path, build)
    assert core.recall(tmp_path) is build and core.recall(tmp_path, 1) is build
    assert core.recall(tmp_path, 2) is None and core.recall(tmp_path / "other") is None


@pytest.mark.parametrize(("src", "target", "mkdocs", "zensical"), [
    ("glossary/amygdala.md", "glossary/hypervigilance.md", "../hypervigilance/", "hypervigilance/"),
    ("checklists/readiness.md", "glossary/grounding.md#x", "../../glossary/grounding/#x", "../glossary/grounding/#x"),
    ("about.md", "index.md", "../", "./"),
    ("steps/index.md", "steps/setbacks.md", "setbacks/", "setbacks/"),
])
def test_links_in_finished_html_follow_each_engine_s_rule(src: str, target: str, mkdocs: str, zensical: str) -> None:
    """MkDocs leaves finished HTML alone; Zensical reads its links from the Markdown file's folder and adds
    the `../` of a page's own folder. Both then lead to the same address."""
    build = core.Build(BASE, {})
    assert build.page_href(src, target) == mkdocs
    build.links_from_source = True
    assert build.page_href(src, target) == zensical
    page = src[:-3] + "/" if not src.endswith("index.md") else src[: -len("index.md")]
    rewritten = zensical if src.endswith("index.md") else "../" + zensical  # Zensical's rewrite
    assert urljoin(engines.BASE + page, rewritten) == urljoin(engines.BASE + page, mkdocs)


def test_a_link_that_climbs_above_the_root_is_caught() -> None:
    """A browser stops at the site's root, so such a link can look right on a server and fail from disk."""
    assert engines.climbs("checklists/readiness/", "../../../glossary/grounding/")
    assert not engines.climbs("checklists/readiness/", "../../glossary/grounding/")
    assert not engines.climbs("", "https://example.org/../x")


# --- slow: real builds -------------------------------------------------------------------------------

def need_zensical() -> None:
    if not ZENSICAL.exists():
        message = "Zensical is not installed: run `make test` or `make engines` (they install .venv-zensical)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.engines
def test_mkdocs_properdocs_and_zensical_build_the_same_site() -> None:
    need_zensical()
    browser = chromium_path() is not None or bool(os.environ.get("CI"))  # CI must search in Chromium
    # In a process of its own: the suite's browser already runs Playwright in this one.
    result = subprocess.run([sys.executable, "-m", "tests.engines", *([] if browser else ["--no-browser"])],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No difference between mkdocs, properdocs, zensical." in result.stdout


@pytest.mark.engines
def test_a_content_error_stops_the_zensical_build_with_its_line(tmp_path: Path) -> None:
    need_zensical()
    root = make_project(tmp_path, "unknown-term")
    result = cli.build_site("zensical", tmp_path / "out", root=root)
    assert result.returncode != 0
    assert "docs/index.md:16: unknown glossary term 'calmness'" in result.stdout + result.stderr
