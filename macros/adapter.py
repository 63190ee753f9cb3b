"""The thin layer between the core and the site generator: the `define_env` macros of mkdocs-macros.

`define_env` loads the content once per build into a `Build`, fails the build on any content error,
registers the macros that editors call, and hands the `Build` to the Markdown extension
(`macros.extension`): through its options on MkDocs and ProperDocs, through the core's one memo on
Zensical (see `define_env`).
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from . import build as core
from . import checklists, diagrams, glossary, helplines, references, render
from .errors import ContentError
from .qr import qr_svg
from .urls import source_link

EXTENSION = "macros.extension"  # the extension's name in mkdocs.yml `markdown_extensions`
# What Zensical (0.0.73) skips of mkdocs.yml, said once per build so that nothing is silently missing.
ZENSICAL_SKIPS = ("Zensical skips mkdocs.yml's menu checks (`validation.nav`) and the search plugin's `lang`;"
                  " `make test` checks the menu with MkDocs, and `make engines` compares the sites.")


def page_src(page: Any) -> str | None:
    """Docs-relative path of a page: MkDocs' pages hold it as `file.src_uri`; Zensical's as `path`."""
    if page is None:
        return None
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path


def _fail(error: ContentError) -> NoReturn:
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another generator: a plain error carries the same lines
        raise error from None
    raise PluginError(f"content has {len(error.problems)} problem(s):\n{error}") from None


def docs_path(conf: Any) -> Path:
    """The docs folder: MkDocs' config holds it absolute; Zensical's relative to its `root_dir`."""
    return (Path(conf.get("root_dir") or "") / conf["docs_dir"]).resolve()


def _load(conf: Any, docs: Path) -> core.Build:
    # The project's folder and config file: MkDocs records the file; Zensical runs in the folder.
    config_file = Path(conf.get("config_file_path") or Path(conf.get("root_dir") or ".") / "mkdocs.yml").resolve()
    source = conf["extra"].get("translation_of")
    build, problems = core.load(docs, conf["extra"], site_url=conf.get("site_url") or "",
                                directory_urls=conf["use_directory_urls"], language=conf["theme"]["language"],
                                source=config_file.parent / source if source else None, root=config_file.parent,
                                config_name=config_file.name)
    try:
        problems.raise_if_errors()
    except ContentError as error:
        _fail(error)
    return build


def define_env(env: Any) -> None:
    """MkDocs and ProperDocs call this once per build, before any page; Zensical in each page's conversion.

    Once per build: load the content and hand it to the extension through its options. Per page: load it
    the first time (and again after an edit, in `serve`), remember it for the extension (`core.remember`).
    """
    conf = env.conf
    docs = docs_path(conf)
    if getattr(env, "page", None) is None:  # once per build
        build = _load(conf, docs)
        conf["mdx_configs"].setdefault(EXTENSION, {})["build"] = build
    else:
        stamp = core.inputs_stamp(docs, conf["extra"], conf.get("site_url"), conf["use_directory_urls"])
        build = core.recall(docs, stamp)
        if build is None:
            build = _load(conf, docs)
            build.stamp = stamp
            build.links_from_source = type(env).__module__.startswith("zensical.")
            core.remember(docs, build)
            if build.links_from_source:
                print(ZENSICAL_SKIPS, file=sys.stderr)
    build.current_src = lambda: page_src(getattr(env, "page", None))
    text = build.text
    titles = {src: p.title for src, p in build.pages.items()}  # link text for checklist links

    def here() -> str:
        return build.current_src() or "index.md"

    def url_href(target_src: str) -> str:
        return build.page_href(here(), target_src)

    def unknown(kind: str, key: str) -> NoReturn:
        raise ValueError(f"{here()}: unknown {kind} {key!r}")  # validated at load; never expected

    def block_macro(render_html: Callable[..., str]) -> Callable[..., str]:
        """Register a macro whose output is a finished block of HTML (see `render.raw_block`)."""
        @functools.wraps(render_html)
        def macro(*args: str) -> str:
            return render.raw_block(render_html(*args))
        return env.macro(macro)

    @env.macro
    def cite(key: str) -> str:
        """Inline citation linked to its entry on the references page."""
        ref = build.refs.get(key) or unknown("citation", key)
        return references.render_citation(ref, url_href(core.REFERENCES_PAGE))

    @env.macro
    def term(slug: str, label: str | None = None) -> str:
        """An explicit link to a glossary term, with its definition as the tooltip."""
        t = build.terms.get(slug) or unknown("term", slug)
        title = t.definition.replace('"', "&quot;")
        return f'[{label or t.title}]({source_link(here(), t.src)} "{title}"){{: .term-link data-term="{slug}" }}'

    def route_lines(route: str) -> str:
        kinds = ("emergency", "abuse") if route == "danger" else ("emergency", "crisis")
        return helplines.render(build.help_lines, text, kinds, heading="p")

    @block_macro
    def checklist(cid: str) -> str:
        c = build.checklists.get(cid) or unknown("checklist", cid)
        return checklists.render(c, url_href, titles, text, build.address, route_lines)

    @block_macro
    def checklist_index() -> str:
        return checklists.render_index(build.checklists, build.checklist_pages, url_href)

    @block_macro
    def glossary_index() -> str:
        return glossary.render_index(build.terms, url_href, text)

    @block_macro
    def diagram(name: str) -> str:
        """An SVG from docs/assets/diagrams/, inline so that it follows the palette (see diagrams.py)."""
        return diagrams.render_diagram(diagrams.diagram_path(build.docs, name), root=build.docs.parent)

    @block_macro
    def reference_list() -> str:
        entries = [references.render_entry(ref, [(url_href(p.src), p.title) for p in used], text["used_in"])
                   for ref, used in build.reference_entries()]
        return references.render_list(entries)

    @block_macro
    def crisis_lines() -> str:
        return helplines.render(build.help_lines, text)

    @block_macro
    def clinical_reviews() -> str:
        """The pages that a qualified reviewer has signed off (`clinical_review:` in their front matter)."""
        return render.clinical_reviews(build.pages.values(), url_href, text)

    @block_macro
    def clinician_directory() -> str:
        def qr(page: Any) -> str:
            return qr_svg(build.address(page.src), text["qr_for"].format(title=page.title))
        return render.directory(build.directory(conf["nav"]), url_href, build.address, qr, text, build.twin_addresses)
